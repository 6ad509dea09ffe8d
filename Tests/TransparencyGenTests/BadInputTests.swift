import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Every bad input fails with a message naming the file and line (or table and row), and
/// leaves the previously published site exactly as it was.
@Suite("Bad input leaves the published site untouched")
struct BadInputTests {
    let now = "2024-11-20T18:00:00Z"

    /// Builds once successfully, breaks something, builds again: returns the error text.
    func failingRebuild(_ site: SiteFixture, database: String? = nil, _ breakIt: (SiteFixture) -> Void) throws -> String {
        try site.build(now: now)
        let published = site.outputFiles()
        #expect(published["index.html"] != nil)
        breakIt(site)
        var message = "no error"
        do {
            try site.build(now: now, database: database)
        } catch let error as GeneratorError {
            message = error.description
        }
        #expect(site.outputFiles() == published, "the published site changed")
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: site.folder.path)) ?? []
        #expect(leftovers.filter { $0.contains("staging") || $0.contains("previous") }.isEmpty, "debris: \(leftovers)")
        return message
    }

    func siteWithDatabase() -> SiteFixture {
        let site = SiteFixture()
        let db = FixtureDatabase(path: site.databasePath)
        db.reader("SQ-1", kind: "mobile")
        db.period("SQ-1", "2024-11-10T12:00:00Z", "2024-11-10T20:00:00Z")
        db.close()
        return site
    }

    @Test func missingDatabase() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site, database: site.folder.appendingPathComponent("nope.sqlite").path) { _ in }
        #expect(text.contains("nope.sqlite does not exist"))
        #expect(text.contains("read figures"))
    }

    @Test func corruptDatabase() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in
            try? Data(repeating: 7, count: 4096).write(to: URL(fileURLWithPath: site.databasePath))
        }
        #expect(text.contains("could not be read as SQLite"))
    }

    @Test func missingTable() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in FixtureDatabase(existing: site.databasePath).exec("DROP TABLE reader_location") }
        #expect(text.contains("no table `reader_location`"))
    }

    @Test func missingFrontMatterField() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in
            site.write("content/audits/2024-audit.md", "---\nauditor: \"A\"\nperiod_start: 2022-08-01\nperiod_end: 2024-07-31\noutcome: compliant\n---\nText\n")
        }
        #expect(text.contains("content/audits/2024-audit.md"))
        #expect(text.contains("`completed_on` is missing"))
    }

    @Test func invalidDateNamesTheLine() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in
            site.write("content/audits/2024-audit.md", "---\nauditor: \"A\"\nperiod_start: 2022-08-01\nperiod_end: 2024-07-31\ncompleted_on: 2024-10-32\noutcome: compliant\n---\n")
        }
        #expect(text.contains("content/audits/2024-audit.md line 5"))
        #expect(text.contains("'2024-10-32', which is not a date"))
    }

    @Test func unknownOutcomeListsTheValidOnes() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in
            site.write("content/audits/2024-audit.md", "---\nauditor: \"A\"\nperiod_start: 2022-08-01\nperiod_end: 2024-07-31\ncompleted_on: 2024-10-18\noutcome: passed\n---\n")
        }
        #expect(text.contains("line 6"))
        #expect(text.contains("'passed'"))
        #expect(text.contains("compliant or noncompliant"))
    }

    @Test func unknownFindingResult() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in
            site.write("content/audits/2024-audit.md", "---\nauditor: A\nperiod_start: 2022-08-01\nperiod_end: 2024-07-31\ncompleted_on: 2024-10-18\noutcome: compliant\nfindings:\n  - requirement: R\n    statute: S\n    result: maybe\n---\n")
        }
        #expect(text.contains("line 10"))
        #expect(text.contains("'maybe'"))
    }

    @Test func frontMatterThatIsNotYAML() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in
            site.write("content/policy/2024.md", "---\ntitle: \"unclosed\neffective_on: [2024\n---\nText\n")
        }
        #expect(text.contains("content/policy/2024.md"))
        #expect(text.contains("not valid YAML"))
    }

    @Test func missingFrontMatter() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in site.write("content/pages/faq.md", "# FAQ\n") }
        #expect(text.contains("content/pages/faq.md line 1"))
        #expect(text.contains("does not start with front matter"))
    }

    @Test func missingPageTemplate() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in site.remove("templates/audits.mustache") }
        #expect(text.contains("templates/audits.mustache is missing"))
    }

    @Test func missingPartial() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in site.remove("templates/partials/footer.mustache") }
        #expect(text.contains("templates/base.mustache line"))
        #expect(text.contains("partials/footer"))
    }

    @Test func templateNamingAFieldThatDoesNotExist() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in site.write("templates/audits.mustache", "{{<base}}{{$main}}{{titel}}{{/main}}{{/base}}") }
        #expect(text.contains("templates/audits.mustache"))
        #expect(text.contains("`titel`"))
    }

    @Test func templateThatDoesNotParse() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in site.write("templates/page.mustache", "line one\n{{#open}}never closed\n") }
        #expect(text.contains("templates/page.mustache"))
        #expect(text.contains("not a valid Mustache template"))
    }

    @Test func unknownConfigurationKey() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in site.write("site.yaml", "agency_name: X\ntimezone: America/Chicago\n") }
        #expect(text.contains("site.yaml line 2"))
        #expect(text.contains("`timezone`"))
        #expect(text.contains("time_zone"))
    }

    @Test func invalidTimeZone() throws {
        let site = siteWithDatabase()
        let text = try failingRebuild(site) { site in site.write("site.yaml", "time_zone: Minnesota/Central\n") }
        #expect(text.contains("site.yaml line 1"))
        #expect(text.contains("America/Chicago"))
    }

    @Test func outputThatIsNotOurs() throws {
        let site = siteWithDatabase()
        try FileManager.default.createDirectory(at: site.output, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: site.output.appendingPathComponent("important.txt"))
        #expect(throws: GeneratorError.self) { try site.build(now: now) }
        #expect(site.outputText("important.txt") == "keep me")
    }
}
