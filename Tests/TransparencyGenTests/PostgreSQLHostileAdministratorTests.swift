import Foundation
import Testing
@testable import PublicLog
import TestSupport

/// The PostgreSQL source as strict as SQLite's, against a hostile or careless administrator:
/// views of the right shape that select private values, contract tables that are views or
/// under row security, columns that compare loosely, roles that reach private rows by another
/// route, a `search_path` that shadows the catalog's functions, and server errors that quote a
/// row. Each test performs the attack on a real server; each build is refused before anything
/// is read, naming what to fix, and no message holds a private value (the canaries).
@Suite("PostgreSQL: a hostile or careless administrator", .enabled(if: PostgreSQLServer.isAvailable, "\(PostgreSQLServer.skipMessage)"))
struct PostgreSQLHostileAdministratorTests {
    static let schema = PostgreSQLContractTests.schema

    /// The contract with rows whose private and classified texts are canaries, and a login role
    /// of the test's own (roles are the server's: a test that changes one must not share it).
    func setUp() throws -> (server: PostgreSQLServer, role: String) {
        let server = try PostgreSQLContractTests.server()
        let role = "tg_h_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10))"
        try server.require("CREATE ROLE \(role) LOGIN")
        try server.require(PostgreSQLContract.accessScript(schema: Self.schema, role: role, scope: .standard))
        try server.require("""
            SET search_path = \(Self.schema);
            INSERT INTO reader VALUES ('FX-1', 'fixed', 'Main St', 'agency', '2024-01-01', NULL, '2024-01-03');
            INSERT INTO reader_location (location_id, reader_id, description, direction, latitude, longitude, placed_on, security_information)
                VALUES (1, 'FX-1', 'CANARYPLACE', 'CANARYDIRECTION', 45.1, -93.2, '2024-01-01', 1);
            INSERT INTO active_period (period_id, reader_id, started_at, ended_at) VALUES (1, 'FX-1', '2024-06-10T12:00:00Z', '2024-06-10T20:00:00Z');
            INSERT INTO comparison_source VALUES ('secret', 'CANARYDATABASE', 'state', 0, '2020-01-01', NULL);
            INSERT INTO plate_read (read_id, reader_id, read_at, plate, plate_state) VALUES (1, 'FX-1', '2024-06-10T13:00:00Z', 'CANARYPLATE', 'MN');
            INSERT INTO sharing_agency VALUES ('hennepin-so', 'Hennepin County Sheriff', 'minnesota', NULL, NULL);
            INSERT INTO data_access (access_id, accessed_at, user_name, case_number, purpose, requesting_agency, query_text)
                VALUES (1, '2024-06-11T10:00:00Z', 'CANARYUSER', 'CANARYCASE', 'criminal_investigation', 'CANARYFREETEXT', 'CANARYQUERY');
            """, "load the canaries")
        return (server, role)
    }

