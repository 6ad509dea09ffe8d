import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// `data/searches-by-day.csv`, `data/sharing-agencies.csv` and the `searches/` page (spec,
/// "Searches and sharing"), against figures computed here from the fixture's own rows with
/// Foundation's time zone rules, over local midnight and both DST changes.
@Suite("Searches and sharing")
struct SearchesAndSharingTests {
    struct Agency {
        let id: String, name: String, jurisdiction: String, from: String?, until: String?
    }

    struct Search {
        let at: String, purpose: String, agency: String?, agencyID: String?, caseNumber: String?
    }

    static let now = "2024-11-20T18:00:00Z"
    static let today = "2024-11-20"

    /// Every status on today's date: current (one ending today), previous, upcoming and no agreement;
    /// two agencies with one name; a comma and quotes in names.
    static let agencies: [Agency] = [
        Agency(id: "maple", name: "Maple Grove PD", jurisdiction: "minnesota", from: "2023-03-01", until: nil),
        Agency(id: "a-maple", name: "Maple Grove PD", jurisdiction: "minnesota", from: "2020-01-01", until: "2020-12-31"),
        Agency(id: "wi-sco", name: "St. Croix County Sheriff's Office, Wisconsin", jurisdiction: "other_state", from: "2022-01-01", until: "2024-06-30"),
        Agency(id: "rogers", name: "Rogers \"North\" PD", jurisdiction: "minnesota", from: "2025-01-01", until: nil),
        Agency(id: "fbi-tf", name: "FBI task force", jurisdiction: "federal", from: nil, until: nil),
        Agency(id: "mille-lacs", name: "Mille Lacs Band Police", jurisdiction: "tribal", from: "2024-01-01", until: "2024-11-20"),
    ]

    static let secrets = ["officer.private", "CASE-SECRET", "PLATE-SECRET", "Private Agency Text", "HCSO-FREE-TEXT"]

    static let searches: [Search] = [
        Search(at: "2024-03-10T07:59:00Z", purpose: "criminal_investigation", agency: nil, agencyID: nil, caseNumber: "CASE-SECRET-1"),  // 01:59 CST
        Search(at: "2024-03-10T08:00:00Z", purpose: "criminal_investigation", agency: nil, agencyID: nil, caseNumber: "   "),            // 03:00 CDT
        Search(at: "2024-03-10T09:00:00Z", purpose: "criminal_investigation", agency: nil, agencyID: "wi-sco", caseNumber: "CASE-SECRET-2"),
        Search(at: "2024-03-11T04:59:59Z", purpose: "audit", agency: "", agencyID: nil, caseNumber: nil),                                   // 23:59 Mar 10
        Search(at: "2024-03-11T05:00:00Z", purpose: "audit", agency: "\t", agencyID: nil, caseNumber: "\t\n"),                              // 00:00 Mar 11
        Search(at: "2024-07-02T15:00:00Z", purpose: "other", agency: nil, agencyID: "wi-sco", caseNumber: "CASE-SECRET-3"),                 // after its agreement
        Search(at: "2024-11-03T05:30:00Z", purpose: "missing_person", agency: "Private Agency Text", agencyID: nil, caseNumber: "CASE-SECRET-4"),  // 00:30 CDT
        Search(at: "2024-11-03T06:30:00Z", purpose: "missing_person", agency: nil, agencyID: "maple", caseNumber: "CASE-SECRET-4"),         // 01:30 CDT
        Search(at: "2024-11-03T07:30:00Z", purpose: "missing_person", agency: "HCSO-FREE-TEXT", agencyID: "maple", caseNumber: ""),        // 01:30 CST
        Search(at: "2024-11-04T05:59:00Z", purpose: "amber_alert", agency: nil, agencyID: "mille-lacs", caseNumber: " C "),                // 23:59 Nov 3
        Search(at: "2024-11-04T06:00:00Z", purpose: "other", agency: nil, agencyID: "fbi-tf", caseNumber: nil),                            // 00:00 Nov 4
        Search(at: "2024-11-04T06:00:30Z", purpose: "other", agency: nil, agencyID: "fbi-tf", caseNumber: nil),                            // same group
        Search(at: "2024-11-19T23:00:00Z", purpose: "criminal_investigation", agency: nil, agencyID: "maple", caseNumber: "CASE-SECRET-5"),
        Search(at: "2024-11-20T15:00:00Z", purpose: "criminal_investigation", agency: nil, agencyID: "rogers", caseNumber: "CASE-SECRET-6"),  // today, before it begins
    ]

