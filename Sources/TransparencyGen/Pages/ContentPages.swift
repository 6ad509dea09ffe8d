extension SiteRenderer {
    /// Each page of `content/pages/`, and each of its translations, with links between them.
    func contentPages() -> [Page] {
        let main = portal.configuration.languages.first ?? .english
        return portal.content.pages.flatMap { page -> [Page] in
            let versions = [page] + page.translations
            return versions.map { version in
                let root = Self.root(of: "\(version.slug)/index.html")
                let others: [[String: Any]] = versions.filter { $0.slug != version.slug }.map { other in
                    let language = other.language ?? main
                    return ["href": "\(root)\(other.slug)/", "lang": language.code, "name": language.nativeName]
                }
                return Page(path: "\(version.slug)/index.html", kind: .contentPage, title: version.title,
                            fields: ["html": version.html, "translations": others, "has_translations": !others.isEmpty],
                            language: version.language)
            }
        }
    }
}
