import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Nothing lost, nothing half-published: the ledger, publication records, the manifest, and
/// every way a build can fail.
@Suite("Ledger, publications and atomic publishing")
struct PublishingTests {
    static let t0 = "2024-11-20T18:00:00Z"
    static let t30 = "2024-12-20T18:00:00Z"

    /// Daily squad shifts for the 59 days before T0, each with a few reads and some hits.
    static func purgeFixture(_ path: String) {
        let db = FixtureDatabase(path: path)
        db.reader("SQ-1", kind: "mobile")
        db.reader("FX-1", kind: "fixed")
        db.location("FX-1", "Main St", placedOn: "2024-01-01")
        db.source("bca", "BCA")
        let t0 = Instant(iso: t0)!
        for day in 1...59 {
            let start = t0.adding(seconds: -Int64(day) * 86_400)
            for (reader, id) in [("SQ-1", 1000 + day), ("FX-1", 2000 + day)] {
                db.period(reader, start.description, start.adding(seconds: 8 * 3600).description, id: Int64(id))
                for n in 0..<(3 + day % 4) {
                    let read = db.read(reader, start.adding(seconds: Int64(n) * 600).description, plate: "P\(day % 7)-\(n % 3)")
                    if n == 1 { db.hit(read, day % 2 == 0 ? "warrant" : "license_status") }
                }
            }
        }
        db.close()
    }

    /// Deletes every read older than `cutoff` (and its hits), as the operational system's purge does.
    static func purge(_ path: String, before cutoff: Instant) {
        let db = FixtureDatabase(existing: path)
        db.exec("PRAGMA foreign_keys = ON; DELETE FROM plate_read WHERE read_at < '\(cutoff)';")
        db.close()
    }

    func rows(_ site: SiteFixture) -> [String: [String]] {
        var byID: [String: [String]] = [:]
        for row in parseCSV(site.outputText("data/public-log.csv") ?? "").dropFirst() { byID[row[0]] = row }
        return byID
    }

    @Test func aRebuildAfterThePurgePublishesEveryEarlierFigureUnchanged() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        try site.build(now: Self.t0)
        let before = rows(site)
        #expect(before.count == 118)
        #expect(before.values.allSatisfy { $0[8] != "" })

