import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// `public/data/search-scope-by-day.csv` (spec, "How searches were made, and why (exact)" and
/// its data contract), checked against a small reference implementation of the spec's rules
/// written here. The reference shares no code with the generator: Foundation's calendar gives
/// local dates, the built-in rules are the spec's word lists as written, and case-insensitive
/// words compare by Unicode simple case folding.
@Suite("How searches were made, and why")
struct SearchScopeTests {
    static let now = "2024-11-20T18:00:00Z"
    static let header = "date,search_kind,networks,window,reason,searches"
    static let optionalColumns = ["vendor_search_id", "reason", "search_kind", "networks_searched", "window_start_at"]
    static let purposes = ["criminal_investigation", "missing_person", "amber_alert", "audit", "other"]

    /// One `data_access` row's public-facing inputs (the required private columns are filled in by `write`).
    struct Access: Sendable {
        var at: String
        var kind: String? = nil
        var networks: Int? = nil
        var window: String? = nil
        var reason: String? = nil
        var vendorID: String? = nil
    }

    // MARK: - The fixture, with the groups the spec gives, written by hand

    /// Reasons and the group the spec gives each (built-in rules in their order).
    static let reasonCases: [(reason: String?, group: String)] = [
        ("ICE", "immigration"),
        ("ice on the road", "given"),                 // ICE is written in capitals: matches only in capitals
        ("Ice", "given"),
        ("Police request", "given"),                  // "ice" inside a word
        ("ICED coffee theft", "given"),               // a letter right after
        ("assist ICE.", "immigration"),
        ("ICE's request", "immigration"),
        ("ICE_raid", "immigration"),                  // "_" is neither a letter nor a digit
        ("ICE2", "given"),                            // a digit right after
        ("éICE", "given"),                            // a (Unicode) letter right before
        ("\u{0661}ICE", "given"),                     // ARABIC-INDIC DIGIT ONE (Nd) right before
        ("«ICE»", "immigration"),
        ("near ICE\u{00A0}office", "immigration"),    // NO-BREAK SPACE after
        ("line one\nICE", "immigration"),
        ("  ICE  ", "immigration"),
        ("287(g) task force", "immigration"),
        ("per 287(G)", "immigration"),                // not wholly capitals: any case
        ("287(g)x", "given"),
        ("a287(g)", "given"),
        ("Removal Proceedings", "immigration"),
        ("removal  proceedings", "given"),            // a phrase is matched as written: one space
        ("removalproceedings", "given"),
        ("family planning clinic", "reproductive_health"),
        ("FAMILY PLANNING", "reproductive_health"),
        ("deporting", "given"),                       // inflections not listed do not match
        ("protesting", "given"),
        ("Immigration case", "immigration"),
        ("IMMIGRATION", "immigration"),
        ("immigrations", "given"),
        ("hsi", "given"),
        ("Hsi", "given"),
        ("HSI", "immigration"),
        ("CBP/ERO", "immigration"),
        ("demonstrators", "protest"),
        ("demonstrator", "given"),
        ("activist-led march", "protest"),
        ("First Amendment", "protest"),
        ("Rally", "protest"),
        ("rallying", "given"),
        ("planned parenthood protest", "reproductive_health"),   // two rules: the first in order
        ("protest near the ICE office", "immigration"),
        ("abortion rally", "reproductive_health"),
        ("Abortion", "reproductive_health"),
        ("undocumented", "immigration"),
        ("illegal alien", "immigration"),
        ("Border Patrol", "immigration"),
        ("visa overstay", "immigration"),
        ("stolen vehicle", "given"),
        ("   ", "blank"),
        ("\t\n\r ", "blank"),
        ("\r\n", "blank"),
        ("", "blank"),
        (nil, "blank"),
        ("ICE ice ICE", "immigration"),
    ]

    static let networkCases: [(networks: Int?, band: String)] = [
        (1, "1"), (2, "2-10"), (10, "2-10"), (11, "11-100"), (100, "11-100"), (101, "101-1000"), (1000, "101-1000"),
        (1001, "1001+"), (50_000, "1001+"), (nil, ""),
    ]

    static let kinds: [String?] = [nil, "plate_lookup", "vehicle_search", "convoy", "freeform", "multi_location", "visual", "api", "other"]

