import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// A site in several languages: the main one at the top, each other one under its own folder
/// with every page, `lang`, `hreflang` alternates and a switcher; one set of data files.
@Suite("A site in several languages")
struct LanguageSiteTests {
    static let now = "2024-11-20T18:00:00Z"

    static func site(languages: String) -> SiteFixture {
        let site = SiteFixture(config: "agency_name: Test Police Department\nbase_url: https://alpr.example.gov/\nlanguages: \(languages)\n")
        FixtureDatabase(path: site.databasePath).close()
        site.write("content/pages/faq.md", "---\ntitle: Questions\n---\nHow are plates read?\n")
        site.write("content/pages/faq.es.md", "---\ntitle: Preguntas\n---\n¿Cómo se leen las placas?\n")
        site.write("content/pages/request.md", "---\ntitle: Request your data\n---\nWrite to the records unit.\n")
        return site
    }

    static func htmlPages(_ files: [String: Data]) -> [String] {
        files.keys.filter { $0.hasSuffix(".html") }.sorted()
    }

    @Test func everyPageIsPublishedInEachLanguageWithItsLangAndAlternates() throws {
        let site = Self.site(languages: "[en, es]")
        try site.build(now: Self.now)
        let files = site.outputFiles()
        let english = Self.htmlPages(files).filter { !$0.hasPrefix("es/") && $0 != SiteMap.notFound }
        #expect(english.contains("searches/index.html") && english.contains("faq/index.html"))
        #expect(Self.htmlPages(files).filter { $0.hasPrefix("es/") }.sorted() == english.map { "es/" + $0 }.sorted())
        for page in english {
            let address = page.hasSuffix("index.html") ? String(page.dropLast("index.html".count)) : page
            for (language, path) in [("en", page), ("es", "es/" + page)] {
                let html = String(decoding: try #require(files[path]), as: UTF8.self)
                #expect(html.contains("<html lang=\"\(language)\">"), "\(path)")
                #expect(html.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://alpr.example.gov/\(address)\">"), "\(path)")
                #expect(html.contains("<link rel=\"alternate\" hreflang=\"es\" href=\"https://alpr.example.gov/es/\(address)\">"), "\(path)")
                // The switcher names each language in itself.
                #expect(html.contains("lang=\"en\" hreflang=\"en\"") && html.contains(">English</a>") && html.contains(">Español</a>"), "\(path)")
            }
        }
        // The sitemap lists every variant; the data files are one set, at the top.
        let sitemap = try #require(site.outputText("sitemap.xml"))
        #expect(sitemap.components(separatedBy: "<url>").count - 1 == english.count * 2)
        #expect(sitemap.contains("<loc>https://alpr.example.gov/es/searches/</loc>"))
        #expect(!files.keys.contains { $0.hasPrefix("es/") && !$0.hasSuffix(".html") })
        let spanishData = try #require(site.outputText("es/data/index.html"))
        #expect(spanishData.contains("href=\"../../data/public-log.csv\""))
        #expect(files["data/public-log.csv"] != nil)
    }

    @Test func contentUsesItsTranslationOrIsMarkedWithItsOwnLanguage() throws {
        let site = Self.site(languages: "[en, es]")
        try site.build(now: Self.now)
        let faq = try #require(site.outputText("es/faq/index.html"))
        #expect(faq.contains("¿Cómo se leen las placas?") && faq.contains("<article class=\"prose\">"))
        let request = try #require(site.outputText("es/request/index.html"))
        #expect(request.contains("<article class=\"prose\" lang=\"en\">") && request.contains("Write to the records unit."))
        // In the main language nothing is marked, and the translation is no page of its own there.
        #expect(try #require(site.outputText("request/index.html")).contains("<article class=\"prose\">"))
        #expect(site.outputText("faq.es/index.html") == nil)
        // The footer links the pages by their titles in the page's language.
        #expect(faq.contains(">Preguntas</a>"))
        // Policies and audits are published in the language they are written in, marked so.
        #expect(try #require(site.outputText("es/policy/index.html")).contains("<article class=\"prose\" lang=\"en\">"))
        #expect(try #require(site.outputText("es/audits/2024-audit/index.html")).contains("<div class=\"prose\" lang=\"en\">"))
        #expect(try #require(site.outputText("policy/index.html")).contains("<article class=\"prose\">"))
        // So are their titles, requirements and notes where other pages quote them.
        #expect(try #require(site.outputText("es/policy/index.html")).contains("<h1 lang=\"en\">ALPR Policy</h1>"))
        let audit = try #require(site.outputText("es/audits/2024-audit/index.html"))
        #expect(audit.contains("<th scope=\"row\" lang=\"en\">BCA notified within 10 days</th>"))
        #expect(audit.contains("lang=\"en\">One notice late.</td>"))
        let report = try #require(site.outputText("es/report/index.html"))
        #expect(report.contains("No cumplido: <span lang=\"en\">BCA notified within 10 days</span>"))
        #expect(report.contains(". <span lang=\"en\">One notice late.</span></li>"))
        let englishReport = try #require(site.outputText("report/index.html"))
        #expect(englishReport.contains("Not met: BCA notified within 10 days (Minn. Stat. 13.824 subd. 8). One notice late.</li>"))
    }

    @Test func theMainLanguageIsTheSameWithOrWithoutTheOthersButForTheSwitcherAndAlternates() throws {
        let alone = Self.site(languages: "[en]")
        alone.remove("content/pages/faq.es.md")
        try alone.build(now: Self.now)
        let both = Self.site(languages: "[en, es]")
        try both.build(now: Self.now)
        func strip(_ data: Data?) -> String {
            var html = String(decoding: data ?? Data(), as: UTF8.self)
            html = html.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("<link rel=\"alternate\" hreflang=") }.joined(separator: "\n")
            if let start = html.range(of: "    <nav class=\"languages\""), let end = html.range(of: "</nav>\n", range: start.upperBound..<html.endIndex) {
                html.removeSubrange(start.lowerBound..<end.upperBound)
            }
            return html
        }
        let (a, b) = (alone.outputFiles(), both.outputFiles())
        // The publication history lists a digest of site.yaml, which differs by its `languages`.
        let pages = Self.htmlPages(a).filter { $0 != "changes/index.html" }
        #expect(pages.count > 10)
        for page in pages where page != SiteMap.notFound {
            #expect(a[page] != b[page], "\(page)")
            #expect(strip(a[page]) == strip(b[page]), "\(page)")
        }
        // The 404 page is one for every language, without a switcher: the main language's, then a
        // part in each other language (issue 26).
        let alone404 = String(decoding: a[SiteMap.notFound] ?? Data(), as: UTF8.self)
        let both404 = String(decoding: b[SiteMap.notFound] ?? Data(), as: UTF8.self)
        #expect(!alone404.contains("<section lang=") && both404.contains("<section lang=\"es\">"))
        #expect(strip(a[SiteMap.notFound]).count < strip(b[SiteMap.notFound]).count)
        for file in a.keys where file.hasPrefix("data/") && !file.hasSuffix(".html") {
            #expect(a[file] == b[file], "\(file)")
        }
    }

