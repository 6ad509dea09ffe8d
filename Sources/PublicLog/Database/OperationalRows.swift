/// The public tables and the aggregate views as rows, read and checked the same way whichever
/// database holds them: SQLite (`OperationalDatabase`, through SQLite's authorizer) or
/// PostgreSQL (`PostgreSQLDatabase`, through the server's grants). Each source gives the SQL of
/// each, with the columns in the order the readers below take them, and runs it.
protocol OperationalRows: AnyObject {
    /// Where the data are, as messages name them.
    var location: String { get }
    /// Whether the source has the optional table `sharing_agency`.
    var hasSharingAgencies: Bool { get }
    /// Runs `sql` (a read of `what`, as messages name it) and hands each row to `row`.
    func rows(_ what: String, _ sql: String, _ row: (any TableRow) throws(PublicLogError) -> Void) throws(PublicLogError)
    /// Row number, agency_id, name, jurisdiction, agreement_from, agreement_until; by agency_id in code point order.
    var sharingAgenciesSQL: String { get }
    /// Row number, reader_id, kind, label, operator, installed_on, decommissioned_on, bca_notified_on; by reader_id.
    var readersSQL: String { get }
    /// location_id, reader_id, placed_on, removed_on, security_information, then (NULL for a
    /// security-information placement) description, direction, latitude, longitude; by location_id.
    var placementsSQL: String { get }
    /// period_id, reader_id, started_at, ended_at; by started_at, then period_id.
    var periodsSQL: String { get }
    /// Public sources only: source_id, name, jurisdiction, in_use_from, in_use_until; by name, then source_id.
    var sourcesSQL: String { get }
    /// The search groups by UTC minute (see `AggregateViews.searchGroups`).
    var searchGroupsSQL: String { get }
    /// Searches by UTC minute and scope: utc_minute, search_kind, networks, window, reason,
    /// searches, first_access_id, outside_minnesota (see `AggregateViews.searchScope`).
    var searchScopeSQL: String { get }
    /// The reason rules in force, whose ids the reason groups are.
    var reasonRuleIDs: Set<String> { get }
    /// Hits by UTC minute and disposition (see `AggregateViews.hitDispositions`).
    var hitDispositionsSQL: String { get }
    /// What the source's types cannot promise of `comparison_source.existence_public`.
    func checkSourceFlags() throws(PublicLogError)
}

extension OperationalRows {
    /// Every sharing agency, ordered by id; none when the export has no `sharing_agency` table.
    func sharingAgencyRows() throws(PublicLogError) -> [SharingAgency] {
        guard hasSharingAgencies else { return [] }
        var agencies: [SharingAgency] = []
        var seen: Set<String> = []
        try rows("sharing agencies", sharingAgenciesSQL) { (row) throws(PublicLogError) in
            let id = try RowCheck(database: location, table: "sharing_agency", row: "row \(row.integer(0) ?? 0)").text(row, 1, "agency_id")
            let check = RowCheck(database: location, table: "sharing_agency", row: "agency_id '\(id)'")
            guard seen.insert(id).inserted else {
                throw check.failure("agency_id is used by two rows", fix: "Give each agency its own agency_id.")
            }
            let from = try check.optionalDate(row, 4, "agreement_from")
            let until = try check.optionalDate(row, 5, "agreement_until")
            if let until {
                guard let from else {
                    throw check.failure("agreement_until is set but agreement_from is empty",
                                        fix: "Give the agreement's first day, or leave both empty for searches made case by case.")
                }
                _ = try check.ordered(from, until, "agreement_until", "agreement_from",
                                      fix: "agreement_until is the agreement's last local date; correct one of the dates.")
            }
            agencies.append(SharingAgency(id: id, name: try check.text(row, 2, "name"),
                                          jurisdiction: try check.choice(row, 3, "jurisdiction", SharingAgency.Jurisdiction.self),
                                          agreementFrom: from, agreementUntil: until))
        }
        return agencies
    }

