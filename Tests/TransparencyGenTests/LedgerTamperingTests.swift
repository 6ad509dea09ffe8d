import CSQLite
import Foundation
import Testing
@testable import PublicLog
import TestSupport
@testable import TransparencyGen

/// A ledger edited outside transparency-gen is never republished as truth: after the purge,
/// the next build and `check` stop, naming the period or publication, and publish nothing.
@Suite("An edited ledger")
struct LedgerTamperingTests {
    /// Period 1045 started 45 days before T0: past the horizon of T+30, so after the purge its
    /// figures come from the ledger alone.
    static let frozen = 1045

    enum Edit: String, CaseIterable, Sendable {
        case platesPlus1000, platesAndReadsPlusOne, negative, platesOverReads, text, deletedRow, addedRow,
             deletedLastPublication, deletedPublications, editedPublication, dailyCounts, agencyList, droppedAgencyLists

        var sql: String {
            let period = "WHERE period_id = \(LedgerTamperingTests.frozen)"
            return switch self {
            case .platesPlus1000: "UPDATE period_figures SET plates = plates + 1000 \(period)"
            case .platesAndReadsPlusOne: "UPDATE period_figures SET plates = plates + 1, reads = reads + 1 \(period)"
            case .negative: "UPDATE period_figures SET stolen = -1 \(period)"
            case .platesOverReads: "UPDATE period_figures SET plates = reads + 1 \(period)"
            case .text: "UPDATE period_figures SET warrant = 'abc' \(period)"
            case .deletedRow: "DELETE FROM period_figures \(period)"
            case .addedRow: """
                INSERT INTO period_figures SELECT 999999, reader_id, started_at, ended_at, plates, reads, stolen, warrant,
                    license_suspended_revoked, active_investigation, other, plates_with_hits, first_recorded_at, last_changed_at, row_digest
                FROM period_figures \(period)
                """
            case .deletedLastPublication: "DELETE FROM publication WHERE publication_id = 2"
            case .deletedPublications: "DELETE FROM publication"
            case .editedPublication: "UPDATE publication SET periods_added = 0 WHERE publication_id = 1"
            case .dailyCounts: "INSERT INTO disposition_days VALUES ('2020-01-01')"
            case .agencyList: "UPDATE publication_agencies SET agencies = 'forged Forged%20Agency' WHERE publication_id = 1"
            case .droppedAgencyLists: "DROP TABLE publication_agencies"
            }
        }

        /// What the message must name.
        var named: String {
            switch self {
            case .platesPlus1000, .platesAndReadsPlusOne, .negative, .platesOverReads, .text:
                "period \(LedgerTamperingTests.frozen) "
            case .deletedRow: "1 recorded period is missing"
            case .addedRow: "period 999999 was changed"
            case .deletedLastPublication: "the record of publication 2 is missing"
            case .deletedPublications: "the records of publications 1 to 2 are missing"
            case .editedPublication: "the record of publication 1 was changed"
            case .dailyCounts: "daily counts"
            case .agencyList, .droppedAgencyLists: "agency lists of its publications"
            }
        }
    }

    @Test(arguments: Edit.allCases)
    func anEditedLedgerStopsTheBuildAndCheckAndPublishesNothing(_ edit: Edit) throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        site.writeLaterAudit()
        try site.build(now: PublishingTests.t0)
        let published = site.outputFiles()
        #expect(parseCSV(site.outputText("data/public-log.csv") ?? "").contains { $0.first == String(Self.frozen) })
        PublishingTests.purge(site.databasePath, before: Instant(iso: PublishingTests.t30)!.adding(seconds: -60 * 86_400))

        let ledgerPath = site.site.appendingPathComponent("ledger.sqlite").path
        let ledger = FixtureDatabase(existing: ledgerPath)
        ledger.exec(edit.sql)
        ledger.close()
        let edited = fileBytes(ledgerPath)

