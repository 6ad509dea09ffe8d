import Foundation
import Testing
@testable import PublicLog
import TestSupport

/// The optional `sharing_agency` table and `data_access.requesting_agency_id` column (subds. 4
/// and 7): read when present, validated by row, and the spec's rule for "for another agency".
@Suite("Sharing agencies")
struct SharingAgencyTests {
    let chicago = AgencyTimeZone(identifier: "America/Chicago")!
    let day = LocalDate(iso: "2024-11-03")!

    func agency(_ f: FixtureDatabase, _ id: String, _ name: String, _ jurisdiction: String, from: String? = nil, until: String? = nil) {
        f.insert("sharing_agency", ["agency_id": id, "name": name, "jurisdiction": jurisdiction,
                                    "agreement_from": from, "agreement_until": until])
    }

    func access(_ f: FixtureDatabase, agency: String?, agencyID: String?) {
        f.insert("data_access", ["accessed_at": "2024-11-03T15:00:00Z", "user_name": "officer.private", "purpose": "criminal_investigation",
                                 "requesting_agency": agency, "requesting_agency_id": agencyID, "case_number": "CASE-SECRET",
                                 "query_text": "PLATE-SECRET"])
    }

    @Test func aSearchIsForAnotherAgencyWhenItNamesOneByIDOrInWords() throws {
        let db = TemporaryDatabase { f in
            agency(f, "hennepin-so", "Hennepin County Sheriff's Office", "minnesota", from: "2023-01-01")
            access(f, agency: nil, agencyID: nil)                  // this agency
            access(f, agency: "   ", agencyID: nil)                // white space only: this agency
            access(f, agency: " Wright Co SO ", agencyID: nil)     // unnamed agency
            access(f, agency: nil, agencyID: "hennepin-so")        // named agency, no free text
            access(f, agency: "HCSO", agencyID: "hennepin-so")     // named agency
        }
        let counts = try db.open().accountabilityCounts(timeZone: chicago)
        #expect(counts.searches[day]?.searches == [.criminalInvestigation: 5])
        #expect(counts.searches[day]?.totalForOtherAgencies == 3)
    }

    @Test func agenciesAreReadWithTheirJurisdictionAndAgreementAndStatus() throws {
        let db = TemporaryDatabase { f in
            agency(f, "wi-dnr", "Wisconsin DNR", "other_state", from: "2022-01-01", until: "2024-06-30")
            agency(f, "fbi-tf", "FBI Safe Streets Task Force", "federal")
            agency(f, "maple", "Maple Grove PD", "minnesota", from: "2023-03-01")
            agency(f, "new", "Rogers PD", "minnesota", from: "2025-01-01")
        }
        let agencies = try db.open().sharingAgencies()
        #expect(agencies.map(\.id) == ["fbi-tf", "maple", "new", "wi-dnr"])
        #expect(agencies.map(\.jurisdiction) == [.federal, .minnesota, .minnesota, .otherState])
        let today = LocalDate(iso: "2024-11-20")!
        #expect(agencies.map { $0.status(on: today) } == [.noAgreement, .current, .upcoming, .previous])
        // The agreement's last day is still in it.
        #expect(agencies[3].status(on: LocalDate(iso: "2024-06-30")!) == .current)
    }

    @Test func anExportWithoutTheTableAndColumnStillReads() throws {
        // data_access as exports had it before requesting_agency_id and the later optional columns.
        let oldSchema = OperationalSchema.sql.replacing(
            /\ \ \ \ query_text       TEXT,[^\n]*\n    requesting_agency_id[\s\S]*?window_start_at[^\n]*\n/, with: "    query_text       TEXT\n")
        #expect(oldSchema != OperationalSchema.sql)
        let folder = temporaryFolder("old-export")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        let f = FixtureDatabase(path: path, schema: oldSchema)
        f.exec("DROP TABLE sharing_agency")
        f.insert("data_access", ["accessed_at": "2024-11-03T15:00:00Z", "user_name": "U", "purpose": "audit", "requesting_agency": "X PD"])
        f.close()
        let database = try OperationalDatabase(path: path)
        #expect(!database.hasSharingAgencies && !database.hasRequestingAgencyIDs)
        #expect(try database.sharingAgencies().isEmpty)
        #expect(try database.accountabilityCounts(timeZone: chicago).searches[day]?.totalForOtherAgencies == 1)
    }

    @Test func aSearchForAnAgencyNotListedIsNamedByItsAccessIDAlone() throws {
        let db = TemporaryDatabase { f in
            agency(f, "maple", "Maple Grove PD", "minnesota")
            access(f, agency: "Maple Grove", agencyID: "maple")
            // An export made without the schema's foreign key.
            f.exec("PRAGMA foreign_keys = OFF")
            access(f, agency: "Private free text", agencyID: "typo-agency")
        }
        let error = try #require(throws: PublicLogError.self) { try db.open().accountabilityCounts(timeZone: chicago) }
        #expect(error.message.contains("access_id 2"))
        #expect(error.message.contains("requesting_agency_id names no row of table `sharing_agency`"))
        for secret in ["typo-agency", "Private free text", "officer.private", "CASE-SECRET", "PLATE-SECRET"] {
            #expect(!error.message.contains(secret), "\(secret)")
        }
    }