    @Test func aLanguageWhoseCatalogIsNotTranslatedIsNotPublishedYet() throws {
        let site = Self.site(languages: "[en, so]")
        site.remove("content/pages/faq.es.md")
        try site.build(now: Self.now)
        #expect(!site.outputFiles().keys.contains { $0.hasPrefix("so/") })
        #expect(!(try #require(site.outputText("index.html"))).contains("hreflang"))
        let warnings = try SiteBuilder(options: site.options(now: Self.now)).check()
        #expect(warnings.contains { $0.contains("the site is published in Soomaali once every message is") }, "\(warnings)")
    }

    @Test func theDataDictionaryIsTranslatedButTheFilesStayOneEnglishSet() throws {
        let site = Self.site(languages: "[en, es]")
        try site.build(now: Self.now)
        let catalog = try String(contentsOf: Project.templates.appendingPathComponent("messages/en.yaml"), encoding: .utf8)
        let meanings = catalog.matches(of: /(?m)^data_(?:column|file)\.[a-z_.]+\.(?:about|[a-z_]+): "(.*)"$/)
            .map { String($0.output.1).replacingOccurrences(of: "\\\"", with: "\"") }
            .filter { !$0.contains("{") }
        #expect(meanings.count > 90)
        let english = try #require(site.outputText("data/index.html")).replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&quot;", with: "\"")
        let spanish = try #require(site.outputText("es/data/index.html")).replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&quot;", with: "\"")
        for meaning in meanings {
            #expect(english.contains(meaning), "English data page lacks: \(meaning)")
            #expect(!spanish.contains(meaning), "Spanish data page has the English: \(meaning)")
        }
        // Column names are a contract: the same, in English, on both pages and in the files.
        let header = try #require(site.outputText("data/public-log.csv")?.components(separatedBy: "\r\n").first)
        #expect(header.split(separator: ",").map(String.init) == DataFiles.publicLog.columns.map(\.name))
        for column in header.split(separator: ",") {
            #expect(spanish.contains("<code>\(column)</code>"), "\(column)")
        }
        #expect(spanish.contains("Fecha (AAAA-MM-DD)") && spanish.contains("fixed, portable o mobile"))
    }

