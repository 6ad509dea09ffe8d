import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// The word catalogs (`templates/messages/LANG.yaml`): their format, their errors (file, line
/// and id), the shipped catalogs, and how templates and the generator reach them.
@Suite("Message catalogs")
struct MessageCatalogTests {
    let spanish = Language(code: "es")!
    let hmong = Language(code: "hmn")!

    static let english = """
        nav.log: "Public log"
        readers.fixed:
          one: "{count} fixed camera"
          other: "{count} fixed cameras"
        footer.phone: "Phone: {contact_phone}"
        """

    func english() throws -> MessageCatalog {
        try MessageCatalog(language: .english, file: "templates/messages/en.yaml", text: Self.english)
    }

    func error(_ text: String, language: Language? = nil) throws -> GeneratorError {
        try #require(throws: GeneratorError.self) {
            let catalog = try MessageCatalog(language: language ?? spanish, file: "templates/messages/es.yaml", text: text)
            try catalog.check(against: english())
        }
    }

    @Test func aCompleteTranslationChecksAndFillsItsPlaceholders() throws {
        let catalog = try MessageCatalog(language: spanish, file: "templates/messages/es.yaml", text: """
            nav.log: "Registro público"
            readers.fixed:
              one: "{count} cámara fija"
              other: "{count} cámaras fijas"
            footer.phone:
              untranslated: "Phone: {contact_phone}"
            """)
        try catalog.check(against: english())
        #expect(catalog.untranslated == ["footer.phone"])
        let messages = Messages(catalog: catalog)
        #expect(Messages.fill("Teléfono: {contact_phone}", ["contact_phone": "763"]) == "Teléfono: 763")
        if case .plural(let forms)? = catalog.messages["readers.fixed"]?.text {
            #expect(forms[PluralRules.category(of: 1, in: spanish)] == "{count} cámara fija")
            #expect(forms[PluralRules.category(of: 2, in: spanish)] == "{count} cámaras fijas")
        } else {
            Issue.record("readers.fixed is not plural")
        }
        #expect(messages.language == spanish)
    }

    @Test func aLanguageWithoutPluralsNeedsOnlyTheOtherForm() throws {
        let catalog = try MessageCatalog(language: hmong, file: "templates/messages/hmn.yaml", text: """
            nav.log: "Ntawv teev cia"
            readers.fixed:
              other: "{count} lub koob yees duab"
            footer.phone: "Xov tooj: {contact_phone}"
            """)
        try catalog.check(against: english())
        #expect(PluralRules.category(of: 1, in: hmong) == .other)
    }

    @Test(arguments: [
        ("nav.log: \"Registro\n", 2, "is not valid YAML"),   // the quote is found unclosed at the end
        ("nav.log: \"Registro público\"\nnav.logs: \"Registros\"\n", 2, "`nav.logs` is not a message id of the English catalog"),
        ("nav.log: \"Registro\"\nreaders.fixed:\n  other: \"{count} cámaras\"\nfooter.phone: \"Teléfono: {contact_phone}\"\n", 2,
         "plural message `readers.fixed` has no `one` form"),
        ("nav.log: \"Registro {agency}\"\n", 1, "message `nav.log` has the placeholder {agency}, which the English message does not have"),
        ("nav.log: \"Registro\"\nreaders.fixed: \"{count} cámaras\"\n", 2, "message `readers.fixed` is a single text, but the English message has plural forms"),
        ("nav.log:\n  uno: \"Registro\"\n", 1, "message `nav.log` has the form `uno`, which is not a plural form"),
    ] as [(String, Int, String)])
    func aBadCatalogIsAnErrorNamingFileLineAndID(text: String, line: Int, problem: String) throws {
        let error = try error(text)
        #expect(error.message.contains("templates/messages/es.yaml line \(line)"), "\(error.message)")
        #expect(error.message.contains(problem), "\(error.message)")
    }

    @Test func aMissingMessageIsNamed() throws {
        let error = try error("nav.log: \"Registro\"\nfooter.phone: \"Teléfono: {contact_phone}\"\n")
        #expect(error.message.contains("templates/messages/es.yaml") && error.message.contains("has no message `readers.fixed`"), "\(error.message)")
    }

    @Test func aListedLanguageWithoutACatalogIsAnErrorListingTheCatalogs() throws {
        let site = SiteFixture(config: "agency_name: Test PD\nlanguages: [en, vi]\n")
        let error = try #require(throws: GeneratorError.self) { try SiteBuilder(options: site.options(now: "2024-11-20T18:00:00Z")).check() }
        #expect(error.message.contains("templates/messages/vi.yaml does not exist"), "\(error.message)")
        #expect(error.message.contains("catalogs found: en.yaml, es.yaml, hmn.yaml, so.yaml"), "\(error.message)")
    }

    @Test func theEnglishCatalogMustHoldEveryMessageTheGeneratorUses() throws {
        let site = SiteFixture()
        let url = site.site.appendingPathComponent("templates/messages/en.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "nav.audits: \"Audits\"\n", with: "").utf8).write(to: url)
        let error = try #require(throws: GeneratorError.self) { try SiteBuilder(options: site.options(now: "2024-11-20T18:00:00Z")).check() }
        #expect(error.message.contains("templates/messages/en.yaml") && error.message.contains("has no message `nav.audits`, which the generator uses"),
                "\(error.message)")
    }

    @Test func aTemplateNamingAMessageTheCatalogLacksIsAnError() throws {
        let site = SiteFixture()
        site.write("templates/partials/footer.mustache", "<footer>\n{{>t/footer.abuot}}\n</footer>\n")
        let error = try #require(throws: GeneratorError.self) { try SiteBuilder(options: site.options(now: "2024-11-20T18:00:00Z")).check() }
        #expect(error.message.contains("templates/partials/footer.mustache line 2") && error.message.contains("`footer.abuot`"), "\(error.message)")
    }

    @Test func aMessageIsTextInATemplateWithItsPlaceholdersThePagesFields() {
        #expect(TemplateSet.partialSource("Phone: {contact_phone}") == "Phone: {{contact_phone}}")
        #expect(TemplateSet.partialSource("As of {generated_on_html}.") == "As of {{{generated_on_html}}}.")
        // A translator's text is text: markup and braces are shown as written, never read as HTML or tags.
        #expect(TemplateSet.partialSource("<b>{{</b> & {Not}") == "&lt;b&gt;&#123;&#123;&lt;/b&gt; &amp; &#123;Not&#125;")
    }

    /// The shipped catalogs: Spanish complete; Somali and Hmong with every key, all in English.
    @Test func theShippedCatalogsAreCompleteOrMarkedUntranslated() throws {
        let folder = Project.templates.appendingPathComponent(MessageCatalog.folder)
        let codes = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(5)) }.sorted()
        #expect(codes == ["en", "es", "hmn", "so"])
        let catalogs = try MessageCatalogs.load(templates: Project.templates, languages: codes.compactMap(Language.init(code:)))
        #expect(catalogs.english.untranslated.isEmpty)
        #expect(catalogs.byLanguage[spanish]?.untranslated.isEmpty == true)
        for code in ["so", "hmn"] {
            let catalog = try #require(catalogs.byLanguage[Language(code: code)!])
            #expect(Set(catalog.messages.keys) == Set(catalogs.english.messages.keys))
            #expect(catalog.untranslated.count == catalogs.english.messages.count)
        }
        // Every message the generator uses is in English, and every English message is used by
        // the generator or a template.
        let templateText = try FileManager.default.subpathsOfDirectory(atPath: Project.templates.path)
            .filter { $0.hasSuffix(".mustache") }
            .map { try String(contentsOf: Project.templates.appendingPathComponent($0), encoding: .utf8) }.joined()
        let used = Set(MessageID.all.map(\.id))
        for id in catalogs.english.messages.keys {
            #expect(used.contains(id) || templateText.contains("{{>t/\(id)}}"), "\(id) is used nowhere")
        }
    }

    @Test func checkListsWhatATranslatorStillHasToDo() throws {
        let site = SiteFixture(config: "agency_name: Test PD\nlanguages: [en, es, so]\n")
        FixtureDatabase(path: site.databasePath).close()
        site.write("content/pages/faq.md", "---\ntitle: FAQ\n---\nQuestions.\n")
        site.write("content/pages/faq.es.md", "---\ntitle: Preguntas\n---\nPreguntas.\n")
        let warnings = try SiteBuilder(options: site.options(now: "2024-11-20T18:00:00Z")).check()
        let english = try MessageCatalog(language: .english, file: "en", text: String(contentsOf: Project.templates.appendingPathComponent("messages/en.yaml"), encoding: .utf8))
        #expect(!warnings.contains { $0.hasPrefix("Translation into Español") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("Translation into Soomaali (so): \(english.messages.count) of \(english.messages.count) messages in templates/messages/so.yaml are not yet translated") && $0.contains("content/pages/faq.md") },
                "\(warnings)")
    }
}
