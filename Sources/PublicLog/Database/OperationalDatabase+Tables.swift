import CSQLite

extension OperationalDatabase {
    /// Loads everything the public log is compiled from, in one consistent snapshot.
    public func snapshot() throws(PublicLogError) -> OperationalSnapshot {
        try beginSnapshot()
        defer { endSnapshot() }
        let readers = try readers()
        let known = Set(readers.map(\.id))
        let periods = try periods(knownReaders: known)
        let reads = try readFigures(periods: periods)
        return OperationalSnapshot(
            readers: readers,
            placements: try placements(knownReaders: known),
            periods: periods,
            sources: try publicSources(),
            computedFigures: reads.figures,
            unloggedReads: reads.unloggedReads,
            sharingAgencies: try sharingAgencies())
    }

    /// What the reads say: the statutory figures of every closed period that has reads, and
    /// how many reads fall in no period of their reader.
    public struct ReadFigures: Sendable {
        public var figures: [Int64: PeriodFigures]
        public var unloggedReads: Int
    }

    /// Reads per period from the index alone, then one sequential pass over the reads (split
    /// between two connections when that is provably one snapshot; see `secondTallyConnection`)
    /// and one over the hits for the distinct plates (see `PeriodTally`).
    public func readFigures(periods: [ActivePeriod]) throws(PublicLogError) -> ReadFigures {
        var reads: [Int64: Int] = [:]
        try query("reads per period", "SELECT period_id, reads FROM temp.\(AggregateViews.periodReads)") { row in
            reads[row.integer(0) ?? 0, default: 0] += Int(row.integer(1) ?? 0)
        }
        let tally = PeriodTally(periods: periods, readsPerPeriod: reads)
        var parts = [tally]
        tallyFunctions.current = tally
        defer {
            tallyFunctions.current = nil
            tallyFunctions.readIDs = Int64.min..<Int64.max
        }
        if let (second, split) = try secondTallyConnection() {
            defer { second.endSnapshot() }
            // Its own index and arrays: the two threads share no reference-counted storage.
            let secondPart = PeriodTally(periods: periods, readsPerPeriod: reads)
            tallyFunctions.readIDs = Int64.min..<split
            try Self.inParallel(self, second) { database, isSecond throws(PublicLogError) in
                if isSecond {
                    database.tallyFunctions.current = secondPart
                    database.tallyFunctions.readIDs = split..<Int64.max
                }
                try database.query("distinct plates per period", "SELECT reads FROM temp.\(AggregateViews.plateTally)") { _ in }
            }
            parts.append(secondPart)
            lastTallyConnections = 2
        } else {
            try query("distinct plates per period", "SELECT reads FROM temp.\(AggregateViews.plateTally)") { _ in }
            lastTallyConnections = 1
        }
        if parts.contains(where: \.sawMalformedTime) {
            var first: Int64 = 0
            try query("the reads' times", "SELECT read_id FROM temp.\(AggregateViews.firstMalformedReadTime)") { first = $0.integer(0) ?? 0 }
            throw .badRow(path, table: "plate_read", row: "read_id \(first)", "read_at is not a UTC time",
                          fix: "Write times in UTC as YYYY-MM-DDTHH:MM:SSZ, e.g. 2024-05-01T13:05:00Z.")
        }
        try query("hits per period", "SELECT hits FROM temp.\(AggregateViews.hitTally)") { _ in }
        let totals = PeriodTally.combined(parts)
        if totals.disagreesWithCount {
            throw PublicLogError("""
                Reading \(path): the pass over the reads disagrees with the count of reads per period, so \
                the figures would not be exact. Nothing was published. This is a defect in the generator: report it.
                """, kind: .defect)
        }
        var figures: [Int64: PeriodFigures] = [:]
        for (slot, period) in periods.enumerated() where period.endedAt != nil {
            guard let count = reads[period.id], count > 0 else { continue }
            let hits = totals.hitPlates[slot]
            figures[period.id] = PeriodFigures { figure in
                switch figure {
                case .plates: totals.distinctPlates[slot]
                case .reads: count
                case .platesWithHits: hits.isEmpty ? 0 : hits[PeriodTally.statutorySet]
                default: PeriodFigure.hitKinds.firstIndex(of: figure).map { hits.isEmpty ? 0 : hits[$0] } ?? 0
                }
            }
        }
        return ReadFigures(figures: figures, unloggedReads: totals.readsInNoPeriod)
    }

    /// The statutory figures of every closed period that has reads.
    public func periodFigures() throws(PublicLogError) -> [Int64: PeriodFigures] {
        try readFigures(periods: periods(knownReaders: Set(readers().map(\.id)))).figures
    }

    /// Reads older than the retention horizon given when opening (they should be destroyed).
    public func readCountPastRetention() throws(PublicLogError) -> Int {
        var count = 0
        try query("reads past retention", "SELECT reads FROM temp.\(AggregateViews.readsPastRetention)") { row in
            count = Int(row.integer(0) ?? 0)
        }
        return count
    }

