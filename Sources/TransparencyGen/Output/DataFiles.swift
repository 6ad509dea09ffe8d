import Foundation
import PublicLog

/// The machine-readable files under `data/`, each declared once (see `DataFile`), in the
/// order the data page lists them.
enum DataFiles {
    static let countNote = "Number; empty when unknown (the reads were destroyed before the log recorded this period)"

    static let publicLog = DataFile.csv(
        "data/public-log.csv",
        about: "One row per closed period of active use (Minn. Stat. 13.824 subd. 5(a)). Ordered by start time, then period ID. Periods still in progress appear once they end.",
        holdsFigures: true, rows: { $0.log },
        columns: [
            CSVColumn<LogEntry>("period_id", "Whole number", "The period's number in the agency's system.") { String($0.periodID) },
            CSVColumn("reader_id", "Text", "The reader's ID.") { $0.reader.id },
            CSVColumn("reader_label", "Text", "The reader's public name.") { $0.reader.label },
            CSVColumn("reader_kind", "fixed, portable or mobile", "Pole camera, trailer, or squad car.") { $0.reader.kind.rawValue },
            CSVColumn("operator", "agency or partner", "Partner readers belong to a private owner who shares the data with police.",
                      law: "13.824 subd. 1") { $0.reader.operator.rawValue },
            CSVColumn("location", "Text", "Where a fixed or portable reader stood when the period started. Empty for squad cars and where not published.",
                      law: "13.824 subd. 5(a)(4)") { $0.location ?? "" },
            CSVColumn("start_local", "Date and time", "Start, local time with UTC offset, e.g. 2024-11-03T01:30:00-06:00.",
                      law: "13.824 subd. 5(a)(1)") { $0.startLocal },
            CSVColumn("end_local", "Date and time", "End, local time with UTC offset.", law: "13.824 subd. 5(a)(1)") { $0.endLocal },
        ] + PeriodFigure.allCases.map { figure in
            CSVColumn<LogEntry>(figure.name, "Number", "\(figure.meaning) \(countNote).", unit: figure.unit, law: figure.law ?? "") {
                $0.figures.map { String($0[figure]) } ?? ""
            }
        } + [
            CSVColumn<LogEntry>("databases_compared", "Text", "Databases the reads were compared with, separated by \"; \". Databases whose existence is not public are not named.",
                      law: "13.824 subd. 5(a)(2)") { $0.databasesComparedText },
        ])

    static let fixedLocations = DataFile.csv(
        "data/fixed-locations.csv",
        about: "Every current and previous place of the fixed and portable readers (subd. 5(b)). Ordered by the date placed, then reader ID. Places classified as security information (Minn. Stat. 13.37) are not listed.",
        holdsFigures: true, rows: locatedPlacements,
        columns: [
            CSVColumn("reader_id", "Text", "The reader's ID.") { $0.1.id },
            CSVColumn("reader_label", "Text", "The reader's public name.") { $0.1.label },
            CSVColumn("description", "Text", "Where the reader stands, e.g. Co Rd 30 near Co Rd 101.", law: "13.824 subd. 5(b)") { $0.0.description },
            CSVColumn("direction", "Text", "The traffic it faces. May be empty.") { $0.0.direction ?? "" },
            CSVColumn("latitude", "Decimal degrees", "WGS 84 latitude. May be empty.", unit: "degrees", law: "13.824 subd. 5(b)") {
                $0.0.latitude.map(coordinate) ?? ""
            },
            CSVColumn("longitude", "Decimal degrees", "WGS 84 longitude. May be empty.", unit: "degrees", law: "13.824 subd. 5(b)") {
                $0.0.longitude.map(coordinate) ?? ""
            },
            CSVColumn("placed_on", "Date (YYYY-MM-DD)", "First day at this place.", law: "13.824 subd. 5(b)") { $0.0.placedOn.description },
            CSVColumn("removed_on", "Date (YYYY-MM-DD)", "Last day at this place; empty while it is still there.",
                      law: "13.824 subd. 5(b)") { $0.0.removedOn?.description ?? "" },
            CSVColumn("status", "current or previous", "current when removed_on is empty.", law: "13.824 subd. 5(b)") {
                $0.0.isCurrent ? "current" : "previous"
            },
        ])

