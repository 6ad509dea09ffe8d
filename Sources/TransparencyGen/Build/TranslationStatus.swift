/// What a translator still has to do for each language of the site besides the main one: the
/// messages of its catalog still holding the English text, and the content pages with no
/// translation. `check` lists it; nothing here is an error.
struct TranslationStatus {
    struct LanguageStatus {
        let language: Language
        let catalogFile: String
        let messages: Int
        /// Published before its catalog is complete (`publish_partly`).
        let publishedPartly: Bool
        /// Message ids still in English, in id order.
        let untranslated: [String]
        /// Content files with no translation into the language.
        let untranslatedPages: [String]

        var isComplete: Bool { untranslated.isEmpty && untranslatedPages.isEmpty }
    }

    let languages: [LanguageStatus]

    init(configuration: SiteConfiguration, catalogs: MessageCatalogs, content: SiteContent) {
        languages = configuration.languages.dropFirst().map { language in
            let catalog = catalogs.byLanguage[language] ?? catalogs.english
            return LanguageStatus(language: language, catalogFile: catalog.file, messages: catalog.messages.count,
                            publishedPartly: configuration.publishPartly.contains(language),
                            untranslated: catalog.untranslated,
                            untranslatedPages: content.pages.filter { page in !page.translations.contains { $0.language == language } }
                                .map { "content/pages/\($0.slug).md" })
        }
    }

    /// One line per language with something left to translate.
    var notes: [String] {
        languages.filter { !$0.isComplete }.map { status in
            var parts: [String] = []
            if !status.untranslated.isEmpty {
                let examples = status.untranslated.prefix(3).joined(separator: ", ")
                let publishing = status.publishedPartly
                    ? "the site is published in \(status.language.nativeName) now (publish_partly in site.yaml), in English where a message is not yet translated"
                    : "the site is published in \(status.language.nativeName) once every message is (or add '\(status.language.code)' to publish_partly in site.yaml to publish it now, in English where a message is not yet translated)"
                parts.append("\(status.untranslated.count) of \(status.messages) messages in \(status.catalogFile) are not yet translated (e.g. \(examples)): replace each `untranslated:` entry with the translation; \(publishing)")
            }
            if !status.untranslatedPages.isEmpty {
                parts.append("\(status.untranslatedPages.count) content \(status.untranslatedPages.count == 1 ? "page has" : "pages have") no translation (\(status.untranslatedPages.joined(separator: ", "))): add a file named like faq.\(status.language.code).md beside each")
            }
            return "Translation into \(status.language.nativeName) (\(status.language.code)): " + parts.joined(separator: "; ") + "."
        }
    }
}
