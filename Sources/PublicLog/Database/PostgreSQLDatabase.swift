import Foundation

/// An agency's operational data on a PostgreSQL server, read through the views of
/// `PostgreSQLContract` as a role that may read those views and nothing else: the server's
/// privileges are the access guard, and the generator refuses to run when its role could read
/// more. Every read of a build happens in one `REPEATABLE READ`, `READ ONLY` transaction, so
/// the figures are one consistent snapshot while the operational system writes.
public final class PostgreSQLDatabase {
    public let address: PostgreSQLAddress
    private let session: PostgreSQLSession
    private let retentionHorizon: Instant?
    /// The reason rules and retention period the server's views must carry.
    let scope: SearchScopeSettings

    /// Connects (the password from `PGPASSWORD` or the password file), proves from the
    /// catalogs that the views are this version's over the contract's plain tables and that the
    /// role can read nothing else (`PostgreSQLProof`), and starts the transaction every read of
    /// the build happens in.
    public init(address: PostgreSQLAddress, retentionHorizon: Instant? = nil, scope: SearchScopeSettings = .standard,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws(PublicLogError) {
        self.address = address
        self.retentionHorizon = retentionHorizon
        self.scope = scope
        session = try PostgreSQLSession(address: address, password: try PostgreSQLPassword.lookup(for: address, environment: environment))
        let proof = PostgreSQLProof(session: session, address: address)
        try proof.settle()
        try checkViews()
        // Read-write until the proof's temporary views are rolled back; read-only before any read.
        try session.execute("the start of the transaction", "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        try proof.lockViews()
        let otherAgencies = try proof.refuseTooMuchReach()
        for space in [address.schema] + otherAgencies { try proof.proveViews(in: space) }
        // Only once the views are proven the script's are the settings they carry public text.
        try checkSettings()
        try session.execute("the start of a read-only transaction", "SET TRANSACTION READ ONLY")
    }

    deinit {
        try? session.execute("the end of the transaction", "ROLLBACK")
    }

    private var schema: String { "\"\(address.schema)\"" }

    private func view(_ view: PostgreSQLContract.View) -> String { "\(schema).\(view.rawValue)" }

    /// The views exist, are of this version, and have exactly the columns and types expected.
    private func checkViews() throws(PublicLogError) {
        let rows = try session.rows("the views' columns", """
            SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)
            FROM pg_catalog.pg_class AS c
            JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = $1 AND c.relkind = 'v'
            ORDER BY c.relname COLLATE "C", a.attnum
            """, [address.schema]).map(PostgreSQLRow.init)
        let script = "`transparency-gen schema --postgresql-access --schema \(address.schema) --role \(address.user)`"
        for view in PostgreSQLContract.View.allCases {
            let found = rows.filter { $0.text(0) == view.rawValue }.map { "\($0.text(1) ?? "") \($0.text(2) ?? "")" }
            let expected = view.columns.map { "\($0.name) \($0.type)" }
            guard !found.isEmpty else {
                throw PublicLogError("""
                    \(address.serverName.prefix(1).uppercased() + address.serverName.dropFirst()), database \(address.database), has no view \(address.schema).\(view.rawValue) \
                    that role \(address.user) can see. The database administrator creates the views with \(script) \
                    (docs/postgresql.md). Nothing was read or published.
                    """)
            }
            guard found == expected else {
                throw PublicLogError("""
                    The view \(address.schema).\(view.rawValue) on \(address.serverName) has the columns \
                    (\(found.joined(separator: ", "))), not those this version of transparency-gen reads \
                    (\(expected.joined(separator: ", "))). The database administrator runs the script of this version again: \
                    \(script). Nothing was read or published.
                    """)
            }
        }
        let version = try session.rows("the views' version", "SELECT version FROM \(view(.contract))").first.map(PostgreSQLRow.init)?.integer(0)
        guard version == Int64(PostgreSQLContract.version) else {
            throw PublicLogError("""
                The views in schema \(address.schema) on \(address.serverName) are of version \(version.map(String.init) ?? "?"); \
                this transparency-gen reads version \(PostgreSQLContract.version). The database administrator runs \(script) again. \
                Nothing was read or published.
                """)
        }
        // Reasons are matched code point by code point: the server must hold text as UTF-8, as SQLite does.
        let encoding = try session.rows("the database's encoding", """
            SELECT pg_catalog.pg_encoding_to_char(d.encoding) FROM pg_catalog.pg_database AS d
            WHERE d.datname = pg_catalog.current_database()
            """).first.map(PostgreSQLRow.init)?.text(0)
        guard encoding == "UTF8" else {
            throw PublicLogError("""
                Database \(address.database) on \(address.serverName) stores text as \(encoding ?? "?"), not UTF-8: its searches' reasons \
                would not be read as the same letters SQLite reads. Keep the operational data in a UTF-8 database \
                (`CREATE DATABASE … ENCODING 'UTF8' TEMPLATE template0`, docs/postgresql.md). Nothing was read or published.
                """)
        }
    }

    /// The reason rules and retention period the proven views carry are the site's.
    private func checkSettings() throws(PublicLogError) {
        let carried = try PostgreSQLProof.settings(of: address.schema, session: session)
        guard carried == scope else {
            throw PublicLogError("""
                The views in schema \(address.schema) on \(address.serverName) were made for \(carried.map { Self.describe($0) } ?? "settings that are not a site's"), \
                but site.yaml asks for \(Self.describe(scope)). The views match search reasons and judge search windows \
                on the server, so they carry the site's settings: the database administrator runs the access script made \
                from this site again, `transparency-gen schema --postgresql-access --schema \(address.schema) --role \(address.user) --site <the site folder>`. Nothing was read or published.
                """)
        }
    }

    /// Settings as a message names them: the retention period and the rule ids, in order.
    private static func describe(_ settings: SearchScopeSettings) -> String {
        let ids = settings.rules.rules.map(\.id)
        return "a retention period of \(settings.retentionDays) days and the reason rules \(ids.isEmpty ? "(none)" : ids.joined(separator: ", "))"
            + (settings.rules.rules.isEmpty ? "" : " (with their words)")
    }
}

extension PostgreSQLDatabase: OperationalRows {
    public var location: String { address.description }
    var hasSharingAgencies: Bool { true }

    /// Messages name the view a read failed in, as the administrator finds it.
    func rows(_ what: String, _ sql: String, _ row: (any TableRow) throws(PublicLogError) -> Void) throws(PublicLogError) {
        // The longest name first: transparency_reader is the start of transparency_reader_location.
        let read = PostgreSQLContract.View.allCases.sorted { $0.rawValue.count > $1.rawValue.count }.first { sql.contains(view($0)) }
            .map { "\(what) (the view \(address.schema).\($0.rawValue))" } ?? what
        for result in try session.rows(read, sql) { try row(PostgreSQLRow(result)) }
    }

    // Text is ordered by code point (the "C" collation), as SQLite orders it, whatever the server's locale.
    var sharingAgenciesSQL: String {
        """
        SELECT row_number() OVER (ORDER BY agency_id COLLATE "C"), agency_id, name, jurisdiction, agreement_from, agreement_until
        FROM \(view(.sharingAgencies)) ORDER BY agency_id COLLATE "C"
        """
    }
    var readersSQL: String {
        """
        SELECT row_number() OVER (ORDER BY reader_id COLLATE "C"), reader_id, kind, label, operator, installed_on,
               decommissioned_on, bca_notified_on
        FROM \(view(.readers)) ORDER BY reader_id COLLATE "C"
        """
    }
    var placementsSQL: String {
        """
        SELECT location_id, reader_id, placed_on, removed_on, security_information, description, direction, latitude, longitude
        FROM \(view(.placements)) ORDER BY location_id
        """
    }
    var periodsSQL: String {
        "SELECT period_id, reader_id, started_at, ended_at FROM \(view(.periods)) ORDER BY started_at COLLATE \"C\", period_id"
    }
    var sourcesSQL: String {
        """
        SELECT source_id, name, jurisdiction, in_use_from, in_use_until
        FROM \(view(.sources)) ORDER BY name COLLATE "C", source_id COLLATE "C"
        """
    }
    var searchGroupsSQL: String {
        """
        SELECT utc_minute, purpose, requested_by, agency_id, case_number_recorded, searches, first_access_id, unknown_agency
        FROM \(view(.searchGroups))
        """
    }
    var searchScopeSQL: String {
        "SELECT utc_minute, search_kind, networks, search_window, reason, searches, first_access_id, outside_minnesota FROM \(view(.searchScope))"
    }
    var reasonRuleIDs: Set<String> { scope.rules.ids }
    var hitDispositionsSQL: String {
        "SELECT utc_minute, disposition, hits, first_hit_id FROM \(view(.hitDispositions))"
    }

    /// The flag is a whole number with a check on the server, and the view selects public sources only.
    func checkSourceFlags() throws(PublicLogError) {}
}

extension PostgreSQLDatabase: OperationalSource {
    public func snapshot() throws(PublicLogError) -> OperationalSnapshot {
        let readers = try readerRows()
        let known = Set(readers.map(\.id))
        let periods = try periodRows(knownReaders: known)
        var figures: [Int64: PeriodFigures] = [:]
        let names = PostgreSQLContract.View.periodFigures.columns.map(\.name)
        try rows("the figures of each period", "SELECT \(names.joined(separator: ", ")) FROM \(view(.periodFigures))") { row in
            let counts = Dictionary(uniqueKeysWithValues: names.enumerated().dropFirst().map { ($1, Int(row.integer(Int32($0)) ?? 0)) })
            figures[row.integer(0) ?? 0] = PeriodFigures { counts[$0.name] ?? 0 }
        }
        // Only the periods the snapshot lists, as the SQLite tally counts them.
        let listed = Set(periods.filter { $0.endedAt != nil }.map(\.id))
        figures = figures.filter { listed.contains($0.key) }
        var unlogged = 0
        try rows("reads in no period", "SELECT reads FROM \(view(.readsInNoPeriod))") { unlogged = Int($0.integer(0) ?? 0) }
        return OperationalSnapshot(
            readers: readers, placements: try placementRows(knownReaders: known), periods: periods,
            sources: try sourceRows(), computedFigures: figures, unloggedReads: unlogged,
            sharingAgencies: try sharingAgencyRows())
    }

    public func accountabilityCounts(timeZone: AgencyTimeZone) throws(PublicLogError) -> AccountabilityCounts {
        try accountabilityRows(timeZone: timeZone)
    }

    public func readCountPastRetention() throws(PublicLogError) -> Int {
        guard let horizon = retentionHorizon else { return 0 }
        let rows = try session.rows("reads past retention (the view \(address.schema).\(PostgreSQLContract.View.readsByTime.rawValue))", """
            SELECT coalesce(sum(reads), 0)::bigint FROM \(view(.readsByTime)) WHERE read_at < $1::timestamptz
            """, [horizon.description])
        return Int(rows.first.map(PostgreSQLRow.init)?.integer(0) ?? 0)
    }
}
