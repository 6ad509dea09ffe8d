/// A link of a site's navigation, the same for every kind of site.
struct NavigationLink: PageData {
    let label: String
    let href: String
    let current: Bool
}

/// A link to the same page in another of the site's languages (and its `hreflang` alternate).
struct LanguageLink: PageData {
    let code: String
    let name: String
    let href: String
    let current: Bool
    let alternate: String

    /// The links of the page at `address` (its path without `index.html`) in each of
    /// `languages`, each language's pages under `folder(language)`; none for a site of one
    /// language. `siteRoot` leads from the page to the site's top; `baseURL` makes the alternates absolute.
    static func links(to address: String, in languages: [Language], current: Language, folder: (Language) -> String,
                      siteRoot: String, baseURL: String?) -> [LanguageLink] {
        guard languages.count > 1 else { return [] }
        return languages.map { other in
            let path = folder(other) + address
            return LanguageLink(code: other.code, name: other.nativeName, href: siteRoot + path, current: other == current,
                                alternate: baseURL.map { $0 + path } ?? siteRoot + path)
        }
    }
}
