import Foundation
import Testing
@testable import PublicLog
import Samples
import TestSupport
import TransparencyGen

/// The contract on a real PostgreSQL server: the tables are the SQLite contract's in PostgreSQL
/// types, the access script's views give the figures the SQLite tally gives for the same rows,
/// and the generator's role can read those views and nothing else.
@Suite("PostgreSQL contract", .enabled(if: PostgreSQLServer.isAvailable, "\(PostgreSQLServer.skipMessage)"))
struct PostgreSQLContractTests {
    static let schema = "elm_creek"
    static let role = "tg_reader_\(UUID().uuidString.lowercased().prefix(8))"
    static let contractTables = ["reader", "reader_location", "active_period", "comparison_source", "plate_read", "hit",
                                 "sharing_agency", "data_access", "acp_request"]

    /// The generator's role's password (for the connection tests over TCP).
    static let password = "pw-\(UUID().uuidString.prefix(12))"

    /// The generator's login role, made once for the run: roles are the server's, and tests
    /// running at once must not create or alter the same one.
    static let roleStatus: Int32 = (try? PostgreSQLServer.run(
        sql: "CREATE ROLE \(role) LOGIN PASSWORD '\(password)'", database: "postgres").status) ?? -1

    /// A database with the agency's schema, its tables, the generator's role and the views.
    static func server() throws -> PostgreSQLServer {
        #expect(roleStatus == 0, "the test role could not be created")
        let server = try PostgreSQLServer()
        try server.require("""
            CREATE SCHEMA \(schema);
            SET search_path = \(schema);
            \(PostgreSQLContract.tables)
            """, "create the tables")
        try server.require(PostgreSQLContract.accessScript(schema: schema, role: role, scope: .standard), "run the access script")
        return server
    }