    @Test(arguments: [
        (["agency_id": "a", "name": "A", "jurisdiction": "county"], "agency_id 'a'", "jurisdiction is 'county', which is not one of"),
        (["agency_id": "a", "name": "A", "jurisdiction": "federal", "agreement_from": "2024-05-01", "agreement_until": "2024-04-30"],
         "agency_id 'a'", "agreement_until (2024-04-30) is before agreement_from (2024-05-01)"),
        (["agency_id": "a", "name": "A", "jurisdiction": "federal", "agreement_until": "2024-04-30"],
         "agency_id 'a'", "agreement_until is set but agreement_from is empty"),
    ] as [([String: String], String, String)])
    func aBadAgencyRowIsNamed(row: [String: String], named: String, problem: String) throws {
        // An export made without the schema's CHECK constraint, so that a bad jurisdiction can arrive.
        let folder = temporaryFolder("bad-agency")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.sqlite").path
        let f = FixtureDatabase(path: path, schema: OperationalSchema.sql.replacingOccurrences(
            of: "jurisdiction     TEXT NOT NULL CHECK (jurisdiction IN ('minnesota', 'other_state', 'federal', 'tribal')),",
            with: "jurisdiction     TEXT NOT NULL,"))
        f.insert("sharing_agency", row.mapValues { $0 as Any? })
        f.close()
        let error = try #require(throws: PublicLogError.self) { try OperationalDatabase(path: path).sharingAgencies() }
        #expect(error.message.contains("sharing_agency") && error.message.contains(named), "\(error.message)")
        #expect(error.message.contains(problem), "\(error.message)")
    }

    @Test func twoAgenciesWithOneIDAreRefused() throws {
        // The spec's table has agency_id as its key; an export made without the constraint may not.
        let folder = temporaryFolder("dup-agency")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("dup.sqlite").path
        let f = FixtureDatabase(path: path, schema: OperationalSchema.sql.replacingOccurrences(
            of: "agency_id        TEXT PRIMARY KEY,", with: "agency_id        TEXT,"))
        agency(f, "a", "A", "federal")
        agency(f, "a", "B", "tribal")
        f.close()
        let error = try #require(throws: PublicLogError.self) { try OperationalDatabase(path: path).sharingAgencies() }
        #expect(error.message.contains("agency_id 'a'") && error.message.contains("used by two rows"), "\(error.message)")
    }
}

/// The groups of `data/searches-by-day.csv`, against a count made here with Foundation's own
/// time zone rules and string trimming, over local midnight and both DST changes.
@Suite("Searches by day, purpose, requester and case number")
struct SearchGroupTests {
    struct Search {
        let at: String, purpose: String, agency: String?, agencyID: String?, caseNumber: String?
    }

    static let searches: [Search] = [
        Search(at: "2024-03-10T07:59:00Z", purpose: "criminal_investigation", agency: nil, agencyID: nil, caseNumber: "24-001"),  // 01:59 CST
        Search(at: "2024-03-10T08:00:00Z", purpose: "criminal_investigation", agency: nil, agencyID: nil, caseNumber: "   "),     // 03:00 CDT
        Search(at: "2024-03-11T04:59:59Z", purpose: "audit", agency: "", agencyID: nil, caseNumber: nil),                          // 23:59 Mar 10
        Search(at: "2024-03-11T05:00:00Z", purpose: "audit", agency: "\t", agencyID: nil, caseNumber: "\t\n"),                     // 00:00 Mar 11
        Search(at: "2024-11-03T05:30:00Z", purpose: "missing_person", agency: "Wright Co SO", agencyID: nil, caseNumber: "M-9"),   // 00:30 CDT
        Search(at: "2024-11-03T06:30:00Z", purpose: "missing_person", agency: nil, agencyID: "hennepin-so", caseNumber: "M-9"),    // 01:30 CDT
        Search(at: "2024-11-03T07:30:00Z", purpose: "missing_person", agency: "HCSO", agencyID: "hennepin-so", caseNumber: ""),    // 01:30 CST
        Search(at: "2024-11-04T05:59:00Z", purpose: "other", agency: " x ", agencyID: nil, caseNumber: " C "),                     // 23:59 Nov 3
        Search(at: "2024-11-04T06:00:00Z", purpose: "other", agency: nil, agencyID: "fbi-tf", caseNumber: nil),                    // 00:00 Nov 4
        Search(at: "2024-11-04T06:00:30Z", purpose: "other", agency: nil, agencyID: "fbi-tf", caseNumber: nil),                    // same group
    ]

