/// The settings every kind of site has (`site.yaml`'s, and the index's `sources.yaml`'s),
/// read the same way with the same errors.
extension YAMLFields {
    /// `base_url`: where the site is published, ending in `/`; nil when not given.
    func baseURL(file: String, example: String) throws(GeneratorError) -> String? {
        guard let base = try optionalText("base_url") else { return nil }
        guard base.hasPrefix("https://") || base.hasPrefix("http://") else {
            throw .at(file, line: line(of: value("base_url")), "base_url '\(base)' is not a web address",
                      fix: "Write the full address the site is published at, e.g. \(example).")
        }
        return base.hasSuffix("/") ? base : base + "/"
    }

    /// `languages`: the site's languages, the main one first; nil when not given.
    func languages(file: String) throws(GeneratorError) -> [Language]? {
        guard let items = try optionalTextList("languages") else { return nil }
        var languages: [Language] = []
        for item in items {
            guard let language = Language(code: item.text) else {
                throw .at(file, line: item.line ?? line(of: value("languages")),
                          "languages: '\(item.text)' is not an ISO 639 language code",
                          fix: "Use codes such as \(Language.examples); the main language comes first.")
            }
            guard !languages.contains(language) else {
                throw .at(file, line: item.line, "languages: '\(item.text)' is listed twice", fix: "List each language once.")
            }
            languages.append(language)
        }
        guard !languages.isEmpty else {
            throw .at(file, line: line(of: value("languages")), "`languages` is empty",
                      fix: "List at least the main language, e.g. `languages: [en]`.")
        }
        return languages
    }

    /// `publish_partly`: languages after the main one to publish before every message is translated.
    func publishPartly(of languages: [Language], file: String) throws(GeneratorError) -> [Language] {
        var partly: [Language] = []
        for item in try optionalTextList("publish_partly") ?? [] {
            guard let language = Language(code: item.text), languages.dropFirst().contains(language) else {
                throw .at(file, line: item.line ?? line(of: value("publish_partly")),
                          "publish_partly: '\(item.text)' is not one of the other languages in `languages` (\(languages.dropFirst().map(\.code).joined(separator: ", ")))",
                          fix: "List only languages that `languages` names after the main one; the main language is always published whole.")
            }
            partly.append(language)
        }
        return partly
    }
}
