/// The aggregate views through which PublicLog reaches PRIVATE tables. Each is created in
/// the connection's `temp` schema (the operational file is never changed) and returns
/// counts only: no column of any view holds a plate, a location of a read, a user or a case.
enum AggregateViews {
    /// Reads per period (open or closed), from the index on `(reader_id, read_at)` alone. A read
    /// belongs to a period when `started_at <= read_at < ended_at` for the same reader.
    static let periodReads = "public_period_reads"
    /// One sequential pass over the reads through `TallyFunctions.plates`: distinct plates per
    /// period and reads in no period go to the `PeriodTally`; the view's one row is the number of reads.
    static let plateTally = "public_period_plate_tally"
    /// The lowest and highest `read_id` (row numbers, nothing about a read), to split the plate
    /// tally between two connections. Apart, each is one step down the table's b-tree; together
    /// in one SELECT, SQLite would scan the whole table.
    static let readIDRange = "public_read_id_range"
    /// Every hit with its read through `TallyFunctions.hitPlates`: distinct plates per period
    /// and statutory kind go to the `PeriodTally`; the view's one row is the number of hits.
    static let hitTally = "public_period_hit_tally"

    /// Reads older than the retention horizon that are still stored (a count, for `check`).
    static let readsPastRetention = "public_reads_past_retention"

    /// Hits by the UTC minute of their read and the officer's disposition: counts only, and
    /// each group's lowest `hit_id` for messages.
    static let hitDispositions = "public_hit_dispositions_by_minute"

    /// The lowest `read_id` whose `read_at` is not a contract time: read only when the plate
    /// tally saw one, to name the row (never the value).
    static let firstMalformedReadTime = "public_first_malformed_read_time"

    static var names: Set<String> {
        [periodReads, plateTally, readIDRange, hitTally, readsPastRetention, hitDispositions, searchGroups, searchScope,
         firstMalformedReadTime]
    }

    /// A column's UTC minute (`YYYY-MM-DDTHH:MM`) when it holds exactly a contract time, else
    /// NULL, which the reader reports by the group's lowest row id: `2024-05-31T04:00:00-08:00`
    /// is not read as May 31 at 04:00.
    private static func utcMinute(_ column: String) -> String {
        "CASE WHEN \(TallyFunctions.isUTCTime)(\(column)) THEN substr(\(column), 1, 16) END"
    }

    /// The views, with the retention horizon written into the last one. `Instant.description`
    /// is always `YYYY-MM-DDTHH:MM:SSZ`, so it is safe to embed as a literal. `agencyIDs`: the
    /// export has `data_access.requesting_agency_id`; `agencyTable`: it has `sharing_agency`.
    /// `scopeColumns`: the optional columns of `data_access` the export has.
    static func definitions(horizon: Instant?, agencyIDs: Bool, agencyTable: Bool, scopeColumns: Set<String>,
                            scope: SearchScopeSettings) -> [String] {
        [searchGroupsDefinition(agencyIDs: agencyIDs, agencyTable: agencyTable),
         searchScopeDefinition(columns: scopeColumns, scope: scope, agencyIDs: agencyIDs, agencyTable: agencyTable)] + fixedDefinitions + ["""
            CREATE TEMP VIEW \(readsPastRetention) AS
            SELECT count(*) AS reads FROM main.plate_read WHERE read_at < '\(horizon?.description ?? "0000")'
            """]
    }

    /// The characters the spec's "after trimming white space" removes, as an SQL literal.
    private static let whiteSpace = "' \t\n\r'"

