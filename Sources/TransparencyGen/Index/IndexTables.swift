import Foundation
import PublicLog

/// A CSV table of the statewide index, declared once: its path and its columns (names, types
/// and values, as the portal's data files declare theirs with `CSVColumn`).
struct IndexTable<Row>: @unchecked Sendable {
    let path: String
    let columns: [CSVColumn<Row>]

    /// The table of `rows`, in their order.
    func file(_ rows: [Row]) -> OutputFile {
        var table = CSVTable(header: columns.map(\.column.name))
        for row in rows { table.append(columns.map { $0.value(row) }) }
        return OutputFile(path: path, data: table.data)
    }
}

/// The tables every index publishes (spec, "Statewide index"; their columns are a contract).
enum IndexTables {
    /// A portal as `agencies.csv` lists it, on the index's build day.
    struct AgencyRow {
        let portal: PublishedPortal
        let today: LocalDate
    }

    /// `data/agencies.csv`: one row per source, by id; a failed portal's figures empty.
    static let agencies = IndexTable<AgencyRow>(path: "data/agencies.csv", columns: [
        CSVColumn("agency_id", .code) { $0.portal.source.id },
        CSVColumn("name", .text) { $0.portal.source.name },
        CSVColumn("county", .text) { $0.portal.source.county },
        CSVColumn("county_fips", .code) { $0.portal.source.countyFIPS },
        CSVColumn("status", .oneOf(["verified", "unsigned", "failed"])) { $0.portal.status.rawValue },
        CSVColumn("published_at", .dateTime) { $0.portal.publishedAt },
        CSVColumn("as_of", .date) { $0.portal.asOf },
        CSVColumn("plates_last_30_days", .number, unit: "plates") { $0.portal.platesLast30Days },
        CSVColumn("searches_last_30_days", .number, unit: "searches") { $0.portal.searchesLast30Days },
        CSVColumn("searches_for_other_agencies_last_30_days", .number, unit: "searches") { $0.portal.searchesForOtherAgenciesLast30Days },
        CSVColumn("next_audit_due", .date) { $0.portal.nextAuditDue },
        CSVColumn("audit_overdue", .oneOf(["yes", "no"])) { $0.portal.auditOverdue(today: $0.today) },
    ])

    /// A row of a portal's `data/sharing-agencies.csv`, with the portal it came from.
    struct SharingRow {
        let agencyID: String
        let partner: [String: String]
    }

    /// `data/sharing.csv`: every row of each non-failed portal's `sharing-agencies.csv`, by
    /// agency id, then the partner's name, then its id (code point order).
    static let sharing = IndexTable<SharingRow>(path: "data/sharing.csv", columns: [
        CSVColumn("agency_id", .code) { $0.agencyID },
        CSVColumn("partner_id", .code) { $0.partner["agency_id"] ?? "" },
        CSVColumn("partner_name", .text) { $0.partner["name"] ?? "" },
        CSVColumn("jurisdiction", .text) { $0.partner["jurisdiction"] ?? "" },
        CSVColumn("status", .text) { $0.partner["status"] ?? "" },
        CSVColumn("searches", .number, unit: "searches") { $0.partner["searches"] ?? "" },
    ])

    static func sharingRows(_ portals: [PublishedPortal]) -> [SharingRow] {
        func key(_ row: SharingRow) -> [String] { [row.agencyID, row.partner["name"] ?? "", row.partner["agency_id"] ?? ""] }
        return portals.filter { $0.status != .failed }
            .flatMap { portal in portal.sharing.map { SharingRow(agencyID: portal.source.id, partner: $0) } }
            .sorted { key($0).lexicographicallyPrecedes(key($1)) { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) } }
    }
}

extension IndexTables {
    /// `data/agency-details.csv`: what the index shows of each agency beyond `agencies.csv`'s
    /// contract columns (readers by kind, hits, searches by jurisdiction, the last audit, when it
    /// was last published and why a failed portal failed), one row per source, by id.
    static let details = IndexTable<AgencyRow>(path: "data/agency-details.csv", columns: detailColumns)

