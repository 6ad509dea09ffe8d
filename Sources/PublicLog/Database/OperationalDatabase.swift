import CSQLite

/// The agency's operational ALPR database, opened strictly read-only.
///
/// Public tables are read directly; PRIVATE tables only through `AggregateViews`, and an
/// `AccessGuard` installed on the connection makes SQLite refuse anything else, including
/// every kind of write. All reads of one build happen in one read transaction, so the
/// figures are a consistent snapshot even while the operational system is writing.
public final class OperationalDatabase {
    /// Columns the generator reads, by table (the rest of each table is never touched).
    static let requiredColumns: [(table: String, columns: [String])] = [
        ("reader", ["reader_id", "kind", "label", "operator", "installed_on", "decommissioned_on", "bca_notified_on"]),
        ("reader_location", ["location_id", "reader_id", "description", "direction", "latitude", "longitude",
                             "placed_on", "removed_on", "security_information"]),
        ("active_period", ["period_id", "reader_id", "started_at", "ended_at"]),
        ("comparison_source", ["source_id", "name", "jurisdiction", "existence_public", "in_use_from", "in_use_until"]),
        ("plate_read", ["read_id", "reader_id", "read_at", "plate", "plate_state"]),
        ("hit", ["hit_id", "read_id", "category", "disposition"]),
        ("data_access", ["access_id", "accessed_at", "purpose", "requesting_agency"]),
    ]

    /// Parts of the schema an export may lack (older exports): read when present.
    static let optionalTable = (table: "sharing_agency", columns: ["agency_id", "name", "jurisdiction", "agreement_from", "agreement_until"])
    static let optionalAgencyColumn = (table: "data_access", column: "requesting_agency_id")

    public let path: String
    /// Whether the export has table `sharing_agency`, and `data_access.requesting_agency_id`.
    public private(set) var hasSharingAgencies = false
    public private(set) var hasRequestingAgencyIDs = false
    /// The optional columns of `data_access` that tell how a search was made (`AggregateViews.scopeColumns`).
    public private(set) var scopeColumns: Set<String> = []
    /// The reason rules and retention period the search-scope view applies.
    let scope: SearchScopeSettings
    private let reasonFunction: ReasonFunction
    private let connection: SQLiteConnection
    private let accessGuard: AccessGuard
    let tallyFunctions = TallyFunctions()
    /// Whether the build's read transaction is open (`beginSnapshot`).
    private(set) var inSnapshot = false
    /// The reads (by `read_id` span) from which the plate tally is split between two
    /// connections; below it one pass is quick and a second connection not worth opening.
    var splitTallyFromReadIDs: Int64 = 1_000_000
    /// How many connections counted the reads in the last `readFigures` (1 or 2).
    var lastTallyConnections = 1

    /// Opens `path` read-only, checks the schema and prepares the aggregate views.
    /// `retentionHorizon` (H) lets `readCountPastRetention()` count reads kept too long.
    /// `scope`: the reason rules and retention period the search-scope figures follow.
    public convenience init(path: String, retentionHorizon: Instant? = nil, scope: SearchScopeSettings = .standard) throws(PublicLogError) {
        try self.init(path: path, retentionHorizon: retentionHorizon, scope: scope, busyTimeoutMilliseconds: 10_000)
    }