    /// Searches of stored data (the subd. 7 audit trail) by UTC minute, purpose, requester
    /// (the spec's rule), requesting agency id and whether a case number was recorded, with each
    /// group's lowest `access_id` so that a bad value is reported by a row's id, never by the
    /// value. The case number and the free-text requesting agency never leave SQLite: only
    /// whether they are empty. `unknown_agency` marks an id that names no `sharing_agency` row.
    static let searchGroups = "public_search_groups"
    private static func searchGroupsDefinition(agencyIDs: Bool, agencyTable: Bool) -> String {
        let id = agencyIDs ? "requesting_agency_id" : "NULL"
        // `NULL NOT IN` an empty list is true, so the id is tested for NULL first.
        let unknown = "\(id) IS NOT NULL" + (agencyTable ? " AND \(id) NOT IN (SELECT agency_id FROM main.sharing_agency)" : "")
        return """
            CREATE TEMP VIEW \(searchGroups) AS
            SELECT \(utcMinute("accessed_at")) AS utc_minute, purpose,
                   CASE WHEN \(id) IS NOT NULL THEN '\(RequestedBy.namedAgency.rawValue)'
                        WHEN trim(coalesce(requesting_agency, ''), \(whiteSpace)) <> '' THEN '\(RequestedBy.unnamedAgency.rawValue)'
                        ELSE '\(RequestedBy.thisAgency.rawValue)' END AS requested_by,
                   \(id) AS agency_id,
                   trim(coalesce(case_number, ''), \(whiteSpace)) <> '' AS case_number_recorded,
                   count(*) AS searches, min(access_id) AS first_access_id,
                   coalesce(\(unknown), 0) AS unknown_agency
            FROM main.data_access
            GROUP BY utc_minute, purpose, requested_by, agency_id, case_number_recorded
            """
    }

    // The search-scope view's codes, in the SQL SQLite and PostgreSQL share.

    /// Every kind of search, quoted for an `IN` list.
    static let searchKindList = SearchKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// The `WHEN` branches giving each networks band of the whole number in `column`.
    static func networkBands(_ column: String) -> String {
        NetworkReach.allCases.map { band in
            "WHEN \(column) >= \(band.bounds.low)\(band.bounds.high.map { " AND \(column) <= \($0)" } ?? "") THEN '\(band.rawValue)'"
        }.joined(separator: " ")
    }

    /// The jurisdictions of federal and other states' agencies, quoted for an `IN` list.
    static let outsideMinnesotaJurisdictions = SharingAgency.Jurisdiction.allCases.filter(\.isOutsideMinnesotaGovernment)
        .map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// The optional columns of `data_access` the search-scope view reads when present.
    static let scopeColumns = ["search_kind", "networks_searched", "window_start_at", "reason"]

    /// The SQL function that gives a reason's group (`ReasonFunction`): the reason goes in,
    /// a code comes out, inside SQLite.
    static let reasonGroup = "public_reason_group"

    /// An unknown value of a scope column, which the reader reports by the group's lowest `access_id`.
    static let invalid = "?"

