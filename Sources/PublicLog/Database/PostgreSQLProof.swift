/// What the server's catalogs must prove before a build reads anything from PostgreSQL, so that
/// the source is as strict as SQLite's authorizer (which lets only PublicLog's own views read,
/// and only plain tables):
///
/// - the access views are exactly the ones this version's access script creates: each is
///   created anew as a temporary view in a savepoint and the server's own reading of both
///   (`pg_get_viewdef`) must be the same, so they read the same columns of the same tables
///   through the same functions, whatever a view of the right shape was made to select;
/// - the tables they read are the contract's, as plain stored tables: not views, foreign,
///   partitioned or inherited-from tables, no row security, no computed columns, each column
///   of the contract's type and of a collation that compares texts by their bytes (the
///   contract's tables are created anew as temporary tables in the same savepoint to compare);
/// - the login role, and every role it may become, can read nothing else: no column of any
///   table, view or other relation outside the system's catalogs but the views, and no
///   function that runs with its owner's rights.
///
/// Every catalog function is named with its schema and the session's `search_path` is set to
/// `pg_catalog, pg_temp` first, so that nothing the role or the database define shadows them.
struct PostgreSQLProof {
    let session: PostgreSQLSession
    let address: PostgreSQLAddress

    private var schema: String { address.schema }
    private var script: String {
        "`transparency-gen schema --postgresql-access --schema \(schema) --role \(address.user)`"
    }
    private var server: String { "\(address.serverName), database \(address.database)" }
    private static let viewNames = PostgreSQLContract.View.allCases.map(\.rawValue)
    /// Schemas of the server itself, whose relations every role may read.
    private static let systemSchemas = "n.nspname IN ('pg_catalog', 'information_schema') OR n.nspname LIKE 'pg\\_toast%' OR n.nspname LIKE 'pg\\_temp\\_%'"
    /// True for an object of `catalog` that belongs to an installed extension (PostGIS's `spatial_ref_sys`).
    private static func isExtensionMember(_ catalog: String, _ object: String) -> String {
        """
        EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS d WHERE d.classid = '\(catalog)'::pg_catalog.regclass
                AND d.objid = \(object) AND d.deptype = 'e')
        """
    }

    /// The session's own `search_path`, and the role it logged in as: a role setting
    /// (`ALTER ROLE … SET role`, `SET search_path`) must not change what the build's SQL means.
    func settle() throws(PublicLogError) {
        try session.execute("the session's settings", """
            SELECT pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', false), pg_catalog.set_config('role', 'none', false)
            """)
    }

    /// Locks the views against change until the build's transaction ends (a view being
    /// replaced waits): the first statement of the transaction, before its snapshot.
    func lockViews() throws(PublicLogError) {
        let names = Self.viewNames.map { "\(quoted(schema)).\($0)" }.joined(separator: ", ")
        try session.execute("the views, to keep them as proven", "LOCK TABLE \(names) IN ACCESS SHARE MODE")
    }

    // MARK: - The role's reach

    /// The roles the login role is or may become (`SET ROLE`), whether it inherits their rights or not.
    private static let roles = """
        SELECT r.oid, r.rolname, r.rolsuper FROM pg_catalog.pg_roles AS r
        WHERE pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER')
        """

