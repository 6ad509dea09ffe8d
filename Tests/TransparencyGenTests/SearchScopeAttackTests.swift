import CSQLite
import Foundation
import Testing
@testable import PublicLog
import TestSupport
@testable import TransparencyGen

/// Issue 27 ("How searches were made, and why") attacked as a hostile or careless administrator
/// or export would. Tests whose comment begins "Found" pinned a bug the attack found (their
/// comment says what was wrong; each is fixed); the others pin attacks that were refused from the start.
@Suite("How searches were made: attacks")
struct SearchScopeAttackTests {
    typealias Access = SearchScopeTests.Access
    static let now = SearchScopeTests.now

    /// The published file, or the build's error message.
    static func fileOrError(_ site: SiteFixture, now: String = SearchScopeAttackTests.now) -> String {
        do {
            try site.build(now: now)
            return site.outputText("data/search-scope-by-day.csv") ?? "(no file)"
        } catch {
            return "ERROR: \((error as? GeneratorError)?.message ?? "\(error)")"
        }
    }

    // MARK: - SQLite exports: the reason

    /// Found. `ReasonFunction` reads the reason with `String(cString:)`, which stops at the first NUL
    /// byte, while the view's own `trim(…) = ''` test sees the whole text. A reason whose bytes are
    /// NUL then "ICE deportation" is published as `blank` (SQL says not blank, the function sees
    /// ""), and "x", NUL, " ICE" as `given`. Spec: `blank` only when the reason is NULL or empty
    /// after trimming white space; else the first rule whose word occurs (NUL is not a letter or
    /// digit), so both are `immigration`. An export can thus hide a rule's words behind a NUL.
    @Test func aReasonWithANulByteIsStillMatchedAsAWhole() throws {
        let site = SearchScopeTests.site([])
        let db = FixtureDatabase(existing: site.databasePath)
        db.exec("""
            INSERT INTO data_access (access_id, accessed_at, user_name, purpose, reason) VALUES
              (1, '2024-11-12T15:00:00Z', 'u', 'other', char(0) || 'ICE deportation'),
              (2, '2024-11-12T15:00:00Z', 'u', 'other', 'x' || char(0) || ' ICE')
            """)
        db.close()
        let file = Self.fileOrError(site)
        #expect(file == "date,search_kind,networks,window,reason,searches\r\n2024-11-12,,,,immigration,2\r\n", "\(file)")
    }

    /// Found. Unicode simple case folding (CaseFolding.txt: `AB70; C; 13A0` … `ABBF; C; 13EF`,
    /// `13F8; C; 13F0` …) makes Cherokee small and capital letters one class. `CaseFolding.fold`
    /// takes "lower-case of the upper-case", which for Cherokee is the small letter itself, so no
    /// class is made and a word in either case never matches the other: 86 letters (plus U+1FBE)
    /// miss their folding. Spec: a word not wholly in capitals matches "in any case (Unicode
    /// simple case folding)", so the reason "ᏣᎳᎩ nation" holds the word "ꮳꮃꭹ".
    @Test func cherokeeWordsMatchInEitherCase() throws {
        #expect(ReasonRules([.init(id: "nation", words: ["\u{ABB3}\u{AB83}\u{AB79}"])]).matchingRule(in: "\u{13E3}\u{13B3}\u{13A9} nation") == "nation")
        #expect(ReasonRules([.init(id: "nation", words: ["\u{13E3}\u{13B3}\u{13A9} x"])]).matchingRule(in: "\u{ABB3}\u{AB83}\u{AB79} X") == "nation")
        #expect(CaseFolding.equivalents(of: "\u{13A0}").contains("\u{AB70}"), "\(CaseFolding.equivalents(of: "\u{13A0}"))")
        let config = """
            search_reason_rules:
              - id: nation
                title: Nation
                words: ["\u{ABB3}\u{AB83}\u{AB79}"]

            """
        let site = SearchScopeTests.site([Access(at: "2024-11-12T15:00:00Z", reason: "\u{13E3}\u{13B3}\u{13A9} nation")], config: config)
        #expect(Self.fileOrError(site) == "date,search_kind,networks,window,reason,searches\r\n2024-11-12,,,,nation,1\r\n")
    }

