import Foundation

/// The catalogs of a site: English, the reference every other catalog is checked against, and
/// one per language of `languages` (`templates/messages/LANG.yaml`).
struct MessageCatalogs: Sendable {
    let english: MessageCatalog
    /// By language, for English and each language of the site.
    let byLanguage: [Language: MessageCatalog]

    /// Loads and checks the catalogs `languages` need from `templates`. A listed language
    /// without a catalog is an error listing the catalogs there are.
    static func load(templates: URL, languages: [Language], kind: SiteKind = .portal) throws(GeneratorError) -> MessageCatalogs {
        let folder = templates.appendingPathComponent(MessageCatalog.folder)
        func read(_ language: Language) throws(GeneratorError) -> MessageCatalog {
            let name = "templates/\(MessageCatalog.folder)/\(language.code).yaml"
            let url = folder.appendingPathComponent("\(language.code).yaml")
            guard FileManager.default.fileExists(atPath: url.path) else {
                let found = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                    .filter { $0.hasSuffix(".yaml") }.sorted()
                let catalogs = "catalogs found: \(found.isEmpty ? "none" : found.joined(separator: ", "))"
                throw GeneratorError(language == .english
                    ? "The word catalog \(name) does not exist (\(catalogs)). Every \(kind.name) needs it, as the reference of the others: copy templates/\(MessageCatalog.folder)/ from a fresh `\(kind.starterCommand)` folder."
                    : """
                    \(kind.settingsFile) lists the language '\(language.code)', but \(name) does not exist (\(catalogs)). Copy \
                    templates/\(MessageCatalog.folder)/en.yaml to \(language.code).yaml and translate it (docs/templates.md says how), \
                    or remove '\(language.code)' from `languages`.
                    """)
            }
            let text = try SiteFile.text(url, inside: templates, name: name)
            return try MessageCatalog(language: language, file: name, text: text)
        }
        let english = try read(.english)
        try english.checkHolds(kind.messages(), starter: kind.starterCommand)
        var byLanguage = [Language.english: english]
        for language in languages where language != .english {
            let catalog = try read(language)
            try catalog.check(against: english)
            byLanguage[language] = catalog
        }
        return MessageCatalogs(english: english, byLanguage: byLanguage)
    }

    /// The words of `language` (English where it has no catalog).
    func messages(_ language: Language) -> Messages {
        Messages(catalog: byLanguage[language] ?? english)
    }
}
