extension SiteRenderer {
    /// Each page of `content/pages/`, in this renderer's language: its translation where there
    /// is one, else the main-language text marked with its language (`content_lang`) so that a
    /// screen reader reads it as written.
    func contentPages() -> [Page] {
        portal.content.pages.map { page in
            let version = page.version(in: language)
            // The glossary's terms are anchored, for the links at their first use on other pages.
            let html = page.slug == GlossaryLinks.slug ? (glossary?.anchored(version.html) ?? version.html) : version.html
            return Page(path: "\(page.slug)/index.html", kind: .contentPage, title: version.title,
                        data: HTMLPage(html: html, mark: version.language != language ? mainLanguageText : nil))
        }
    }
}
