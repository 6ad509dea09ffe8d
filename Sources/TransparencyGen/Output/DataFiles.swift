import Foundation
import PublicLog

/// The machine-readable files under `data/`, each declared once (see `DataFile`), in the
/// order the data page lists them.
enum DataFiles {
    static let publicLog = DataFile.csv("data/public-log.csv", holdsFigures: true, rows: { $0.log },
        columns: [
            CSVColumn<LogEntry>("period_id", .wholeNumber) { String($0.periodID) },
            CSVColumn("reader_id", .text) { $0.reader.id },
            CSVColumn("reader_label", .text) { $0.reader.label },
            CSVColumn("reader_kind", .oneOf(ReaderKind.allCases.map(\.rawValue))) { $0.reader.kind.rawValue },
            CSVColumn("operator", .oneOf(ReaderOperator.allCases.map(\.rawValue)), law: "13.824 subd. 1") { $0.reader.operator.rawValue },
            CSVColumn("location", .text, law: "13.824 subd. 5(a)(4)") { $0.location ?? "" },
            CSVColumn("start_local", .dateTime, law: "13.824 subd. 5(a)(1)") { $0.startLocal },
            CSVColumn("end_local", .dateTime, law: "13.824 subd. 5(a)(1)") { $0.endLocal },
        ] + PeriodFigure.allCases.filter(\.inPublicLog).map { figure in
            CSVColumn<LogEntry>(figure.name, .number, unit: figure.unit, law: figure.law ?? "", note: .dataUnknownCount) {
                $0.count(figure).map { String($0) } ?? ""
            }
        } + [
            CSVColumn<LogEntry>("databases_compared", .text, law: "13.824 subd. 5(a)(2)") { $0.databasesComparedText },
        ])

    static let fixedLocations = DataFile.csv("data/fixed-locations.csv", holdsFigures: true, rows: locatedPlacements,
        columns: [
            CSVColumn("reader_id", .text) { $0.1.id },
            CSVColumn("reader_label", .text) { $0.1.label },
            CSVColumn("description", .text, law: "13.824 subd. 5(b)") { $0.0.description },
            CSVColumn("direction", .text) { $0.0.direction ?? "" },
            CSVColumn("latitude", .degrees, unit: "degrees", law: "13.824 subd. 5(b)") {
                $0.0.latitude.map(coordinate) ?? ""
            },
            CSVColumn("longitude", .degrees, unit: "degrees", law: "13.824 subd. 5(b)") {
                $0.0.longitude.map(coordinate) ?? ""
            },
            CSVColumn("placed_on", .date, law: "13.824 subd. 5(b)") { $0.0.placedOn.description },
            CSVColumn("removed_on", .date, law: "13.824 subd. 5(b)") { $0.0.removedOn?.description ?? "" },
            CSVColumn("status", .oneOf(["current", "previous"]), law: "13.824 subd. 5(b)") {
                $0.0.isCurrent ? "current" : "previous"
            },
        ])

    static let fixedLocationsMap = DataFile.other("data/fixed-locations.geojson", make: geoJSON)

    static let audits = DataFile.csv("data/audits.csv", holdsFigures: false, rows: { $0.content.audits.map(\.audit) },
        columns: [
            CSVColumn("audit_id", .text) { $0.id },
            CSVColumn("auditor", .text, law: "13.824 subd. 6(b)") { $0.auditor },
            CSVColumn("period_start", .date, law: "13.824 subd. 6(b)") { $0.periodStart.description },
            CSVColumn("period_end", .date, law: "13.824 subd. 6(b)") { $0.periodEnd.description },
            CSVColumn("completed_on", .date, law: "13.824 subd. 6(b)") { $0.completedOn.description },
            CSVColumn("submitted_on", .date, law: "13.824 subd. 6(c)") { $0.submittedOn?.description ?? "" },
            CSVColumn("outcome", .oneOf(AuditResult.allCases.map(\.rawValue)), law: "13.824 subd. 6(b)") { $0.outcome.rawValue },
            CSVColumn("findings", .number, unit: "requirements", law: "13.824 subd. 6(b)") { String($0.findings.count) },
            CSVColumn("noncompliant_findings", .number, unit: "requirements", law: "13.824 subd. 6(b)") { String($0.noncompliantFindings) },
        ])