    /// Accesses around local midnight, and on both 2024 DST change days in America/Chicago, with their local dates.
    static let dateCases: [(at: String, date: String)] = [
        ("2024-01-15T05:59:59Z", "2024-01-14"), ("2024-01-15T06:00:00Z", "2024-01-15"),   // CST
        ("2024-07-01T04:59:59Z", "2024-06-30"), ("2024-07-01T05:00:00Z", "2024-07-01"),   // CDT
        ("2024-03-10T05:59:59Z", "2024-03-09"), ("2024-03-10T06:00:00Z", "2024-03-10"),   // spring forward day
        ("2024-03-10T07:59:59Z", "2024-03-10"), ("2024-03-10T08:00:00Z", "2024-03-10"),   // 01:59:59 CST, 03:00 CDT
        ("2024-03-11T04:59:59Z", "2024-03-10"), ("2024-03-11T05:00:00Z", "2024-03-11"),
        ("2024-11-03T04:59:59Z", "2024-11-02"), ("2024-11-03T05:00:00Z", "2024-11-03"),   // fall back day
        ("2024-11-03T06:30:00Z", "2024-11-03"), ("2024-11-03T07:30:00Z", "2024-11-03"),   // 01:30 CDT, then 01:30 CST
        ("2024-11-04T05:59:59Z", "2024-11-03"), ("2024-11-04T06:00:00Z", "2024-11-04"),
        ("2024-11-20T17:59:59Z", "2024-11-20"),
    ]

    /// Windows and the group the spec gives each, for retention periods of 60 and 30 days (24-hour days).
    static let windowCases: [(at: String, window: String, retentionDays: Int, group: String)] = {
        var cases: [(at: String, window: String, retentionDays: Int, group: String)] = []
        let anchors = ["2024-11-10T16:00:00Z", "2024-04-01T12:00:00Z", "2024-03-10T07:30:00Z", "2024-11-03T06:30:00Z",
                       "2024-11-03T07:30:00Z"]
        for at in anchors {
            for days in [60, 30] {
                let horizon = days * 86_400
                cases.append((at, Reference.shifted(at, by: -horizon), days, "within_retention"))       // exactly at: not earlier
                cases.append((at, Reference.shifted(at, by: -horizon - 1), days, "beyond_retention"))   // a second before
                cases.append((at, Reference.shifted(at, by: -horizon + 1), days, "within_retention"))   // a second after
            }
        }
        // 24-hour days, not calendar days: across a DST change the two differ by an hour.
        cases.append(("2024-11-10T16:00:00Z", "2024-09-11T15:30:00Z", 60, "beyond_retention"))
        cases.append(("2024-04-01T12:00:00Z", "2024-02-01T12:30:00Z", 60, "within_retention"))
        cases.append(("2024-11-10T16:00:00Z", "2024-10-11T15:30:00Z", 30, "beyond_retention"))
        cases.append(("2024-04-01T12:00:00Z", "2024-03-02T12:30:00Z", 30, "within_retention"))
        for days in [60, 30] {
            cases.append(("2024-10-08T15:00:00Z", "2024-10-08T15:00:00Z", days, "within_retention"))   // the instant itself
            cases.append(("2024-10-08T15:00:00Z", "2024-10-08T16:00:00Z", days, "within_retention"))   // later than the search
            cases.append(("2024-10-08T15:00:00Z", "2019-01-01T00:00:00Z", days, "beyond_retention"))
        }
        return cases
    }()

