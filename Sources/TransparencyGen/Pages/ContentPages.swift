extension SiteRenderer {
    func contentPages() -> [Page] {
        portal.content.pages.map { page in
            Page(path: "\(page.slug)/index.html", template: "page", title: page.title, section: "page",
                 fields: ["html": page.html])
        }
    }
}