    static let monthly = DataFile.csv("data/monthly-summary.csv", holdsFigures: false, rows: { MonthlySummary.months(of: $0.log) },
        columns: [
            CSVColumn<MonthlySummary>("month", .month) { $0.month.description },
            CSVColumn("periods", .number, unit: "periods") { String($0.periods) },
            CSVColumn("periods_without_figures", .number, unit: "periods") { String($0.periodsWithoutFigures) },
        ] + PeriodFigure.allCases.map { figure in
            CSVColumn<MonthlySummary>(figure.sumName, .number, unit: figure.unit) {
                // A figure some of the month's periods were recorded without: unknown, not a smaller sum.
                $0.figures.unknownPeriods(figure) > 0 ? "" : String($0.figures[figure])
            }
        })

    static let readers = DataFile.csv("data/readers.csv", holdsFigures: true, rows: { $0.readers.sorted { $0.id < $1.id } },
        columns: [
            CSVColumn("reader_id", .text) { $0.id },
            CSVColumn("reader_label", .text) { $0.label },
            CSVColumn("reader_kind", .oneOf(ReaderKind.allCases.map(\.rawValue))) { $0.kind.rawValue },
            CSVColumn("operator", .oneOf(ReaderOperator.allCases.map(\.rawValue))) { $0.operator.rawValue },
            CSVColumn("installed_on", .date) { $0.installedOn?.description ?? "" },
            CSVColumn("decommissioned_on", .date) { $0.decommissionedOn?.description ?? "" },
            CSVColumn("bca_notified_on", .date, law: "13.824 subd. 8") { $0.bcaNotifiedOn?.description ?? "" },
        ])

    static let databases = DataFile.csv("data/comparison-databases.csv", holdsFigures: true, rows: { $0.sources.sorted { ($0.name, $0.id) < ($1.name, $1.id) } },
        columns: [
            CSVColumn("name", .text, law: "13.824 subd. 5(a)(2)") { $0.name },
            CSVColumn("jurisdiction", .oneOf(ComparisonSource.Jurisdiction.allCases.map(\.rawValue))) { $0.jurisdiction.rawValue },
            CSVColumn("in_use_from", .date) { $0.inUseFrom.description },
            CSVColumn("in_use_until", .date) { $0.inUseUntil?.description ?? "" },
        ])

    static let searches = DataFile.csv("data/searches-by-month.csv", holdsFigures: true, rows: { accountabilityMonths($0).filter { $0.totalSearches > 0 } },
        columns: [CSVColumn<MonthlyAccountability>("month", .month) { $0.month.description }]
            + SearchPurpose.allCases.map { purpose in
                CSVColumn<MonthlyAccountability>(purpose.rawValue, .number, unit: "searches", law: "13.824 subd. 7") { String($0.searches.byPurpose[purpose] ?? 0) }
            }
            + [CSVColumn<MonthlyAccountability>("total", .number, unit: "searches", law: "13.824 subd. 7") { String($0.totalSearches) },
               CSVColumn<MonthlyAccountability>("for_other_agencies", .number, unit: "searches", law: "13.824 subd. 4") { String($0.forOtherAgencies) }])

