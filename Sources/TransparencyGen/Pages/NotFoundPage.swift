import Foundation

extension SiteRenderer {
    /// `404.html`: what a web server shows for an address the site does not have (see
    /// docs/deploy.md). It is served at any depth, so its links start at the site's own path:
    /// the path of `base_url` when set, else `/`.
    func notFoundPage() -> Page {
        let root = portal.configuration.baseURL.flatMap { URLComponents(string: $0)?.path }.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "/"
        let link = { (path: String, label: String) in "<a href=\"\(XMLText.escape(root + path))\">\(XMLText.escape(label))</a>" }
        let links = Section.allCases.filter(\.onNotFoundPage).map { "<li>\(link($0.href, messages(.notFoundLink($0))))</li>\n" }.joined()
        let html = """
            <p>\(XMLText.escape(messages(.notFoundText)))</p>
            <ul>
            \(links)</ul>
            """
        return Page(path: SiteMap.notFound, kind: .notFound, title: messages(.notFoundTitle), fields: ["html": html], root: root)
    }
}