    /// The export of `theFileEqualsAnIndependentComputation`.
    static let fixture: [Access] = {
        var rows: [Access] = []
        // Every reason, one a minute on October 1 (10:00 CDT on), through the kinds and bands.
        for (n, item) in reasonCases.enumerated() {
            rows.append(Access(at: Reference.shifted("2024-10-01T15:00:00Z", by: 60 * n), kind: kinds[n % kinds.count],
                               networks: networkCases[n % networkCases.count].networks, reason: item.reason, vendorID: "V-R\(n)"))
        }
        // Every reason again on October 2, with nothing else recorded.
        for (n, item) in reasonCases.enumerated() {
            rows.append(Access(at: Reference.shifted("2024-10-02T15:00:00Z", by: 60 * n), reason: item.reason))
        }
        // Every networks value with every kind on October 3, the reason NULL.
        for (n, item) in networkCases.enumerated() {
            for (k, kind) in kinds.enumerated() {
                rows.append(Access(at: Reference.shifted("2024-10-03T15:00:00Z", by: 60 * (n * kinds.count + k)), kind: kind,
                                   networks: item.networks))
            }
        }
        // Every window.
        for (n, item) in windowCases.enumerated() {
            rows.append(Access(at: item.at, kind: "plate_lookup", networks: 1, window: item.window, reason: "stolen vehicle",
                               vendorID: "V-W\(n)"))
        }
        // Around midnight and on the DST days, through the other columns.
        for (n, item) in dateCases.enumerated() {
            rows.append(Access(at: item.at, kind: kinds[(n + 1) % kinds.count], networks: networkCases[(n + 3) % networkCases.count].networks,
                               window: n % 3 == 0 ? nil : Reference.shifted(item.at, by: -(n % 2 == 0 ? 10 : 90) * 86_400),
                               reason: reasonCases[(n * 7) % reasonCases.count].reason))
        }
        // Six searches of one group on October 5 (local), the last at 23:59 CDT.
        for at in ["2024-10-05T15:00:00Z", "2024-10-05T15:00:00Z", "2024-10-05T15:00:30Z", "2024-10-05T20:00:00Z",
                   "2024-10-05T21:00:00Z", "2024-10-06T04:59:00Z"] {
            rows.append(Access(at: at, kind: "api", networks: 5, window: Reference.shifted(at, by: -86_400), reason: "ICE"))
        }
        // Nothing recorded at all.
        rows.append(Access(at: "2024-10-07T15:00:00Z"))
        rows.append(Access(at: "2024-10-07T15:00:00Z", kind: "visual"))
        rows.append(Access(at: "2024-10-07T15:00:00Z", networks: 3))
        rows.append(Access(at: "2024-10-07T15:00:00Z", window: "2024-10-01T00:00:00Z"))
        rows.append(Access(at: "2024-10-07T15:00:00Z", reason: "Rally"))
        return rows
    }()

    /// The fixture without the search of the build's own day (which the first publication does not
    /// hold, so that a purge before the next build would publish the ledger's part of that day).
    static let beforeTheBuildDay = fixture.filter { $0.at < "2024-11-20T06:00:00Z" }

    // MARK: - Writing exports and sites

    /// The operational schema with `data_access` holding only `columns` of the optional ones (in
    /// that order), with or without the contract's CHECKs on them; the rest as the contract has it.
    static func schema(optional columns: [String], checks: Bool = true) throws -> String {
        let definitions = [
            "vendor_search_id": "vendor_search_id TEXT UNIQUE",
            "reason": "reason TEXT",
            "search_kind": checks ? """
                search_kind TEXT CHECK (search_kind IN ('plate_lookup', 'vehicle_search', 'convoy', 'freeform', 'multi_location', 'visual', 'api', 'other'))
                """ : "search_kind TEXT",
            "networks_searched": checks ? "networks_searched INTEGER CHECK (networks_searched >= 1)" : "networks_searched INTEGER",
            "window_start_at": "window_start_at TEXT",
        ]
        let sql = OperationalSchema.sql
        let start = try #require(sql.range(of: "CREATE TABLE data_access ("))
        let optional = try #require(sql.range(of: "    -- Optional columns", range: start.upperBound..<sql.endIndex))
        let end = try #require(sql.range(of: "\n);", range: optional.upperBound..<sql.endIndex))
        var base = String(sql[start.lowerBound..<optional.lowerBound])
        while base.last?.isWhitespace == true { base.removeLast() }
        #expect(base.last == ",", "the contract's data_access no longer ends its required columns where this test expects")
        base.removeLast()
        let table = base + columns.map { ",\n    " + (definitions[$0] ?? "") }.joined() + "\n);"
        var result = sql
        result.replaceSubrange(start.lowerBound..<end.upperBound, with: table)
        return result
    }

    /// Writes `accesses` as `data_access` rows numbered from `firstID`, with only `columns` of the optional ones.
    static func write(_ accesses: [Access], to db: FixtureDatabase, columns: [String] = optionalColumns, firstID: Int = 1) {
        for (n, access) in accesses.enumerated() {
            var values: [String: Any?] = ["access_id": firstID + n, "accessed_at": access.at, "user_name": "officer.private.\(n)",
                                          "purpose": purposes[n % purposes.count]]
            let optional: [String: Any?] = ["vendor_search_id": access.vendorID, "reason": access.reason, "search_kind": access.kind,
                                            "networks_searched": access.networks, "window_start_at": access.window]
            for column in columns { values.updateValue(optional[column] ?? nil, forKey: column) }
            db.insert("data_access", values)
        }
    }

