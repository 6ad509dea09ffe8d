import Foundation

extension SiteRenderer {
    /// `404.html`: what a web server shows for an address the site does not have (see
    /// docs/deploy.md). It is served at any depth, so its links start at the site's own path:
    /// the path of `base_url` when set, else `/`.
    func notFoundPage() -> Page {
        let root = notFoundRoot(baseURL: portal.configuration.baseURL)
        // One page for every language: a server has one 404 page, and a resident who mistyped
        // an address under es/ reads Spanish below the main language, each with its own links.
        let others = translations.map { other in
            let part = "<section lang=\"\(other.language.code)\">\n<h2>\(XMLText.escape(other.messages(.notFoundTitle)))</h2>\n"
                + other.notFoundText(root: root + other.folder(of: other.language)) + "</section>\n"
            // A language published partly marks its English words as its own pages do.
            return other.templates.messages.catalog.hasMarkedFallbacks ? FallbackMarks.resolve(part, lang: Language.english.code) : part
        }
        return Page(path: SiteMap.notFound, kind: .notFound, title: messages(.notFoundTitle),
                    data: HTMLPage(html: notFoundText(root: root) + others.joined(), mark: nil), root: root)
    }

    /// A page whose body is HTML the generator made (rendered Markdown, the 404 page's links),
    /// marked when it is in the main language on another language's page.
    struct HTMLPage: PageData {
        let html: String
        let contentLang: String?
        let mainLanguageName: String?

        init(html: String, mark: MainLanguageMark?) {
            self.html = html
            contentLang = mark?.contentLang
            mainLanguageName = mark?.mainLanguageName
        }
    }

    /// What the 404 page says in this renderer's language, with links to its sections under `root`.
    private func notFoundText(root: String) -> String {
        let link = { (path: String, label: String) in "<a href=\"\(XMLText.escape(root + path))\">\(XMLText.escape(label))</a>" }
        let links = Section.allCases.filter(\.onNotFoundPage).map { "<li>\(link($0.href, messages(.notFoundLink($0))))</li>\n" }.joined()
        return """
            <p>\(XMLText.escape(messages(.notFoundText)))</p>
            <ul>
            \(links)</ul>

            """
    }
}
