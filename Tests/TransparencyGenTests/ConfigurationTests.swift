import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// `site.yaml` mistakes: each names the key and line, and what would be valid.
@Suite("Configuration errors")
struct ConfigurationTests {
    func load(_ yaml: String) throws(GeneratorError) -> SiteConfiguration {
        let site = temporaryFolder("config")
        try? Data(yaml.utf8).write(to: site.appendingPathComponent("site.yaml"))
        return try SiteConfiguration.load(siteDirectory: site)
    }

    func message(_ yaml: String) -> String {
        do {
            _ = try load(yaml)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func anUnknownKeyIsNamedWithItsLineAndTheValidKeys() {
        let text = message("agency_name: X\ntime_zone: America/Chicago\n\nlanguage: [en]\n")
        #expect(text.hasPrefix("site.yaml line 4: unknown field `language`"))
        for key in ["agency_name", "time_zone", "retention_days", "database", "ledger", "base_url", "languages", "contact"] {
            #expect(text.contains(key), "valid key \(key) not listed")
        }
    }

    @Test func anUnknownContactKeyListsTheContactKeys() {
        let text = message("contact:\n  office: Records\n  fax: 555-0101\n")
        #expect(text.hasPrefix("site.yaml line 3: unknown field `fax`"))
        #expect(text.contains("office, address, phone, email, web"))
    }

    @Test func aWrongTypeNamesTheKeyAndLine() {
        let retention = message("agency_name: X\nretention_days: sixty\n")
        #expect(retention.hasPrefix("site.yaml line 2:"))
        #expect(retention.contains("`retention_days` is 'sixty'"))
        #expect(retention.contains("from 1 to 60"))

        let name = message("agency_name:\n  - Elm Creek\n  - Police\n")
        #expect(name.hasPrefix("site.yaml line 2:"))
        #expect(name.contains("`agency_name` must be a single value"))

        let languages = message("languages:\n  main: en\n")
        #expect(languages.hasPrefix("site.yaml line 2:"))
        #expect(languages.contains("`languages` must be a list"))
    }

    @Test func anInvalidTimeZoneListsValidOnesAndGuessesTheIntendedOne() {
        let text = message("agency_name: X\ntime_zone: america/chicago\n")
        #expect(text.hasPrefix("site.yaml line 2: time_zone 'america/chicago' is not a time zone this system knows"))
        #expect(text.contains("Did you mean America/Chicago?"))
        #expect(text.contains("America/Denver, America/New_York"))

        let city = message("time_zone: Chicago\n")
        #expect(city.contains("Did you mean America/Chicago?"))
        #expect(message("time_zone: Minnesota/Central\n").hasPrefix("site.yaml line 1:"))
    }

    @Test func languagesAreISOCodesListedOnce() throws {
        #expect(try load("languages: [en, es, so, hmn]\n").languages.map(\.code) == ["en", "es", "so", "hmn"])
        #expect(try load("languages: es\n").languages.map(\.code) == ["es"])
        #expect(try load("agency_name: X\n").languages.map(\.code) == ["en"])

        let unknown = message("agency_name: X\nlanguages:\n  - en\n  - spanish\n")
        #expect(unknown.hasPrefix("site.yaml line 4: languages: 'spanish' is not an ISO 639 language code"))
        #expect(unknown.contains("es (Spanish)"))
        #expect(message("languages: [en, es, en]\n").contains("'en' is listed twice"))
        #expect(message("languages: []\n").contains("`languages` is empty"))
    }
}

/// Pages translated into the site's other languages (`faq.es.md` beside `faq.md`).
@Suite("Translated pages")
struct TranslationTests {
    let now = "2024-11-20T18:00:00Z"

    func site(languages: String) -> SiteFixture {
        let site = SiteFixture(config: "agency_name: Test Police Department\nlanguages: \(languages)\n")
        site.write("content/pages/faq.md", "---\ntitle: \"Frequently asked questions\"\n---\n\nWhat is a plate reader?\n")
        let db = FixtureDatabase(path: site.databasePath)
        db.reader("SQ-1", kind: "mobile")
        db.period("SQ-1", "2024-11-10T12:00:00Z", "2024-11-10T20:00:00Z")
        db.close()
        return site
    }

    @Test func aTranslationIsThePageOfTheSpanishSiteAndTheVersionsLinkToEachOther() throws {
        let site = site(languages: "[en, es]")
        site.write("content/pages/faq.es.md", "---\ntitle: \"Preguntas frecuentes\"\n---\n\n¿Qué es un lector de placas?\n")
        try site.build(now: now)
        let spanish = try #require(site.outputText("es/faq/index.html"))
        #expect(spanish.contains("<html lang=\"es\">"))
        #expect(spanish.contains("<h1>Preguntas frecuentes</h1>"))
        #expect(spanish.contains("<a href=\"../../faq/\" lang=\"en\" hreflang=\"en\">English</a>"))
        let english = try #require(site.outputText("faq/index.html"))
        #expect(english.contains("<html lang=\"en\">"))
        #expect(english.contains("<a href=\"../es/faq/\" lang=\"es\" hreflang=\"es\">Español</a>"))
        // Each language's footer lists each page once, by its title in that language.
        let index = try #require(site.outputText("index.html"))
        #expect(!index.contains("faq.es/") && index.contains("faq/\">Frequently asked questions</a>"))
        #expect(try #require(site.outputText("es/index.html")).contains("faq/\">Preguntas frecuentes</a>"))
        #expect(site.outputText("faq.es/index.html") == nil)
    }

    @Test func aTranslationInALanguageNotListedNamesTheFileAndTheLanguages() throws {
        let site = site(languages: "[en]")
        site.write("content/pages/faq.so.md", "---\ntitle: \"Su'aalaha\"\n---\n\nQoraal.\n")
        #expect {
            try site.build(now: now)
        } throws: { error in
            let text = (error as? GeneratorError)?.description ?? ""
            return text.contains("content/pages/faq.so.md") && text.contains("Soomaali (so)")
                && text.contains("now: en (English)") && text.contains("Add so to `languages:`")
        }
    }

    @Test func aTranslationOfAMissingPageIsAnError() throws {
        let site = site(languages: "[en, es]")
        site.write("content/pages/hours.es.md", "---\ntitle: \"Horario\"\n---\n\nTexto.\n")
        #expect {
            try site.build(now: now)
        } throws: { error in
            ((error as? GeneratorError)?.description ?? "").contains("translates content/pages/hours.md, which does not exist")
        }
    }
}