    /// What connecting and reading everything says: the first error's message, or "no error".
    func outcome(_ server: PostgreSQLServer, role: String) throws -> String {
        let address = try PostgreSQLContractTests.address(server, role: role)
        do {
            let database = try PostgreSQLDatabase(address: address, environment: [:])
            _ = try database.snapshot()
            _ = try database.accountabilityCounts(timeZone: try #require(AgencyTimeZone(identifier: "America/Chicago")))
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    /// Expects the build refused with every one of `expected` in its message and no canary.
    func expectRefused(_ server: PostgreSQLServer, role: String, _ expected: [String],
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let message = try outcome(server, role: role)
        for text in expected { #expect(message.contains(text), "'\(text)' not in: \(message)", sourceLocation: sourceLocation) }
        #expect(!message.contains("CANARY"), "a private value in: \(message)", sourceLocation: sourceLocation)
        #expect(message.contains("Nothing was read or published") || message.contains("nothing was published"),
                "\(message)", sourceLocation: sourceLocation)
    }

    /// Drops the views (to change a column they read), then runs `sql` and the access script again.
    func rebuild(_ server: PostgreSQLServer, role: String, _ sql: String) throws {
        let views = PostgreSQLContract.View.allCases.map { "\(Self.schema).\($0.rawValue)" }.joined(separator: ", ")
        try server.require("DROP VIEW IF EXISTS \(views) CASCADE;\nSET search_path = \(Self.schema);\n\(sql)", "change the tables")
        try server.require(PostgreSQLContract.accessScript(schema: Self.schema, role: role, scope: .standard), "run the access script again")
    }

    @Test func theSupportedLayoutBuilds() throws {
        let (server, role) = try setUp()
        #expect(try outcome(server, role: role) == "no error")
    }

    // MARK: - Views of the right shape

    @Test(arguments: [
        // A plate published as a reader's label.
        ("transparency_reader", """
            SELECT reader_id, kind, coalesce((SELECT min(plate) FROM elm_creek.plate_read), label) AS label, operator,
                   to_char(installed_on, 'YYYY-MM-DD') AS installed_on, to_char(decommissioned_on, 'YYYY-MM-DD') AS decommissioned_on,
                   to_char(bca_notified_on, 'YYYY-MM-DD') AS bca_notified_on FROM elm_creek.reader
            """),
        // A security-information placement published with its place.
        ("transparency_reader_location", """
            SELECT location_id, reader_id, to_char(placed_on, 'YYYY-MM-DD') AS placed_on, to_char(removed_on, 'YYYY-MM-DD') AS removed_on,
                   0::bigint AS security_information, description, direction, latitude, longitude FROM elm_creek.reader_location
            """),
        // A database whose existence is not public.
        ("transparency_comparison_source", """
            SELECT source_id, name, jurisdiction, to_char(in_use_from, 'YYYY-MM-DD') AS in_use_from,
                   to_char(in_use_until, 'YYYY-MM-DD') AS in_use_until FROM elm_creek.comparison_source
            """),
        // User names as the names of sharing agencies.
        ("transparency_sharing_agency", """
            SELECT agency_id, (SELECT min(user_name) FROM elm_creek.data_access) AS name, jurisdiction,
                   to_char(agreement_from, 'YYYY-MM-DD') AS agreement_from, to_char(agreement_until, 'YYYY-MM-DD') AS agreement_until
            FROM elm_creek.sharing_agency
            """),
    ])
    func aViewOfTheRightShapeThatSelectsSomethingElseIsRefused(view: String, query: String) throws {
        let (server, role) = try setUp()
        try server.require("CREATE OR REPLACE VIEW \(Self.schema).\(view) AS \(query)", "replace the view")
        try expectRefused(server, role: role, ["The view \(Self.schema).\(view)", "is not the one the access script",
                                               "--postgresql-access --schema \(Self.schema) --role \(role)"])
    }

    /// The plausible mapping: `sharing_agency` as a view over `data_access`, which
    /// published the private free-text requesting agency as agencies' names.
    @Test func aContractTableThatIsAViewIsRefused() throws {
        let (server, role) = try setUp()
        try rebuild(server, role: role, """
            DROP TABLE sharing_agency CASCADE;
            CREATE VIEW sharing_agency AS
            SELECT DISTINCT requesting_agency AS agency_id, requesting_agency AS name, 'minnesota'::text AS jurisdiction,
                   NULL::date AS agreement_from, NULL::date AS agreement_until
            FROM data_access WHERE requesting_agency IS NOT NULL;
            """)
        try expectRefused(server, role: role, ["\(Self.schema).sharing_agency", "is a view, not a plain table"])
    }

    @Test func aContractTableUnderRowSecurityIsRefused() throws {
        let (server, role) = try setUp()
        // A policy that raises an error quoting the row it reads.
        try server.require("""
            SET search_path = \(Self.schema);
            CREATE FUNCTION loud(value text) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'row %', value; END $$;
            ALTER TABLE plate_read ENABLE ROW LEVEL SECURITY;
            ALTER TABLE plate_read FORCE ROW LEVEL SECURITY;
            CREATE POLICY quote ON plate_read USING (loud(plate));
            """)
        try expectRefused(server, role: role, ["\(Self.schema).plate_read", "row-level security"])
    }

    @Test func aComputedSecurityFlagIsRefused() throws {
        let (server, role) = try setUp()
        try rebuild(server, role: role, """
            ALTER TABLE reader_location DROP COLUMN security_information;
            ALTER TABLE reader_location ADD COLUMN security_information bigint GENERATED ALWAYS AS (0) STORED;
            """)
        try expectRefused(server, role: role, ["\(Self.schema).reader_location.security_information", "is computed"])
    }

    @Test func aColumnThatComparesLooselyOrIsOfAnotherTypeIsRefused() throws {
        let (server, role) = try setUp()
        try rebuild(server, role: role, """
            CREATE COLLATION loose (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
            ALTER TABLE data_access DROP CONSTRAINT IF EXISTS data_access_requesting_agency_id_fkey;
            ALTER TABLE data_access ALTER COLUMN requesting_agency_id TYPE text COLLATE loose;
            UPDATE data_access SET requesting_agency_id = 'HeNnEpIn-So';
            """)
        try expectRefused(server, role: role, ["\(Self.schema).data_access.requesting_agency_id", "collation loose"])
        try rebuild(server, role: role, """
            CREATE DOMAIN agency_text AS text;
            ALTER TABLE data_access ALTER COLUMN requesting_agency_id TYPE agency_text COLLATE "default";
            """)
        // A type of its own (a domain, or citext, whose equality ignores case) changes the view's column: refused as such.
        try expectRefused(server, role: role, ["\(Self.schema).transparency_search_groups", "agency_id \(Self.schema).agency_text"])
    }

    @Test func aTableOthersInheritFromIsRefused() throws {
        let (server, role) = try setUp()
        try server.require("CREATE TABLE \(Self.schema).more_readers () INHERITS (\(Self.schema).reader)")
        try expectRefused(server, role: role, ["\(Self.schema).reader", "inherit from it"])
    }

    // MARK: - Privilege routes

    /// A NOINHERIT member of a role that reads plates: `SET ROLE` reads them.
    @Test func aRoleThatMayBecomeOneThatReadsPlatesIsRefused() throws {
        let (server, role) = try setUp()
        let readers = "\(role)_plates"
        try server.require("""
            CREATE ROLE \(readers) NOLOGIN;
            GRANT SELECT ON \(Self.schema).plate_read TO \(readers);
            ALTER ROLE \(role) NOINHERIT;
            GRANT \(readers) TO \(role);
            """)
        try expectRefused(server, role: role, ["can read the private table \(Self.schema).plate_read"])
    }

    /// The role's own `search_path` puts a `has_column_privilege` that always says no before the catalog's.
    @Test func aShadowedPrivilegeCheckDoesNotHideAGrant() throws {
        let (server, role) = try setUp()
        let evil = "\(role)_path"
        try server.require("""
            CREATE SCHEMA \(evil);
            CREATE FUNCTION \(evil).has_column_privilege(oid, smallint, text) RETURNS boolean LANGUAGE sql AS 'SELECT false';
            CREATE FUNCTION \(evil).has_column_privilege(oid, oid, smallint, text) RETURNS boolean LANGUAGE sql AS 'SELECT false';
            GRANT USAGE ON SCHEMA \(evil) TO \(role);
            GRANT SELECT (plate) ON \(Self.schema).plate_read TO \(role);
            ALTER ROLE \(role) SET search_path = \(evil), pg_catalog;
            """)
        try expectRefused(server, role: role, ["can read the private table \(Self.schema).plate_read (column plate)"])
    }

    /// A shadowed `format_type` that names `character varying` `bigint`, over a view whose counts
    /// are text: main read every figure as 0.
    @Test func aShadowedTypeNameDoesNotPassAWronglyTypedView() throws {
        let (server, role) = try setUp()
        let evil = "\(role)_path"
        try server.require("""
            CREATE SCHEMA \(evil);
            CREATE FUNCTION \(evil).format_type(oid, integer) RETURNS text LANGUAGE sql
                AS $$ SELECT CASE WHEN $1 = 1043 THEN 'bigint' ELSE pg_catalog.format_type($1, $2) END $$;
            GRANT USAGE ON SCHEMA \(evil) TO \(role);
            ALTER ROLE \(role) SET search_path = \(evil), pg_catalog;
            DROP VIEW \(Self.schema).transparency_reads_in_no_period;
            CREATE VIEW \(Self.schema).transparency_reads_in_no_period AS SELECT count(*)::varchar AS reads FROM \(Self.schema).plate_read;
            GRANT SELECT ON \(Self.schema).transparency_reads_in_no_period TO \(role);
            """)
        try expectRefused(server, role: role, ["transparency_reads_in_no_period", "reads character varying"])
    }

    @Test func aRoleThatCanReadAVendorsTableElsewhereIsRefused() throws {
        let (server, role) = try setUp()
        let vendor = "\(role)_vendor"
        try server.require("""
            CREATE SCHEMA \(vendor);
            CREATE TABLE \(vendor).reads AS SELECT plate FROM \(Self.schema).plate_read;
            GRANT USAGE ON SCHEMA \(vendor) TO \(role);
            GRANT SELECT ON \(vendor).reads TO PUBLIC;
            """)
        try expectRefused(server, role: role, ["can read the table \(vendor).reads", "REVOKE ALL ON \(vendor).reads FROM \(role), PUBLIC;"])
    }

    @Test func aRoleThatMayRunAFunctionWithItsOwnersRightsIsRefused() throws {
        let (server, role) = try setUp()
        let vendor = "\(role)_vendor"
        try server.require("""
            CREATE SCHEMA \(vendor);
            CREATE FUNCTION \(vendor).plates() RETURNS SETOF text SECURITY DEFINER LANGUAGE sql
                AS 'SELECT plate FROM \(Self.schema).plate_read';
            GRANT USAGE ON SCHEMA \(vendor) TO \(role);
            """)
        try expectRefused(server, role: role, ["may run the function \(vendor).plates()", "SECURITY DEFINER"])
    }

    // MARK: - Server errors

    /// A server error met while reading is named by what was read, its SQLSTATE and what to do:
    /// never the server's text, which quotes the value (`invalid input syntax for type timestamp
    /// with time zone: "CANARYPLATE"`), nor a message a function raises.
    @Test func aServerErrorIsReportedWithoutTheServersWords() throws {
        let (server, role) = try setUp()
        try server.require("""
            CREATE FUNCTION \(Self.schema).loud(value text) RETURNS integer LANGUAGE plpgsql
                AS $$ BEGIN RAISE EXCEPTION 'row %', value; END $$;
            GRANT EXECUTE ON FUNCTION \(Self.schema).loud(text) TO \(role);
            """)
        let address = try PostgreSQLContractTests.address(server, role: role)
        let session = try PostgreSQLSession(address: address, password: nil)
        for (sql, state) in [("SELECT 'CANARYPLATE'::timestamptz", "SQLSTATE 22007"), ("SELECT \(Self.schema).loud('CANARYCASE')", "SQLSTATE P0001"),
                             ("SELECT 1 / (SELECT count(*) FROM pg_catalog.pg_class WHERE relname = 'CANARYNONE')::integer", "SQLSTATE 22012")] {
            let error = try #require(throws: PublicLogError.self) { try session.rows("the view elm_creek.transparency_reader", sql) }
            #expect(error.message.contains(state) && error.message.contains("while reading the view elm_creek.transparency_reader"),
                    "\(error.message)")
            #expect(!error.message.contains("CANARY"), "\(error.message)")
        }
    }
}
