import Foundation
import PublicLog
import Testing
import TestSupport
@testable import TransparencyGen

/// A build carries over the published pages whose inputs are unchanged, and its output is
/// byte for byte what a full build of the same inputs writes: after a night's new reads, a
/// late upload into an old period still retained, a template change and a configuration change.
@Suite("Page carry-over")
struct PageCarryOverTests {
    static let t0 = PublishingTests.t0
    /// The next day, when the nightly build runs.
    static let t1 = "2024-11-21T18:00:00Z"

    /// A site published once at `t0` from the fixture's 59 days of two readers' use.
    func publishedSite() throws -> SiteFixture {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        let first = try site.build(now: Self.t0)
        #expect(first.pagesCarriedOver == 0)
        return site
    }

    /// Builds `site` against its published output at `now`, and a copy of the same site folder
    /// (ledger included, as it was before this build) into a fresh output; both outputs must
    /// hold the same files with the same bytes. Returns the incremental build's report.
    /// `ledgerOwnerChanged` when the change renames the agency, which its ledger records.
    func buildMatchingFullBuild(_ site: SiteFixture, now: String, ledgerOwnerChanged: Bool = false) throws -> BuildReport {
        let copy = temporaryFolder("full-build")
        defer { try? FileManager.default.removeItem(at: copy) }
        let copiedSite = copy.appendingPathComponent("site")
        try FileManager.default.copyItem(at: site.site, to: copiedSite)
        var incrementalOptions = site.options(now: now)
        incrementalOptions.ledgerOwnerChanged = ledgerOwnerChanged
        let incremental = try SiteBuilder(options: incrementalOptions).build()
        let fullOutput = copy.appendingPathComponent("public")
        var options = site.options(now: now)
        options.ledgerOwnerChanged = ledgerOwnerChanged
        options.siteDirectory = copiedSite
        options.output = fullOutput
        let full = try SiteBuilder(options: options).build()
        #expect(full.pagesCarriedOver == 0)
        #expect(incremental.pages == full.pages)

        let carried = site.outputFiles()
        let rendered = SiteFixture.files(in: fullOutput)
        #expect(carried.count == rendered.count)
        #expect(Set(carried.keys) == Set(rendered.keys))
        let differing = rendered.keys.filter { carried[$0] != rendered[$0] }.sorted()
        #expect(differing.isEmpty, "differ from a full build: \(differing.prefix(10))")
        return incremental
    }

    @Test func aNightWithNewReadsCarriesOverThePastMonthsAndMatchesAFullBuild() throws {
        let site = try publishedSite()
        let septemberBefore = site.outputText("log/2024-09/index.html")
        // The night's shift: a new period of the squad with reads, on November 20.
        let db = FixtureDatabase(existing: site.databasePath)
        db.period("SQ-1", "2024-11-20T18:00:00Z", "2024-11-21T02:00:00Z", id: 1000)
        for n in 0..<4 { db.read("SQ-1", Instant(iso: "2024-11-20T18:00:00Z")!.adding(seconds: Int64(n) * 600).description, plate: "NEW\(n)") }
        db.close()

        let nightly = try buildMatchingFullBuild(site, now: Self.t1)
        // September and October are over and unchanged: their pages, the log's and each reader's, carry over.
        #expect(nightly.pagesCarriedOver >= 6)
        #expect(nightly.pagesCarriedOver < nightly.pages)
        #expect(site.outputText("log/2024-09/index.html") == septemberBefore)
        // The new period is on November's pages, which were rendered anew.
        #expect(site.outputText("log/readers/sq-1/2024-11/index.html")?.contains("Nov 20") == true)
    }

    @Test func aLateUploadIntoAnOldRetainedPeriodRendersItsMonthAgain() throws {
        let site = try publishedSite()
        let octoberBefore = try #require(site.outputText("log/2024-10/index.html"))
        let readerOctoberBefore = try #require(site.outputText("log/readers/sq-1/2024-10/index.html"))
        // A squad's reads of October 11 arrive late, inside its period of that day (still retained).
        let period = Instant(iso: Self.t0)!.adding(seconds: -40 * 86_400)
        let db = FixtureDatabase(existing: site.databasePath)
        for n in 0..<5 { db.read("SQ-1", period.adding(seconds: 3600 + Int64(n) * 60).description, plate: "LATE\(n)") }
        db.close()

        let nightly = try buildMatchingFullBuild(site, now: Self.t1)
        #expect(nightly.pagesCarriedOver > 0)
        #expect(site.outputText("log/2024-10/index.html") != octoberBefore)
        #expect(site.outputText("log/readers/sq-1/2024-10/index.html") != readerOctoberBefore)
    }

    @Test func aTemplateChangeRendersEveryPageAgain() throws {
        let site = try publishedSite()
        let template = site.site.appendingPathComponent("templates/log-month.mustache")
        let text = try String(contentsOf: template, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "{{>partials/figures-explained}}",
                                           with: "<p>Restyled month.</p>\n{{>partials/figures-explained}}").utf8).write(to: template)

        let rebuilt = try buildMatchingFullBuild(site, now: Self.t0)
        #expect(rebuilt.pagesCarriedOver == 0)
        #expect(site.outputText("log/2024-09/index.html")?.contains("Restyled month.") == true)
    }

    @Test func aConfigurationChangeRendersThePagesItShowsOn() throws {
        let site = try publishedSite()
        site.write("site.yaml", "agency_name: Renamed Police Department\n")

        let rebuilt = try buildMatchingFullBuild(site, now: Self.t0, ledgerOwnerChanged: true)
        // The agency's name is on every page.
        #expect(rebuilt.pagesCarriedOver == 0)
        #expect(site.outputText("log/2024-09/index.html")?.contains("Renamed Police Department") == true)
    }

    @Test func aPublishedPageEditedByHandIsRenderedAgain() throws {
        let site = try publishedSite()
        let september = site.output.appendingPathComponent("log/2024-09/index.html")
        let original = try Data(contentsOf: september)
        try Data("<p>Edited on the server.</p>".utf8).write(to: september)

        let nightly = try buildMatchingFullBuild(site, now: Self.t1)
        #expect(nightly.pagesCarriedOver > 0)
        #expect(try Data(contentsOf: september) == original)
    }

    @Test func forceRendersEveryPage() throws {
        let site = try publishedSite()
        var options = site.options(now: Self.t1)
        options.force = true
        let forced = try SiteBuilder(options: options).build()
        #expect(forced.pagesCarriedOver == 0)
        // Its record lets the next build carry pages over again.
        #expect(try site.build(now: "2024-11-22T18:00:00Z").pagesCarriedOver > 0)
    }

    @Test func pastMonthsPagesDoNotSayTheDayTheyWereBuilt() throws {
        let site = try publishedSite()
        let september = try #require(site.outputText("log/readers/fx-1/2024-09/index.html"))
        let november = try #require(site.outputText("log/readers/fx-1/2024-11/index.html"))
        #expect(!september.contains("Figures as of"))
        #expect(!september.contains("November 20, 2024"))
        // Figures as of the last whole day before the build (issue 26).
        #expect(november.contains("Figures as of <time datetime=\"2024-11-19\">"))
    }
}
