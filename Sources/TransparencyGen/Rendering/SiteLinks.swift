import Foundation

/// The address of the page at `path` in the output, as a link names it: `log/` for
/// `log/index.html`, other files as they are.
func pageAddress(_ path: String) -> String {
    path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
}

/// The top of a site as its 404 page links it: that page is served at any depth, so its links
/// start at the path of `base_url` when there is one, else at `/`.
func notFoundRoot(baseURL: String?) -> String {
    baseURL.flatMap { URLComponents(string: $0)?.path }.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? "/"
}

/// A label and its value (a figure, a count), in a list of them.
struct LabelledValue: PageData {
    let label: String
    let value: String
}

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