    /// Searches of stored data by UTC minute and the spec's scope columns: kind, networks band,
    /// window and reason group, each NULL when the export lacks the column (or the row's value
    /// is NULL but for the reason, which is then blank), `invalid` for a value outside the
    /// contract. The reason, the window's instant and the number of networks never leave SQLite.
    static let searchScope = "public_search_scope"
    private static func searchScopeDefinition(columns: Set<String>, scope: SearchScopeSettings, agencyIDs: Bool,
                                              agencyTable: Bool) -> String {
        func has(_ column: String) -> Bool { columns.contains(column) }
        let kind = has("search_kind")
            ? "CASE WHEN search_kind IS NULL THEN NULL WHEN search_kind IN (\(searchKindList)) THEN search_kind ELSE '\(invalid)' END"
            : "NULL"
        let networks = has("networks_searched")
            ? "CASE WHEN networks_searched IS NULL THEN NULL WHEN typeof(networks_searched) <> 'integer' THEN '\(invalid)' \(networkBands("networks_searched")) ELSE '\(invalid)' END"
            : "NULL"
        let seconds = { (column: String) in "CAST(strftime('%s', \(column)) AS INTEGER)" }
        let window = has("window_start_at") ? """
            CASE WHEN window_start_at IS NULL THEN NULL
                 WHEN typeof(window_start_at) <> 'text' OR NOT \(TallyFunctions.isUTCTime)(window_start_at)
                      OR NOT \(TallyFunctions.isUTCTime)(accessed_at) THEN '\(invalid)'
                 WHEN \(seconds("window_start_at")) < \(seconds("accessed_at")) - \(scope.retentionSeconds) THEN '\(SearchWindow.beyondRetention.rawValue)'
                 ELSE '\(SearchWindow.withinRetention.rawValue)' END
            """ : "NULL"
        let reason = has("reason")
            ? "CASE WHEN trim(coalesce(reason, ''), \(whiteSpace)) = '' THEN '\(ReasonGroup.blankCode)' ELSE \(reasonGroup)(reason) END"
            : "NULL"
        // Searches made for a federal or another state's agency, for `check`'s warning on reasons
        // that name immigration enforcement.
        let outsideMinnesota = agencyIDs && agencyTable
            ? "sum(requesting_agency_id IN (SELECT agency_id FROM main.sharing_agency WHERE jurisdiction IN (\(outsideMinnesotaJurisdictions))))"
            : "0"
        return """
            CREATE TEMP VIEW \(searchScope) AS
            SELECT \(utcMinute("accessed_at")) AS utc_minute, \(kind) AS search_kind, \(networks) AS networks,
                   \(window) AS search_window, \(reason) AS reason, count(*) AS searches, min(access_id) AS first_access_id,
                   coalesce(\(outsideMinnesota), 0) AS outside_minnesota
            FROM main.data_access
            GROUP BY 1, 2, 3, 4, 5
            """
    }

    private static let fixedDefinitions = [
        """
        CREATE TEMP VIEW \(firstMalformedReadTime) AS
        SELECT min(read_id) AS read_id FROM main.plate_read WHERE NOT \(TallyFunctions.isUTCTime)(read_at)
        """,
        """
        CREATE TEMP VIEW \(hitDispositions) AS
        SELECT \(utcMinute("r.read_at")) AS utc_minute, coalesce(h.disposition, 'pending') AS disposition,
               count(*) AS hits, min(h.hit_id) AS first_hit_id
        FROM main.hit AS h JOIN main.plate_read AS r ON r.read_id = h.read_id
        GROUP BY utc_minute, disposition
        """,
        """
        CREATE TEMP VIEW \(periodReads) AS
        SELECT p.period_id AS period_id, count(*) AS reads
        FROM main.active_period AS p
        JOIN main.plate_read AS r
          ON r.reader_id = p.reader_id AND r.read_at >= p.started_at AND r.read_at < p.ended_at
        WHERE p.ended_at IS NOT NULL
        GROUP BY p.period_id
        UNION ALL
        SELECT p.period_id, count(*)
        FROM main.active_period AS p
        JOIN main.plate_read AS r ON r.reader_id = p.reader_id AND r.read_at >= p.started_at
        WHERE p.ended_at IS NULL
        GROUP BY p.period_id
        """,
        """
        CREATE TEMP VIEW \(plateTally) AS
        SELECT \(TallyFunctions.plates)(r.reader_id, r.read_at, r.plate_state, r.plate) AS reads
        FROM main.plate_read AS r
        WHERE r.read_id >= \(TallyFunctions.firstReadID)() AND r.read_id < \(TallyFunctions.endReadID)()
        """,
        """
        CREATE TEMP VIEW \(readIDRange) AS
        SELECT (SELECT min(read_id) FROM main.plate_read) AS first_read_id,
               (SELECT max(read_id) FROM main.plate_read) AS last_read_id
        """,
        """
        CREATE TEMP VIEW \(hitTally) AS
        SELECT \(TallyFunctions.hitPlates)(r.reader_id, r.read_at, r.plate_state, r.plate, h.category) AS hits
        FROM main.hit AS h JOIN main.plate_read AS r ON r.read_id = h.read_id
        """,
    ]
}
