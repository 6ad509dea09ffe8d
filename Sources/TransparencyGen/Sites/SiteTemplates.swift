import Foundation

/// The templates of a site of some kind in each language it is published in: its catalogs
/// (checked against the kind's messages), the main language's set, and one set per other
/// language that is ready. A language is published once every message of its catalog is
/// translated, or before when the settings say to publish it partly, with English marked where
/// it falls back.
struct SiteTemplates: Sendable {
    let catalogs: MessageCatalogs
    let main: TemplateSet
    let translations: [TemplateSet]

    init(folder: URL, languages: [Language], publishPartly: [Language], kind: SiteKind,
         engine: TemplateSet.Engine = .compiled) throws(GeneratorError) {
        catalogs = try MessageCatalogs.load(templates: folder, languages: languages, kind: kind)
        let first = languages.first ?? .english
        main = try TemplateSet(directory: folder, catalog: catalogs.byLanguage[first] ?? catalogs.english, kind: kind, engine: engine)
        var translations: [TemplateSet] = []
        for language in languages.dropFirst() {
            guard let catalog = catalogs.byLanguage[language] else { continue }
            if catalog.untranslated.isEmpty {
                translations.append(try TemplateSet(directory: folder, catalog: catalog, kind: kind, engine: engine))
            } else if publishPartly.contains(language) {
                translations.append(try TemplateSet(directory: folder, catalog: catalog.markingFallbacks(), kind: kind, engine: engine))
            }
        }
        self.translations = translations
    }
}