    /// Every reader, ordered by id.
    func readerRows() throws(PublicLogError) -> [Reader] {
        var readers: [Reader] = []
        try rows("readers", readersSQL) { (row) throws(PublicLogError) in
            let check = RowCheck(database: location, table: "reader", row: "row \(row.integer(0) ?? 0)")
            let id = try check.text(row, 1, "reader_id")
            let rowCheck = RowCheck(database: location, table: "reader", row: "reader_id '\(id)'")
            readers.append(Reader(
                id: id,
                kind: try rowCheck.choice(row, 2, "kind", ReaderKind.self),
                label: try rowCheck.text(row, 3, "label"),
                operator: try rowCheck.choice(row, 4, "operator", ReaderOperator.self),
                installedOn: try rowCheck.optionalDate(row, 5, "installed_on"),
                decommissionedOn: try rowCheck.optionalDate(row, 6, "decommissioned_on"),
                bcaNotifiedOn: try rowCheck.optionalDate(row, 7, "bca_notified_on")))
        }
        return readers
    }

    /// Every placement, ordered by location id. The text of a security-information
    /// placement is never selected: only its reader and dates are, for the location rule.
    func placementRows(knownReaders: Set<String>) throws(PublicLogError) -> [PlacementSpan] {
        var spans: [PlacementSpan] = []
        try rows("reader locations", placementsSQL) { (row) throws(PublicLogError) in
            let id = row.integer(0) ?? 0
            // The flag first: until it is known to be 0, no value of the row is quoted in a message.
            let flagCheck = RowCheck(database: location, table: "reader_location", row: "location_id \(id)", quotesValues: false)
            guard row.isInteger(4), let security = row.integer(4), security == 0 || security == 1 else {
                throw flagCheck.failure("security_information is not the whole number 0 or 1",
                                        fix: "Use 1 for a placement classified as security information, else 0.")
            }
            let check = RowCheck(database: location, table: "reader_location", row: "location_id \(id)", quotesValues: security == 0)
            let readerID = try check.knownReader(row, 1, knownReaders)
            let placedOn = try check.date(row, 2, "placed_on")
            let removedOn = try check.ordered(placedOn, try check.optionalDate(row, 3, "removed_on"), "removed_on", "placed_on",
                                              fix: "removed_on is the last local date at the place; correct one of the dates.")
            var placement: Placement?
            if security == 0 {
                placement = Placement(
                    locationID: id, readerID: readerID, description: try check.text(row, 5, "description"),
                    direction: row.text(6).flatMap { $0.isEmpty ? nil : $0 },
                    latitude: try check.coordinate(row, 7, "latitude", limit: 90),
                    longitude: try check.coordinate(row, 8, "longitude", limit: 180),
                    placedOn: placedOn, removedOn: removedOn)
            }
            spans.append(PlacementSpan(locationID: id, readerID: readerID, placedOn: placedOn,
                                       removedOn: removedOn, placement: placement))
        }
        return spans
    }

    /// Every period of active use, ordered by start, then id.
    func periodRows(knownReaders: Set<String>) throws(PublicLogError) -> [ActivePeriod] {
        var periods: [ActivePeriod] = []
        try rows("periods of active use", periodsSQL) { (row) throws(PublicLogError) in
            let id = row.integer(0) ?? 0
            let check = RowCheck(database: location, table: "active_period", row: "period_id \(id)")
            let readerID = try check.knownReader(row, 1, knownReaders)
            let start = try check.instant(row, 2, "started_at")
            let end = try check.ordered(start, try check.optionalInstant(row, 3, "ended_at"), "ended_at", "started_at",
                                        fix: "Correct the period's times, or set ended_at to NULL while it is still open.")
            periods.append(ActivePeriod(id: id, readerID: readerID, startedAt: start, endedAt: end))
        }
        return periods
    }

