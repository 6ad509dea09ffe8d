/// A section of the portal: a folder of its own, and where it is linked from. The navigation,
/// the 404 page's links and the names a content page may not take are all derived from
/// `allCases`, in this order.
enum Section: String, CaseIterable, Sendable {
    case home, log, locations, policy, audits, data, changes

    /// Its folder, with a trailing slash; empty for the home page.
    var href: String { self == .home ? "" : "\(rawValue)/" }

    /// Its name in the navigation.
    var label: String {
        switch self {
        case .home: "Overview"
        case .log: "Public log"
        case .locations: "Camera locations"
        case .policy: "Policy"
        case .audits: "Audits"
        case .data: "Open data"
        case .changes: "Publication history"
        }
    }

    /// Its link on the 404 page, in a few words.
    var notFoundLabel: String {
        switch self {
        case .home: "Overview of the program"
        case .log: "Public log of use"
        default: label
        }
    }

    /// In the main navigation (the publication history is linked from the footer).
    var inNavigation: Bool { self != .changes }

    /// Listed on the 404 page.
    var onNotFoundPage: Bool { inNavigation }
}

/// Every kind of page the portal renders, with its template and section: the templates a site
/// must have are the templates of these kinds.
enum PageKind: CaseIterable, Sendable {
    case home, logIndex, logMonth, logReader, locations, policy, audits, audit, contentPage, data, changes, notFound

    /// The template in `templates/`, without `.mustache`.
    var template: String {
        switch self {
        case .home: "home"
        case .logIndex: "log-index"
        case .logMonth: "log-month"
        case .logReader: "log-reader"
        case .locations: "locations"
        case .policy: "policy"
        case .audits: "audits"
        case .audit: "audit"
        case .contentPage, .notFound: "page"
        case .data: "data"
        case .changes: "changes"
        }
    }

    /// The section the navigation marks as current; nil for pages of no section.
    var section: Section? {
        switch self {
        case .home: .home
        case .logIndex, .logMonth, .logReader: .log
        case .locations: .locations
        case .policy: .policy
        case .audits, .audit: .audits
        case .data: .data
        case .changes: .changes
        case .contentPage, .notFound: nil
        }
    }
}

/// The files at the top of the output that are not pages of a section, and the names a content
/// page may not take because the portal uses them.
enum SiteMap {
    static let notFound = "404.html"
    static let feed = "feed.xml"
    static let sitemap = "sitemap.xml"
    static let robots = "robots.txt"
    /// The folder of `templates/assets/`.
    static let assets = "assets"

    /// Every template a site must have.
    static var requiredTemplates: [String] {
        var seen: Set<String> = []
        return PageKind.allCases.map(\.template).filter { seen.insert($0).inserted }
    }

    /// Every top-level name in the output that is the portal's own: the sections' folders, the
    /// folders of data files and assets, and the files at the top. A content page (whose slug
    /// is a top-level folder) may not take one, in any letter case.
    static var reservedNames: Set<String> {
        var names = Set(Section.allCases.filter { $0 != .home }.map(\.rawValue))
        names.formUnion(DataFiles.all.compactMap { $0.path.split(separator: "/").first.map(String.init) })
        names.formUnion([assets, notFound, feed, sitemap, robots, "index.html", Manifest.csvPath, Manifest.sumsPath, Publisher.marker])
        return Set(names.map { $0.lowercased() })
    }
}