    /// `busyTimeoutMilliseconds`: how long a read waits for a writer's lock.
    init(path: String, retentionHorizon: Instant?, scope: SearchScopeSettings, busyTimeoutMilliseconds: Int) throws(PublicLogError) {
        self.path = path
        self.scope = scope
        reasonFunction = ReasonFunction(rules: scope.rules)
        let connection: SQLiteConnection
        do {
            connection = try SQLiteConnection.open(path: path, flags: SQLITE_OPEN_READONLY)
        } catch {
            throw .cannotOpen(path, error.message)
        }
        self.connection = connection
        accessGuard = AccessGuard(aggregateViews: AggregateViews.names)
        do {
            try connection.execute("PRAGMA busy_timeout = \(busyTimeoutMilliseconds)")
            // Touch the schema first, so a file that is not SQLite fails here with its own words.
            try connection.execute("SELECT count(*) FROM sqlite_schema")
        } catch {
            throw Self.classify(error, path: path)
        }
        try checkSchema()
        do {
            try tallyFunctions.register(on: connection)
            try reasonFunction.register(on: connection)
            for definition in AggregateViews.definitions(horizon: retentionHorizon, agencyIDs: hasRequestingAgencyIDs,
                                                            agencyTable: hasSharingAgencies, scopeColumns: scopeColumns, scope: scope) {
                try connection.execute(definition)
            }
            try connection.execute("PRAGMA query_only = 1")
        } catch {
            throw .queryFailed(path, "the aggregate views", error)
        }
        accessGuard.install(on: connection)
    }

    private static func classify(_ failure: SQLiteFailure, path: String) -> PublicLogError {
        switch failure.code & 0xFF {
        case SQLITE_NOTADB, SQLITE_CORRUPT: .notADatabase(path, failure.message)
        case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_READONLY: .cannotOpen(path, failure.message)
        default: .queryFailed(path, "the schema", failure)
        }
    }

    /// Every table the generator reads must be a plain table of the main schema with the
    /// columns it needs. A view, a virtual table or a computed column standing in for one
    /// could put any value (a security-information placement's text, a non-public database's
    /// name) into a public column, so the file is refused before anything is read from it.
    private func checkSchema() throws(PublicLogError) {
        for (table, columns) in Self.requiredColumns {
            let present = try checkTable(table, columns, optional: false)
            if table == Self.optionalAgencyColumn.table {
                hasRequestingAgencyIDs = present?.contains(Self.optionalAgencyColumn.column) ?? false
                scopeColumns = Set(AggregateViews.scopeColumns.filter { present?.contains($0) ?? false })
            }
        }
        hasSharingAgencies = try checkTable(Self.optionalTable.table, Self.optionalTable.columns, optional: true) != nil
    }

    /// Checks one table the generator reads and returns the names of its columns; nil when an
    /// `optional` table is absent.
    private func checkTable(_ table: String, _ columns: [String], optional: Bool) throws(PublicLogError) -> Set<String>? {
        let shape: (type: String, sql: String)?
        do {
            shape = try tableShape(table)
        } catch {
            throw Self.classify(error, path: path)
        }
        guard let shape else {
            if optional { return nil }
            throw .missingTable(path, table)
        }
        guard shape.type == "table", !shape.sql.uppercased().hasPrefix("CREATE VIRTUAL") else {
            throw .notAPlainTable(path, table, shape.type == "view" ? "a view" : "a virtual table")
        }
        var present: Set<String> = []
        var computed: [String] = []
        do {
            // table_xinfo's `hidden` is 2 or 3 for a generated (computed) column.
            try connection.forEachRow("PRAGMA main.table_xinfo(\"\(table)\")") { row in
                guard let name = row.text(1) else { return }
                present.insert(name)
                if (row.integer(6) ?? 0) != 0 { computed.append(name) }
            }
        } catch let failure as SQLiteFailure {
            throw Self.classify(failure, path: path)
        } catch {
            throw .queryFailed(path, "the schema", SQLiteFailure(code: SQLITE_ERROR, message: "\(error)"))
        }
        if let column = computed.sorted().first {
            throw .notAPlainTable(path, table, "a table whose column `\(column)` is computed")
        }
        if let missing = columns.first(where: { !present.contains($0) }) {
            throw .missingColumn(path, table, missing)
        }
        let agencyColumn = table == Self.optionalAgencyColumn.table ? [Self.optionalAgencyColumn.column] + AggregateViews.scopeColumns.filter { $0 != "reason" } : []
        for column in (columns + agencyColumn).sorted() where present.contains(column) {
            try checkExactComparison(table, column)
        }
        return present
    }

