import Foundation

extension SiteRenderer {
    /// Not in the sitemap: it is no page of the site's own.
    static let notFoundPath = "404.html"

    /// `404.html`: what a web server shows for an address the site does not have (see
    /// docs/deploy.md). It is served at any depth, so its links start at the site's own path:
    /// the path of `base_url` when set, else `/`.
    func notFoundPage() -> Page {
        let root = portal.configuration.baseURL.flatMap { URLComponents(string: $0)?.path }.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "/"
        let link = { (path: String, label: String) in "<a href=\"\(XMLText.escape(root + path))\">\(XMLText.escape(label))</a>" }
        let html = """
            <p>There is no page at this address. It may have been mistyped, or it may have moved when the portal was last published.</p>
            <ul>
            <li>\(link("", "Overview of the program"))</li>
            <li>\(link("log/", "Public log of use"))</li>
            <li>\(link("locations/", "Camera locations"))</li>
            <li>\(link("policy/", "Policy"))</li>
            <li>\(link("audits/", "Audits"))</li>
            <li>\(link("data/", "Open data"))</li>
            </ul>
            """
        return Page(path: Self.notFoundPath, template: "page", title: "Page not found", section: "page", fields: ["html": html, "translations": [[String: Any]](), "has_translations": false], root: root)
    }
}
