/// A section of the portal: a folder of its own, and where it is linked from. The navigation,
/// the 404 page's links and the names a content page may not take are all derived from
/// `allCases`, in this order.
enum Section: String, CaseIterable, Sendable {
    case home, log, locations, searches, policy, audits, data, changes, report

    /// Its folder, with a trailing slash; empty for the home page.
    var href: String { self == .home ? "" : "\(rawValue)/" }

    /// In the main navigation (the publication history and the council report are linked from the footer).
    var inNavigation: Bool { self != .changes && self != .report }

    /// Listed on the 404 page.
    var onNotFoundPage: Bool { inNavigation }
}
