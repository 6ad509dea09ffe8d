import Foundation
import PublicLog

/// The machine-readable files under `data/`, written by code from the portal's values.
struct DataFiles {
    let portal: Portal

    static let publicLogHeader = [
        "period_id", "reader_id", "reader_label", "reader_kind", "operator", "location", "start_local", "end_local",
        "plates", "reads", "stolen", "warrant", "license_suspended_revoked", "active_investigation", "other",
        "databases_compared",
    ]
    static let fixedLocationsHeader = [
        "reader_id", "reader_label", "description", "direction", "latitude", "longitude", "placed_on", "removed_on", "status",
    ]
    static let auditsHeader = [
        "audit_id", "auditor", "period_start", "period_end", "completed_on", "submitted_on", "outcome", "findings",
        "noncompliant_findings",
    ]
    static let monthlyHeader = [
        "month", "periods", "periods_without_figures", "period_plates", "reads", "stolen", "warrant",
        "license_suspended_revoked", "active_investigation", "other",
    ]
    static let readersHeader = [
        "reader_id", "reader_label", "reader_kind", "operator", "installed_on", "decommissioned_on", "bca_notified_on",
    ]
    static let databasesHeader = ["name", "jurisdiction", "in_use_from", "in_use_until"]
    static let searchesHeader = ["month"] + SearchPurpose.allCases.map(\.rawValue) + ["total", "for_other_agencies"]
    static let dispositionsHeader = ["month", "hits"] + HitDisposition.allCases.map(\.rawValue) + ["days_not_recorded"]

    var files: [OutputFile] {
        [
            OutputFile(path: "data/public-log.csv", text: publicLog.text),
            OutputFile(path: "data/fixed-locations.csv", text: fixedLocations.text),
            OutputFile(path: "data/fixed-locations.geojson", text: geoJSON),
            OutputFile(path: "data/audits.csv", text: audits.text),
            OutputFile(path: "data/monthly-summary.csv", text: monthly.text),
            OutputFile(path: "data/readers.csv", text: readers.text),
            OutputFile(path: "data/comparison-databases.csv", text: databases.text),
            OutputFile(path: "data/searches-by-month.csv", text: searches.text),
            OutputFile(path: "data/hit-dispositions-by-month.csv", text: dispositions.text),
        ]
    }

    var publicLog: CSVTable {
        var table = CSVTable(header: Self.publicLogHeader)
        for entry in portal.log {
            let f = entry.figures
            func count(_ value: Int?) -> String { value.map(String.init) ?? "" }
            table.append([
                String(entry.periodID), entry.reader.id, entry.reader.label, entry.reader.kind.rawValue,
                entry.reader.operator.rawValue, entry.location ?? "", entry.startLocal, entry.endLocal,
                count(f?.plates), count(f?.reads), count(f?.stolen), count(f?.warrant), count(f?.licenseSuspendedRevoked),
                count(f?.activeInvestigation), count(f?.other), entry.databasesComparedText,
            ])
        }
        return table
    }

    /// Public placements of fixed and portable readers.
    var locatedPlacements: [(Placement, Reader)] {
        let readers = Dictionary(portal.readers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return portal.placements.compactMap { placement in
            guard let reader = readers[placement.readerID], reader.kind.hasPlacements else { return nil }
            return (placement, reader)
        }
    }

    var fixedLocations: CSVTable {
        var table = CSVTable(header: Self.fixedLocationsHeader)
        for (placement, reader) in locatedPlacements {
            table.append([
                reader.id, reader.label, placement.description, placement.direction ?? "",
                placement.latitude.map(Self.coordinate) ?? "", placement.longitude.map(Self.coordinate) ?? "",
                placement.placedOn.description, placement.removedOn?.description ?? "",
                placement.isCurrent ? "current" : "previous",
            ])
        }
        return table
    }

    var audits: CSVTable {
        var table = CSVTable(header: Self.auditsHeader)
        for published in portal.content.audits {
            let audit = published.audit
            table.append([
                audit.id, audit.auditor, audit.periodStart.description, audit.periodEnd.description,
                audit.completedOn.description, audit.submittedOn?.description ?? "", audit.outcome.rawValue,
                String(audit.findings.count), String(audit.noncompliantFindings),
            ])
        }
        return table
    }

    var monthly: CSVTable {
        var table = CSVTable(header: Self.monthlyHeader)
        for month in MonthlySummary.months(of: portal.log) {
            let f = month.figures
            table.append([
                month.month.description, String(month.periods), String(month.periodsWithoutFigures), String(f.plates),
                String(f.reads), String(f.stolen), String(f.warrant), String(f.licenseSuspendedRevoked),
                String(f.activeInvestigation), String(f.other),
            ])
        }
        return table
    }

    var readers: CSVTable {
        var table = CSVTable(header: Self.readersHeader)
        for reader in portal.readers.sorted(by: { $0.id < $1.id }) {
            table.append([
                reader.id, reader.label, reader.kind.rawValue, reader.operator.rawValue,
                reader.installedOn?.description ?? "", reader.decommissionedOn?.description ?? "",
                reader.bcaNotifiedOn?.description ?? "",
            ])
        }
        return table
    }

    var databases: CSVTable {
        var table = CSVTable(header: Self.databasesHeader)
        for source in portal.sources.sorted(by: { ($0.name, $0.id) < ($1.name, $1.id) }) {
            table.append([source.name, source.jurisdiction.rawValue, source.inUseFrom.description,
                          source.inUseUntil?.description ?? ""])
        }
        return table
    }

    var accountabilityMonths: [MonthlyAccountability] {
        MonthlyAccountability.months(portal.accountability, unknownDays: portal.unknownDispositionDays)
    }

    var searches: CSVTable {
        var table = CSVTable(header: Self.searchesHeader)
        for month in accountabilityMonths where month.totalSearches > 0 {
            table.append([month.month.description] + SearchPurpose.allCases.map { String(month.searches[$0] ?? 0) }
                         + [String(month.totalSearches), String(month.forOtherAgencies)])
        }
        return table
    }

    var dispositions: CSVTable {
        var table = CSVTable(header: Self.dispositionsHeader)
        for month in accountabilityMonths where month.totalHits > 0 || month.daysWithoutDispositions > 0 {
            table.append([month.month.description, String(month.totalHits)]
                         + HitDisposition.allCases.map { String(month.dispositions[$0] ?? 0) }
                         + [String(month.daysWithoutDispositions)])
        }
        return table
    }

    /// Decimal degrees with up to six decimals (about 10 cm), without trailing zeros.
    static func coordinate(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    var geoJSON: String {
        var features: [String] = []
        for (placement, reader) in locatedPlacements {
            guard let lat = placement.latitude, let lon = placement.longitude else { continue }
            let properties: [(String, String?)] = [
                ("reader_id", reader.id), ("reader_label", reader.label), ("description", placement.description),
                ("direction", placement.direction), ("placed_on", placement.placedOn.description),
                ("removed_on", placement.removedOn?.description), ("status", placement.isCurrent ? "current" : "previous"),
            ]
            let props = properties.map { "\(JSONText.string($0.0)):\($0.1.map(JSONText.string) ?? "null")" }
            features.append("""
                {"type":"Feature","geometry":{"type":"Point","coordinates":[\(Self.coordinate(lon)),\(Self.coordinate(lat))]},\
                "properties":{\(props.joined(separator: ","))}}
                """)
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }
}

/// JSON text for strings, escaped by hand so the output is byte-stable across platforms.
enum JSONText {
    static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
