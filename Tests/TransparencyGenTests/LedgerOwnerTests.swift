import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// A ledger knows whose figures it holds: two agencies, or two databases, on one ledger would
/// lend each other's period ids; a build or check of another owner is refused.
@Suite("Whose ledger")
struct LedgerOwnerTests {
    static func publicationCount(_ ledger: URL) throws -> Int {
        try Ledger(path: ledger.path, readOnly: true).publications().count
    }

    @Test func aSecondAgencyNamingTheSameLedgerIsRefused() throws {
        let first = SiteFixture()
        PublishingTests.purgeFixture(first.databasePath)
        try first.build(now: PublishingTests.t0)
        let ledger = first.site.appendingPathComponent("ledger.sqlite")
        let ledgerBytes = fileBytes(ledger.path)

        let second = SiteFixture(config: "agency_name: Other Police Department\nledger: \(ledger.path)\n")
        PublishingTests.purgeFixture(second.databasePath)
        var message = ""
        do { try second.build(now: PublishingTests.t0) } catch { message = (error as? GeneratorError)?.message ?? "\(error)" }
        #expect(message.contains("The ledger \(ledger.path) holds the figures of another agency and source"), "\(message)")
        #expect(message.contains("it records Test Police Department from"))
        #expect(message.contains("this build is Other Police Department from"))
        #expect(message.contains("--ledger-owner-changed"))
        #expect(message.contains("Nothing was published"))
        #expect(!FileManager.default.fileExists(atPath: second.output.path))
        #expect(fileBytes(ledger.path) == ledgerBytes)
        #expect(try Self.publicationCount(ledger) == 1)

        // `check` reads the same ledger and says the same.
        var checked = ""
        do { _ = try SiteBuilder(options: second.options(now: PublishingTests.t0)).check() } catch { checked = (error as? GeneratorError)?.message ?? "\(error)" }
        #expect(checked.contains("holds the figures of another agency"))
    }

    @Test func theSameAgencyFromAnotherDatabaseIsRefused() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let other = site.folder.appendingPathComponent("other-export.sqlite").path
        PublishingTests.purgeFixture(other)
        var message = ""
        do { try site.build(now: PublishingTests.t0, database: other) } catch { message = (error as? GeneratorError)?.message ?? "\(error)" }
        #expect(message.contains("holds the figures of another source"), "\(message)")
        #expect(message.contains("from ../operational.sqlite"))
        #expect(message.contains("from ../other-export.sqlite"))
    }

    @Test func aRenamedAgencyReownsItsLedgerOnlyWhenTold() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        site.write("site.yaml", "agency_name: Test City Police Department\n")
        #expect(throws: GeneratorError.self) { try site.build(now: PublishingTests.t0) }

        var options = site.options(now: PublishingTests.t0)
        options.ledgerOwnerChanged = true
        let report = try SiteBuilder(options: options).build()
        #expect(report.previousLedgerOwner?.agency == "Test Police Department" && report.previousLedgerOwner?.source == "../operational.sqlite")
        #expect(report.ledgerOwner?.agency == "Test City Police Department" && report.ledgerOwner?.source == "../operational.sqlite")
        // From now on the ledger is the renamed agency's, without the flag.
        site.writeLaterAudit()
        #expect(try site.build(now: PublishingTests.t0).publication?.number == 3)
        // The history of owners is kept.
        let ledger = FixtureDatabase(existing: site.site.appendingPathComponent("ledger.sqlite").path)
        #expect(ledger.scalar("SELECT group_concat(agency, '|') FROM ledger_owner") == "Test Police Department|Test City Police Department")
        ledger.close()
    }

    @Test func aSiteMovedWithItsDatabaseKeepsItsLedger() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let moved = temporaryFolder("moved")
        defer { try? FileManager.default.removeItem(at: moved) }
        try FileManager.default.removeItem(at: moved)
        try FileManager.default.copyItem(at: site.folder, to: moved)
        var options = site.options(now: PublishingTests.t30, database: moved.appendingPathComponent("operational.sqlite").path)
        options.siteDirectory = moved.appendingPathComponent("site")
        options.output = moved.appendingPathComponent("public")
        options.force = true
        let report = try SiteBuilder(options: options).build()
        #expect(report.previousLedgerOwner == nil)
        #expect(report.ledgerOwner?.agency == "Test Police Department" && report.ledgerOwner?.source == "../operational.sqlite")
    }

    @Test func aPostgreSQLSourceIsRecordedWithoutItsUser() throws {
        let address = try PostgreSQLAddress(parsing: "postgresql://alice@db.example.gov:5433/alpr?schema=elm_creek")
        let source = DatabaseLocation.postgresql(address).ledgerSource(ledger: URL(fileURLWithPath: "/srv/site/ledger.sqlite")).name
        #expect(source == "postgresql://db.example.gov:5433/alpr?schema=elm_creek")
    }
}
