import Foundation
import Testing
@testable import PublicLog
import TestSupport

/// Searches of stored data and hit dispositions: counts by local day, through the views only.
@Suite("Accountability figures")
struct AccountabilityTests {
    let chicago = AgencyTimeZone(identifier: "America/Chicago")!

    @Test func searchesAreCountedByLocalDayPurposeAndSharing() throws {
        let db = TemporaryDatabase { f in
            func access(_ at: String, _ purpose: String, agency: String? = nil) {
                f.insert("data_access", ["accessed_at": at, "user_name": "U", "purpose": purpose, "requesting_agency": agency,
                                         "case_number": "C", "query_text": "Q"])
            }
            access("2024-11-03T04:59:00Z", "audit")                                  // Nov 2, 23:59 CDT
            access("2024-11-03T05:00:00Z", "criminal_investigation")                 // Nov 3, 00:00 CDT
            access("2024-11-04T05:59:00Z", "criminal_investigation", agency: "X PD") // Nov 3, 23:59 CST
            access("2024-11-04T06:00:00Z", "missing_person", agency: "")             // Nov 4; empty agency = own
        }
        let counts = try db.open().accountabilityCounts(timeZone: chicago)
        let nov2 = LocalDate(iso: "2024-11-02")!, nov3 = LocalDate(iso: "2024-11-03")!, nov4 = LocalDate(iso: "2024-11-04")!
        #expect(counts.searches[nov2] == DailySearches(searches: [.audit: 1], forOtherAgencies: [.audit: 0]))
        #expect(counts.searches[nov3]?.searches == [.criminalInvestigation: 2])
        #expect(counts.searches[nov3]?.totalForOtherAgencies == 1)
        #expect(counts.searches[nov4]?.searches == [.missingPerson: 1])
        #expect(counts.searches[nov4]?.totalForOtherAgencies == 0)
    }

    @Test func hitsAreCountedByTheirReadsLocalDayAndDisposition() throws {
        let db = TemporaryDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            f.source("bca", "BCA")
            let a = f.read("SQ-1", "2024-06-11T04:30:00Z", plate: "A")  // June 10, 23:30 CDT
            f.hit(a, "warrant", disposition: "confirmed")
            f.hit(a, "license_status", disposition: nil)               // NULL is pending
            let b = f.read("SQ-1", "2024-06-11T05:30:00Z", plate: "B")  // June 11
            f.hit(b, "stolen_plate", disposition: "misread")
            f.hit(b, "other", disposition: "pending")
            f.read("SQ-1", "2024-06-11T06:00:00Z", plate: "NO-HIT")
        }
        let counts = try db.open().accountabilityCounts(timeZone: chicago)
        #expect(counts.dispositions[LocalDate(iso: "2024-06-10")!]?.hits == [.confirmed: 1, .pending: 1])
        #expect(counts.dispositions[LocalDate(iso: "2024-06-11")!]?.hits == [.misread: 1, .pending: 1])
    }

    /// The value itself is from a PRIVATE table, so the row is named by its id only.
    @Test func unknownVendorValuesAreNamedByRowIDWithoutPrivateData() throws {
        let db = TemporaryDatabase { f in
            f.exec("PRAGMA ignore_check_constraints = 1")
            f.insert("data_access", ["accessed_at": "2024-11-03T05:00:00Z", "user_name": "SECRET-USER", "purpose": "curiosity"])
        }
        do {
            _ = try db.open().accountabilityCounts(timeZone: chicago)
            Issue.record("expected an error")
        } catch let error as PublicLogError {
            #expect(error.message.contains("access_id 1"))
            #expect(error.message.contains("'criminal_investigation'"))
            #expect(!error.message.contains("curiosity"))
            #expect(!error.message.contains("SECRET"))
        }
    }

    @Test func theLedgerKeepsDispositionsOfDaysWhoseReadsWereDestroyed() throws {
        let folder = temporaryFolder("ledger")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try Ledger(path: folder.appendingPathComponent("ledger.sqlite").path)
        let d1 = LocalDate(iso: "2024-06-01")!, d2 = LocalDate(iso: "2024-06-02")!, d3 = LocalDate(iso: "2024-06-03")!
        let first = AccountabilityCounts(searches: [d1: DailySearches(searches: [.audit: 2], forOtherAgencies: [.audit: 1])],
                                         dispositions: [d1: DailyDispositions(hits: [.confirmed: 5]), d3: DailyDispositions(hits: [.misread: 1])])
        try ledger.stage([], accountability: first, liveFrom: d1, at: Instant(iso: "2024-06-04T00:00:00Z")!, publication: nil)
        try ledger.commit()
        // Later the reads of June 1 and 2 are gone; June 3 is still live and changed.
        let later = AccountabilityCounts(searches: [:], dispositions: [d3: DailyDispositions(hits: [.confirmed: 1])])
        let (merged, unknown) = try ledger.accountability(merging: later, liveFrom: d3, firstDay: LocalDate(iso: "2024-05-31")!)
        #expect(merged.dispositions[d1]?.hits == [.confirmed: 5])
        #expect(merged.dispositions[d2] == nil)
        #expect(merged.dispositions[d3]?.hits == [.confirmed: 1])
        #expect(merged.searches[d1]?.total == 2)
        // May 31 was never recorded; June 2 was (with no hits): it is known to be zero.
        #expect(unknown == [LocalDate(iso: "2024-05-31")!])
    }

    @Test func aVersion1LedgerIsUpgradedInPlace() throws {
        let folder = temporaryFolder("ledger")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let old = FixtureDatabase(existing: path)
        old.exec("""
            CREATE TABLE period_figures (period_id INTEGER PRIMARY KEY, reader_id TEXT NOT NULL, started_at TEXT NOT NULL,
                ended_at TEXT NOT NULL, plates INTEGER NOT NULL, reads INTEGER NOT NULL, stolen INTEGER NOT NULL,
                warrant INTEGER NOT NULL, license_suspended_revoked INTEGER NOT NULL, active_investigation INTEGER NOT NULL,
                other INTEGER NOT NULL, first_recorded_at TEXT NOT NULL, last_changed_at TEXT NOT NULL);
            CREATE TABLE publication (publication_id INTEGER PRIMARY KEY, published_at TEXT NOT NULL, content_digest TEXT NOT NULL,
                figures_digest TEXT NOT NULL, periods_added INTEGER NOT NULL, periods_revised INTEGER NOT NULL,
                changes TEXT NOT NULL, audit_ids TEXT NOT NULL, policy_ids TEXT NOT NULL);
            INSERT INTO period_figures VALUES (7, 'SQ-1', '2024-06-01T12:00:00Z', '2024-06-01T20:00:00Z', 3, 4, 0, 1, 0, 0, 0, 'x', 'x');
            PRAGMA user_version = 1;
            """)
        old.close()
        let ledger = try Ledger(path: path)
        #expect(ledger.recordedFigures(7)?[.reads] == 4)
        _ = try ledger.accountability(merging: AccountabilityCounts(), liveFrom: LocalDate(iso: "2024-06-01")!,
                                      firstDay: LocalDate(iso: "2024-06-01")!)
    }
}