    /// Comparison sources whose existence is public, ordered by name. The rows of
    /// non-public sources are not selected at all.
    func sourceRows() throws(PublicLogError) -> [ComparisonSource] {
        try checkSourceFlags()
        var sources: [ComparisonSource] = []
        try rows("comparison sources", sourcesSQL) { (row) throws(PublicLogError) in
            let sourceID = row.text(0) ?? ""
            let check = RowCheck(database: location, table: "comparison_source", row: "source_id '\(sourceID)'")
            let from = try check.date(row, 3, "in_use_from")
            let until = try check.ordered(from, try check.optionalDate(row, 4, "in_use_until"), "in_use_until", "in_use_from",
                                          fix: "in_use_until is the last local date in use; correct one of the dates.")
            sources.append(ComparisonSource(
                id: sourceID, name: try check.text(row, 1, "name"),
                jurisdiction: try check.choice(row, 2, "jurisdiction", ComparisonSource.Jurisdiction.self),
                inUseFrom: from, inUseUntil: until))
        }
        return sources
    }

}

extension OperationalRows {    /// Searches and hit dispositions by local day, from the aggregate views. Minute buckets
    /// make the local day exact in every time zone (all UTC offsets are whole minutes).
    /// The local day of a view's `utc_minute`; a time that is not UTC is reported by `row`.
    private func localDay(_ minute: String?, timeZone: AgencyTimeZone, table: String, row: String,
                          column: String) throws(PublicLogError) -> LocalDate {
        guard let minute, let instant = Instant(iso: minute + ":00Z") else {
            throw .badRow(location, table: table, row: row, "\(column) is not a UTC time",
                          fix: "Write times in UTC as YYYY-MM-DDTHH:MM:SSZ, e.g. 2024-05-01T13:05:00Z.")
        }
        return timeZone.localDate(of: instant)
    }

    /// A search's purpose; one that is none of the spec's is reported by `row`, never by its value.
    private func searchPurpose(_ text: String?, row: String) throws(PublicLogError) -> SearchPurpose {
        guard let purpose = text.flatMap(SearchPurpose.init(rawValue:)) else {
            let valid = SearchPurpose.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw .badRow(location, table: "data_access", row: row, "purpose is not one of \(valid)",
                          fix: "Map the export's purposes to those values.")
        }
        return purpose
    }

    /// Searches of stored data by local day, purpose, requester, agency and whether a case
    /// number was recorded (the groups of `data/searches-by-day.csv`).
    func searchGroupRows(timeZone: AgencyTimeZone) throws(PublicLogError) -> [SearchGroup: Int] {
        var groups: [SearchGroup: Int] = [:]
        var unknownAgencyRows: [Int64] = []
        try rows("searches of stored data", searchGroupsSQL) { (row) throws(PublicLogError) in
            let rowName = "access_id \(row.integer(6) ?? 0)"
            // Named by its row id alone: the id it holds might be a typo of private free text.
            if (row.integer(7) ?? 0) != 0 { unknownAgencyRows.append(row.integer(6) ?? 0) }
            let date = try localDay(row.text(0), timeZone: timeZone, table: "data_access", row: rowName, column: "accessed_at")
            let purpose = try searchPurpose(row.text(1), row: rowName)
            let requestedBy = row.text(2).flatMap(RequestedBy.init(rawValue:)) ?? .thisAgency
            let group = SearchGroup(date: date, purpose: purpose, requestedBy: requestedBy,
                                    agencyID: requestedBy == .namedAgency ? row.text(3) : nil,
                                    caseNumberRecorded: (row.integer(4) ?? 0) != 0)
            groups[group, default: 0] += Int(row.integer(5) ?? 0)
        }
        if let first = unknownAgencyRows.min() {
            throw .badRow(location, table: "data_access", row: "access_id \(first)",
                          "requesting_agency_id names no row of table `sharing_agency`",
                          fix: "Add the agency to sharing_agency, or correct the id in the export's mapping.")
        }
        return groups
    }