    /// Reads that fall in no period of their reader (they are not in the log).
    public func unloggedReadCount() throws(PublicLogError) -> Int {
        try readFigures(periods: periods(knownReaders: Set(readers().map(\.id)))).unloggedReads
    }
}

/// The SQLite file's SQL for the shared readers of `OperationalRows`, and the public API over them.
extension OperationalDatabase: OperationalRows {
    func rows(_ what: String, _ sql: String, _ row: (any TableRow) throws(PublicLogError) -> Void) throws(PublicLogError) {
        try query(what, sql) { (sqliteRow) throws(PublicLogError) in try row(sqliteRow) }
    }

    var sharingAgenciesSQL: String {
        "SELECT rowid, agency_id, name, jurisdiction, agreement_from, agreement_until FROM main.sharing_agency ORDER BY agency_id, rowid"
    }
    var readersSQL: String {
        """
        SELECT rowid, reader_id, kind, label, operator, installed_on, decommissioned_on, bca_notified_on
        FROM main.reader ORDER BY reader_id
        """
    }
    /// The text of a security-information placement is never selected: only its reader and dates are.
    var placementsSQL: String {
        """
        SELECT location_id, reader_id, placed_on, removed_on, security_information,
               CASE WHEN security_information = 0 THEN description END,
               CASE WHEN security_information = 0 THEN direction END,
               CASE WHEN security_information = 0 THEN latitude END,
               CASE WHEN security_information = 0 THEN longitude END
        FROM main.reader_location ORDER BY location_id
        """
    }
    var periodsSQL: String {
        "SELECT period_id, reader_id, started_at, ended_at FROM main.active_period ORDER BY started_at, period_id"
    }
    /// The rows of non-public sources are not selected at all.
    var sourcesSQL: String {
        """
        SELECT source_id, name, jurisdiction, in_use_from, in_use_until
        FROM main.comparison_source WHERE existence_public = 1 ORDER BY name, source_id
        """
    }
    var searchGroupsSQL: String {
        """
        SELECT utc_minute, purpose, requested_by, agency_id, case_number_recorded, searches, first_access_id, unknown_agency
        FROM temp.\(AggregateViews.searchGroups)
        """
    }
    var searchScopeSQL: String {
        "SELECT utc_minute, search_kind, networks, search_window, reason, searches, first_access_id, outside_minnesota FROM temp.\(AggregateViews.searchScope)"
    }
    var reasonRuleIDs: Set<String> { scope.rules.ids }
    var hitDispositionsSQL: String {
        "SELECT utc_minute, disposition, hits, first_hit_id FROM temp.\(AggregateViews.hitDispositions)"
    }

    func checkSourceFlags() throws(PublicLogError) {
        // A flag that is neither 0 nor 1 is an error; the row is named by its position only,
        // since its id or name may be those of a database whose existence is not public.
        try query("comparison source flags", """
            SELECT min(rowid) FROM main.comparison_source
            WHERE typeof(existence_public) <> 'integer' OR existence_public NOT IN (0, 1)
            """) { (row) throws(PublicLogError) in
            guard let rowid = row.integer(0) else { return }
            throw PublicLogError.badRow(path, table: "comparison_source", row: "row \(rowid) (rowid)",
                                        "existence_public is not the whole number 0 or 1",
                                        fix: "Use 1 for a database whose existence is public, 0 for one whose existence is not.")
        }
    }

    /// Every sharing agency, ordered by id; none when the export has no `sharing_agency` table.
    public func sharingAgencies() throws(PublicLogError) -> [SharingAgency] { try sharingAgencyRows() }
    /// Every reader, ordered by id.
    public func readers() throws(PublicLogError) -> [Reader] { try readerRows() }
    /// Every placement, ordered by location id.
    public func placements(knownReaders: Set<String>) throws(PublicLogError) -> [PlacementSpan] {
        try placementRows(knownReaders: knownReaders)
    }
    /// Every period of active use, ordered by start, then id.
    public func periods(knownReaders: Set<String>) throws(PublicLogError) -> [ActivePeriod] { try periodRows(knownReaders: knownReaders) }
    /// Comparison sources whose existence is public, ordered by name.
    public func publicSources() throws(PublicLogError) -> [ComparisonSource] { try sourceRows() }
    /// Searches of stored data by local day, purpose, requester, agency and whether a case
    /// number was recorded (the groups of `data/searches-by-day.csv`).
    public func searchGroups(timeZone: AgencyTimeZone) throws(PublicLogError) -> [SearchGroup: Int] {
        try searchGroupRows(timeZone: timeZone)
    }
    /// Searches and hit dispositions by local day, and searches by group.
    public func accountabilityCounts(timeZone: AgencyTimeZone) throws(PublicLogError) -> AccountabilityCounts {
        try accountabilityRows(timeZone: timeZone)
    }
}