    /// Copies every row of the SQLite file at `path` into the server's tables, value for value.
    static func load(_ path: String, into server: PostgreSQLServer) throws {
        let sqlite3 = try #require(Tool.find("sqlite3"), "sqlite3 is not installed")
        var sql = "BEGIN;\nSET search_path = \(schema);\n"
        for table in contractTables {
            let json = try Tool.run(sqlite3, ["-json", path, "SELECT * FROM \(table)"])
            guard !json.isEmpty else { continue }
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            for row in rows {
                let columns = row.keys.sorted()
                let values = columns.map { column -> String in
                    switch row[column] {
                    case let text as String: "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
                    case let number as NSNumber: number.stringValue
                    default: "NULL"
                    }
                }
                sql += "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")));\n"
            }
        }
        try server.require(sql + "COMMIT;\n", "load the rows")
    }

    /// Rows of `sql` run by `sqlite3` on `path` after `setup`, as sorted CSV lines.
    static func sqliteRows(_ path: String, setup: [String] = [], _ sql: String) throws -> [String] {
        let sqlite3 = try #require(Tool.find("sqlite3"), "sqlite3 is not installed")
        let output = try Tool.run(sqlite3, ["-csv", path] + setup.map { $0 + ";" } + [sql])
        return output.split(separator: "\n").map(String.init).sorted()
    }

    /// The sample agency (a twentieth of its reads) and the hostile fixture as SQLite files in
    /// `folder`, each with the "now" it was written for.
    static func fixtures(in folder: URL) throws -> [(path: String, now: String)] {
        let sampleNow = "2026-11-18T12:00:00Z"
        let zone = try #require(AgencyTimeZone(identifier: "America/Chicago"))
        let sample = folder.appendingPathComponent("sample.sqlite").path
        try SampleDatabaseWriter(now: try #require(Instant(iso: sampleNow)), timeZone: zone, scale: 0.05).write(to: sample)
        let hostile = folder.appendingPathComponent("hostile.sqlite").path
        return [(sample, sampleNow), (hostile, HostileFixture(path: hostile).now)]
    }

    @Test func theTablesAreTheSQLiteContractsInPostgreSQLTypes() throws {
        let server = try Self.server()
        let folder = temporaryFolder("contract")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("contract.sqlite").path
        FixtureDatabase(path: path).close()
        for table in Self.contractTables {
            let sqliteColumns = try Self.sqliteRows(path, "SELECT cid || ':' || name || ':' || type FROM pragma_table_info('\(table)')")
                .sorted { Int($0.split(separator: ":")[0])! < Int($1.split(separator: ":")[0])! }
            let postgres = try server.require("""
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = '\(Self.schema)' AND table_name = '\(table)' ORDER BY ordinal_position
                """).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
            #expect(postgres.map { $0[0] } == sqliteColumns.map { String($0.split(separator: ":")[1]) }, "\(table)")
            for (column, sqlite) in zip(postgres, sqliteColumns) {
                let (name, type) = (column[0], column[1])
                let sqliteType = String(sqlite.split(separator: ":")[2])
                let expected = switch sqliteType {
                case "INTEGER": "bigint"
                case "REAL": "double precision"
                default: name.hasSuffix("_at") ? "timestamp with time zone"
                    : (name.hasSuffix("_on") || name.hasSuffix("_from") || name.hasSuffix("_until")) ? "date" : "text"
                }
                #expect(type == expected, "\(table).\(name): \(type)")
            }
        }
    }

    @Test func theGeneratorsRoleReadsTheViewsAndNothingElse() throws {
        let server = try Self.server()
        for table in Self.contractTables {
            let result = try server.run("SELECT * FROM \(Self.schema).\(table) LIMIT 1", as: Self.role)
            #expect(result.status != 0 && result.error.contains("permission denied for table \(table)"), "\(table): \(result.error)")
        }
        for view in PostgreSQLContract.View.allCases {
            try server.require("SELECT * FROM \(Self.schema).\(view.rawValue) LIMIT 1", as: Self.role, "read \(view.rawValue)")
        }
        // Not one column of a private table, by any grant (to the role, to PUBLIC, to a role it belongs to).
        let readable = try server.require("""
            SELECT c.table_name || '.' || c.column_name FROM information_schema.columns AS c
            WHERE c.table_schema = '\(Self.schema)'
              AND c.table_name IN (\(PostgreSQLContract.privateTables.map { "'\($0)'" }.joined(separator: ", ")))
              AND has_column_privilege('\(Self.role)', format('%I.%I', c.table_schema, c.table_name), c.column_name, 'SELECT')
            """)
        #expect(readable.isEmpty, "the role can read \(readable)")
        // Nor can it change anything.
        let write = try server.run("CREATE TABLE \(Self.schema).x (y int)", as: Self.role)
        #expect(write.status != 0 && write.error.contains("permission denied for schema"))
    }

    @Test func theViewsGiveTheFiguresTheSQLiteTallyGivesForTheSameRows() throws {
        let folder = temporaryFolder("pg-figures")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, _) in try Self.fixtures(in: folder) {
            let server = try Self.server()
            try Self.load(path, into: server)
            let database = try OperationalDatabase(path: path)
            let figures = try database.periodFigures()
            #expect(!figures.isEmpty)
            let names = PeriodFigure.allCases.map(\.name)
            let rows = try server.require("SELECT period_id, \(names.joined(separator: ", ")) FROM \(Self.schema).\(PostgreSQLContract.View.periodFigures.rawValue)",
                                          as: Self.role)
            var fromServer: [Int64: [Int]] = [:]
            for line in rows.split(separator: "\n") {
                let values = line.split(separator: ",").compactMap { Int($0) }
                fromServer[Int64(values[0])] = Array(values.dropFirst())
            }
            let fromSQLite = figures.mapValues { f in PeriodFigure.allCases.map { f[$0] } }
            #expect(fromServer == fromSQLite, "\(path): periods \(Set(fromServer.keys).symmetricDifference(fromSQLite.keys).sorted().prefix(5))")
            let unlogged = try server.require("SELECT reads FROM \(Self.schema).\(PostgreSQLContract.View.readsInNoPeriod.rawValue)", as: Self.role)
            #expect(Int(unlogged.trimmingCharacters(in: .whitespacesAndNewlines)) == (try database.unloggedReadCount()), "\(path)")

            // The search groups and hit dispositions, row for row with SQLite's own views, read
            // on the generator's own connection (their times are checked by its SQL function).
            for (view, pgView, columns) in [
                (AggregateViews.searchGroups, PostgreSQLContract.View.searchGroups,
                 "utc_minute, purpose, requested_by, agency_id, case_number_recorded, searches, first_access_id, unknown_agency"),
                (AggregateViews.hitDispositions, PostgreSQLContract.View.hitDispositions, "utc_minute, disposition, hits, first_hit_id"),
            ] {
                var expected: [String] = []
                let count = Int32(columns.split(separator: ",").count)
                try database.query("the view", "SELECT \(columns) FROM temp.\(view)") { row in
                    expected.append((0..<count).map { row.text($0) ?? "" }.joined(separator: ","))
                }
                expected.sort()
                let actual = try server.require("SELECT \(columns) FROM \(Self.schema).\(pgView.rawValue)", as: Self.role)
                    .split(separator: "\n").map(String.init).sorted()
                #expect(!expected.isEmpty)
                #expect(actual == expected, "\(path): \(pgView.rawValue) differs")
            }
        }
    }

    /// The address of the test server's database for `role`.
    static func address(_ server: PostgreSQLServer, role: String = PostgreSQLContractTests.role) throws -> PostgreSQLAddress {
        let host = try #require(PostgreSQLServer.host)
        let hostPart = host.hasPrefix("/") ? ":\(PostgreSQLServer.port)" : "\(host):\(PostgreSQLServer.port)"
        let socket = host.hasPrefix("/") ? "&host=\(host)" : ""
        return try PostgreSQLAddress(parsing: "postgresql://\(role)@\(hostPart)/\(server.database)?schema=\(schema)\(socket)&sslmode=disable",
                                     environment: [:])
    }

    @Test func aPostgreSQLSourceReadsWhatTheSQLiteFileHolds() throws {
        let folder = temporaryFolder("pg-source")
        defer { try? FileManager.default.removeItem(at: folder) }
        let zone = try #require(AgencyTimeZone(identifier: "America/Chicago"))
        let horizon = try #require(Instant(iso: "2026-09-19T12:00:00Z"))
        for (path, _) in try Self.fixtures(in: folder) {
            let server = try Self.server()
            try Self.load(path, into: server)
            let sqlite = try OperationalDatabase(path: path, retentionHorizon: horizon)
            let postgres = try PostgreSQLDatabase(address: try Self.address(server), retentionHorizon: horizon, environment: [:])
            let (a, b) = (try sqlite.snapshot(), try postgres.snapshot())
            #expect(a.readers == b.readers, "\(path)")
            #expect(a.placements == b.placements, "\(path)")
            #expect(a.periods == b.periods, "\(path)")
            #expect(a.sources == b.sources, "\(path)")
            #expect(a.computedFigures == b.computedFigures, "\(path)")
            #expect(a.unloggedReads == b.unloggedReads, "\(path)")
            #expect(a.sharingAgencies == b.sharingAgencies, "\(path)")
            #expect(try sqlite.accountabilityCounts(timeZone: zone) == (try postgres.accountabilityCounts(timeZone: zone)), "\(path)")
            #expect(try sqlite.readCountPastRetention() == (try postgres.readCountPastRetention()), "\(path)")
            #expect(!a.computedFigures.isEmpty && !a.readers.isEmpty)
        }
    }

    @Test func aRoleThatCanReadAPrivateTableIsRefusedWithTheGrantToRevoke() throws {
        let server = try Self.server()
        try server.require("GRANT SELECT (plate, read_at) ON \(Self.schema).plate_read TO \(Self.role)")
        #expect {
            _ = try PostgreSQLDatabase(address: try Self.address(server), environment: [:])
        } throws: { error in
            let message = "\(error)"
            return message.contains("can read the private table \(Self.schema).plate_read (columns read_at, plate)")
                && message.contains("REVOKE ALL ON \(Self.schema).plate_read FROM \(Self.role), PUBLIC;")
        }
        // The superuser (the tables' owner here) reads everything: refused too.
        #expect {
            _ = try PostgreSQLDatabase(address: try Self.address(server, role: PostgreSQLServer.user), environment: [:])
        } throws: { "\($0)".contains("can read the private table") }
    }

    @Test func viewsOfAnotherVersionOrMissingAreRefused() throws {
        let server = try Self.server()
        try server.require("CREATE OR REPLACE VIEW \(Self.schema).transparency_contract AS SELECT 0 AS version, 5184000::bigint AS retention_seconds")
        #expect {
            _ = try PostgreSQLDatabase(address: try Self.address(server), environment: [:])
        } throws: { "\($0)".contains("are of version 0") && "\($0)".contains("--postgresql-access --schema \(Self.schema)") }
        try server.require("DROP VIEW \(Self.schema).transparency_hit_dispositions")
        #expect {
            _ = try PostgreSQLDatabase(address: try Self.address(server), environment: [:])
        } throws: { "\($0)".contains("has no view \(Self.schema).transparency_hit_dispositions") }
    }

    /// Issue 27: the views match reasons and judge windows on the server, so they carry the
    /// site's rules and retention period; a build with other settings stops and says which, and
    /// a rules view edited by hand (a pattern that is not the rule's words) is refused.
    @Test func viewsMadeForOtherSearchSettingsAreRefusedNamingThem() throws {
        let server = try Self.server()
        let site = SearchScopeSettings(rules: ReasonRules(ReasonRules.builtIn.dropLast() + [.init(id: "gun_show", words: ["gun show"])]),
                                       retentionDays: 30)
        #expect {
            _ = try PostgreSQLDatabase(address: try Self.address(server), scope: site, environment: [:])
        } throws: {
            "\($0)".contains("were made for a retention period of 60 days and the reason rules immigration, reproductive_health, protest")
                && "\($0)".contains("site.yaml asks for a retention period of 30 days and the reason rules immigration, reproductive_health, gun_show")
                && "\($0)".contains("--site")
        }
        try server.require(PostgreSQLContract.accessScript(schema: Self.schema, role: Self.role, scope: site))
        _ = try PostgreSQLDatabase(address: try Self.address(server), scope: site, environment: [:])
        // The same words with a pattern that matches every reason: not the script's view.
        try server.require("""
            CREATE OR REPLACE VIEW \(Self.schema).transparency_reason_rules AS
            SELECT r.rule_order, r.rule_id, r.words, r.pattern
            FROM (VALUES (1, 'immigration', 'immigration', '.'), (2, 'reproductive_health', 'abortion', ''),
                         (3, 'gun_show', 'gun show', '')) AS r(rule_order, rule_id, words, pattern)
            """)
        let tampered = SearchScopeSettings(rules: ReasonRules([.init(id: "immigration", words: ["immigration"]),
                                                               .init(id: "reproductive_health", words: ["abortion"]),
                                                               .init(id: "gun_show", words: ["gun show"])]), retentionDays: 30)
        #expect {
            _ = try PostgreSQLDatabase(address: try Self.address(server), scope: tampered, environment: [:])
        } throws: { "\($0)".contains("transparency_reason_rules") && "\($0)".contains("is not the one the access script") }
    }

    @Test func aPortalBuiltFromPostgreSQLIsByteIdenticalToOneBuiltFromSQLite() throws {
        let folder = temporaryFolder("pg-portal")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, now) in try Self.fixtures(in: folder) {
            let server = try Self.server()
            try Self.load(path, into: server)
            var portals: [[String: Data]] = []
            var checks: [[String]] = []
            for database in [DatabaseLocation.file(URL(fileURLWithPath: path)), .postgresql(try Self.address(server))] {
                // A site folder of its own for each: its own ledger, its own output.
                let site = SiteFixture(config: "agency_name: Test Police Department\nbase_url: https://alpr.example.gov/\nlanguages: [en, es]\n")
                let options = BuildOptions(siteDirectory: site.site, database: database, output: site.output, now: try #require(Instant(iso: now)))
                checks.append(try SiteBuilder(options: options).check())
                let report = try SiteBuilder(options: options).build()
                #expect(report.publication?.number == 1)
                portals.append(site.outputFiles())
            }
            // `check` says the same of both.
            #expect(checks[0] == checks[1], "\(path)")
            #expect(!checks[0].isEmpty)
            #expect(portals[0].count > 40, "\(path)")
            #expect(portals[0].keys.sorted() == portals[1].keys.sorted(), "\(path)")
            let differing = portals[0].keys.filter { portals[0][$0] != portals[1][$0] }.sorted()
            #expect(differing.isEmpty, "\(path): \(differing.prefix(5))")
        }
    }
}