    /// Reasons that are not text: SQLite's text of the value is matched (documented), and the
    /// matching never sees more or less than the stored text. Pinned.
    @Test func reasonsStoredAsNumbersOrBlobsAreMatchedAsText() throws {
        let site = SearchScopeTests.site([])
        let db = FixtureDatabase(existing: site.databasePath)
        db.exec("""
            INSERT INTO data_access (access_id, accessed_at, user_name, purpose, reason) VALUES
              (1, '2024-11-12T15:00:00Z', 'u', 'other', 287),
              (2, '2024-11-12T15:00:00Z', 'u', 'other', 1.5),
              (3, '2024-11-12T15:00:00Z', 'u', 'other', X'494345'),
              (4, '2024-11-12T15:00:00Z', 'u', 'other', X''),
              (5, '2024-11-12T15:00:00Z', 'u', 'other', X'20090A0D'),
              (6, '2024-11-12T15:00:00Z', 'u', 'other', X'FF494345'),
              (7, '2024-11-12T15:00:00Z', 'u', 'other', X'0C'),
              (8, '2024-11-12T15:00:00Z', 'u', 'other', 'ICE' || char(0))
            """)
        db.close()
        #expect(Self.fileOrError(site) == """
            date,search_kind,networks,window,reason,searches\r
            2024-11-12,,,,blank,2\r
            2024-11-12,,,,given,3\r
            2024-11-12,,,,immigration,3\r

            """)
    }

    // MARK: - SQLite exports: the other columns

    /// Values outside the contract stop the build naming the access_id only (no value, no other
    /// column of the row), and a column that compares loosely is refused by name. Pinned.
    @Test(arguments: [
        ("search_kind", "'PLATE_LOOKUP'"), ("search_kind", "'plate_lookup '"), ("search_kind", "X'706C6174655F6C6F6F6B7570'"),
        ("networks_searched", "1.0e0 + 0.5"), ("networks_searched", "-9223372036854775808"),
        ("window_start_at", "'2024-10-01T00:00:00+00:00'"), ("window_start_at", "'2024-10-01T00:00:00z'"),
        ("window_start_at", "'2024-10-01T00:00:00.5Z'"), ("window_start_at", "'2016-12-31T23:59:60Z'"),
        ("window_start_at", "'0000-01-01T00:00:00Z'"), ("window_start_at", "X'323032342D31302D30315430303A30303A30305A'"),
        ("window_start_at", "'2024-10-01T00:00:00Z' || char(0)"), ("accessed_at", "'2024-11-12T15:00:00+00:00'"),
    ])
    func aValueOutsideTheContractNamesTheAccessIdOnly(column: String, value: String) throws {
        let site = SearchScopeTests.site([], schema: try SearchScopeTests.schema(optional: SearchScopeTests.optionalColumns, checks: false))
        let db = FixtureDatabase(existing: site.databasePath)
        var values: [String: String] = ["access_id": "6607", "accessed_at": "'2024-11-12T15:00:00Z'", "user_name": "'CANARY-USER'",
                                        "purpose": "'other'", "case_number": "'CANARY-CASE'", "reason": "'CANARY-REASON'",
                                        "vendor_search_id": "'CANARY-VENDOR'", "search_kind": "'convoy'", "networks_searched": "4",
                                        "window_start_at": "'2024-11-01T00:00:00Z'"]
        values[column] = value
        let columns = values.keys.sorted()
        db.exec("INSERT INTO data_access (\(columns.joined(separator: ", "))) VALUES (\(columns.map { values[$0]! }.joined(separator: ", ")))")
        db.close()
        let outcome = Self.fileOrError(site)
        #expect(outcome.hasPrefix("ERROR:") && outcome.contains("access_id 6607"), "\(outcome)")
        #expect(!outcome.contains("CANARY") && !outcome.contains("2024-10-01") && !outcome.contains("PLATE") && !outcome.contains("5184"), "\(outcome)")
    }

    @Test(arguments: ["search_kind", "window_start_at", "networks_searched"])
    func aScopeColumnWithALooseCollationIsRefused(column: String) throws {
        var schema = try SearchScopeTests.schema(optional: SearchScopeTests.optionalColumns, checks: false)
        let declared = column == "networks_searched" ? "\(column) INTEGER" : "\(column) TEXT"
        schema = schema.replacingOccurrences(of: declared, with: "\(declared) COLLATE NOCASE")
        let site = SearchScopeTests.site([Access(at: "2024-11-12T15:00:00Z", kind: "plate_lookup", networks: 1, window: "2024-11-01T00:00:00Z")],
                                         schema: schema)
        let outcome = Self.fileOrError(site)
        #expect(outcome.contains("data_access.\(column)") && outcome.contains("COLLATE NOCASE"), "\(outcome)")
    }

    /// Extreme but valid values are banded as the spec says. Pinned.
    @Test func extremeValidValuesAreBanded() throws {
        let site = SearchScopeTests.site([
            Access(at: "2024-11-12T15:00:00Z", networks: Int.max, window: "0001-01-01T00:00:00Z"),
            Access(at: "2024-11-12T15:00:00Z", networks: 1, window: "9999-12-31T23:59:59Z"),
        ])
        #expect(Self.fileOrError(site) == """
            date,search_kind,networks,window,reason,searches\r
            2024-11-12,,1,within_retention,blank,1\r
            2024-11-12,,1001+,beyond_retention,blank,1\r

            """)
    }

    /// The file's own objects named like the generator's views or function change nothing, and
    /// `strftime` (allowed for the views) does not open `data_access` to a query of its own. Pinned.
    @Test func objectsOfTheFileNamedLikeTheViewsChangeNothing() throws {
        let accesses = [Access(at: "2024-11-12T15:00:00Z", reason: "ICE"), Access(at: "2024-11-12T15:00:00Z", reason: "x")]
        let plain = SearchScopeTests.site(accesses)
        let expected = Self.fileOrError(plain)
        #expect(expected.contains("immigration,1"))
        let site = SearchScopeTests.site(accesses)
        let db = FixtureDatabase(existing: site.databasePath)
        db.exec("""
            CREATE VIEW public_search_scope AS SELECT accessed_at AS utc_minute, reason AS search_kind, reason AS networks,
                   reason AS search_window, reason AS reason, 1 AS searches, access_id AS first_access_id, 0 AS outside_minnesota
            FROM data_access;
            CREATE TABLE public_reason_group (reason TEXT);
            CREATE VIEW public_search_groups AS SELECT * FROM data_access;
            """)
        db.close()
        #expect(Self.fileOrError(site) == expected)
        let database = try OperationalDatabase(path: site.databasePath)
        for sql in ["SELECT strftime('%s', accessed_at) FROM main.data_access",
                    "SELECT public_reason_group(reason) FROM main.data_access",
                    "SELECT * FROM main.public_search_scope"] {
            #expect(throws: PublicLogError.self, "\(sql)") { try database.prepareGuarded(sql) }
        }
    }

    // MARK: - site.yaml

    @Test(arguments: [
        ("words: [\"a|b\"]", "holds the character \"|\""), ("words: [\"a[b]\"]", "holds the character \"[\""),
        ("words: [\"a\\\\b\"]", "holds the character \"\\\\\""), ("words: [\"a^b\"]", "holds the character \"^\""),
        ("words: [\"a*\"]", "holds the character \"*\""), ("words: [\"x\\u0301\"]", "holds the character"),
        ("words: [\"a  b\"]", "two in a row"), ("words: [\"--\"]", "has no letter or digit"), ("words: []", "has no words"),
        ("words: [&x foo, *x]", "anchor"),
    ])
    func aRuleWordThatCouldBreakAPatternIsRefusedByLine(words: String, expected: String) throws {
        let site = SearchScopeTests.site([], config: "search_reason_rules:\n  - id: odd\n    title: Odd\n    \(words)\n")
        let outcome = Self.fileOrError(site)
        #expect(outcome.contains("site.yaml line") && outcome.contains(expected), "\(outcome)")
    }

    @Test(arguments: ["blank", "given", "immigration", "Gun_show", "gun-show", "_x"])
    func aRuleIdThatCouldBeMisreadIsRefused(id: String) throws {
        let config = "search_reason_rules_off: [immigration]\nsearch_reason_rules:\n  - id: \(id)\n    title: T\n    words: [x]\n"
        let outcome = Self.fileOrError(SearchScopeTests.site([], config: config))
        #expect(outcome.contains("site.yaml line") && outcome.contains("'\(id)'"), "\(outcome)")
    }

    /// An agency's title and words are escaped wherever they appear. Pinned.
    @Test func titlesAndWordsAreEscapedOnEveryPage() throws {
        let config = """
            search_reason_rules:
              - id: odd
                title: "<script>alert(1)</script> & <b>x</b>"
                words: ["O'Brien", "AT&T", "c++", "\u{10428}\u{10429}"]

            """
        let site = SearchScopeTests.site([Access(at: "2024-11-12T15:00:00Z", reason: "call o’brien"),
                                          Access(at: "2024-11-12T15:00:00Z", reason: "AT&T store"),
                                          Access(at: "2024-11-12T15:00:00Z", reason: "\u{10400}\u{10401}")], config: config)
        #expect(Self.fileOrError(site).contains("odd,2"))
        for (path, data) in site.outputFiles() where path.hasSuffix(".html") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script>alert") && !text.contains("<b>x</b>") && !text.contains("AT&T"), "\(path)")
        }
    }

    // MARK: - The ledger

    static func ledgerPath(_ site: SiteFixture) -> String { site.site.appendingPathComponent("ledger.sqlite").path }
    static let twoICE = [Access(at: "2024-11-12T15:00:00Z", reason: "ICE"), Access(at: "2024-11-12T15:01:00Z", reason: "ICE"),
                         Access(at: "2024-11-12T16:00:00Z", reason: "stolen car")]

    /// An edit of `daily_search_scope` is found by the seal. Pinned.
    @Test func anEditOfTheScopeTableIsFound() throws {
        let site = SearchScopeTests.site(Self.twoICE)
        try site.build(now: Self.now)
        FixtureDatabase(existing: Self.ledgerPath(site)).exec("UPDATE daily_search_scope SET reason = 'erased' WHERE reason = 'immigration'")
        FixtureDatabase(existing: site.databasePath).exec("DELETE FROM data_access")
        let outcome = Self.fileOrError(site, now: "2025-01-19T18:00:00Z")
        #expect(outcome.contains("cannot be used"), "\(outcome)")
    }

    /// Found. An upgrade from an older ledger version reseals the ledger as it finds it, before
    /// verifying the seal it has: `Ledger.upgrade(from:)` (version ≥ 6) calls `LedgerSeal.seal`
    /// and only then `verifyRecords`. So after editing `daily_search_scope` (here: two
    /// immigration searches moved to a made-up rule `erased`) one `PRAGMA user_version = 7`
    /// makes the next build accept and republish the edit, after the purge, as "Rule no longer in
    /// force: erased". The same launders any daily table, agency list or deleted period row.
    /// Expected (Invariants, "Nothing lost"; DECISIONS "Ledger version 8 keeps daily_search_scope
    /// (sealed …)"): the upgrade verifies the old seal first (its digest skips tables the version
    /// lacked) and the build stops with "The ledger … cannot be used".
    @Test func settingTheLedgerVersionBackDoesNotLaunderAnEdit() throws {
        let site = SearchScopeTests.site(Self.twoICE)
        try site.build(now: Self.now)
        let published = site.outputFiles()
        FixtureDatabase(existing: Self.ledgerPath(site))
            .exec("UPDATE daily_search_scope SET reason = 'erased' WHERE reason = 'immigration'; PRAGMA user_version = 7")
        FixtureDatabase(existing: site.databasePath).exec("DELETE FROM data_access")
        let outcome = Self.fileOrError(site, now: "2025-01-19T18:00:00Z")
        #expect(outcome.contains("cannot be used"), "the edit was republished: \(outcome)")
        #expect(site.outputFiles()["data/search-scope-by-day.csv"] == published["data/search-scope-by-day.csv"])
    }

    /// A real version-7 ledger: `check` reads it without changing it; the next build after the
    /// purge upgrades it and gives each day it kept one row "not recorded in detail" that adds up
    /// to that day's searches. Pinned.
    @Test func aVersion7LedgerIsReadByCheckAndUpgradedWithUnrecordedDays() throws {
        let site = SearchScopeTests.site(Self.twoICE)
        try site.build(now: Self.now)
        let byDay = site.outputText("data/searches-by-day.csv")
        let path = Self.ledgerPath(site)
        try LedgerTamperingTests.rewrite(path, asVersion: 7, without: ["daily_search_scope"])
        let version7 = fileBytes(path)
        _ = try SiteBuilder(options: site.options(now: Self.now)).check()
        #expect(fileBytes(path) == version7, "check changed the ledger")
        FixtureDatabase(existing: site.databasePath).exec("DELETE FROM data_access")
        #expect(Self.fileOrError(site, now: "2025-01-19T18:00:00Z") == "date,search_kind,networks,window,reason,searches\r\n2024-11-12,,,,,3\r\n")
        #expect(site.outputText("data/searches-by-day.csv") == byDay)
    }

    /// A purge, then the rule's removal from site.yaml: the days kept keep the rule's id, the
    /// page names it as no longer in force, and nothing is recomputed. Pinned.
    @Test func aRuleRemovedAfterThePurgeStaysInTheDaysItCounted() throws {
        let rule = "search_reason_rules:\n  - id: gun_show\n    title: Gun shows\n    words: [gun show]\n"
        let site = SearchScopeTests.site([Access(at: "2024-11-12T15:00:00Z", reason: "Gun Show parking")], config: rule)
        try site.build(now: Self.now)
        let before = try #require(site.outputText("data/search-scope-by-day.csv"))
        #expect(before.contains(",gun_show,1"))
        FixtureDatabase(existing: site.databasePath).exec("DELETE FROM data_access")
        site.write("site.yaml", "agency_name: Test Police Department\nsearch_reason_rules_off: [protest]\n")
        #expect(Self.fileOrError(site, now: "2025-01-19T18:00:00Z") == before)
        #expect(site.outputText("searches/index.html")?.contains("Rule no longer in force: gun_show") == true)
    }
}

// MARK: - PostgreSQL

extension SearchScopeAttackTests {
    @Suite("How searches were made: attacks on PostgreSQL", .enabled(if: PostgreSQLServer.isAvailable, "\(PostgreSQLServer.skipMessage)"))
    struct OnPostgreSQL {
        static let schema = PostgreSQLContractTests.schema

        /// What opening the server and reading everything says: the first error, or "no error".
        static func outcome(_ server: PostgreSQLServer, scope: SearchScopeSettings = .standard) throws -> String {
            do {
                let database = try PostgreSQLDatabase(address: try PostgreSQLContractTests.address(server), scope: scope, environment: [:])
                _ = try database.accountabilityCounts(timeZone: try #require(AgencyTimeZone(identifier: "America/Chicago")))
                return "no error"
            } catch {
                return "\(error)"
            }
        }

        static func canaries(_ server: PostgreSQLServer) throws {
            try server.require("""
                SET search_path = \(schema);
                INSERT INTO data_access (access_id, accessed_at, user_name, purpose, reason, vendor_search_id)
                VALUES (1, '2024-06-11T10:00:00Z', 'CANARYUSER', 'other', 'CANARYREASON deportation', 'CANARYVENDOR'),
                       (2, '2024-06-11T11:00:00Z', 'CANARYUSER2', 'other', 'CANARYREASON2 second private reason', 'CANARYVENDOR2');
                """, "load the canaries")
        }

        /// Found (Invariants: "No value from a PRIVATE column … appears in any output file or
        /// message, whatever the input"). `PostgreSQLDatabase.checkViews` reads the settings the
        /// rules view carries and, when they differ from site.yaml, prints their rule ids, before
        /// `PostgreSQLProof` has proven the view is the script's. A rules view of the right shape
        /// that selects `reason AS rule_id` from `data_access` (it runs with the owner's rights)
        /// puts every search's reason in the build's and `check`'s message ("were made for … the
        /// reason rules CANARYREASON deportation, …"). Expected: refused like any other view that
        /// is not the script's ("is not the one the access script … creates"), quoting nothing.
        @Test func aRulesViewThatSelectsReasonsIsRefusedWithoutQuotingThem() throws {
            let server = try PostgreSQLContractTests.server()
            try Self.canaries(server)
            #expect(try Self.outcome(server) == "no error")
            try server.require("""
                CREATE OR REPLACE VIEW \(Self.schema).transparency_reason_rules AS
                SELECT (row_number() OVER ())::integer AS rule_order, reason AS rule_id, reason AS words, ''::text AS pattern
                FROM \(Self.schema).data_access
                """, "replace the rules view")
            let message = try Self.outcome(server)
            #expect(message != "no error")
            #expect(!message.contains("CANARY"), "a private reason in: \(message)")
        }

        /// Found, same cause: the contract view's `retention_seconds` is printed as "a retention
        /// period of N days" before the proof, so an integer computed from a private column (here
        /// the code of a plate's first character, 'Z' = 90) reaches the message. Expected: refused
        /// as a view that is not the script's, without the computed value.
        @Test func aContractViewComputedFromPrivateRowsIsRefusedWithoutItsValue() throws {
            let server = try PostgreSQLContractTests.server()
            try server.require("""
                SET search_path = \(Self.schema);
                INSERT INTO reader (reader_id, kind, label) VALUES ('SQ-1', 'mobile', 'Squad 1');
                INSERT INTO plate_read (read_id, reader_id, read_at, plate, plate_state) VALUES (1, 'SQ-1', '2024-06-10T13:00:00Z', 'ZCANARY', 'MN');
                CREATE OR REPLACE VIEW transparency_contract AS
                SELECT 3 AS version, ((SELECT ascii(min(plate)) FROM plate_read) * 86400)::bigint AS retention_seconds;
                """, "replace the contract view")
            let message = try Self.outcome(server)
            #expect(message != "no error")
            #expect(!message.contains("90 days"), "a value computed from a plate in: \(message)")
        }

        /// Tampered rules or contract views with no private data are refused (pinned): a retention
        /// that is not whole days, duplicate rule orders, a pattern that is not the words'.
        @Test(arguments: [
            "CREATE OR REPLACE VIEW elm_creek.transparency_contract AS SELECT 3 AS version, 5184001::bigint AS retention_seconds",
            """
            CREATE OR REPLACE VIEW elm_creek.transparency_reason_rules AS SELECT r.rule_order, r.rule_id, r.words, r.pattern
            FROM (SELECT * FROM elm_creek.transparency_reason_rules_copy ORDER BY rule_order) AS r(rule_order, rule_id, words, pattern)
            """,
        ])
        func aTamperedSettingsViewIsRefused(sql: String) throws {
            let server = try PostgreSQLContractTests.server()
            try Self.canaries(server)
            // A copy of the script's rules with every rule_order 1: the same settings read back, another view.
            try server.require("""
                CREATE TABLE elm_creek.transparency_reason_rules_copy AS SELECT 1 AS rule_order, rule_id, words, pattern
                FROM elm_creek.transparency_reason_rules ORDER BY rule_order;
                \(sql)
                """, "tamper")
            let message = try Self.outcome(server)
            #expect(message.contains("Nothing was read or published") && !message.contains("CANARY"), "\(message)")
        }

        /// Another agency's schema that the same role may read, with its own rules (valid, or
        /// a rules view over its own reasons). Pinned: the first builds, the second is refused
        /// without quoting that agency's reasons.
        @Test func anotherAgencysSchemaIsProvenWithItsOwnRules() throws {
            let server = try PostgreSQLContractTests.server()
            try Self.canaries(server)
            let other = SearchScopeSettings(rules: ReasonRules([.init(id: "gun_show", words: ["gun show", "O'Neil's"])]), retentionDays: 30)
            try server.require("CREATE SCHEMA other_agency; SET search_path = other_agency;\n\(PostgreSQLContract.tables)", "other tables")
            try server.require(PostgreSQLContract.accessScript(schema: "other_agency", role: PostgreSQLContractTests.role, scope: other))
            try server.require("""
                INSERT INTO other_agency.data_access (access_id, accessed_at, user_name, purpose, reason)
                VALUES (1, '2024-06-11T10:00:00Z', 'u', 'other', 'CANARYOTHER reason');
                """)
            #expect(try Self.outcome(server) == "no error")
            try server.require("""
                CREATE OR REPLACE VIEW other_agency.transparency_reason_rules AS
                SELECT (row_number() OVER ())::integer AS rule_order, reason AS rule_id, reason AS words, ''::text AS pattern
                FROM other_agency.data_access
                """)
            let message = try Self.outcome(server)
            #expect(message.contains("other_agency") && !message.contains("CANARY"), "\(message)")
        }

        /// The site's rules with quotes and punctuation, and reasons around them, give the same
        /// file from PostgreSQL as from SQLite. Pinned.
        @Test func oddRuleWordsGiveTheSameFileFromBothSources() throws {
            let config = """
                search_reason_rules:
                  - id: odd
                    title: Odd
                    words: ["O'Neil's", "AT&T", "c++", "a/b", "#1", "x-ray", "st. paul", "\u{10428}\u{10429}", "kiosk", "rock & roll"]

                """
            let rules = ReasonRules(ReasonRules.builtIn + [.init(id: "odd", words: ["O'Neil's", "AT&T", "c++", "a/b", "#1", "x-ray", "st. paul",
                                                                                   "\u{10428}\u{10429}", "kiosk", "rock & roll"])])
            let reasons = ["o'neil's bar", "O’Neil's", "at&t", "C++ dev", "A/B", "#1 fan", "#12", "X-RAY", "St. Paul", "ST.PAUL",
                           "\u{10400}\u{10401}", "\u{212A}IOSK", "ROCK & ROLL", "rock &roll", "'ICE'", "(ICE)", "ICE\u{301}"]
            try expectSameFile(reasons: reasons, config: config, scope: SearchScopeSettings(rules: rules, retentionDays: 60))
        }

        /// Found (spec: "From PostgreSQL the output is byte-identical to the output from SQLite
        /// holding the same rows"). "A letter or digit" is Swift's Unicode data on SQLite and the
        /// server's ICU on PostgreSQL (`[:alnum:]` under `und-x-icu`). Swift 6.3 knows Unicode 16;
        /// the test server's ICU 72 knows Unicode 15. U+105C0 (TODHRI LETTER A, Lo, Unicode 16)
        /// right before ICE: SQLite says a letter, so `given`; PostgreSQL says no letter, so
        /// `immigration`. Expected: the same file (e.g. the proof refuses a server whose ICU
        /// Unicode version is not the generator's, or both sides use one table of letters).
        @Test func lettersNewerThanTheServersICUGiveTheSameFile() throws {
            try expectSameFile(reasons: ["\u{105C0}ICE", "\u{10D50}ICE", "\u{1C89}ICE"], config: "", scope: .standard)
        }

        /// Builds `reasons` from SQLite and from PostgreSQL (views made for `scope`) and compares the files.
        func expectSameFile(reasons: [String], config: String, scope: SearchScopeSettings,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
            let accesses = reasons.enumerated().map { n, reason in
                Access(at: String(format: "2024-11-12T15:%02d:00Z", n), reason: reason)
            }
            let sqliteSite = SearchScopeTests.site(accesses, config: config)
            try sqliteSite.build(now: SearchScopeAttackTests.now)
            let server = try PostgreSQLContractTests.server()
            try server.require(PostgreSQLContract.accessScript(schema: Self.schema, role: PostgreSQLContractTests.role, scope: scope),
                               "the site's access script")
            try PostgreSQLContractTests.load(sqliteSite.databasePath, into: server)
            let postgresSite = SiteFixture(config: "agency_name: Test Police Department\n" + config)
            let options = BuildOptions(siteDirectory: postgresSite.site, database: .postgresql(try PostgreSQLContractTests.address(server)),
                                       output: postgresSite.output, now: try #require(Instant(iso: SearchScopeAttackTests.now)))
            _ = try SiteBuilder(options: options).build()
            let fromSQLite = sqliteSite.outputText("data/search-scope-by-day.csv")
            let fromPostgreSQL = postgresSite.outputText("data/search-scope-by-day.csv")
            #expect(fromSQLite != nil && fromSQLite == fromPostgreSQL,
                    "SQLite:\n\(fromSQLite ?? "-")\nPostgreSQL:\n\(fromPostgreSQL ?? "-")", sourceLocation: sourceLocation)
        }

        /// A database in SQL_ASCII holds the views (they need no collation of the server's), but
        /// its text is not read as the same letters SQLite reads: the build is refused before
        /// reading anything, naming the encoding. Pinned.
        @Test func aDatabaseNotInUTF8IsRefused() throws {
            let name = "tg_ascii_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))"
            try PostgreSQLServer.require(PostgreSQLServer.run(
                sql: "CREATE DATABASE \(name) ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0", database: "postgres"), "create")
            defer { _ = try? PostgreSQLServer.run(sql: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)", database: "postgres") }
            #expect(try PostgreSQLServer.run(sql: "CREATE SCHEMA \(Self.schema); SET search_path = \(Self.schema);\n\(PostgreSQLContract.tables)",
                                             database: name).status == 0)
            let script = try PostgreSQLServer.run(sql: PostgreSQLContract.accessScript(schema: Self.schema, role: PostgreSQLContractTests.role,
                                                                                       scope: .standard), database: name)
            #expect(script.status == 0, "\(script.error)")
            let host = try #require(PostgreSQLServer.host)
            let hostPart = host.hasPrefix("/") ? ":\(PostgreSQLServer.port)" : "\(host):\(PostgreSQLServer.port)"
            let socket = host.hasPrefix("/") ? "&host=\(host)" : ""
            let address = try PostgreSQLAddress(parsing: "postgresql://\(PostgreSQLContractTests.role)@\(hostPart)/\(name)?schema=\(Self.schema)\(socket)&sslmode=disable",
                                                environment: [:])
            #expect { _ = try PostgreSQLDatabase(address: address, environment: [:]) } throws: {
                "\($0)".contains("stores text as SQL_ASCII, not UTF-8")
            }
        }
    }
}
