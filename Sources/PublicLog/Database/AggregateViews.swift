/// The aggregate views through which PublicLog reaches PRIVATE tables. Each is created in
/// the connection's `temp` schema (the operational file is never changed) and returns
/// counts only: no column of any view holds a plate, a location of a read, a user or a case.
enum AggregateViews {
    /// Per closed period: distinct plates, reads, and distinct plates per statutory hit
    /// category. A plate is (state or empty, number), compared exactly; a read belongs to
    /// a period when `started_at <= read_at < ended_at` for the same reader.
    static let periodFigures = "public_period_figures"
    /// Reads that fall in no period (open or closed) of their reader.
    static let unloggedReads = "public_unlogged_reads"

    /// Reads older than the retention horizon that are still stored (a count, for `check`).
    static let readsPastRetention = "public_reads_past_retention"

    /// Searches of stored data (subd. 7 audit trail) by UTC minute and purpose: counts only,
    /// never who searched, for which case, or what.
    static let searches = "public_searches_by_minute"
    /// Hits by the UTC minute of their read and the officer's disposition: counts only.
    static let hitDispositions = "public_hit_dispositions_by_minute"

    static var names: Set<String> { [periodFigures, unloggedReads, readsPastRetention, searches, hitDispositions] }

    /// The views, with the retention horizon written into the last one. `Instant.description`
    /// is always `YYYY-MM-DDTHH:MM:SSZ`, so it is safe to embed as a literal.
    static func definitions(horizon: Instant?) -> [String] {
        fixedDefinitions + ["""
            CREATE TEMP VIEW \(readsPastRetention) AS
            SELECT count(*) AS reads FROM main.plate_read WHERE read_at < '\(horizon?.description ?? "0000")'
            """]
    }

    private static let fixedDefinitions = [
        """
        CREATE TEMP VIEW \(searches) AS
        SELECT substr(accessed_at, 1, 16) AS utc_minute, purpose, count(*) AS searches,
               sum(coalesce(requesting_agency, '') <> '') AS for_other_agencies
        FROM main.data_access
        GROUP BY utc_minute, purpose
        """,
        """
        CREATE TEMP VIEW \(hitDispositions) AS
        SELECT substr(r.read_at, 1, 16) AS utc_minute, coalesce(h.disposition, 'pending') AS disposition,
               count(*) AS hits
        FROM main.hit AS h JOIN main.plate_read AS r ON r.read_id = h.read_id
        GROUP BY utc_minute, disposition
        """,
        """
        CREATE TEMP VIEW \(periodFigures) AS
        SELECT period_id, count(*) AS plates, sum(reads) AS reads,
               sum(stolen) AS stolen, sum(warrant) AS warrant,
               sum(license_suspended_revoked) AS license_suspended_revoked,
               sum(active_investigation) AS active_investigation, sum(other) AS other
        FROM (
            SELECT p.period_id AS period_id,
                   count(DISTINCT r.read_id) AS reads,
                   coalesce(max(h.category IN ('stolen_vehicle', 'stolen_plate')), 0) AS stolen,
                   coalesce(max(h.category = 'warrant'), 0) AS warrant,
                   coalesce(max(h.category = 'license_status'), 0) AS license_suspended_revoked,
                   coalesce(max(h.category = 'active_investigation'), 0) AS active_investigation,
                   coalesce(max(h.category IN ('missing_person', 'amber_alert', 'other')), 0) AS other
            FROM main.active_period AS p
            JOIN main.plate_read AS r
              ON r.reader_id = p.reader_id AND r.read_at >= p.started_at AND r.read_at < p.ended_at
            LEFT JOIN main.hit AS h ON h.read_id = r.read_id
            WHERE p.ended_at IS NOT NULL
            GROUP BY p.period_id, coalesce(r.plate_state, ''), r.plate
        )
        GROUP BY period_id
        """,
        """
        CREATE TEMP VIEW \(unloggedReads) AS
        SELECT (SELECT count(*) FROM main.plate_read) - (
            SELECT count(DISTINCT r.read_id)
            FROM main.active_period AS p
            JOIN main.plate_read AS r
              ON r.reader_id = p.reader_id AND r.read_at >= p.started_at
             AND (p.ended_at IS NULL OR r.read_at < p.ended_at)
        ) AS reads
        """,
    ]
}
