extension SiteRenderer {
    /// Each page of `content/pages/`, in this renderer's language: its translation where there
    /// is one, else the main-language text marked with its language (`content_lang`) so that a
    /// screen reader reads it as written.
    func contentPages() -> [Page] {
        portal.content.pages.map { page in
            let version = page.version(in: language)
            // The glossary's terms are anchored, for the links at their first use on other pages.
            var fields: [String: Any] = ["html": page.slug == GlossaryLinks.slug ? (glossary?.anchored(version.html) ?? version.html) : version.html]
            if version.language != language { fields.merge(mainLanguageText) { own, _ in own } }
            return Page(path: "\(page.slug)/index.html", kind: .contentPage, title: version.title, fields: fields)
        }
    }
}