    static let searchesByDay = DataFile.csv("data/searches-by-day.csv", holdsFigures: true, rows: searchGroupRows,
        columns: [
            CSVColumn<SearchGroupRow>("date", .date, law: "13.824 subd. 7") { $0.group.date.description },
            CSVColumn("purpose", .code, law: "13.824 subd. 7", codes: SearchPurpose.allCases.map(\.rawValue)) { $0.group.purpose.rawValue },
            CSVColumn("requested_by", .code, law: "13.824 subd. 4") { $0.group.requestedBy.rawValue },
            CSVColumn("agency_id", .text, law: "13.824 subd. 4") { $0.group.agencyID ?? "" },
            CSVColumn("agency_name", .text, law: "13.824 subd. 4") { $0.agency?.name ?? "" },
            CSVColumn("jurisdiction", .code, law: "13.824 subd. 4") { $0.agency?.jurisdiction.rawValue ?? "" },
            CSVColumn("case_number_recorded", .oneOf(["yes", "no"]), law: "13.824 subd. 7") { $0.group.caseNumberRecorded ? "yes" : "no" },
            CSVColumn("searches", .number, unit: "searches", law: "13.824 subd. 7") { String($0.searches) },
        ])

    static let searchScopeByDay = DataFile.csv("data/search-scope-by-day.csv", holdsFigures: true,
        rows: { $0.accountability.searchScope.sorted { $0.key < $1.key } },
        columns: [
            CSVColumn<(key: SearchScopeGroup, value: Int)>("date", .date, law: "13.824 subd. 7") { $0.key.date.description },
            CSVColumn("search_kind", .code, codes: SearchKind.allCases.map(\.rawValue)) { $0.key.kind?.rawValue ?? "" },
            CSVColumn("networks", .code, law: "13.824 subd. 4", codes: NetworkReach.allCases.map(\.rawValue)) { $0.key.networks?.rawValue ?? "" },
            CSVColumn("window", .code, law: "13.824 subd. 3", codes: SearchWindow.allCases.map(\.rawValue)) { $0.key.window?.rawValue ?? "" },
            CSVColumn("reason", .code, law: "13.824 subd. 7") { $0.key.reason?.code ?? "" },
            CSVColumn("searches", .number, unit: "searches", law: "13.824 subd. 7") { String($0.value) },
        ])

    static let sharingAgencies = DataFile.csv("data/sharing-agencies.csv", holdsFigures: true, rows: sharingAgencyRows,
        columns: [
            CSVColumn<(agency: SharingAgency, searches: Int, today: LocalDate)>("agency_id", .text, law: "13.824 subd. 4") { $0.agency.id },
            CSVColumn("name", .text, law: "13.824 subd. 4") { $0.agency.name },
            CSVColumn("jurisdiction", .code, law: "13.824 subd. 4") { $0.agency.jurisdiction.rawValue },
            CSVColumn("agreement_from", .date, law: "13.824 subd. 4") { $0.agency.agreementFrom?.description ?? "" },
            CSVColumn("agreement_until", .date, law: "13.824 subd. 4") { $0.agency.agreementUntil?.description ?? "" },
            CSVColumn("status", .code, law: "13.824 subd. 4") { $0.agency.status(on: $0.today).rawValue },
            CSVColumn("searches", .number, unit: "searches", law: "13.824 subd. 7") { String($0.searches) },
        ])

    static let dispositions = DataFile.csv("data/hit-dispositions-by-month.csv", holdsFigures: true, rows: { accountabilityMonths($0).filter { $0.totalHits > 0 || $0.daysWithoutDispositions > 0 } },
        columns: [CSVColumn<MonthlyAccountability>("month", .month) { $0.month.description },
                  CSVColumn<MonthlyAccountability>("hits", .number, unit: "hits") { String($0.totalHits) }]
            + HitDisposition.allCases.map { disposition in
                CSVColumn<MonthlyAccountability>(disposition.rawValue, .number, unit: "hits") {
                    String($0.dispositions[disposition] ?? 0)
                }
            }
            + [CSVColumn<MonthlyAccountability>("days_not_recorded", .number, unit: "days") { String($0.daysWithoutDispositions) }])