        // The operational system destroys reads older than 60 days before T+30.
        let cutoff = Instant(iso: Self.t30)!.adding(seconds: -60 * 86_400)
        Self.purge(site.databasePath, before: cutoff)
        try site.build(now: Self.t30)
        let after = rows(site)
        #expect(after.count == before.count)
        for (id, row) in before {
            #expect(after[id] == row, "period \(id) changed after the purge")
        }
        // The purge really removed reads the first build counted.
        let fresh = SiteFixture()
        try FileManager.default.copyItem(atPath: site.databasePath, toPath: fresh.databasePath)
        try fresh.build(now: Self.t30)
        #expect(rows(fresh).values.contains { $0[8] == "" })
    }

    @Test func aFirstBuildAfterThePurgePublishesUnknownNotZero() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        Self.purge(site.databasePath, before: Instant(iso: Self.t30)!.adding(seconds: -60 * 86_400))
        try site.build(now: Self.t30)
        let byID = rows(site)
        // Periods that started before the horizon of T+30 (30 days before T0) and that no ledger saw.
        let old = byID.values.filter { Int($0[0])! % 1000 > 30 }
        #expect(!old.isEmpty)
        for row in old {
            #expect(Array(row[8...14]) == Array(repeating: "", count: 7), "period \(row[0]) should be unknown")
        }
        let recent = byID.values.filter { Int($0[0])! % 1000 < 30 }
        #expect(recent.allSatisfy { Int($0[9]) ?? 0 > 0 })
    }

    @Test func lateUploadsReviseFiguresInsideTheHorizon() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        try site.build(now: Self.t0)
        let before = rows(site)["1001"]
        let db = FixtureDatabase(existing: site.databasePath)
        db.read("SQ-1", Instant(iso: Self.t0)!.adding(seconds: -86_400 + 7200).description, plate: "LATE-UPLOAD")
        db.close()
        let report = try site.build(now: Self.t0)
        #expect(Int(rows(site)["1001"]?[9] ?? "") == Int(before?[9] ?? "")! + 1)
        #expect(report.publication?.periodsRevised == 1)
        #expect(report.publication?.number == 2)
    }

    @Test func aRenumberedExportNeverBorrowsAnotherPeriodsFigures() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        try site.build(now: Self.t0)
        // The vendor's new export numbers the same ids with other times, and the reads are purged.
        let db = FixtureDatabase(existing: site.databasePath)
        db.exec("UPDATE active_period SET started_at = replace(started_at, 'T', 'T'), reader_id = CASE reader_id WHEN 'SQ-1' THEN 'FX-1' ELSE 'SQ-1' END")
        db.close()
        Self.purge(site.databasePath, before: Instant(iso: Self.t30)!.adding(seconds: -60 * 86_400))
        try site.build(now: Self.t30)
        let old = rows(site).values.filter { Int($0[0])! % 1000 > 30 }
        #expect(old.allSatisfy { $0[8] == "" })
        let warnings = try SiteBuilder(options: site.options(now: Self.t30)).check().joined(separator: "\n")
        #expect(warnings.contains("another reader or other times"))
    }

    @Test func anUnchangedRebuildIsNotANewPublication() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        let first = try site.build(now: Self.t0)
        #expect(first.publication?.number == 1)
        let published = site.outputFiles()
        let second = try site.build(now: Self.t0)
        #expect(second.publication == nil)
        #expect(site.outputFiles() == published)
        // New content is a new publication, which says what it brought.
        site.writeLaterAudit()
        let third = try site.build(now: Self.t0)
        #expect(third.publication?.number == 2)
        #expect(third.publicationChanges == ["New audit: August 1, 2024 to July 31, 2026, not compliant."])
        let changes = try #require(site.outputText("changes/index.html"))
        #expect(changes.contains("Publication 2"))
        #expect(changes.contains("Publication 1"))
        let feed = try #require(site.outputText("feed.xml"))
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 2)
    }

    @Test func theManifestListsEveryFileWithItsSHA256() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        try site.build(now: Self.t0)
        let files = site.outputFiles()
        let manifest = parseCSV(try #require(site.outputText("manifest.csv")))
        #expect(manifest.first == ["path", "bytes", "sha256"])
        let listed = Set(manifest.dropFirst().map { $0[0] })
        let expected = Set(files.keys).subtracting(["manifest.csv", "SHA256SUMS", PublicationOutputs.marker])
        #expect(listed == expected)
        for row in manifest.dropFirst() { #expect(Int(row[1]) == files[row[0]]?.count) }
        // Checked by the system's own sha256sum, independently of the generator's hashing.
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        check.arguments = ["--check", "--strict", "--quiet", "SHA256SUMS"]
        check.currentDirectoryURL = site.output
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
    }

    @Test func checkCountsReadsKeptPastRetentionWithoutShowingThem() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        // At T+30 nothing was purged: reads of periods that started over 60 days before are still there.
        let expected = (31...59).reduce(0) { $0 + 2 * (3 + $1 % 4) }
        let warnings = try SiteBuilder(options: site.options(now: Self.t30)).check()
        #expect(warnings.contains { $0.hasPrefix("\(Format.english.number(expected)) plate reads are older than 60 days") })
        #expect(!warnings.joined().contains("P1-"))
        #expect(!FileManager.default.fileExists(atPath: site.site.appendingPathComponent("ledger.sqlite").path))
    }

    // MARK: Failures leave the site and the ledger as they were.

    /// Builds once, breaks something, builds again and expects failure with nothing changed.
    func expectUntouched(_ site: SiteFixture, now: String = t0, configure: (inout SiteBuilder) -> Void = { _ in },
                         _ breakIt: () throws -> Void) throws -> String {
        try site.build(now: Self.t0)
        let published = site.outputFiles()
        let ledgerPath = site.site.appendingPathComponent("ledger.sqlite").path
        try breakIt()
        let ledgerBefore = fileBytes(ledgerPath)
        site.write("content/pages/new.md", "---\ntitle: New page\n---\nText\n")  // so the build would publish
        var builder = SiteBuilder(options: site.options(now: now))
        configure(&builder)
        var message = "no error"
        do { _ = try builder.build() } catch { message = error.description }
        #expect(site.outputFiles() == published, "the published site changed")
        #expect(fileBytes(ledgerPath) == ledgerBefore, "the ledger changed")
        let debris = ((try? FileManager.default.contentsOfDirectory(atPath: site.folder.path)) ?? [])
            .filter { $0.contains("staging") || $0.contains("previous") }
        #expect(debris.isEmpty, "debris: \(debris)")
        return message
    }

    @Test func aCorruptLedgerStopsTheBuild() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        let text = try expectUntouched(site) {
            try Data(repeating: 0x41, count: 8192).write(to: site.site.appendingPathComponent("ledger.sqlite"))
        }
        #expect(text.contains("ledger.sqlite cannot be used"))
        #expect(text.contains("restore it from your backup"))
    }

    /// The ledger holds figures in 32 bits; a figure that does not fit is damage, not a count.
    @Test func aLedgerFigureTooLargeForAPeriodStopsTheBuild() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        let text = try expectUntouched(site) {
            FixtureDatabase(existing: site.site.appendingPathComponent("ledger.sqlite").path)
                .exec("UPDATE period_figures SET reads = 2147483648 WHERE period_id = (SELECT min(period_id) FROM period_figures)")
        }
        #expect(text.contains("ledger.sqlite cannot be used"))
        #expect(text.contains("has a figure of 2³¹ or more"))
    }

    @Test func aTruncatedLedgerStopsTheBuild() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        let text = try expectUntouched(site) {
            let url = site.site.appendingPathComponent("ledger.sqlite")
            let data = try Data(contentsOf: url)
            try data.prefix(data.count / 2).write(to: url)
        }
        #expect(text.contains("ledger.sqlite cannot be used"))
    }

    @Test func aLedgerFromANewerVersionIsRefused() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        let text = try expectUntouched(site) {
            FixtureDatabase(existing: site.site.appendingPathComponent("ledger.sqlite").path).exec("PRAGMA user_version = 99")
        }
        #expect(text.contains("newer version of transparency-gen"))
    }

    @Test func aFullDiskWhileWritingLeavesEverythingAsItWas() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        let written = Counter()
        let text = try expectUntouched(site, configure: { builder in
            builder.writer = FileWriter { data, url, append in
                if written.increment() > 5 { throw POSIXError(.ENOSPC) }
                try FileWriter.standard.write(data, url, append)
            }
        }) {}
        #expect(text.contains("to staging folder\" failed"))
        #expect(text.contains("The published site was not changed"))
    }

    @Test func aBrokenDatabaseOrAuditLeavesEverythingAsItWas() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        _ = try expectUntouched(site) {
            FixtureDatabase(existing: site.databasePath).exec("DROP TABLE comparison_source")
        }
        let other = SiteFixture()
        Self.purgeFixture(other.databasePath)
        _ = try expectUntouched(other) {
            other.write("content/audits/2024-audit.md", "---\nauditor: A\noutcome: compliant\n---\n")
        }
    }

    @Test func anOutputThatCannotBeCreatedFailsCleanly() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        let blocker = site.folder.appendingPathComponent("not-a-folder")
        try Data("file".utf8).write(to: blocker)
        var options = site.options(now: Self.t0)
        options.output = blocker.appendingPathComponent("public")
        #expect(throws: GeneratorError.self) { try SiteBuilder(options: options).build() }
        // Nothing recorded: the ledger has no publication.
        let ledger = try Ledger(path: site.site.appendingPathComponent("ledger.sqlite").path)
        #expect(try ledger.publications().isEmpty)
        #expect(ledger.recordedPeriodCount == 0)
    }

    @Test func anInterruptedSwapIsRepairedByTheNextBuild() throws {
        let site = SiteFixture()
        Self.purgeFixture(site.databasePath)
        try site.build(now: Self.t0)
        let published = site.outputFiles()
        // A crash between the swap's two renames leaves the old site beside the output.
        let previous = site.folder.appendingPathComponent(".public.previous")
        try FileManager.default.moveItem(at: site.output, to: previous)
        try site.build(now: Self.t0)
        #expect(site.outputFiles() == published)
        #expect(!FileManager.default.fileExists(atPath: previous.path))
    }
}

/// A thread-safe counter for injected failures.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