        var built = ""
        do { try site.build(now: PublishingTests.t30) } catch { built = (error as? GeneratorError)?.message ?? "\(error)" }
        var checked = ""
        do { _ = try SiteBuilder(options: site.options(now: PublishingTests.t30)).check() } catch { checked = (error as? GeneratorError)?.message ?? "\(error)" }
        for message in [built, checked] {
            #expect(message.contains("The ledger \(ledgerPath) cannot be used"), "\(message)")
            #expect(message.contains(edit.named), "\(message)")
            #expect(message.contains("restore it from your backup of the site folder"))
            #expect(message.contains("Nothing was published."))
        }
        #expect(site.outputFiles() == published, "the published site changed")
        #expect(fileBytes(ledgerPath) == edited, "the ledger changed")
    }

    /// A ledger of version 5 (before digests) is upgraded in place on its next build, trusted
    /// as it is then, and protected from then on.
    @Test func aVersion5LedgerGetsItsDigestsOnItsNextBuild() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        #expect(site.outputText("data/public-log.csv")?.isEmpty == false)
        let ledgerPath = site.site.appendingPathComponent("ledger.sqlite").path
        let old = FixtureDatabase(existing: ledgerPath)
        old.exec("""
            DROP TABLE ledger_seal; DROP TABLE ledger_owner; DROP TABLE publication_agencies; DROP TABLE daily_search_scope; ALTER TABLE period_figures DROP COLUMN row_digest;
            ALTER TABLE publication DROP COLUMN record_digest; PRAGMA user_version = 5;
            """)
        old.close()
        // `check` reads a version-5 ledger as it is (plain sense only) and changes nothing.
        _ = try SiteBuilder(options: site.options(now: PublishingTests.t0)).check()

        PublishingTests.purge(site.databasePath, before: Instant(iso: PublishingTests.t30)!.adding(seconds: -60 * 86_400))
        let log = site.outputText("data/public-log.csv")
        try site.build(now: PublishingTests.t30)
        // Every figure survives the upgrade and the purge.
        #expect(site.outputText("data/public-log.csv") == log)
        let upgraded = FixtureDatabase(existing: ledgerPath)
        #expect(upgraded.scalar("PRAGMA user_version") == String(Ledger.schemaVersion))
        #expect(upgraded.scalar("SELECT count(*) FROM period_figures WHERE row_digest IS NULL") == "0")
        #expect(upgraded.scalar("SELECT agency || ' ' || source FROM ledger_owner") == "Test Police Department ../operational.sqlite")
        upgraded.exec(Edit.platesAndReadsPlusOne.sql)
        upgraded.close()
        var again = site.options(now: PublishingTests.t30)
        again.force = true
        #expect(throws: GeneratorError.self) { try SiteBuilder(options: again).build() }
    }

    /// A ledger of version 6 (before publications kept their agency lists) is read by `check`
    /// as sealed, upgraded on its next build, and its agency lists are sealed from then on. The
    /// publication after the upgrade tells of no agency added or removed, as the one before did
    /// not record its list; the one after that does.
    @Test func aVersion6LedgerKeepsItsSealAndGainsAgencyLists() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        let db = FixtureDatabase(existing: site.databasePath)
        db.insert("sharing_agency", ["agency_id": "anoka", "name": "Anoka County Sheriff", "jurisdiction": "minnesota"])
        db.close()
        try site.build(now: PublishingTests.t0)
        let ledgerPath = site.site.appendingPathComponent("ledger.sqlite").path
        // What version 6 wrote: no table of agency lists, sealed without it.
        try Self.rewrite(ledgerPath, asVersion: 6, without: ["publication_agencies", "daily_search_scope"])
        let version6 = fileBytes(ledgerPath)
        _ = try SiteBuilder(options: site.options(now: PublishingTests.t0)).check()
        #expect(fileBytes(ledgerPath) == version6, "check changed the ledger")
        #expect(try Ledger(path: ledgerPath, readOnly: true).publications().map(\.sharingAgencies) == [nil])

        let edit = FixtureDatabase(existing: site.databasePath)
        edit.insert("sharing_agency", ["agency_id": "ramsey", "name": "Ramsey County Sheriff", "jurisdiction": "minnesota"])
        edit.close()
        try site.build(now: PublishingTests.t30)
        let upgraded = FixtureDatabase(existing: ledgerPath)
        #expect(upgraded.scalar("PRAGMA user_version") == String(Ledger.schemaVersion))
        upgraded.close()
        var publications = try Ledger(path: ledgerPath, readOnly: true).publications()
        #expect(publications.count == 2)
        #expect(!(publications.last?.changes ?? []).contains { $0.recorded.hasPrefix("agency_") },
                "publication 1 kept no list, so nothing can be said of agencies added since")

        let removal = FixtureDatabase(existing: site.databasePath)
        removal.exec("DELETE FROM sharing_agency WHERE agency_id = 'anoka'")
        removal.close()
        try site.build(now: "2024-12-21T18:00:00Z")
        publications = try Ledger(path: ledgerPath, readOnly: true).publications()
        #expect(publications.last?.changes.contains(.agencyRemoved(agency: "Anoka County Sheriff")) == true,
                "\(publications.last?.changes.map(\.recorded) ?? [])")

        let tamper = FixtureDatabase(existing: ledgerPath)
        tamper.exec("DELETE FROM publication_agencies WHERE publication_id = 2")
        tamper.close()
        #expect(throws: GeneratorError.self) { _ = try SiteBuilder(options: site.options(now: "2024-12-21T18:00:00Z")).check() }
    }

    /// Rewrites the sealed ledger at `path` as ledger `version` wrote it: without the tables
    /// later versions added, sealed without them.
    static func rewrite(_ path: String, asVersion version: Int, without tables: [String]) throws {
        let old = try SQLiteConnection.open(path: path, flags: SQLITE_OPEN_READWRITE)
        try old.execute("BEGIN; \(tables.map { "DROP TABLE \($0);" }.joined(separator: " ")) PRAGMA user_version = \(version);")
        try LedgerSeal.seal(old, at: "2024-11-20T18:00:00Z")
        try old.execute("COMMIT")
    }
}