    /// A site whose export holds a reader, a closed period and `accesses`.
    static func site(_ accesses: [Access], retentionDays: Int? = nil, config: String = "", schema: String = OperationalSchema.sql,
                     columns: [String] = optionalColumns) -> SiteFixture {
        let site = SiteFixture(config: "agency_name: Test Police Department\n"
                               + (retentionDays.map { "retention_days: \($0)\n" } ?? "") + config)
        let db = FixtureDatabase(path: site.databasePath, schema: schema)
        db.reader("SQ-1", kind: "mobile")
        db.period("SQ-1", "2024-11-10T12:00:00Z", "2024-11-10T20:00:00Z")
        write(accesses, to: db, columns: columns)
        db.close()
        return site
    }

    /// Records an issue unless `actual` is `expected`, listing the lines that differ.
    static func expectFile(_ actual: String?, _ expected: String, _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        guard let actual else {
            Issue.record("data/search-scope-by-day.csv was not published \(what)", sourceLocation: sourceLocation)
            return
        }
        guard actual != expected else { return }
        let published = actual.components(separatedBy: "\r\n"), wanted = expected.components(separatedBy: "\r\n")
        let missing = wanted.filter { !published.contains($0) }, extra = published.filter { !wanted.contains($0) }
        Issue.record("""
            data/search-scope-by-day.csv differs from the spec \(what)
            expected but not published (\(missing.count)): \(missing.prefix(25).map(\.debugDescription).joined(separator: " "))
            published but not expected (\(extra.count)): \(extra.prefix(25).map(\.debugDescription).joined(separator: " "))
            same lines in another order: \(missing.isEmpty && extra.isEmpty)
            """, sourceLocation: sourceLocation)
    }

    // MARK: - Tests