    /// The login role must not read a column of a private table, nor anything but the contract's
    /// views, by any grant: its own, PUBLIC's, any role's it is a member of (inherited or not), a
    /// superuser's or a predefined role's that reads everything. Other agencies' views of the
    /// same names (one role for many agencies) are proven as this agency's are.
    /// Returns the other schemas whose contract views the role may read.
    func refuseTooMuchReach() throws(PublicLogError) -> [String] {
        try refusePrivateColumns()
        let powers = try session.rows("the role's memberships", """
            SELECT r.rolname FROM (\(Self.roles)) AS r
            WHERE r.rolsuper OR r.rolname IN ('pg_read_all_data', 'pg_read_server_files', 'pg_execute_server_program')
            ORDER BY r.rolname COLLATE "C"
            """).map(PostgreSQLRow.init).compactMap { $0.text(0) }
        if let power = powers.first {
            throw refusal("""
                may become role \(power), which reads every table or file of the server (a superuser or a predefined \
                role). The database administrator runs `REVOKE \(power) FROM \(address.user);` (or `ALTER ROLE \
                \(address.user) NOSUPERUSER;`)
                """)
        }
        let readable = try session.rows("what the role may read", """
            SELECT n.nspname, c.relname, c.relkind::text,
                   (c.relkind = 'v' AND c.relname = ANY (pg_catalog.string_to_array($1, ',')))::integer
            FROM pg_catalog.pg_class AS c
            JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND NOT (\(Self.systemSchemas))
              AND NOT \(Self.isExtensionMember("pg_catalog.pg_class", "c.oid"))
              AND EXISTS (SELECT 1 FROM (\(Self.roles)) AS r WHERE pg_catalog.has_any_column_privilege(r.oid, c.oid, 'SELECT'))
            ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
            """, [Self.viewNames.joined(separator: ",")]).map(PostgreSQLRow.init)
        var contractSchemas: Set<String> = []
        for row in readable {
            let (space, name) = (row.text(0) ?? "", row.text(1) ?? "")
            if Self.isTrue(row, 3) {
                contractSchemas.insert(space)
                continue
            }
            let kind = Self.relationKinds[row.text(2) ?? ""] ?? "relation"
            throw refusal("""
                can read the \(kind) \(space).\(name), which is not one of transparency-gen's views. The database \
                administrator runs `REVOKE ALL ON \(space).\(name) FROM \(address.user), PUBLIC;` and takes the role out of any \
                role that may read it: the role reads the views of \(script) and nothing else
                """)
        }
        let functions = try session.rows("what the role may run", """
            SELECT n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)
            FROM pg_catalog.pg_proc AS p JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace
            WHERE p.prosecdef AND NOT (\(Self.systemSchemas))
              AND NOT \(Self.isExtensionMember("pg_catalog.pg_proc", "p.oid"))
              AND EXISTS (SELECT 1 FROM (\(Self.roles)) AS r WHERE pg_catalog.has_function_privilege(r.oid, p.oid, 'EXECUTE'))
            ORDER BY n.nspname COLLATE "C", p.proname COLLATE "C", p.oid
            """).map(PostgreSQLRow.init)
        if let function = functions.first {
            let name = "\(function.text(0) ?? "").\(function.text(1) ?? "")(\(function.text(2) ?? ""))"
            throw refusal("""
                may run the function \(name), which runs with its owner's rights (SECURITY DEFINER) and so may read what \
                the role may not. The database administrator runs `REVOKE EXECUTE ON FUNCTION \(name) FROM \(address.user), \
                PUBLIC;`
                """)
        }
        return contractSchemas.subtracting([schema]).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static let relationKinds = ["r": "table", "p": "partitioned table", "v": "view", "m": "materialized view",
                                        "f": "foreign table"]

    /// The private tables first, with the columns the role reaches: the commonest mistake, named most precisely.
    private func refusePrivateColumns() throws(PublicLogError) {
        let readable = try session.rows("the role's privileges", """
            SELECT c.relname, a.attname
            FROM pg_catalog.pg_class AS c
            JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = $1 AND c.relname = ANY (pg_catalog.string_to_array($2, ','))
              AND EXISTS (SELECT 1 FROM (\(Self.roles)) AS r WHERE pg_catalog.has_column_privilege(r.oid, c.oid, a.attnum, 'SELECT'))
            ORDER BY c.relname COLLATE "C", a.attnum
            """, [schema, PostgreSQLContract.privateTables.joined(separator: ",")]).map(PostgreSQLRow.init)
        guard let first = readable.first, let table = first.text(0) else { return }
        let columns = readable.filter { $0.text(0) == table }.compactMap { $0.text(1) }
        throw PublicLogError("""
            Role \(address.user) can read the private table \(schema).\(table) (\(columns.count == 1 ? "column" : "columns") \
            \(columns.joined(separator: ", "))) on \(address.serverName), database \(address.database): the \
            generator refuses to run with more than it needs. The database administrator runs \
            `REVOKE ALL ON \(schema).\(table) FROM \(address.user), PUBLIC;`, and takes the role out of any role that may \
            read the table, whether it inherits its rights or may only `SET ROLE` to it (a superuser or the tables' owner \
            may read everything); \(script) writes the whole script (docs/postgresql.md). Nothing was read or published.
            """)
    }

    private func refusal(_ what: String) -> PublicLogError {
        PublicLogError("""
            Role \(address.user) on \(server) \(what). The generator refuses to run with more than it needs \
            (docs/postgresql.md). Nothing was read or published.
            """)
    }

    // MARK: - The views and their tables

    /// Proves that the contract views in `space` are this version's and read the contract's
    /// plain tables: in a savepoint rolled back at once, so the transaction holds nothing of it.
    func proveViews(in space: String) throws(PublicLogError) {
        guard try session.rows("the role's right to create temporary views", """
            SELECT pg_catalog.has_database_privilege(pg_catalog.current_database(), 'TEMPORARY')::integer
            """).first.map(PostgreSQLRow.init).map({ Self.isTrue($0, 0) }) == true else {
            throw PublicLogError("""
                Role \(address.user) may not create temporary views in \(server), which transparency-gen needs to prove that \
                the views are its own (it creates them anew for a moment and compares; nothing is kept). The database \
                administrator runs `GRANT TEMPORARY ON DATABASE \(address.database) TO \(address.user);`. Nothing was read or published.
                """)
        }
        try session.execute("the proof of the views", "SAVEPOINT transparency_gen_proof")
        var failure: PublicLogError?
        do throws(PublicLogError) {
            try session.execute("the proof of the views", "SELECT pg_catalog.set_config('search_path', 'pg_temp, pg_catalog', true)")
            try compareViews(in: space)
            try compareTables(in: space)
        } catch {
            failure = error
        }
        try session.execute("the end of the proof", "ROLLBACK TO SAVEPOINT transparency_gen_proof")
        try session.execute("the end of the proof", "RELEASE SAVEPOINT transparency_gen_proof")
        if let failure { throw failure }
    }

    /// The settings the views of `space` carry (its contract and rules views), which their
    /// search-scope view must apply; nil when they make none.
    static func settings(of space: String, session: PostgreSQLSession) throws(PublicLogError) -> SearchScopeSettings? {
        let s = "\"\(space)\""
        let retention = try session.rows("the views' retention period",
                                         "SELECT retention_seconds FROM \(s).\(PostgreSQLContract.View.contract.rawValue)")
            .first.map(PostgreSQLRow.init)?.integer(0)
        let rules = try session.rows("the views' reason rules", """
            SELECT rule_id, words FROM \(s).\(PostgreSQLContract.View.reasonRules.rawValue) ORDER BY rule_order
            """).map(PostgreSQLRow.init).map { (id: $0.text(0) ?? "", words: $0.text(1) ?? "") }
        return retention.flatMap { PostgreSQLContract.settings(retentionSeconds: $0, rules: rules) }
    }

    private func compareViews(in space: String) throws(PublicLogError) {
        // Another agency's views carry that agency's settings: they are proven with those.
        guard let scope = try Self.settings(of: space, session: session) else {
            throw PublicLogError("""
                The views \(space).\(PostgreSQLContract.View.contract.rawValue) and \(space).\(PostgreSQLContract.View.reasonRules.rawValue) on \(server) \
                do not hold a retention period in whole days and reason rules, as the access script of this version writes them. \
                The database administrator runs the script again: `transparency-gen schema --postgresql-access --schema \(space) \
                --role \(address.user) --site <the site folder>` (docs/postgresql.md). Nothing was read or published.
                """)
        }
        let definitions = PostgreSQLContract.viewDefinitions(schema: quoted(space), scope: scope)
        for definition in definitions {
            try session.execute("the proof of \(space).\(definition.view.rawValue)",
                                "CREATE TEMPORARY VIEW \(definition.view.rawValue) AS \(definition.query)")
        }
        let rows = try session.rows("the views' definitions", """
            SELECT c.relname, (c.relnamespace = pg_catalog.pg_my_temp_schema())::integer, pg_catalog.pg_get_viewdef(c.oid),
                   pg_catalog.array_to_string(c.reloptions, ',')
            FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
            WHERE c.relkind = 'v' AND c.relname = ANY (pg_catalog.string_to_array($2, ','))
              AND (n.nspname = $1 OR c.relnamespace = pg_catalog.pg_my_temp_schema())
            """, [space, Self.viewNames.joined(separator: ",")]).map(PostgreSQLRow.init)
        func definition(_ name: String, temporary: Bool) -> String? {
            rows.first { $0.text(0) == name && Self.isTrue($0, 1) == temporary }.map { "\($0.text(2) ?? "")|\($0.text(3) ?? "")" }
        }
        for view in PostgreSQLContract.View.allCases {
            let expected = definition(view.rawValue, temporary: true)
            guard expected != nil, definition(view.rawValue, temporary: false) == expected else {
                throw PublicLogError("""
                    The view \(space).\(view.rawValue) on \(server) is not the one the access script of this version of \
                    transparency-gen creates: its definition was changed, or it reads other tables or columns. The generator \
                    publishes only what its own views select. The database administrator runs the script again: \
                    `transparency-gen schema --postgresql-access --schema \(space) --role \(address.user)` (docs/postgresql.md). \
                    Nothing was read or published.
                    """)
            }
        }
    }

    /// The contract's tables, created anew in the temporary schema, against the schema's own.
    private func compareTables(in space: String) throws(PublicLogError) {
        for statement in PostgreSQLContract.tableStatements { try session.execute("the proof of the tables", statement) }
        let rows = try session.rows("the tables' columns", """
            SELECT t.relname, ta.attname, (r.oid IS NOT NULL)::integer, r.relkind::text, r.relrowsecurity::integer,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_inherits AS i WHERE i.inhparent = r.oid)::integer,
                   (ra.attnum IS NOT NULL)::integer, (ra.atttypid = ta.atttypid AND ra.atttypmod = ta.atttypmod)::integer,
                   pg_catalog.format_type(ra.atttypid, ra.atttypmod), pg_catalog.format_type(ta.atttypid, ta.atttypmod),
                   (ra.attgenerated <> '')::integer, coalesce(co.collisdeterministic, true)::integer, co.collname::text
            FROM pg_catalog.pg_class AS t
            JOIN pg_catalog.pg_attribute AS ta ON ta.attrelid = t.oid AND ta.attnum > 0 AND NOT ta.attisdropped
            LEFT JOIN pg_catalog.pg_class AS r
                   ON r.relname = t.relname AND r.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1)
            LEFT JOIN pg_catalog.pg_attribute AS ra ON ra.attrelid = r.oid AND ra.attname = ta.attname AND NOT ra.attisdropped
            LEFT JOIN pg_catalog.pg_collation AS co ON co.oid = ra.attcollation
            WHERE t.relnamespace = pg_catalog.pg_my_temp_schema() AND t.relkind = 'r'
            ORDER BY t.relname COLLATE "C", ta.attnum
            """, [space]).map(PostgreSQLRow.init)
        let fix = """
            The contract's tables are plain tables (`transparency-gen schema --postgresql`), filled from the vendor's \
            own by a copy the administrator schedules (docs/postgresql.md), so that the views publish what is stored \
            there and nothing a view, a foreign server or a policy computes. Nothing was read or published.
            """
        for row in rows {
            let table = "\(space).\(row.text(0) ?? "")"
            let column = "\(table).\(row.text(1) ?? "")"
            guard Self.isTrue(row, 2) else {
                throw PublicLogError("\(server.prefix(1).uppercased() + server.dropFirst()) has no table \(table). \(fix)")
            }
            guard row.text(3) == "r" else {
                let kind = Self.relationKinds[row.text(3) ?? ""] ?? "relation of another kind"
                throw PublicLogError("\(table) on \(server) is a \(kind), not a plain table. \(fix)")
            }
            guard !Self.isTrue(row, 4) else {
                throw PublicLogError("""
                    \(table) on \(server) has row-level security enabled: a policy changes what the views read, and can \
                    quote a row in an error. Run `ALTER TABLE \(table) DISABLE ROW LEVEL SECURITY;` (the generator's role \
                    reads no table, so the policy protects nothing from it). \(fix)
                    """)
            }
            guard !Self.isTrue(row, 5) else {
                throw PublicLogError("""
                    \(table) on \(server) has tables that inherit from it, whose rows the views would read as its own. \
                    Remove the inheritance (`ALTER TABLE … NO INHERIT \(table);`). \(fix)
                    """)
            }
            guard Self.isTrue(row, 6) else {
                throw PublicLogError("\(table) on \(server) has no column \(row.text(1) ?? ""). \(fix)")
            }
            guard Self.isTrue(row, 7) else {
                throw PublicLogError("""
                    The column \(column) on \(server) is of type \(row.text(8) ?? "?"), not the contract's \(row.text(9) ?? "?"). \(fix)
                    """)
            }
            guard !Self.isTrue(row, 10) else {
                throw PublicLogError("The column \(column) on \(server) is computed (GENERATED), not stored. \(fix)")
            }
            guard Self.isTrue(row, 11) else {
                throw PublicLogError("""
                    The column \(column) on \(server) uses the collation \(row.text(12) ?? "?"), which takes texts that \
                    differ for equal, so that two agencies, plates or readers could count as one. Give it a deterministic \
                    collation (`ALTER TABLE \(table) ALTER COLUMN \(row.text(1) ?? "") TYPE text COLLATE "C";`). \(fix)
                    """)
            }
        }
    }

    /// A truth the queries cast to integer (postgres-nio's rows are read as numbers and text here).
    private static func isTrue(_ row: PostgreSQLRow, _ column: Int32) -> Bool { row.integer(column) == 1 }

    private func quoted(_ name: String) -> String { "\"\(name)\"" }
}