    static let summary = DataFile.other("data/summary.json", make: nil)

    /// `publications.csv`: every publication so far, oldest first, with the SHA-256 of its
    /// `SHA256SUMS`: a hash chain that each `publication.json` continues. The publication this
    /// file belongs to has no digest here: its `SHA256SUMS` lists this file.
    static let publications = DataFile.csv("publications.csv", holdsFigures: false, rows: { portal in
            portal.publications.map { (publication: $0, isThis: $0.number == portal.publications.last?.number) }
        },
        columns: [
            CSVColumn<(publication: Publication, isThis: Bool)>("publication", .wholeNumber) { String($0.publication.number) },
            CSVColumn("published_at", .dateTime) { $0.publication.publishedAt.description },
            CSVColumn("sha256sums_sha256", .code) { $0.isThis ? "" : $0.publication.publishedAs?.sha256sums ?? "" },
        ]).withPublications()

    /// `publication.json`: what this publication is and the digest of the one before (`PublicationJSON`).
    static let publication = DataFile.other("publication.json", make: PublicationJSON.text).withPublications()

    /// Every data file, in the order the data page lists them.
    static let all: [DataFile] = [
        publicLog, fixedLocations, fixedLocationsMap, audits, monthly, readers, databases, searchesByDay, searchScopeByDay,
        sharingAgencies, searches,
        dispositions, summary, publication, publications,
    ]

    /// Public placements of fixed and portable readers, with their readers.
    static func locatedPlacements(_ portal: Portal) -> [(Placement, Reader)] {
        let readers = Dictionary(portal.readers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return portal.placements.compactMap { placement in
            guard let reader = readers[placement.readerID], reader.kind.hasPlacements else { return nil }
            return (placement, reader)
        }
    }

    /// A row of `searches-by-day.csv`: a group of searches, and its agency when the export names one.
    struct SearchGroupRow {
        let group: SearchGroup
        let searches: Int
        let agency: SharingAgency?
    }

    static func searchGroupRows(_ portal: Portal) -> [SearchGroupRow] {
        portal.accountability.searchGroups.sorted { $0.key < $1.key }.map { group, count in
            SearchGroupRow(group: group, searches: count, agency: group.agencyID.flatMap { portal.sharingAgencies[$0] })
        }
    }

    /// Every sharing agency by name, then id (code point order), with all searches made for it.
    static func sharingAgencyRows(_ portal: Portal) -> [(agency: SharingAgency, searches: Int, today: LocalDate)] {
        let searches = portal.searchesAllTime.byAgency
        return portal.record.sharingAgencies.sorted {
            [$0.name, $0.id].lexicographicallyPrecedes([$1.name, $1.id]) { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        }.map { ($0, searches[$0.id] ?? 0, portal.today) }
    }

    static func accountabilityMonths(_ portal: Portal) -> [MonthlyAccountability] {
        MonthlyAccountability.months(portal)
    }

    /// Decimal degrees with up to six decimals (about 10 cm), without trailing zeros.
    static func coordinate(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    static func geoJSON(_ portal: Portal) -> String {
        var features: [String] = []
        for (placement, reader) in locatedPlacements(portal) {
            guard let lat = placement.latitude, let lon = placement.longitude else { continue }
            let properties: [(String, String?)] = [
                ("reader_id", reader.id), ("reader_label", reader.label), ("description", placement.description),
                ("direction", placement.direction), ("placed_on", placement.placedOn.description),
                ("removed_on", placement.removedOn?.description), ("status", placement.isCurrent ? "current" : "previous"),
            ]
            let props = properties.map { "\(JSONText.string($0.0)):\($0.1.map(JSONText.string) ?? "null")" }
            features.append("""
                {"type":"Feature","geometry":{"type":"Point","coordinates":[\(coordinate(lon)),\(coordinate(lat))]},\
                "properties":{\(props.joined(separator: ","))}}
                """)
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }
}
