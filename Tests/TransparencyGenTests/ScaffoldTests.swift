import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// `transparency-gen init`: a new agency's site that builds into a valid portal at once.
@Suite("New site (init)")
struct ScaffoldTests {
    static let now = Instant(iso: "2026-11-21T15:00:00Z")!

    func newSite(agency: String? = "Maple Grove Police Department") throws -> URL {
        let site = temporaryFolder("init").appendingPathComponent("alpr-portal")
        try SiteScaffold(agencyName: agency).write(to: site)
        return site
    }

    /// A build of a new site: its starter text is published only when allowed (see
    /// `aNewSiteIsNotPublishedWithItsStarterTextUnlessAllowed`).
    func build(_ site: URL) throws -> BuildReport {
        var options = BuildOptions(siteDirectory: site, now: Self.now, sampleScale: 0.02)
        options.allowPlaceholders = true
        return try SiteBuilder(options: options).build()
    }

    @Test func aNewSiteIsNotPublishedWithItsStarterTextUnlessAllowed() throws {
        let site = try newSite()
        do {
            _ = try SiteBuilder(options: BuildOptions(siteDirectory: site, now: Self.now, sampleScale: 0.02)).build()
            Issue.record("starter text was published")
        } catch {
            #expect(error.message.contains("content/policy/policy.md still has"), "\(error.message)")
            #expect(error.message.contains("--allow-placeholders"))
        }
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path))
        let report = try build(site)
        // Every page of a site built from the made-up sample says so.
        for page in ["index.html", "log/index.html", "policy/index.html", "faq/index.html"] {
            #expect(try text(report.output, page).contains("Sample figures, not real data."), "\(page)")
        }
        // The starter's single policy version is at policy/, not also at an unlinked policy/policy/.
        #expect(!FileManager.default.fileExists(atPath: report.output.appendingPathComponent("policy/policy").path))
    }

    func text(_ url: URL, _ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theTemplatesWrittenAreTheProjectsOwnByteForByte() throws {
        let site = try newSite()
        let written = FileManager.default.enumerator(atPath: site.appendingPathComponent("templates").path)!
            .compactMap { $0 as? String }.filter { !$0.hasSuffix("/") && $0.contains(".") }.sorted()
        let project = FileManager.default.enumerator(atPath: Project.root.appendingPathComponent("templates").path)!
            .compactMap { $0 as? String }.filter { $0.contains(".") }.sorted()
        #expect(!project.isEmpty)
        #expect(written == project)
        for path in project {
            #expect(FileManager.default.contents(atPath: site.appendingPathComponent("templates/\(path)").path)
                    == FileManager.default.contents(atPath: Project.root.appendingPathComponent("templates/\(path)").path), "\(path)")
        }
    }

    @Test func initThenBuildGivesAPortalWithTheStarterPagesAndNoExampleAudit() throws {
        let site = try newSite()
        for path in ["site.yaml", "content/policy/policy.md", "content/audits/_example.md", "content/pages/faq.md",
                     "content/pages/request-your-data.md", "README.md", ".gitignore"] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path), "\(path) not written")
        }
        let report = try build(site)
        let output = report.output
        for page in ["index.html", "log/index.html", "locations/index.html", "policy/index.html", "audits/index.html",
                     "data/index.html", "faq/index.html", "request-your-data/index.html", "404.html"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(page).path), "\(page) missing")
        }
        #expect(try text(output, "index.html").contains("Maple Grove Police Department"))
        #expect(try text(output, "faq/index.html").contains("The Maple Grove Police Department uses"))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("audits/_example").path))
        #expect(try text(output, "data/audits.csv").split(separator: "\n").count == 1, "only the header row")
        // The starter text still to replace is listed, by file.
        #expect(report.warnings.contains { $0.hasPrefix("content/policy/policy.md still has") })
        #expect(report.warnings.contains { $0.hasPrefix("content/pages/faq.md still has") })
        try SiteQualityTests.validate(output)
    }

    @Test func theExampleAuditIsAValidAuditOnceRenamed() throws {
        let site = try newSite()
        let audits = site.appendingPathComponent("content/audits")
        try FileManager.default.moveItem(at: audits.appendingPathComponent("_example.md"),
                                        to: audits.appendingPathComponent("2027-biennial.md"))
        let output = try build(site).output
        let csv = parseCSV(try text(output, "data/audits.csv"))
        #expect(csv.count == 2)
        #expect(csv[1].first == "2027-biennial")
        #expect(csv[1].last == "0", "no noncompliant finding")
        #expect(csv[1][csv[0].firstIndex(of: "findings")!] == "8")
    }

    @Test func theTimeZoneAndAnAgencyNameWithQuotesAreWrittenAsGiven() throws {
        let site = temporaryFolder("init-zone")
        try SiteScaffold(agencyName: #"St. Paul "Metro" Police"#, timeZone: AgencyTimeZone(identifier: "America/Denver"))
            .write(to: site)
        let configuration = try SiteConfiguration.load(siteDirectory: site)
        #expect(configuration.agencyName == #"St. Paul "Metro" Police"#)
        #expect(configuration.timeZone.identifier == "America/Denver")
        #expect(configuration.languages.map(\.code) == ["en"])
        #expect(configuration.database == .sample, "a new site builds from the sample agency until database: is set")
    }

    @Test func aSiteInEnglishAndSpanishHasTheStarterPagesInBothAndBuildsBoth() throws {
        let site = temporaryFolder("init").appendingPathComponent("bilingual")
        try SiteScaffold(agencyName: "Maple Grove PD", languages: [.english, Language(code: "es")!, Language(code: "so")!]).write(to: site)
        let config = try String(contentsOf: site.appendingPathComponent("site.yaml"), encoding: .utf8)
        #expect(config.contains("\nlanguages: [en, es, so]\n"))
        for page in ["faq", "glossary", "request-your-data"] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("content/pages/\(page).es.md").path), "\(page)")
        }
        let report = try build(site)
        #expect(try text(report.output, "es/faq/index.html").contains("Preguntas frecuentes"))
        // Somali waits for its translator: check says what is left.
        #expect(!FileManager.default.fileExists(atPath: report.output.appendingPathComponent("so").path))
        var options = BuildOptions(siteDirectory: site, now: Self.now, sampleScale: 0.02)
        options.allowPlaceholders = true
        #expect(try SiteBuilder(options: options).check().contains { $0.hasPrefix("Translation into Soomaali (so)") })
        // A site in one language gets no translations it cannot publish.
        let english = try newSite()
        let pages = try FileManager.default.contentsOfDirectory(atPath: english.appendingPathComponent("content/pages").path)
        #expect(!pages.contains { $0.hasSuffix(".es.md") }, "\(pages)")
    }

    @Test func initRefusesAFolderThatHoldsAnythingAndChangesNothing() throws {
        let site = temporaryFolder("init-existing")
        try Data("agency_name: Ours\n".utf8).write(to: site.appendingPathComponent("site.yaml"))
        do {
            try SiteScaffold().write(to: site)
            Issue.record("init wrote into a folder that was not empty")
        } catch {
            #expect(error.message.contains("\(site.path) is not empty"))
            #expect(error.message.contains("site.yaml"))
            #expect(error.message.contains("Choose a new folder"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path) == ["site.yaml"])
        #expect(try text(site, "site.yaml") == "agency_name: Ours\n")
    }

    @Test func initRefusesAFile() throws {
        let file = temporaryFolder("init-file").appendingPathComponent("notes.txt")
        try Data("x".utf8).write(to: file)
        #expect(throws: GeneratorError.self) { try SiteScaffold().write(to: file) }
        #expect(try text(file.deletingLastPathComponent(), "notes.txt") == "x")
    }
}
