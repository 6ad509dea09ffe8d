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