    /// The reference agrees with the groups written out by hand (a check of the reference itself).
    @Test func theReferenceAgreesWithTheHandWrittenCases() {
        for item in Self.reasonCases {
            #expect(Reference.reason(item.reason) == item.group, "\(item.reason.debugDescription)")
        }
        for item in Self.networkCases { #expect(Reference.networks(item.networks) == item.band, "\(item.networks.debugDescription)") }
        for item in Self.dateCases { #expect(Reference.localDate(item.at) == item.date, "\(item.at)") }
        for item in Self.windowCases {
            #expect(Reference.window(accessed: item.at, start: item.window, retentionDays: item.retentionDays) == item.group,
                    "\(item.at) \(item.window) \(item.retentionDays)")
        }
        #expect(Reference.asOf("2024-11-20T18:00:00Z") == "2024-11-19" && Reference.asOf("2024-11-04T05:30:00Z") == "2024-11-02"
                && Reference.asOf("2024-03-11T04:30:00Z") == "2024-03-09")
        #expect(Reference.simpleFold("ſ") == "s" && Reference.simpleFold("\u{212A}") == "k" && Reference.simpleFold("ẞ") == "ß"
                && Reference.simpleFold("İ") == "İ" && Reference.simpleFold("A") == "a")
    }

    @Test(arguments: [60, 30])
    func theFileEqualsAnIndependentComputation(retentionDays: Int) throws {
        let site = Self.site(Self.fixture, retentionDays: retentionDays == 60 ? nil : retentionDays)
        try site.build(now: Self.now)
        let expected = Reference.csv(Self.fixture, retentionDays: retentionDays)
        Self.expectFile(site.outputText("data/search-scope-by-day.csv"), expected, "(retention \(retentionDays) days)")
        // The whole contract: CRLF lines, the header, every group once, the searches adding up to the rows of data_access.
        let rows = parseCSV(try #require(site.outputText("data/search-scope-by-day.csv")))
        #expect(rows.first == Self.header.components(separatedBy: ","))
        let published = Self.fixture.filter { Reference.localDate($0.at) <= Reference.asOf(Self.now) }
        #expect(published.count == Self.fixture.count - 1, "the fixture's one search of the build's own day is not yet published")
        #expect(rows.dropFirst().reduce(0) { $0 + (Int($1.last ?? "") ?? 0) } == published.count)
        // The same searches as searches-by-day.csv, day by day.
        var byDay: [String: Int] = [:], scopeByDay: [String: Int] = [:]
        for row in parseCSV(try #require(site.outputText("data/searches-by-day.csv"))).dropFirst() { byDay[row[0], default: 0] += Int(row[7]) ?? 0 }
        for row in rows.dropFirst() { scopeByDay[row[0], default: 0] += Int(row[5]) ?? 0 }
        #expect(byDay == scopeByDay)
    }

    @Test func anExportWithoutTheColumnsBuildsAndReadsNotRecorded() throws {
        let oldSchema = try Self.schema(optional: [])
        #expect(!oldSchema.contains("window_start_at") && !oldSchema.contains("vendor_search_id") && oldSchema.contains("requesting_agency_id"))
        let site = Self.site(Self.fixture, schema: oldSchema, columns: [])
        try site.build(now: Self.now)
        let text = try #require(site.outputText("data/search-scope-by-day.csv"))
        Self.expectFile(text, Reference.csv(Self.fixture, columns: []), "(export without the columns)")
        var perDay: [String: Int] = [:]
        for access in Self.fixture where Reference.localDate(access.at) <= Reference.asOf(Self.now) {
            perDay[Reference.localDate(access.at), default: 0] += 1
        }
        let rows = parseCSV(text).dropFirst()
        #expect(rows.count == perDay.count)
        for row in rows {
            #expect(row.count == 6 && row[1...4].allSatisfy(\.isEmpty), "\(row)")
            #expect(Int(row[5]) == perDay[row[0]], "\(row)")
        }
    }

    @Test(arguments: [["reason"], ["search_kind", "networks_searched"], ["window_start_at", "vendor_search_id"], ["networks_searched", "reason"]])
    func anExportWithSomeOfTheColumnsReadsTheOthersNotRecorded(columns: [String]) throws {
        let site = Self.site(Self.fixture, schema: try Self.schema(optional: columns), columns: columns)
        try site.build(now: Self.now)
        Self.expectFile(site.outputText("data/search-scope-by-day.csv"), Reference.csv(Self.fixture, columns: Set(columns)),
                        "(export with only \(columns))")
    }

    /// A value outside the contract stops the build with an error naming the row by its access_id
    /// only: not the value, nor anything else of the row. The published site stays as it was.
    @Test(arguments: [
        ("search_kind", "teleport" as any Sendable, ["teleport"]),
        ("networks_searched", 0, []),
        ("networks_searched", -7731, ["7731"]),
        ("networks_searched", "many", ["many"]),
        ("networks_searched", 2.5, ["2.5"]),
        ("window_start_at", "yesterday", ["yesterday"]),
        ("window_start_at", "2024-02-30T10:00:00Z", ["2024-02-30"]),
        ("window_start_at", "2024-10-01 10:00:00+00", ["2024-10-01 10"]),
        ("window_start_at", 1_727_776_800, ["1727776800"]),
    ] as [(String, any Sendable, [String])])
    func badValuesStopTheBuildNamingTheAccessIdOnly(column: String, value: any Sendable, shown: [String]) throws {
        let site = Self.site(Self.fixture, schema: try Self.schema(optional: Self.optionalColumns, checks: false))
        try site.build(now: Self.now)
        let published = site.outputFiles()
        #expect(published["data/search-scope-by-day.csv"] != nil)
        // The bad row shares its minute with good rows of lower ids.
        let db = FixtureDatabase(existing: site.databasePath)
        var values: [String: Any?] = ["access_id": 4001, "accessed_at": "2024-10-03T15:00:00Z", "user_name": "CANARY-USER-5150",
                                      "purpose": "criminal_investigation", "case_number": "CANARY-CASE-5150", "query_text": "CANARY-QUERY-5150",
                                      "requesting_agency": "CANARY-AGENCY-5150", "reason": "CANARY-REASON-5150",
                                      "vendor_search_id": "CANARY-VENDOR-5150", "search_kind": "convoy", "networks_searched": 4,
                                      "window_start_at": "2024-10-01T00:00:00Z"]
        values[column] = value
        db.insert("data_access", values)
        db.close()
        var message = "no error"
        do {
            try site.build(now: Self.now)
        } catch let error as GeneratorError {
            message = error.description
        }
        #expect(message.contains("access_id 4001"), "\(column) = \(value): \(message)")
        #expect(message.contains(column), "the message names the column: \(message)")
        for text in shown + ["CANARY"] {
            #expect(!message.contains(text), "\(column) = \(value): the message shows \(text): \(message)")
        }
        if "\(value)" == "0" {
            let words = message.split { !$0.isLetter && !$0.isNumber && $0 != "." && $0 != "-" && $0 != "_" }
            #expect(!words.contains { $0 == "0" || $0 == "0." }, "the message shows the value 0: \(message)")
        }
        #expect(site.outputFiles() == published, "the published site changed")
    }

    /// The first build of a site with a bad value publishes nothing.
    @Test func aFirstBuildWithABadValuePublishesNothing() throws {
        let site = Self.site(Self.fixture + [Access(at: "2024-10-04T15:00:00Z", kind: "teleport")],
                             schema: try Self.schema(optional: Self.optionalColumns, checks: false))
        let id = Self.fixture.count + 1
        let error = try #require(throws: GeneratorError.self) { try site.build(now: Self.now) }
        #expect(error.description.contains("access_id \(id)") && !error.description.contains("teleport"), "\(error.description)")
        #expect(site.outputFiles().isEmpty, "\(site.outputFiles().keys.sorted().prefix(5))")
    }

    @Test func noReasonOrVendorIDIsPublished() throws {
        let canaries = ["CANARY-REASON-7731", "CANARY-VENDOR-2291"]
        let accesses = Self.fixture + [
            Access(at: "2024-11-12T15:00:00Z", kind: "freeform", networks: 40, window: "2024-01-01T00:00:00Z",
                   reason: "CANARY-REASON-7731 ICE", vendorID: "CANARY-VENDOR-2291"),
            Access(at: "2024-11-12T16:00:00Z", reason: "CANARY-REASON-7731", vendorID: "CANARY-VENDOR-2291-b"),
            Access(at: "2024-11-12T17:00:00Z", reason: "CANARY-REASON-7731\nprotest", vendorID: "x CANARY-VENDOR-2291"),
        ]
        let site = Self.site(accesses)
        try site.build(now: Self.now)
        let warnings = try SiteBuilder(options: site.options(now: Self.now)).check()
        Self.expectFile(site.outputText("data/search-scope-by-day.csv"), Reference.csv(accesses))
        let outputs = site.outputFiles()
        #expect(outputs.count > 20)
        #expect(FileManager.default.fileExists(atPath: site.site.appendingPathComponent("ledger.sqlite").path))
        // Every file the generator wrote or keeps: the output, the ledger, anything else in the site folder.
        var kept = SiteFixture.files(in: site.folder).filter { !$0.key.hasPrefix("operational.sqlite") }
        kept["site/ledger.sqlite"] = fileBytes(site.site.appendingPathComponent("ledger.sqlite").path)
        for canary in canaries {
            for (path, bytes) in outputs.merging(kept, uniquingKeysWith: { a, _ in a }) {
                #expect(bytes.range(of: Data(canary.utf8)) == nil, "\(canary) is in \(path)")
            }
            #expect(!warnings.contains { $0.contains(canary) }, "\(canary) is in a message of check")
        }
    }

    /// The operational system destroys the audit trail; the ledger keeps what was published.
    @Test func aPurgeOfTheAuditTrailLeavesTheFileUnchanged() throws {
        let site = Self.site(Self.beforeTheBuildDay)
        try site.build(now: Self.now)
        let before = try #require(site.outputText("data/search-scope-by-day.csv"))
        Self.expectFile(before, Reference.csv(Self.beforeTheBuildDay))
        FixtureDatabase(existing: site.databasePath).exec("DELETE FROM data_access")
        try site.build(now: "2024-12-20T18:00:00Z")
        #expect(site.outputText("data/search-scope-by-day.csv") == before, "the file changed after the purge")
    }

    /// Whole days purged keep the ledger's groups; the days still held and new days are computed.
    @Test func aPartialPurgeKeepsThePurgedDaysAndComputesTheRest() throws {
        let site = Self.site(Self.beforeTheBuildDay)
        try site.build(now: Self.now)
        // Every search of a local date before October 3 is destroyed, and new searches come in.
        let cutoff = "2024-10-03T05:00:00Z"   // October 3, 00:00 CDT
        #expect(Self.beforeTheBuildDay.contains { $0.at < cutoff } && Self.beforeTheBuildDay.contains { $0.at >= cutoff })
        let later = [
            Access(at: "2024-12-01T15:00:00Z", kind: "convoy", networks: 1001, window: "2024-09-01T00:00:00Z", reason: "deportation"),
            Access(at: "2024-12-01T15:01:00Z", kind: "convoy", networks: 1001, window: "2024-09-01T00:00:00Z", reason: "deportation"),
            Access(at: "2024-12-02T06:00:00Z", reason: "  "),   // December 2, 00:00 CST
        ]
        let db = FixtureDatabase(existing: site.databasePath)
        db.exec("DELETE FROM data_access WHERE accessed_at < '\(cutoff)'")
        Self.write(later, to: db, firstID: 5001)
        db.close()
        try site.build(now: "2024-12-20T18:00:00Z")
        Self.expectFile(site.outputText("data/search-scope-by-day.csv"), Reference.csv(Self.beforeTheBuildDay + later, now: "2024-12-20T18:00:00Z"),
                        "(after a partial purge)")
    }

    /// The site's own rules come after the built-in ones; a built-in rule turned off matches nothing.
    @Test func siteRulesComeAfterTheBuiltInOnesAndARuleTurnedOffMatchesNothing() throws {
        let config = """
            search_reason_rules_off: [protest]
            search_reason_rules:
              - id: frozen_treats
                title: Frozen treats
                words: [ice cream, NYPD, kiosk]

            """
        let rules = [Reference.rules[0], Reference.rules[1], (id: "frozen_treats", words: ["ice cream", "NYPD", "kiosk"])]
        let cases: [(String?, String)] = [
            ("protest", "given"), ("Rally", "given"), ("abortion rally", "reproductive_health"),
            ("ICE cream", "immigration"), ("Ice Cream truck", "frozen_treats"), ("ice cream", "frozen_treats"),
            ("nypd", "given"), ("NYPD", "frozen_treats"), ("KIOSK", "frozen_treats"), ("kiosks", "given"), (nil, "blank"),
        ]
        for (reason, group) in cases { #expect(Reference.reason(reason, rules: rules) == group, "reference: \(reason.debugDescription)") }
        let accesses = cases.enumerated().map { n, item in Access(at: Reference.shifted("2024-11-12T15:00:00Z", by: 60 * n), reason: item.0) }
        let site = Self.site(accesses, config: config)
        try site.build(now: Self.now)
        Self.expectFile(site.outputText("data/search-scope-by-day.csv"), Reference.csv(accesses, rules: rules), "(site rules)")
    }

    /// Words not wholly in capitals match "in any case (Unicode simple case folding)": LATIN SMALL
    /// LETTER LONG S folds to s, KELVIN SIGN to k.
    @Test func wordsInAnyCaseMatchByUnicodeSimpleCaseFolding() throws {
        let config = """
            search_reason_rules:
              - id: kiosk_watch
                title: Kiosk watch
                words: [kiosk]

            """
        let rules = Reference.rules + [(id: "kiosk_watch", words: ["kiosk"])]
        let cases: [(String, String)] = [
            ("PROTE\u{017F}T", "protest"), ("vi\u{017F}a overstay", "immigration"), ("\u{212A}IOSK", "kiosk_watch"),
            ("PROTEST", "protest"), ("ı\u{307}mmigration", "given"),
        ]
        for (reason, group) in cases { #expect(Reference.reason(reason, rules: rules) == group, "reference: \(reason.debugDescription)") }
        let accesses = cases.enumerated().map { n, item in Access(at: Reference.shifted("2024-11-12T15:00:00Z", by: 60 * n), reason: item.0) }
        let site = Self.site(accesses, config: config)
        try site.build(now: Self.now)
        Self.expectFile(site.outputText("data/search-scope-by-day.csv"), Reference.csv(accesses, rules: rules), "(case folding)")
    }
}

extension SearchScopeTests {
    /// From PostgreSQL the file is byte-identical to the file from SQLite holding the same rows.
    @Suite("How searches were made, from PostgreSQL", .enabled(if: PostgreSQLServer.isAvailable, "\(PostgreSQLServer.skipMessage)"))
    struct OnPostgreSQL {
        @Test func theFileFromPostgreSQLIsByteIdenticalToTheFileFromSQLite() throws {
            let sqliteSite = SearchScopeTests.site(SearchScopeTests.fixture)
            try sqliteSite.build(now: SearchScopeTests.now)
            let server = try PostgreSQLContractTests.server()
            try PostgreSQLContractTests.load(sqliteSite.databasePath, into: server)
            let postgresSite = SiteFixture()
            let options = BuildOptions(siteDirectory: postgresSite.site, database: .postgresql(try PostgreSQLContractTests.address(server)),
                                       output: postgresSite.output, now: try #require(Instant(iso: SearchScopeTests.now)))
            _ = try SiteBuilder(options: options).build()
            let fromSQLite = try #require(sqliteSite.outputFiles()["data/search-scope-by-day.csv"])
            let fromPostgreSQL = try #require(postgresSite.outputFiles()["data/search-scope-by-day.csv"])
            SearchScopeTests.expectFile(String(decoding: fromPostgreSQL, as: UTF8.self), Reference.csv(SearchScopeTests.fixture), "(from PostgreSQL)")
            #expect(fromSQLite == fromPostgreSQL)
            #expect(sqliteSite.outputFiles()["data/searches-by-day.csv"] == postgresSite.outputFiles()["data/searches-by-day.csv"])
        }
    }
}

/// The spec's rules, written from its text alone.
private enum Reference {
    static let zone = SpecReference.zone

    static let rules = SpecReference.rules

    static func date(_ iso: String) -> Date { SpecReference.date(iso) }


    /// `iso` moved by `seconds`, in the contract's `YYYY-MM-DDTHH:MM:SSZ`.
    static func shifted(_ iso: String, by seconds: Int) -> String {
        ISO8601DateFormatter().string(from: date(iso).addingTimeInterval(TimeInterval(seconds)))
    }


    static func networks(_ n: Int?) -> String {
        guard let n else { return "" }
        if n == 1 { return "1" }
        if n <= 10 { return "2-10" }
        if n <= 100 { return "11-100" }
        if n <= 1000 { return "101-1000" }
        return "1001+"
    }

    /// Earlier than the access minus the retention period in 24-hour days.
    static func window(accessed: String, start: String?, retentionDays: Int) -> String {
        guard let start else { return "" }
        return date(start) < date(accessed).addingTimeInterval(-TimeInterval(retentionDays) * 86_400) ? "beyond_retention" : "within_retention"
    }


    static func localDate(_ iso: String) -> String { SpecReference.localDate(iso) }
    static func asOf(_ now: String) -> String { SpecReference.asOf(now) }
    static func reason(_ reason: String?, rules: [(id: String, words: [String])] = rules) -> String {
        SpecReference.reasonGroup(reason, rules: rules)
    }
    static func simpleFold(_ scalar: Unicode.Scalar) -> Unicode.Scalar { SpecReference.simpleFold(scalar) }


    /// The file: one CRLF line per group, ordered by code point on each column in turn, the
    /// days through the publication's last day.
    static func csv(_ accesses: [SearchScopeTests.Access], now: String = SearchScopeTests.now, retentionDays: Int = 60,
                    columns: Set<String> = Set(SearchScopeTests.optionalColumns), rules: [(id: String, words: [String])] = rules) -> String {
        var counts: [[String]: Int] = [:]
        let last = asOf(now)
        for access in accesses where localDate(access.at) <= last {
            let key = [
                localDate(access.at),
                columns.contains("search_kind") ? access.kind ?? "" : "",
                columns.contains("networks_searched") ? networks(access.networks) : "",
                columns.contains("window_start_at") ? window(accessed: access.at, start: access.window, retentionDays: retentionDays) : "",
                columns.contains("reason") ? reason(access.reason, rules: rules) : "",
            ]
            counts[key, default: 0] += 1
        }
        let order = counts.keys.sorted { a, b in
            a.lexicographicallyPrecedes(b) { $0.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
        }
        return ([SearchScopeTests.header] + order.map { ($0 + [String(counts[$0]!)]).joined(separator: ",") })
            .map { $0 + "\r\n" }.joined()
    }
}