    static let fixedLocationsMap = DataFile.other(
        "data/fixed-locations.geojson",
        about: "The same places as fixed-locations.csv that have coordinates, as GeoJSON points (longitude, latitude) with the same properties. Opens in any map tool.",
        make: geoJSON)

    static let audits = DataFile.csv(
        "data/audits.csv", about: "Each biennial independent audit (subd. 6). Ordered by completion date.",
        holdsFigures: false, rows: { $0.content.audits.map(\.audit) },
        columns: [
            CSVColumn("audit_id", "Text", "The audit's ID.") { $0.id },
            CSVColumn("auditor", "Text", "Who performed the audit.", law: "13.824 subd. 6(b)") { $0.auditor },
            CSVColumn("period_start", "Date", "First day of the period audited.", law: "13.824 subd. 6(b)") { $0.periodStart.description },
            CSVColumn("period_end", "Date", "Last day of the period audited.", law: "13.824 subd. 6(b)") { $0.periodEnd.description },
            CSVColumn("completed_on", "Date", "When the audit was completed.", law: "13.824 subd. 6(b)") { $0.completedOn.description },
            CSVColumn("submitted_on", "Date", "When its report went to the Commissioner of Administration and the Legislature (due within 30 days). Empty until sent.",
                      law: "13.824 subd. 6(c)") { $0.submittedOn?.description ?? "" },
            CSVColumn("outcome", "compliant or noncompliant", "The auditor's overall result.", law: "13.824 subd. 6(b)") { $0.outcome.rawValue },
            CSVColumn("findings", "Number", "Requirements tested.", unit: "requirements", law: "13.824 subd. 6(b)") { String($0.findings.count) },
            CSVColumn("noncompliant_findings", "Number", "Requirements found not met.", unit: "requirements",
                      law: "13.824 subd. 6(b)") { String($0.noncompliantFindings) },
        ])

    static let monthly = DataFile.csv(
        "data/monthly-summary.csv", about: "The public log added up by the month each period started.",
        holdsFigures: false, rows: { MonthlySummary.months(of: $0.log) },
        columns: [
            CSVColumn<MonthlySummary>("month", "YYYY-MM", "The month.") { $0.month.description },
            CSVColumn("periods", "Number", "Closed periods of active use that started in the month.", unit: "periods") { String($0.periods) },
            CSVColumn("periods_without_figures", "Number", "Of those, periods whose counts are unknown. They add nothing to the sums.",
                      unit: "periods") { String($0.periodsWithoutFigures) },
        ] + PeriodFigure.allCases.map { figure in
            CSVColumn<MonthlySummary>(figure.sumName, "Number", figure.sumMeaning, unit: figure.unit) {
                String($0.figures[figure])
            }
        })

    static let readers = DataFile.csv(
        "data/readers.csv", about: "Every reader the agency uses or used.",
        holdsFigures: true, rows: { $0.readers.sorted { $0.id < $1.id } },
        columns: [
            CSVColumn("reader_id", "Text", "The reader's ID.") { $0.id },
            CSVColumn("reader_label", "Text", "The reader's public name.") { $0.label },
            CSVColumn("reader_kind", "fixed, portable or mobile", "Pole camera, trailer, or squad car.") { $0.kind.rawValue },
            CSVColumn("operator", "agency or partner", "Who owns the reader.") { $0.operator.rawValue },
            CSVColumn("installed_on", "Date", "When it was put into use.") { $0.installedOn?.description ?? "" },
            CSVColumn("decommissioned_on", "Date", "When it was taken out of use; empty while in service.") { $0.decommissionedOn?.description ?? "" },
            CSVColumn("bca_notified_on", "Date", "When the Bureau of Criminal Apprehension was told of it (due within 10 days).",
                      law: "13.824 subd. 8") { $0.bcaNotifiedOn?.description ?? "" },
        ])

