/// Every kind of page the portal renders, with its template and section: the templates a site
/// must have are the templates of these kinds.
enum PageKind: CaseIterable, Sendable {
    case home, logIndex, logMonth, logReader, logReaderMonth, locations, searches, policy, audits, audit, contentPage, data, changes, report, notFound

    /// The template in `templates/`, without `.mustache`.
    var template: String {
        switch self {
        case .home: "home"
        case .logIndex: "log-index"
        case .logMonth: "log-month"
        case .logReader: "log-reader"
        case .logReaderMonth: "log-reader-month"
        case .locations: "locations"
        case .searches: "searches"
        case .policy: "policy"
        case .audits: "audits"
        case .audit: "audit"
        case .contentPage, .notFound: "page"
        case .data: "data"
        case .changes: "changes"
        case .report: "report"
        }
    }

    /// Its words link the glossary's terms at their first use. Not the council report, whose every
    /// link is written out for paper, nor the log's thousands of table pages, nor content pages.
    var linksGlossary: Bool {
        switch self {
        case .home, .logIndex, .locations, .searches, .audits, .data, .changes: true
        default: false
        }
    }

    /// The section the navigation marks as current; nil for pages of no section.
    var section: Section? {
        switch self {
        case .home: .home
        case .logIndex, .logMonth, .logReader, .logReaderMonth: .log
        case .locations: .locations
        case .searches: .searches
        case .policy: .policy
        case .audits, .audit: .audits
        case .data: .data
        case .changes: .changes
        case .report: .report
        case .contentPage, .notFound: nil
        }
    }
}