    /// Searches of stored data by local day and how they were made (the groups of
    /// `data/search-scope-by-day.csv`). A value outside the contract is reported by the
    /// `access_id` of a row that has it, never by the value.
    func searchScopeRows(timeZone: AgencyTimeZone) throws(PublicLogError)
        -> (groups: [SearchScopeGroup: Int], outsideMinnesota: [SearchScopeGroup: Int]) {
        var groups: [SearchScopeGroup: Int] = [:]
        var outsideMinnesota: [SearchScopeGroup: Int] = [:]
        let ruleIDs = reasonRuleIDs
        try rows("how searches were made", searchScopeSQL) { (row) throws(PublicLogError) in
            let rowName = "access_id \(row.integer(6) ?? 0)"
            func bad(_ problem: String, fix: String) -> PublicLogError {
                .badRow(location, table: "data_access", row: rowName, problem, fix: fix)
            }
            let date = try localDay(row.text(0), timeZone: timeZone, table: "data_access", row: rowName, column: "accessed_at")
            /// A column's code, nil when not recorded; one outside the contract is reported by the row.
            func code<T: RawRepresentable>(_ column: Int32, _: T.Type, _ problem: String, fix: String) throws(PublicLogError) -> T?
            where T.RawValue == String {
                guard let text = row.text(column) else { return nil }
                guard let value = T(rawValue: text) else { throw bad(problem, fix: fix) }
                return value
            }
            let kind = try code(1, SearchKind.self, "search_kind is not one of \(SearchKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")) (or NULL)",
                                fix: "Map the export's kinds of search to those values, or set search_kind to NULL where it is not known.")
            let networks = try code(2, NetworkReach.self, "networks_searched is not a whole number of 1 or more",
                                    fix: "Give the number of agencies' data sets the search reached (1 for this agency's own), or NULL where it is not known.")
            let window = try code(3, SearchWindow.self, "window_start_at is not a UTC time",
                                  fix: "Write the earliest instant searched in UTC as YYYY-MM-DDTHH:MM:SSZ, or NULL where it is not known.")
            var reason: ReasonGroup?
            if let code = row.text(4) {
                guard let group = ReasonGroup(code: code, ruleIDs: ruleIDs) else {
                    throw PublicLogError("""
                        The operational data at \(location) grouped search reasons by rules other than the site's. \
                        The database administrator runs the access script made from this site again (docs/postgresql.md). \
                        Nothing was read or published.
                        """)
                }
                reason = group
            }
            let group = SearchScopeGroup(date: date, kind: kind, networks: networks, window: window, reason: reason)
            groups[group, default: 0] += Int(row.integer(5) ?? 0)
            if let outside = row.integer(7), outside > 0 { outsideMinnesota[group, default: 0] += Int(outside) }
        }
        return (groups, outsideMinnesota)
    }

    func accountabilityRows(timeZone: AgencyTimeZone) throws(PublicLogError) -> AccountabilityCounts {
        var counts = AccountabilityCounts()
        // The views give each group's lowest row id, so a bad value is reported by the id of a
        // row that has it, never by the value: these are PRIVATE tables.
        func day(_ minute: String?, table: String, row: String) throws(PublicLogError) -> LocalDate {
            try localDay(minute, timeZone: timeZone, table: table, row: row, column: "read_at of its plate read")
        }
        counts.searchGroups = try searchGroupRows(timeZone: timeZone)
        (counts.searchScope, counts.searchScopeOutsideMinnesota) = try searchScopeRows(timeZone: timeZone)
        // The daily counts are the groups added up, so both follow one definition of a search.
        for (group, n) in counts.searchGroups {
            counts.searches[group.date, default: DailySearches()].searches[group.purpose, default: 0] += n
            counts.searches[group.date, default: DailySearches()].forOtherAgencies[group.purpose, default: 0]
                += group.requestedBy.isForAnotherAgency ? n : 0
        }
        try rows("hit dispositions", hitDispositionsSQL) { (row) throws(PublicLogError) in
            let rowName = "hit_id \(row.integer(3) ?? 0)"
            let date = try day(row.text(0), table: "hit", row: rowName)
            guard let disposition = row.text(1).flatMap(HitDisposition.init(rawValue:)) else {
                let valid = HitDisposition.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                throw .badRow(location, table: "hit", row: rowName, "disposition is not one of \(valid) (or empty)",
                              fix: "Map the export's values to those.")
            }
            counts.dispositions[date, default: DailyDispositions()].hits[disposition, default: 0] += Int(row.integer(2) ?? 0)
        }
        return counts
    }
}