    @Test func thePublicationHistoryIsWordedInEachLanguageAndOlderEnglishLinesAreKeptAsWritten() throws {
        let site = Self.site(languages: "[en, es]")
        try site.build(now: Self.now)
        // A ledger of version 4 recorded its lines as English sentences.
        let ledger = FixtureDatabase(existing: site.site.appendingPathComponent("ledger.sqlite").path)
        ledger.exec("""
            UPDATE publication SET changes = 'First publication of this portal, as an older version wrote it.';
            DROP TABLE ledger_seal; DROP TABLE ledger_owner; DROP TABLE publication_agencies; DROP TABLE daily_search_scope;
            ALTER TABLE period_figures DROP COLUMN row_digest; ALTER TABLE publication DROP COLUMN record_digest; PRAGMA user_version = 4
            """)
        ledger.close()
        site.writeLaterAudit()
        let report = try site.build(now: Self.now)
        #expect(report.publication?.number == 2)
        #expect(report.publicationChanges == ["New audit: August 1, 2024 to July 31, 2026, not compliant."])

        let english = try #require(site.outputText("changes/index.html"))
        #expect(english.contains("<li>New audit: August 1, 2024 to July 31, 2026, not compliant.</li>"))
        #expect(english.contains("<li>First publication of this portal, as an older version wrote it.</li>"))
        let spanish = try #require(site.outputText("es/changes/index.html"))
        #expect(spanish.contains("<li>Nueva auditoría: del 1 de agosto de 2024 al 31 de julio de 2026, no cumple con la ley.</li>"))
        #expect(spanish.contains("<li lang=\"en\">First publication of this portal, as an older version wrote it.</li>"))
        let home = try #require(site.outputText("es/index.html"))
        #expect(home.contains("<li>Nueva auditoría: del 1 de agosto de 2024 al 31 de julio de 2026, no cumple con la ley.</li>"))
        // The feed is one, in the main language.
        let feed = try #require(site.outputText("feed.xml"))
        #expect(feed.contains("<title>Publication 2: New audit: August 1, 2024 to July 31, 2026, not compliant.</title>"))
        #expect(feed.contains("<title>Test Police Department: license plate reader transparency</title>"))
        // The ledger was upgraded and holds the fact, not the words.
        let upgraded = FixtureDatabase(existing: site.site.appendingPathComponent("ledger.sqlite").path)
        #expect(upgraded.scalar("PRAGMA user_version") == String(Ledger.schemaVersion))
        #expect(upgraded.scalar("SELECT changes FROM publication WHERE publication_id = 2")
                == "new_audit start=2024-08-01 end=2026-07-31 outcome=noncompliant")
        upgraded.close()
    }

    @Test func aLanguagePublishedPartlyMarksEachEnglishFallbackWithItsLanguage() throws {
        let site = SiteFixture(config: "agency_name: Test Police Department\nlanguages: [en, so]\npublish_partly: [so]\n")
        FixtureDatabase(path: site.databasePath).close()
        let catalogPath = site.site.appendingPathComponent("templates/messages/so.yaml")
        let somali = try String(contentsOf: catalogPath, encoding: .utf8)
        #expect(somali.contains("nav.log:\n  untranslated: \"Public log\""))
        site.write("templates/messages/so.yaml", somali.replacingOccurrences(of: "nav.log:\n  untranslated: \"Public log\"",
                                                                            with: "nav.log: \"Diiwaanka dadweynaha\""))
        try site.build(now: Self.now)
        let files = site.outputFiles()
        let english = Self.htmlPages(files).filter { !$0.hasPrefix("so/") && $0 != SiteMap.notFound }
        #expect(Self.htmlPages(files).filter { $0.hasPrefix("so/") }.sorted() == english.map { "so/" + $0 }.sorted())
        // English texts of the catalog without placeholders, as they would appear in a page.
        let catalog = try String(contentsOf: Project.templates.appendingPathComponent("messages/en.yaml"), encoding: .utf8)
        let texts = catalog.matches(of: /(?m)^[a-z0-9_.]+: "([^"{}\\]{12,})"$/).map { String($0.output.1) }
            .filter { !$0.contains("'") && !$0.contains("&") }
        #expect(texts.count > 100)
        var fallbacks = 0
        for page in english {
            let html = String(decoding: try #require(files["so/" + page]), as: UTF8.self)
            #expect(html.contains("<html lang=\"so\">"), "\(page)")
            #expect(!html.unicodeScalars.contains { (0xE000...0xE001).contains($0.value) }, "\(page): a fallback mark left")
            // No span inside a tag, the page's title or a chart.
            #expect(html.firstMatch(of: /<[^>]*<span/) == nil, "\(page): a span inside a tag")
            #expect(html.firstMatch(of: /<title>[^<]*<span/) == nil, "\(page): a span in a title")
            #expect(html.firstMatch(of: /<svg(?:(?!<\/svg>).)*<span/.dotMatchesNewlines()) == nil, "\(page): a span in a chart")
            // Every English text in the page's text is inside a span marking it English.
            // The JSON-LD data block is data for search engines, not text a reader sees.
            let body = withoutDataBlocks(html).replacing(/<svg.*?<\/svg>/.dotMatchesNewlines(), with: "")
                .replacing(/<title>.*?<\/title>/, with: "").replacing(/<[^>]*>/, with: { match in
                    match.output.hasPrefix("<span lang=\"en\">") ? "⟦" : match.output == "</span>" ? "⟧" : "<>"
                })
            var outside = body
            while outside.contains(/⟦[^⟦⟧]*⟧/) { outside = outside.replacing(/⟦[^⟦⟧]*⟧/, with: "<>") }
            fallbacks += texts.filter { body.contains($0) }.count
            let unmarked = texts.filter { outside.contains($0) }
            #expect(unmarked.isEmpty, "\(page): English not marked: \(unmarked.prefix(5))")
        }
        #expect(fallbacks > 50)
        let log = try #require(site.outputText("so/log/index.html"))
        #expect(log.contains(">Diiwaanka dadweynaha</a>") && !log.contains("<span lang=\"en\">Diiwaanka"))
        #expect(log.contains("<span lang=\"en\">Camera locations</span>"))
        let warnings = try SiteBuilder(options: site.options(now: Self.now)).check()
        #expect(warnings.contains { $0.contains("published in Soomaali now (publish_partly in site.yaml)") }, "\(warnings)")
    }

    @Test func publishPartlyNamesOnlyTheSitesOtherLanguages() throws {
        for (languages, partly) in [("[en, es]", "[so]"), ("[en, es]", "[en]"), ("[en, es]", "[xx-not]")] {
            let site = SiteFixture(config: "agency_name: Test Police Department\nlanguages: \(languages)\npublish_partly: \(partly)\n")
            FixtureDatabase(path: site.databasePath).close()
            #expect {
                try site.build(now: Self.now)
            } throws: { error in
                let message = "\(error)"
                return message.contains("site.yaml") && message.contains("line 3") && message.contains("publish_partly")
                    && message.contains("is not one of the other languages")
            }
        }
    }
}