    static let databases = DataFile.csv(
        "data/comparison-databases.csv",
        about: "Databases (hot lists) that reads are compared with and whose existence is public.",
        holdsFigures: true, rows: { $0.sources.sorted { ($0.name, $0.id) < ($1.name, $1.id) } },
        columns: [
            CSVColumn("name", "Text", "The database.", law: "13.824 subd. 5(a)(2)") { $0.name },
            CSVColumn("jurisdiction", "state, federal or local", "Who keeps it.") { $0.jurisdiction.rawValue },
            CSVColumn("in_use_from", "Date", "First day reads were compared with it.") { $0.inUseFrom.description },
            CSVColumn("in_use_until", "Date", "Last day; empty while still in use.") { $0.inUseUntil?.description ?? "" },
        ])

    static let searches = DataFile.csv(
        "data/searches-by-month.csv",
        about: "How often officers searched the stored plate data, by the month of the search and its purpose, from the audit trail the law requires (subd. 7). Counts only: never who searched, for which case, or for what plate.",
        holdsFigures: true, rows: { accountabilityMonths($0).filter { $0.totalSearches > 0 } },
        columns: [CSVColumn<MonthlyAccountability>("month", "YYYY-MM", "The month of the searches.") { $0.month.description }]
            + SearchPurpose.allCases.map { purpose in
                CSVColumn<MonthlyAccountability>(purpose.rawValue, "Number", "Searches whose recorded purpose was: \(purpose.displayName.lowercased()).",
                          unit: "searches", law: "13.824 subd. 7") { String($0.searches.byPurpose[purpose] ?? 0) }
            }
            + [CSVColumn<MonthlyAccountability>("total", "Number", "All searches in the month.", unit: "searches", law: "13.824 subd. 7") { String($0.totalSearches) },
               CSVColumn<MonthlyAccountability>("for_other_agencies", "Number", "Searches made for another law enforcement agency on its written request, so data were shared with it.",
                         unit: "searches", law: "13.824 subd. 4") { String($0.forOtherAgencies) }])

    static let searchesByDay = DataFile.csv(
        "data/searches-by-day.csv",
        about: "Searches of stored plate data from the audit trail the law requires (subd. 7), one row per day, purpose, requesting agency and whether a case number was recorded. Ordered by date, purpose, requested_by, agency_id and case_number_recorded. Counts only: never who searched, which case, or what was searched for. Days an older version of this site recorded without this detail, and that the audit trail no longer holds, are counted only in searches-by-month.csv.",
        holdsFigures: true, rows: searchGroupRows,
        columns: [
            CSVColumn<SearchGroupRow>("date", "Date (YYYY-MM-DD)", "The local day of the searches.", law: "13.824 subd. 7") { $0.group.date.description },
            CSVColumn("purpose", "Code", "The recorded reason for the searches: \(codes(SearchPurpose.allCases.map(\.rawValue))).",
                      law: "13.824 subd. 7") { $0.group.purpose.rawValue },
            CSVColumn("requested_by", "Code",
                      "this_agency: the department's own search. named_agency: made on the written request of the agency in agency_id, so the data were shared with it. unnamed_agency: made for another agency that the department's records do not identify.",
                      law: "13.824 subd. 4") { $0.group.requestedBy.rawValue },
            CSVColumn("agency_id", "Text", "The requesting agency's ID, as in sharing-agencies.csv; empty unless requested_by is named_agency.",
                      law: "13.824 subd. 4") { $0.group.agencyID ?? "" },
            CSVColumn("agency_name", "Text", "The requesting agency's name; empty unless requested_by is named_agency.", law: "13.824 subd. 4") {
                $0.agency?.name ?? ""
            },
            CSVColumn("jurisdiction", "Code",
                      "Whose agency it is: minnesota, other_state (another state's), federal or tribal; empty unless requested_by is named_agency.",
                      law: "13.824 subd. 4") { $0.agency?.jurisdiction.rawValue ?? "" },
            CSVColumn("case_number_recorded", "yes or no", "Whether the searches had a case number recorded (the law asks for a case number or a recorded factual basis).",
                      law: "13.824 subd. 7") { $0.group.caseNumberRecorded ? "yes" : "no" },
            CSVColumn("searches", "Number", "The number of searches.", unit: "searches", law: "13.824 subd. 7") { String($0.searches) },
        ])

