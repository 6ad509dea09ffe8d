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
        names.formUnion(PublicationOutputs.takenNames)
        names.formUnion([notFound, "index.html"])
        return Set(names.map { $0.lowercased() })
    }
}
