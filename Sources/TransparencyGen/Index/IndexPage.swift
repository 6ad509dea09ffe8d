/// The index's pages: their kinds (each with its template and section) and the typed data each
/// is rendered from (`PageData`: a struct's properties are its template's fields).
enum IndexPage {
    /// The sections of the index's navigation, each a folder (the home page the top).
    enum Section: String, CaseIterable, Sendable {
        case home, counties, sharing, changes, data

        /// Its address from the site's top: empty for home, else `counties/`.
        var href: String { self == .home ? "" : "\(rawValue)/" }
        /// Its page's path in the output.
        var path: String { href + "index.html" }
    }

    enum Kind: CaseIterable, Sendable {
        case home, agency, counties, sharing, changes, data, notFound

        /// The template in the index's `templates/`, without `.mustache`.
        var template: String {
            switch self {
            case .home: "home"
            case .agency: "agency"
            case .counties: "counties"
            case .sharing: "sharing"
            case .changes: "changes"
            case .data: "data"
            case .notFound: "page"
            }
        }

        /// The section the navigation marks as current.
        var section: Section? {
            switch self {
            case .home, .agency: .home
            case .counties: .counties
            case .sharing: .sharing
            case .changes: .changes
            case .data: .data
            case .notFound: nil
            }
        }
    }

    /// The folder of an agency's page.
    static func agencyPath(_ id: String) -> String { "agencies/\(id)/index.html" }
    /// The address of an agency's page from the site's top, as links name it.
    static func agencyAddress(_ id: String) -> String { pageAddress(agencyPath(id)) }

    // MARK: The fields every page has

    struct Base: PageData {
        let lang: String
        let pageTitle: String
        let root: String
        let siteRoot: String
        let contentSecurityPolicy: String
        let generator: String
        let nav: [NavigationLink]
        let languageLinks: [LanguageLink]
        let hasLanguages: Bool
        let builtOn: String
        let builtOnIso: String
        let pageAddress: String?
        let sampleData: Bool
    }

    // MARK: Pages

    /// An agency as its row and its page show it.
    struct Agency: PageData {
        let id: String
        let name: String
        let href: String
        let county: String
        let status: String
        let statusCode: String
        let failed: Bool
        let reason: String?
        let readers: String
        let plates: String
        let hits: String
        let searches: String
        let forOtherAgencies: String
        let lastAudit: String
        let nextAuditDue: String
        let auditOverdue: Bool
        let lastPublished: String
        let stale: Bool
        /// The portal's address, when the index reads it from one.
        let portalAddress: String?
    }

    struct Home: PageData {
        let title: String
        let counts: [LabelledValue]
        let mapSvg: String?
        let agencies: [Agency]
        let changes: [Change]
        let hasChanges: Bool
    }

    struct Partner: PageData {
        let id: String
        let name: String
        let jurisdiction: String
        /// Federal or out-of-state: marked in words, not by color alone.
        let outside: Bool
        let status: String
        let searches: String
    }

    struct AgencyPage: PageData {
        let agency: Agency
        let title: String
        let partners: [Partner]
        let hasPartners: Bool
        let jurisdictionSearches: [LabelledValue]
        let hasJurisdictionSearches: Bool
        let failed: Bool
        let statusAbout: String
    }

    struct County: PageData {
        let name: String
        let fips: String
        let cells: [String]
    }

    struct Counties: PageData {
        let title: String
        let headings: [String]
        let counties: [County]
    }

    struct SharingLine: PageData {
        let agencyName: String
        let agencyHref: String
        let partner: Partner
    }

    struct Sharing: PageData {
        let title: String
        let outside: [SharingLine]
        let hasOutside: Bool
        let all: [SharingLine]
        let hasAll: Bool
    }

    struct Change: PageData {
        let date: String
        let dateIso: String
        let text: String
        let agencyHref: String
    }

    struct Changes: PageData {
        let title: String
        let changes: [Change]
        let hasChanges: Bool
    }

    struct Column: PageData {
        let name: String
        let type: String
        let meaning: String
    }

    struct Table: PageData {
        let href: String
        let fileName: String
        let anchor: String
        let title: String
        let about: String
        let columns: [Column]
    }

    struct Data: PageData {
        let title: String
        let tables: [Table]
    }

    struct NotFound: PageData {
        let title: String
        let text: String
    }
}