    static let sharingAgencies = DataFile.csv(
        "data/sharing-agencies.csv",
        about: "Every law enforcement agency the department shares plate data with on written request (subd. 4), with its standing agreement if it has one. Ordered by name, then agency ID.",
        holdsFigures: true, rows: sharingAgencyRows,
        columns: [
            CSVColumn<(agency: SharingAgency, searches: Int, today: LocalDate)>("agency_id", "Text", "The agency's ID.", law: "13.824 subd. 4") { $0.agency.id },
            CSVColumn("name", "Text", "The agency's name.", law: "13.824 subd. 4") { $0.agency.name },
            CSVColumn("jurisdiction", "Code",
                      "minnesota, other_state (an agency of another state), federal or tribal.", law: "13.824 subd. 4") { $0.agency.jurisdiction.rawValue },
            CSVColumn("agreement_from", "Date (YYYY-MM-DD)", "First day of its standing agreement; empty when data are shared with it case by case.",
                      law: "13.824 subd. 4") { $0.agency.agreementFrom?.description ?? "" },
            CSVColumn("agreement_until", "Date (YYYY-MM-DD)", "Last day of the agreement; empty while it is in force or when there is none.",
                      law: "13.824 subd. 4") { $0.agency.agreementUntil?.description ?? "" },
            CSVColumn("status", "Code",
                      "On the day the site was published: current, previous (ended), upcoming (not yet begun) or no_agreement (case by case).",
                      law: "13.824 subd. 4") { $0.agency.status(on: $0.today).rawValue },
            CSVColumn("searches", "Number", "All searches made on the agency's request.", unit: "searches", law: "13.824 subd. 7") { String($0.searches) },
        ])

    static let dispositions = DataFile.csv(
        "data/hit-dispositions-by-month.csv",
        about: "Every hit (a read matching a list) by the month of the read and what the officer found on checking it. It shows how accurate hits are. A plate may have more than one hit.",
        holdsFigures: true, rows: { accountabilityMonths($0).filter { $0.totalHits > 0 || $0.daysWithoutDispositions > 0 } },
        columns: [CSVColumn<MonthlyAccountability>("month", "YYYY-MM", "The month of the reads.") { $0.month.description },
                  CSVColumn<MonthlyAccountability>("hits", "Number", "All hits.", unit: "hits") { String($0.totalHits) }]
            + HitDisposition.allCases.map { disposition in
                CSVColumn<MonthlyAccountability>(disposition.rawValue, "Number", "Hits marked: \(disposition.displayName.lowercased()).", unit: "hits") {
                    String($0.dispositions[disposition] ?? 0)
                }
            }
            + [CSVColumn<MonthlyAccountability>("days_not_recorded", "Number", "Days of the month whose hits are unknown: the reads were destroyed before this site recorded them. The counts leave those days out.",
                         unit: "days") { String($0.daysWithoutDispositions) }])

    static let summary = DataFile.other(
        "data/summary.json",
        about: "The figures the home page leads with, for other sites and tools: readers in service by kind; three spans of whole days ending yesterday (last_30_days, this_year from January 1, all_time from the first day of the log), each with periods, plates, reads, hits by kind, hits checked and confirmed, and searches; the last audit, the next audit due date, the policy in effect and the publication number. hits_checked counts hits an officer checked and reached a finding on (confirmed, misread or no longer current); the home page's accuracy is hits_confirmed divided by hits_checked. Dates are YYYY-MM-DD; a missing value is null.",
        make: nil)

    /// Every data file, in the order the data page lists them.
    static let all: [DataFile] = [
        publicLog, fixedLocations, fixedLocationsMap, audits, monthly, readers, databases, searchesByDay, sharingAgencies, searches,
        dispositions, summary,
    ]

    /// The files made from the portal alone, ready to write.
    static func files(_ portal: Portal) -> [OutputFile] {
        all.compactMap { file in file.make.map { OutputFile(path: file.path, text: $0(portal)) } }
    }

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

    /// `a, b or c`: a column's codes, in the order they sort.
    static func codes(_ values: [String]) -> String {
        let sorted = values.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        return sorted.dropLast().joined(separator: ", ") + (sorted.count > 1 ? " or " : "") + (sorted.last ?? "")
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