    /// A column the generator reads must compare texts by their bytes (the BINARY collation)
    /// and, for the contract's text columns, keep text as text: with `COLLATE NOCASE` or
    /// `RTRIM`, `HeNnEpIn-So` or `hennepin-so   ` would pass as the agency `hennepin-so`, and an
    /// `INTEGER` column stores `'007'` as 7. Such a column is refused, naming it, before any read.
    private func checkExactComparison(_ table: String, _ column: String) throws(PublicLogError) {
        var declared: UnsafePointer<CChar>?
        var collation: UnsafePointer<CChar>?
        guard sqlite3_table_column_metadata(connection.handle, "main", table, column, &declared, &collation, nil, nil, nil) == SQLITE_OK
        else { return }
        let collationName = collation.map { String(cString: $0) } ?? "BINARY"
        if collationName.uppercased() != "BINARY" {
            throw .inexactColumn(path, table, column, "is declared with COLLATE \(collationName), which takes texts that differ for equal")
        }
        let type = declared.map { String(cString: $0) } ?? ""
        if OperationalSchema.declaredTypes[table]?[column] == "TEXT",
           ["INTEGER", "REAL", "NUMERIC"].contains(OperationalSchema.affinity(ofDeclared: type)) {
            throw .inexactColumn(path, table, column, "is declared \(type), which stores text that looks like a number as a number ('007' as 7)")
        }
    }

    /// The type (`table`, `view`) and SQL of the main schema's object named `table`, or nil.
    private func tableShape(_ table: String) throws(SQLiteFailure) -> (type: String, sql: String)? {
        let statement = try connection.prepare(
            "SELECT type, coalesce(sql, '') FROM main.sqlite_schema WHERE name = ?1 COLLATE NOCASE AND type IN ('table', 'view')")
        try statement.bind([.text(table)])
        guard try statement.step() else { return nil }
        let row = SQLiteRow(statement: statement.handle)
        return (row.text(0) ?? "", row.text(1) ?? "")
    }

    /// Runs one of PublicLog's own queries under the access guard.
    func query(_ what: String, _ sql: String, _ arguments: [SQLValue] = [],
               _ row: (SQLiteRow) throws(PublicLogError) -> Void) throws(PublicLogError) {
        accessGuard.beginStatement()
        let statement: SQLiteStatement
        do {
            statement = try connection.prepare(sql)
        } catch {
            if error.code == SQLITE_AUTH {
                throw .refusedRead(path, what, accessGuard.refusals)
            }
            throw .queryFailed(path, what, error)
        }
        if let view = accessGuard.impersonatedView {
            throw PublicLogError("""
                The generator refused its own query for \(what): it names `\(view)` without reading \
                that aggregate view. This is a defect in the generator: report it.
                """)
        }
        do {
            try statement.bind(arguments)
            while try statement.step() {
                try row(SQLiteRow(statement: statement.handle))
            }
        } catch let failure as SQLiteFailure {
            throw .queryFailed(path, what, failure)
        } catch let failure as PublicLogError {
            throw failure
        } catch {
            throw PublicLogError("Reading \(what) from \(path) failed: \(error)")
        }
    }

    /// Starts the read transaction that makes every later read one consistent snapshot.
    public func beginSnapshot() throws(PublicLogError) {
        do { try connection.execute("BEGIN DEFERRED") } catch { throw .queryFailed(path, "a snapshot", error) }
        inSnapshot = true
    }

    public func endSnapshot() {
        try? connection.execute("COMMIT")
        inSnapshot = false
    }

    /// Test seam: prepares arbitrary SQL under the guard, to show what SQLite refuses.
    func prepareGuarded(_ sql: String) throws(PublicLogError) {
        try query("a test", sql) { _ in }
    }
}
