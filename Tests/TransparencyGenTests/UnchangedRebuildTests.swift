import Foundation
import Testing
import TestSupport
@testable import TransparencyGen

/// A build whose inputs are all as the published site was built from does nothing; any change
/// to one of them, or a new day, or a damaged output, rebuilds.
@Suite("Unchanged rebuild")
struct UnchangedRebuildTests {
    static let t0 = PublishingTests.t0

    /// A site built once, and the modification time of its home page (which a rebuild replaces).
    func builtSite() throws -> (SiteFixture, Date) {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        let first = try site.build(now: Self.t0)
        #expect(!first.upToDate)
        return (site, try homeModified(site))
    }

    func homeModified(_ site: SiteFixture) throws -> Date {
        let attributes = try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent("index.html").path)
        return try #require(attributes[.modificationDate] as? Date)
    }

    @Test func aSecondBuildWithNothingChangedRebuildsNothing() throws {
        let (site, modified) = try builtSite()
        let before = site.outputFiles()
        let second = try site.build(now: "2024-11-20T23:00:00Z")  // later the same local day
        #expect(second.upToDate)
        #expect(second.publication == nil)
        #expect(try homeModified(site) == modified)
        #expect(site.outputFiles() == before)
    }

    @Test func aChangedContentFileRebuilds() throws {
        let (site, _) = try builtSite()
        site.write("content/policy/2024.md", "---\ntitle: \"ALPR Policy\"\neffective_on: 2024-01-01\n---\nRevised text.\n")
        let second = try site.build(now: Self.t0)
        #expect(!second.upToDate)
        #expect(site.outputText("policy/index.html")?.contains("Revised text.") == true)
    }

    @Test func aChangedDatabaseRebuilds() throws {
        let (site, _) = try builtSite()
        let db = FixtureDatabase(existing: site.databasePath)
        db.read("SQ-1", "2024-11-19T19:00:00Z", plate: "LATE1")
        db.close()
        let second = try site.build(now: Self.t0)
        #expect(!second.upToDate)
    }

    @Test func theNextDayRebuilds() throws {
        let (site, _) = try builtSite()
        let second = try site.build(now: "2024-11-21T18:00:00Z")
        #expect(!second.upToDate)
        let third = try site.build(now: "2024-11-21T18:30:00Z")
        #expect(third.upToDate)
    }

    @Test func aPublishedFileRemovedByHandRebuilds() throws {
        let (site, _) = try builtSite()
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("locations/index.html"))
        let second = try site.build(now: Self.t0)
        #expect(!second.upToDate)
        #expect(site.outputText("locations/index.html") != nil)
    }

    @Test func aRestoredOlderLedgerIsRefusedNotTakenAsUpToDate() throws {
        let (site, _) = try builtSite()
        let ledger = site.site.appendingPathComponent("ledger.sqlite").path
        let backup = ledger + ".backup"
        try FileManager.default.copyItem(atPath: ledger, toPath: backup)
        site.write("content/pages/faq.md", "---\ntitle: FAQ\n---\nQuestions.\n")
        #expect(!(try site.build(now: Self.t0)).upToDate)
        // The ledger goes back to before the second publication; the output does not. The build
        // is not taken as up to date: it is refused, as it would publish a second publication 2.
        try FileManager.default.removeItem(atPath: ledger)
        try FileManager.default.moveItem(atPath: backup, toPath: ledger)
        let published = site.outputFiles()
        do {
            _ = try site.build(now: Self.t0)
            Issue.record("a ledger behind the published site was built from")
        } catch let error as GeneratorError {
            #expect(error.description.contains("is publication 2, but the ledger"), "\(error)")
            #expect(error.description.contains("restored from an older backup"))
        }
        #expect(site.outputFiles() == published)
    }

    @Test func forceRebuilds() throws {
        let (site, _) = try builtSite()
        var options = site.options(now: Self.t0)
        options.force = true
        let second = try SiteBuilder(options: options).build()
        #expect(!second.upToDate)
    }

    @Test func theStampIsKeptBesideTheOutputAndRevealsNoPath() throws {
        let (site, _) = try builtSite()
        let stampURL = Publisher(output: site.output, siteDirectory: site.site).stampURL()
        #expect(stampURL.deletingLastPathComponent().standardizedFileURL == site.output.deletingLastPathComponent().standardizedFileURL)
        let stamp = try String(contentsOf: stampURL, encoding: .utf8)
        #expect(!stamp.contains("/"))
        #expect(stamp.trimmingCharacters(in: .whitespacesAndNewlines).count == 64)
        // Nothing in the published folder is the stamp.
        #expect(!site.outputFiles().values.contains(Data(stamp.utf8)))
    }
}