    private static var detailColumns: [CSVColumn<AgencyRow>] {
        let id: [CSVColumn<AgencyRow>] = [CSVColumn("agency_id", .code) { $0.portal.source.id }]
        let readers: [CSVColumn<AgencyRow>] = ReaderKind.allCases.map { kind in
            CSVColumn("\(kind.rawValue)_readers", .wholeNumber, unit: "readers") { $0.portal.readers[kind].map(String.init) ?? "" }
        }
        let hits: [CSVColumn<AgencyRow>] = [
            CSVColumn("hit_alerts_last_30_days", .wholeNumber, unit: "hits") { $0.portal.hitAlertsLast30Days.map(String.init) ?? "" },
        ]
        let searches: [CSVColumn<AgencyRow>] = SharingAgency.Jurisdiction.allCases.map { jurisdiction in
            CSVColumn("searches_for_\(jurisdiction.rawValue)_last_30_days", .wholeNumber, unit: "searches") {
                $0.portal.searchesByJurisdiction.map { String($0[jurisdiction] ?? 0) } ?? ""
            }
        }
        let rest: [CSVColumn<AgencyRow>] = [
            CSVColumn("last_audit_id", .code) { $0.portal.lastAudit?.id ?? "" },
            CSVColumn("last_audit_completed_on", .date) { $0.portal.lastAudit?.completedOn.description ?? "" },
            CSVColumn("last_audit_outcome", .oneOf(AuditResult.allCases.map(\.rawValue))) { $0.portal.lastAudit?.outcome.rawValue ?? "" },
            CSVColumn("last_published_on", .date) { $0.portal.lastPublishedOn?.description ?? "" },
            CSVColumn("stale", .oneOf(["yes", "no"])) { $0.portal.status == .failed ? "" : ($0.portal.isStale(today: $0.today) ? "yes" : "no") },
            CSVColumn("failure_reason", .text) { $0.portal.reason },
        ]
        return id + readers + hits + searches + rest
    }

    /// The index's figures summed by county (over the portals that did not fail).
    struct CountyRow {
        let fips: String
        let name: String
        let portals: [PublishedPortal]

        var reporting: [PublishedPortal] { portals.filter { $0.status != .failed } }

        /// The sum of `value` over the reporting portals that give it.
        func total(_ value: (PublishedPortal) -> Int?) -> Int { reporting.compactMap(value).reduce(0, +) }

        static func rows(_ portals: [PublishedPortal]) -> [CountyRow] {
            Dictionary(grouping: portals) { $0.source.countyFIPS }
                .map { CountyRow(fips: $0.key, name: $0.value.map(\.source.county).min() ?? "", portals: $0.value) }
                .sorted { ($0.name, $0.fips) < ($1.name, $1.fips) }
        }
    }

    /// `data/counties.csv`: one row per county of the sources, by name: its agencies, how many
    /// of them the index could read, and their figures summed.
    static let counties = IndexTable<CountyRow>(path: "data/counties.csv", columns: countyColumns)

    private static var countyColumns: [CSVColumn<CountyRow>] {
        let names: [CSVColumn<CountyRow>] = [
            CSVColumn("county_fips", .code) { $0.fips },
            CSVColumn("county", .text) { $0.name },
            CSVColumn("agencies", .wholeNumber, unit: "agencies") { String($0.portals.count) },
            CSVColumn("agencies_read", .wholeNumber, unit: "agencies") { String($0.reporting.count) },
        ]
        let readers: [CSVColumn<CountyRow>] = ReaderKind.allCases.map { kind in
            CSVColumn("\(kind.rawValue)_readers", .wholeNumber, unit: "readers") { (row: CountyRow) in String(row.total { $0.readers[kind] }) }
        }
        func sum(_ name: String, _ unit: String, _ value: @escaping (PublishedPortal) -> Int?) -> CSVColumn<CountyRow> {
            CSVColumn(name, .wholeNumber, unit: unit) { (row: CountyRow) in String(row.total(value)) }
        }
        return names + readers + [
            sum("plates_last_30_days", "plates") { Int($0.platesLast30Days) },
            sum("hit_alerts_last_30_days", "hits") { $0.hitAlertsLast30Days },
            sum("searches_last_30_days", "searches") { Int($0.searchesLast30Days) },
            sum("searches_for_other_agencies_last_30_days", "searches") { Int($0.searchesForOtherAgenciesLast30Days) },
        ]
    }

    /// `data/changes.csv`: what changed across agencies from one index build to the next, every
    /// build's changes kept (read back from the published index before it is replaced).
    static let changes = IndexTable<IndexChange>(path: "data/changes.csv", columns: [
        CSVColumn("date", .date) { $0.date.description },
        CSVColumn("agency_id", .code) { $0.agencyID },
        CSVColumn("change", .oneOf(IndexChange.Kind.allCases.map(\.rawValue))) { $0.kind.rawValue },
        CSVColumn("detail", .code) { $0.detail },
    ])

    /// Every table the index publishes, in the order of its data page.
    static let all: [DataColumnsOfTable] = [
        DataColumnsOfTable(agencies), DataColumnsOfTable(details), DataColumnsOfTable(counties), DataColumnsOfTable(sharing),
        DataColumnsOfTable(changes),
    ]

    /// A table's path and columns, whatever its rows, for the data page and the dictionary.
    struct DataColumnsOfTable: Sendable {
        let path: String
        let columns: [DataColumn]

        init<Row>(_ table: IndexTable<Row>) {
            path = table.path
            columns = table.columns.map(\.column)
        }

        var fileName: String { DataFile.fileName(of: path) }
        var anchor: String { DataFile.anchor(of: path) }
        /// Its key in message ids: `data/agency-details.csv` is `agency_details_csv`.
        var messageKey: String { DataFile.messageKey(of: path) }
    }
}