    /// The expected rows as the CSV would print them, computed without PublicLog.
    static func expected() -> [[String]] {
        var zone = Calendar(identifier: .gregorian)
        zone.timeZone = TimeZone(identifier: "America/Chicago")!
        let parser = ISO8601DateFormatter()
        let blank = CharacterSet(charactersIn: " \t\n\r")
        var counts: [[String]: Int] = [:]
        for search in searches {
            let parts = zone.dateComponents([.year, .month, .day], from: parser.date(from: search.at)!)
            let date = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            let requestedBy = search.agencyID != nil ? "named_agency"
                : (search.agency ?? "").trimmingCharacters(in: blank).isEmpty ? "this_agency" : "unnamed_agency"
            let recorded = (search.caseNumber ?? "").trimmingCharacters(in: blank).isEmpty ? "no" : "yes"
            counts[[date, search.purpose, requestedBy, search.agencyID ?? "", recorded], default: 0] += 1
        }
        return counts.map { $0.key + [String($0.value)] }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test func groupsMatchAnIndependentCount() throws {
        let db = TemporaryDatabase { f in
            for (id, name, jurisdiction) in [("hennepin-so", "Hennepin County Sheriff", "minnesota"), ("fbi-tf", "FBI task force", "federal")] {
                f.insert("sharing_agency", ["agency_id": id, "name": name, "jurisdiction": jurisdiction])
            }
            for search in Self.searches {
                f.insert("data_access", ["accessed_at": search.at, "user_name": "officer.private", "purpose": search.purpose,
                                         "requesting_agency": search.agency, "requesting_agency_id": search.agencyID,
                                         "case_number": search.caseNumber, "query_text": "PLATE-SECRET"])
            }
        }
        let groups = try db.open().searchGroups(timeZone: AgencyTimeZone(identifier: "America/Chicago")!)
        let rows = groups.sorted { $0.key < $1.key }.map { group, count in
            [group.date.description, group.purpose.rawValue, group.requestedBy.rawValue, group.agencyID ?? "",
             group.caseNumberRecorded ? "yes" : "no", String(count)]
        }
        #expect(rows == Self.expected())
        #expect(rows.count == 9)   // the two FBI searches of November 4 are one group
    }
}

/// Search groups are kept in the ledger like the daily counts: a day the operational database
/// still holds replaces the ledger's; a day whose audit-trail rows are gone keeps its groups.
@Suite("Search groups in the ledger")
struct SearchGroupLedgerTests {
    @Test func groupsSurviveTheAuditTrailBeingTruncated() throws {
        let folder = temporaryFolder("ledger")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try Ledger(path: folder.appendingPathComponent("ledger.sqlite").path)
        let d1 = LocalDate(iso: "2024-06-01")!, d2 = LocalDate(iso: "2024-06-02")!
        let shared = SearchGroup(date: d1, purpose: .criminalInvestigation, requestedBy: .namedAgency, agencyID: "maple", caseNumberRecorded: true)
        let own = SearchGroup(date: d1, purpose: .audit, requestedBy: .thisAgency, agencyID: nil, caseNumberRecorded: false)
        let second = SearchGroup(date: d2, purpose: .other, requestedBy: .unnamedAgency, agencyID: nil, caseNumberRecorded: false)
        let first = AccountabilityCounts(searches: [d1: DailySearches(searches: [.criminalInvestigation: 3, .audit: 1],
                                                                      forOtherAgencies: [.criminalInvestigation: 3]),
                                                    d2: DailySearches(searches: [.other: 2], forOtherAgencies: [.other: 2])],
                                         searchGroups: [shared: 3, own: 1, second: 2])
        try ledger.stage([], accountability: first, liveFrom: d1, at: Instant(iso: "2024-06-03T00:00:00Z")!, publication: nil)
        try ledger.commit()

        // The export no longer holds June 1; June 2 is still there with one search more.
        let revised = SearchGroup(date: d2, purpose: .other, requestedBy: .unnamedAgency, agencyID: nil, caseNumberRecorded: false)
        let later = AccountabilityCounts(searches: [d2: DailySearches(searches: [.other: 3], forOtherAgencies: [.other: 3])],
                                         searchGroups: [revised: 3])
        let (merged, _) = try ledger.accountability(merging: later, liveFrom: d2, firstDay: d1)
        #expect(merged.searchGroups == [shared: 3, own: 1, revised: 3])

        // Reopened from disk, the ledger still has them.
        let reopened = try Ledger(path: folder.appendingPathComponent("ledger.sqlite").path)
        let (again, _) = try reopened.accountability(merging: AccountabilityCounts(), liveFrom: d2, firstDay: d1)
        #expect(again.searchGroups == [shared: 3, own: 1, second: 2])
    }
}