    /// The searches a build of `today` publishes: those of the days before it. The build's own day
    /// is not over, and every figure of a publication counts the same whole days (issue 26).
    static let published = searches.filter { localDate($0.at) < today }

    static func write(_ db: FixtureDatabase, agencies: [Agency] = agencies, searches: [Search] = searches) {
        for agency in agencies {
            db.insert("sharing_agency", ["agency_id": agency.id, "name": agency.name, "jurisdiction": agency.jurisdiction,
                                         "agreement_from": agency.from, "agreement_until": agency.until])
        }
        for (n, search) in searches.enumerated() {
            db.insert("data_access", ["accessed_at": search.at, "user_name": "officer.private.\(n)", "purpose": search.purpose,
                                      "requesting_agency": search.agency, "requesting_agency_id": search.agencyID,
                                      "case_number": search.caseNumber, "query_text": "PLATE-SECRET-\(n)"])
        }
        db.close()
    }

    // MARK: Expected figures, computed without the generator

    static let blank = CharacterSet(charactersIn: " \t\n\r")

    static func localDate(_ iso: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Chicago")!
        let parts = calendar.dateComponents([.year, .month, .day], from: ISO8601DateFormatter().date(from: iso)!)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    static func requestedBy(_ search: Search) -> String {
        if search.agencyID != nil { return "named_agency" }
        return (search.agency ?? "").trimmingCharacters(in: blank).isEmpty ? "this_agency" : "unnamed_agency"
    }

    static func codePointOrder(_ a: [String], _ b: [String]) -> Bool {
        a.lexicographicallyPrecedes(b) { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
    }

    static func expectedSearchesByDay() -> [[String]] {
        var counts: [[String]: Int] = [:]
        for search in published {
            let recorded = (search.caseNumber ?? "").trimmingCharacters(in: blank).isEmpty ? "no" : "yes"
            counts[[localDate(search.at), search.purpose, requestedBy(search), search.agencyID ?? "", recorded], default: 0] += 1
        }
        return counts.keys.sorted(by: codePointOrder).map { key in
            let agency = agencies.first { $0.id == key[3] }
            return Array(key[0..<4]) + [agency?.name ?? "", agency?.jurisdiction ?? "", key[4], String(counts[key]!)]
        }
    }

    static func status(_ agency: Agency) -> String {
        guard let from = agency.from else { return "no_agreement" }
        if from > today { return "upcoming" }
        if let until = agency.until, until < today { return "previous" }
        return "current"
    }

    static func expectedSharingAgencies() -> [[String]] {
        agencies.map { agency in
            [agency.id, agency.name, agency.jurisdiction, agency.from ?? "", agency.until ?? "", status(agency),
             String(published.filter { $0.agencyID == agency.id }.count)]
        }.sorted { codePointOrder([$0[1], $0[0]], [$1[1], $1[0]]) }
    }

    // MARK: Tests

    @Test func theTwoDataFilesMatchTheSpecAndAnIndependentCount() throws {
        let site = SiteFixture()
        Self.write(FixtureDatabase(path: site.databasePath))
        try site.build(now: Self.now)
        let byDay = parseCSV(try #require(site.outputText("data/searches-by-day.csv")))
        #expect(byDay.first == ["date", "purpose", "requested_by", "agency_id", "agency_name", "jurisdiction", "case_number_recorded", "searches"])
        #expect(Array(byDay.dropFirst()) == Self.expectedSearchesByDay())
        #expect(byDay.count - 1 == 12)   // the two FBI searches of November 4 are one group; today's waits for tomorrow
        #expect(!byDay.contains { $0.first == Self.today })
        let agencies = parseCSV(try #require(site.outputText("data/sharing-agencies.csv")))
        #expect(agencies.first == ["agency_id", "name", "jurisdiction", "agreement_from", "agreement_until", "status", "searches"])
        #expect(Array(agencies.dropFirst()) == Self.expectedSharingAgencies())
        #expect(Set(agencies.dropFirst().map { $0[5] }) == ["current", "previous", "upcoming", "no_agreement"])
        // The monthly file counts "for other agencies" by the same rule: an id, or free text that is not blank.
        let months = parseCSV(try #require(site.outputText("data/searches-by-month.csv")))
        let column = try #require(months.first?.firstIndex(of: "for_other_agencies"))
        let november = try #require(months.first { $0.first == "2024-11" })
        #expect(november[column] == String(Self.published.filter { Self.localDate($0.at).hasPrefix("2024-11") && Self.requestedBy($0) != "this_agency" }.count))
    }

    @Test func noPrivateValueReachesAnyFileOrMessage() throws {
        let site = SiteFixture()
        Self.write(FixtureDatabase(path: site.databasePath))
        let report = try site.build(now: Self.now)
        let warnings = try SiteBuilder(options: site.options(now: Self.now)).check()
        let files = site.outputFiles()
        #expect(files.keys.contains("searches/index.html"))
        for secret in Self.secrets {
            for (path, data) in files {
                #expect(!String(decoding: data, as: UTF8.self).contains(secret), "\(secret) in \(path)")
            }
            for message in warnings + report.warnings {
                #expect(!message.contains(secret), "\(secret) in: \(message)")
            }
        }
    }

    @Test func thePageAnswersWhoSearchedWhyAndForWhom() throws {
        let site = SiteFixture()
        Self.write(FixtureDatabase(path: site.databasePath))
        try site.build(now: Self.now)
        let page = try #require(site.outputText("searches/index.html"))
        // Each agency under where its agreement stands, federal and out-of-state ones marked in words.
        let groups = ["Standing agreements in force", "Case by case, without a standing agreement", "Agreements not yet in force",
                      "Agreements that have ended"]
        let positions = groups.map { page.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        func group(of name: String) -> Int? {
            guard let at = page.range(of: ">\(name)</th>")?.lowerBound else { return nil }
            return positions.lastIndex { $0.map { $0 < at } ?? false }
        }
        #expect(group(of: "Mille Lacs Band Police") == 0 && group(of: "FBI task force") == 1)
        #expect(group(of: "Rogers &quot;North&quot; PD") == 2 && group(of: "St. Croix County Sheriff&#39;s Office, Wisconsin") == 3)
        #expect(page.contains("<strong>Federal</strong> <span class=\"tag\">not a Minnesota agency</span>"))
        #expect(page.contains("<strong>Out of state</strong> <span class=\"tag\">not a Minnesota agency</span>"))
        // The last 30 days (October 21 to November 19): every search of those days but today's.
        let recent = Self.searches.filter { (("2024-10-21")...("2024-11-19")).contains(Self.localDate($0.at)) }
        let withCase = recent.filter { !($0.caseNumber ?? "").trimmingCharacters(in: Self.blank).isEmpty }.count
        #expect(page.contains("<dt>Searches of stored data</dt><dd>\(recent.count)<"))
        #expect(page.contains("\(withCase) of \(recent.count) searches"))
        // Linked from the navigation and the home page, where other agencies break down by jurisdiction.
        let home = try #require(site.outputText("index.html"))
        #expect(home.contains("<a href=\"./searches/\">Searches and sharing</a>"))
        #expect(home.contains("<a href=\"searches/\">Who searched the data, why, and who it is shared with</a>"))
        #expect(home.contains("for federal agencies") && home.contains("for tribal agencies") && home.contains("for agencies the records do not name"))
    }

    @Test func anExportWithoutTheTableAndColumnBuilds() throws {
        let site = SiteFixture()
        // data_access as exports had it before requesting_agency_id and the later optional columns.
        let oldSchema = OperationalSchema.sql.replacing(
            /\ \ \ \ query_text       TEXT,[^\n]*\n    requesting_agency_id[\s\S]*?window_start_at[^\n]*\n/, with: "    query_text       TEXT\n")
        #expect(oldSchema != OperationalSchema.sql)
        let db = FixtureDatabase(path: site.databasePath, schema: oldSchema)
        db.exec("DROP TABLE sharing_agency")
        let old = Self.searches.filter { $0.agencyID == nil }
        for search in old {
            db.insert("data_access", ["accessed_at": search.at, "user_name": "officer.private", "purpose": search.purpose,
                                      "requesting_agency": search.agency, "case_number": search.caseNumber])
        }
        db.close()
        try site.build(now: Self.now)
        let byDay = parseCSV(try #require(site.outputText("data/searches-by-day.csv"))).dropFirst()
        #expect(byDay.reduce(0) { $0 + Int($1[7])! } == old.count)
        #expect(Set(byDay.map { $0[2] }) == ["this_agency", "unnamed_agency"])
        #expect(parseCSV(try #require(site.outputText("data/sharing-agencies.csv"))).count == 1)
        #expect(try #require(site.outputText("searches/index.html")).contains("The department’s records name no agency the data are shared with."))
    }

    @Test func theLedgerKeepsTheFiguresAfterTheAuditTrailIsTruncated() throws {
        let site = SiteFixture()
        Self.write(FixtureDatabase(path: site.databasePath))
        try site.build(now: Self.now)
        let before = site.outputFiles()
        // The export now holds only the last week of the audit trail.
        FixtureDatabase(existing: site.databasePath).exec("DELETE FROM data_access WHERE accessed_at < '2024-11-13'")
        try site.build(now: Self.now)
        let after = site.outputFiles()
        for path in ["data/searches-by-day.csv", "data/sharing-agencies.csv", "data/searches-by-month.csv", "searches/index.html"] {
            #expect(before[path] != nil && before[path] == after[path], "\(path)")
        }
    }

    @Test func checkWarnsWhenTooManySearchesHaveNoCaseNumber() throws {
        // 20 searches in the last 30 days besides audits, 3 of them without a case number (15 %);
        // 5 audits without one do not count.
        let searches = (0..<20).map { n in
            Search(at: "2024-11-\(String(format: "%02d", 1 + n % 18))T15:00:00Z", purpose: "criminal_investigation", agency: nil,
                   agencyID: nil, caseNumber: n < 3 ? " " : "CASE-SECRET-\(n)")
        } + (0..<5).map { _ in Search(at: "2024-11-02T15:00:00Z", purpose: "audit", agency: nil, agencyID: nil, caseNumber: nil) }
        let site = SiteFixture()
        Self.write(FixtureDatabase(path: site.databasePath), agencies: [], searches: searches)
        let warnings = try SiteBuilder(options: site.options(now: Self.now)).check()
        #expect(warnings.contains { $0.contains("3 of 20 searches of stored data other than audits (15.0%) had no case number recorded, more than the 10 % set by case_number_warning_percent") },
                "\(warnings)")
        site.write("site.yaml", "agency_name: Test Police Department\ncase_number_warning_percent: 15\n")
        #expect(!(try SiteBuilder(options: site.options(now: Self.now)).check()).contains { $0.contains("no case number recorded") })
        site.write("site.yaml", "agency_name: Test Police Department\ncase_number_warning_percent: 101\n")
        let error = try #require(throws: GeneratorError.self) { try SiteBuilder(options: site.options(now: Self.now)).check() }
        #expect(error.message.contains("site.yaml") && error.message.contains("line 2") && error.message.contains("case_number_warning_percent"),
                "\(error.message)")
    }
}

/// Days a ledger recorded before it kept search groups (version 3 and older) count in the totals
/// and by purpose, never as searches without a case number or for an agency of some jurisdiction.
@Suite("Searches recorded without detail")
struct SearchesWithoutDetailTests {
    @Test func aDayWithoutGroupsCountsOnlyInTotals() {
        let old = LocalDate(iso: "2023-05-01")!, new = LocalDate(iso: "2024-05-01")!
        let counts = AccountabilityCounts(
            searches: [old: DailySearches(searches: [.criminalInvestigation: 4, .audit: 1], forOtherAgencies: [.criminalInvestigation: 2]),
                       new: DailySearches(searches: [.other: 3], forOtherAgencies: [.other: 3])],
            searchGroups: [
                SearchGroup(date: new, purpose: .other, requestedBy: .namedAgency, agencyID: "fbi", caseNumberRecorded: true): 2,
                SearchGroup(date: new, purpose: .other, requestedBy: .namedAgency, agencyID: "gone", caseNumberRecorded: false): 1,
            ])
        let fbi = SharingAgency(id: "fbi", name: "FBI", jurisdiction: .federal, agreementFrom: nil, agreementUntil: nil)
        let days = SearchFigures.byDay(counts, agencies: ["fbi": fbi])
        let total = days.values.reduce(into: SearchFigures()) { $0 += $1 }
        #expect(total.total == 8 && total.byPurpose == [.criminalInvestigation: 4, .audit: 1, .other: 3])
        #expect(total.inDetail == 3 && total.withoutDetail == 5 && total.withCaseNumber == 2 && total.withoutCaseNumber == 1)
        #expect(total.forOtherAgencies == 5 && total.byJurisdiction == [.federal: 2])
        // Two from the old day, one for an agency the export no longer lists.
        #expect(total.forOtherAgenciesNotRecorded == 3)
        #expect(total.byAgency == ["fbi": 2, "gone": 1])
    }
}
