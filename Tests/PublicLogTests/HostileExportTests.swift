import CSQLite
import Foundation
import Testing
@testable import PublicLog
import TestSupport

/// Exports built to smuggle private values out: views and computed columns standing in for
/// public tables, and private or classified values that an error message could echo.
@Suite("Hostile operational exports")
struct HostileExportTests {
    static let secret = "CANARYSECRETPLACE"

    /// A fixture with a security-information placement and a non-public database, both of whose
    /// texts are canaries.
    func database(_ extra: (FixtureDatabase) -> Void = { _ in }) -> TemporaryDatabase {
        TemporaryDatabase { f in
            f.reader("FX-1", kind: "fixed")
            f.reader("FX-S", kind: "fixed")
            f.location("FX-1", "Main St", placedOn: "2024-01-01")
            f.location("FX-S", Self.secret, placedOn: "2024-01-01", direction: "CANARYSECRETDIR", security: true)
            f.source("bca", "BCA")
            f.source("secret-db", "CANARYSECRETDB", isPublic: false)
            f.period("FX-1", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z")
            extra(f)
        }
    }

    func message(_ db: TemporaryDatabase) -> String {
        do {
            let database = try db.open()
            _ = try database.snapshot()
            _ = try database.accountabilityCounts(timeZone: AgencyTimeZone(identifier: "America/Chicago")!)
            return "no error"
        } catch let error as PublicLogError {
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    func expectNoCanary(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for canary in ["CANARY", "canary", "secret-db"] {
            #expect(!text.contains(canary), "\(canary) in: \(text)", sourceLocation: sourceLocation)
        }
    }

    /// Each public table replaced by a view that reads the classified placement's text.
    @Test(arguments: [
        ("reader", """
            CREATE VIEW reader AS SELECT reader_id, kind, (SELECT description FROM reader_location WHERE security_information = 1) AS label,
                operator, installed_on, decommissioned_on, bca_notified_on FROM reader_base
            """),
        ("reader_location", """
            CREATE VIEW reader_location AS SELECT location_id, reader_id, description, direction, latitude, longitude,
                placed_on, removed_on, 0 AS security_information FROM reader_location_base
            """),
        ("comparison_source", """
            CREATE VIEW comparison_source AS SELECT source_id, name, jurisdiction, 1 AS existence_public, in_use_from,
                in_use_until FROM comparison_source_base
            """),
        ("active_period", """
            CREATE VIEW active_period AS SELECT period_id, reader_id, started_at, ended_at FROM active_period_base
            """),
    ])
    func aViewStandingInForAPublicTableIsRefused(table: String, view: String) throws {
        let db = database()
        db.fixture.exec("PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON; ALTER TABLE \(table) RENAME TO \(table)_base;")
        db.fixture.exec(view)
        let before = try #require(fileBytes(db.path))
        let text = message(db)
        #expect(text.contains("`\(table)` is a view"), "\(text)")
        #expect(text.contains("plain tables"))
        #expect(!text.contains("defect in the generator"))
        expectNoCanary(text)
        #expect(fileBytes(db.path) == before)
    }

    @Test func aViewOverLiteralsIsRefused() {
        let db = database()
        db.fixture.exec("""
            PRAGMA foreign_keys = OFF; DROP TABLE reader;
            CREATE VIEW reader AS SELECT 'FX-1' AS reader_id, 'fixed' AS kind, 'CANARYLITERAL' AS label, 'agency' AS operator,
                NULL AS installed_on, NULL AS decommissioned_on, NULL AS bca_notified_on;
            """)
        let text = message(db)
        #expect(text.contains("`reader` is a view"))
        expectNoCanary(text)
    }

    @Test func aComputedColumnIsRefused() {
        let db = database()
        db.fixture.exec("""
            PRAGMA foreign_keys = OFF; DROP TABLE reader;
            CREATE TABLE reader (reader_id TEXT PRIMARY KEY, kind TEXT, operator TEXT, installed_on TEXT,
                decommissioned_on TEXT, bca_notified_on TEXT, label TEXT GENERATED ALWAYS AS ('CANARY' || reader_id) VIRTUAL);
            INSERT INTO reader (reader_id, kind, operator) VALUES ('FX-1', 'fixed', 'agency'), ('FX-S', 'fixed', 'agency');
            """)
        let text = message(db)
        #expect(text.contains("column `label` is computed"), "\(text)")
        expectNoCanary(text)
    }

    @Test func aVirtualTableIsRefused() {
        let db = database()
        db.fixture.exec("""
            PRAGMA foreign_keys = OFF; DROP TABLE comparison_source;
            CREATE VIRTUAL TABLE comparison_source USING fts5(source_id, name, jurisdiction, existence_public, in_use_from, in_use_until);
            INSERT INTO comparison_source VALUES ('bca', 'CANARYFTS', 'state', 1, '2024-01-01', NULL);
            """)
        let text = message(db)
        #expect(text.contains("`comparison_source` is a virtual table"), "\(text)")
        expectNoCanary(text)
    }

    /// The guard itself, behind the schema check: a public table read from inside a view that
    /// is not one of PublicLog's is refused; read by PublicLog's own statement or view, allowed.
    @Test func theGuardRefusesPublicTablesReadThroughAForeignView() {
        let guardian = AccessGuard(aggregateViews: AggregateViews.names)
        #expect(guardian.decide(action: SQLITE_READ, "reader_location", "description", database: "main", inner: "reader") == SQLITE_DENY)
        #expect(guardian.decide(action: SQLITE_READ, "reader_location", "description", database: "main", inner: nil) == SQLITE_OK)
        #expect(guardian.decide(action: SQLITE_READ, "active_period", "reader_id", database: "main",
                                inner: AggregateViews.periodReads) == SQLITE_OK)
    }

    @Test func anInvalidDispositionIsNamedByItsHitIDNotItsValue() {
        let db = database { f in
            f.exec("PRAGMA ignore_check_constraints = ON")
            f.hit(f.read("FX-1", "2024-06-10T13:00:00Z", plate: "CANARYPLATE"), "warrant")
            let second = f.read("FX-1", "2024-06-10T13:05:00Z", plate: "CANARYPLATE2")
            f.exec("INSERT INTO hit (hit_id, read_id, source_id, category, disposition) VALUES (77, \(second), 'bca', 'warrant', 'CANARYDISPOSITION')")
        }
        let text = message(db)
        #expect(text.contains("`hit`") && text.contains("hit_id 77") && text.contains("disposition is not one of"), "\(text)")
        expectNoCanary(text)
    }

    @Test(arguments: [("purpose", "CANARYPURPOSE"), ("accessed_at", "CANARYTIME")])
    func anInvalidSearchIsNamedByItsAccessIDNotItsValue(column: String, value: String) {
        let db = database { f in
            f.exec("PRAGMA ignore_check_constraints = ON")
            var row: [String: Any?] = ["access_id": 41, "accessed_at": "2024-06-11T10:00:00Z", "user_name": "CANARYUSER",
                                       "purpose": "audit", "case_number": "CANARYCASE"]
            row[column] = value
            f.insert("data_access", row)
        }
        let text = message(db)
        #expect(text.contains("`data_access`") && text.contains("access_id 41"), "\(text)")
        expectNoCanary(text)
    }

    @Test func aClassifiedPlacementsBadDateIsNotQuoted() {
        let db = database { f in
            f.location("FX-S", "CANARYSECRETPLACE2", placedOn: "2024-01-01", security: true)
            f.exec("UPDATE reader_location SET placed_on = 'CANARYDATE' WHERE description = 'CANARYSECRETPLACE2'")
        }
        let text = message(db)
        #expect(text.contains("placed_on is not a date"), "\(text)")
        expectNoCanary(text)
    }

    @Test(arguments: ["'yes'", "0.5", "'0'"])
    func aBadSecurityFlagIsReportedAsABadFlag(value: String) {
        let db = TemporaryDatabase { f in
            f.exec("""
                PRAGMA foreign_keys = OFF; DROP TABLE reader_location;
                CREATE TABLE reader_location (location_id INTEGER PRIMARY KEY, reader_id TEXT, description TEXT,
                    direction TEXT, latitude REAL, longitude REAL, placed_on TEXT, removed_on TEXT, security_information);
                """)
            f.reader("FX-S", kind: "fixed")
            f.exec("INSERT INTO reader_location VALUES (5, 'FX-S', 'CANARYSECRETPLACE', 'CANARYSECRETDIR', 45.7, -92.5, '2024-01-01', NULL, \(value))")
        }
        let text = message(db)
        #expect(text.contains("location_id 5") && text.contains("security_information is not the whole number 0 or 1"), "\(text)")
        #expect(!text.contains("description is empty"))
        expectNoCanary(text)
    }

    @Test(arguments: ["'yes'", "0.5"])
    func aBadExistenceFlagIsReportedWithoutNamingTheDatabase(value: String) {
        let db = TemporaryDatabase { f in
            f.exec("""
                PRAGMA foreign_keys = OFF; DROP TABLE comparison_source;
                CREATE TABLE comparison_source (source_id TEXT PRIMARY KEY, name TEXT, jurisdiction TEXT,
                    existence_public, in_use_from TEXT, in_use_until TEXT);
                INSERT INTO comparison_source VALUES ('canary-secret-source', 'CANARYSECRETDB', 'state', \(value), '2024-01-01', NULL);
                """)
        }
        let text = message(db)
        #expect(text.contains("comparison_source") && text.contains("existence_public is not the whole number 0 or 1"), "\(text)")
        expectNoCanary(text)
    }
}
