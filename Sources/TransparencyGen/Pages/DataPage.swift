import PublicLog

/// The data dictionary: every downloadable file and what each of its columns means.
extension SiteRenderer {
    struct Column {
        let name: String
        let type: String
        let meaning: String
        /// What a number counts or measures; empty for text and dates.
        var unit = ""
        /// The part of Minn. Stat. 13.824 that requires the column; empty where the agency publishes it by choice.
        var law = ""
    }

    struct Dataset {
        let file: String
        let title: String
        let about: String
        let columns: [Column]
    }

    static let countNote = "Number; empty when unknown (the reads were destroyed before the log recorded this period)"

    static let datasets: [Dataset] = [
        Dataset(file: "public-log.csv", title: "Public log of use",
                about: "One row per closed period of active use (Minn. Stat. 13.824 subd. 5(a)). Ordered by start time, then period ID. Periods still in progress appear once they end.",
                columns: [
                    Column(name: "period_id", type: "Whole number", meaning: "The period's number in the agency's system."),
                    Column(name: "reader_id", type: "Text", meaning: "The reader's ID."),
                    Column(name: "reader_label", type: "Text", meaning: "The reader's public name."),
                    Column(name: "reader_kind", type: "fixed, portable or mobile", meaning: "Pole camera, trailer, or squad car."),
                    Column(name: "operator", type: "agency or partner", meaning: "Partner readers belong to a private owner who shares the data with police.", law: "13.824 subd. 1"),
                    Column(name: "location", type: "Text", meaning: "Where a fixed or portable reader stood when the period started. Empty for squad cars and where not published.", law: "13.824 subd. 5(a)(4)"),
                    Column(name: "start_local", type: "Date and time", meaning: "Start, local time with UTC offset, e.g. 2024-11-03T01:30:00-06:00.", law: "13.824 subd. 5(a)(1)"),
                    Column(name: "end_local", type: "Date and time", meaning: "End, local time with UTC offset.", law: "13.824 subd. 5(a)(1)"),
                    Column(name: "plates", type: "Number", meaning: "Distinct license plates read. \(countNote).", unit: "plates", law: "13.824 subd. 5(a)(2)"),
                    Column(name: "reads", type: "Number", meaning: "All reads, counting repeat reads of the same plate. \(countNote).", unit: "reads"),
                    Column(name: "stolen", type: "Number", meaning: "Plates matching a stolen vehicle or stolen plate record. \(countNote).", unit: "plates", law: "13.824 subd. 5(a)(3)"),
                    Column(name: "warrant", type: "Number", meaning: "Plates matching a warrant for the owner's arrest. \(countNote).", unit: "plates", law: "13.824 subd. 5(a)(3)"),
                    Column(name: "license_suspended_revoked", type: "Number", meaning: "Plates whose owner's driver's license is suspended, revoked or similar. \(countNote).", unit: "plates", law: "13.824 subd. 5(a)(3)"),
                    Column(name: "active_investigation", type: "Number", meaning: "Plates matching active investigative data. \(countNote).", unit: "plates", law: "13.824 subd. 5(a)(3)"),
                    Column(name: "other", type: "Number", meaning: "Plates matching any other list (missing person, AMBER alert, other). Not a statutory category. \(countNote).", unit: "plates"),
                    Column(name: "databases_compared", type: "Text", meaning: "Databases the reads were compared with, separated by \"; \". Databases whose existence is not public are not named.", law: "13.824 subd. 5(a)(2)"),
                ]),
        Dataset(file: "fixed-locations.csv", title: "Fixed and portable reader locations",
                about: "Every current and previous place of the fixed and portable readers (subd. 5(b)). Ordered by the date placed, then reader ID. Places classified as security information (Minn. Stat. 13.37) are not listed.",
                columns: [
                    Column(name: "reader_id", type: "Text", meaning: "The reader's ID."),
                    Column(name: "reader_label", type: "Text", meaning: "The reader's public name."),
                    Column(name: "description", type: "Text", meaning: "Where the reader stands, e.g. Co Rd 30 near Co Rd 101.", law: "13.824 subd. 5(b)"),
                    Column(name: "direction", type: "Text", meaning: "The traffic it faces. May be empty."),
                    Column(name: "latitude", type: "Decimal degrees", meaning: "WGS 84 latitude. May be empty.", unit: "degrees", law: "13.824 subd. 5(b)"),
                    Column(name: "longitude", type: "Decimal degrees", meaning: "WGS 84 longitude. May be empty.", unit: "degrees", law: "13.824 subd. 5(b)"),
                    Column(name: "placed_on", type: "Date (YYYY-MM-DD)", meaning: "First day at this place.", law: "13.824 subd. 5(b)"),
                    Column(name: "removed_on", type: "Date (YYYY-MM-DD)", meaning: "Last day at this place; empty while it is still there.", law: "13.824 subd. 5(b)"),
                    Column(name: "status", type: "current or previous", meaning: "current when removed_on is empty.", law: "13.824 subd. 5(b)"),
                ]),
        Dataset(file: "fixed-locations.geojson", title: "Locations as a map layer (GeoJSON)",
                about: "The same places as fixed-locations.csv that have coordinates, as GeoJSON points (longitude, latitude) with the same properties. Opens in any map tool.",
                columns: []),
        Dataset(file: "audits.csv", title: "Audits",
                about: "Each biennial independent audit (subd. 6). Ordered by completion date.",
                columns: [
                    Column(name: "audit_id", type: "Text", meaning: "The audit's ID."),
                    Column(name: "auditor", type: "Text", meaning: "Who performed the audit.", law: "13.824 subd. 6(b)"),
                    Column(name: "period_start", type: "Date", meaning: "First day of the period audited.", law: "13.824 subd. 6(b)"),
                    Column(name: "period_end", type: "Date", meaning: "Last day of the period audited.", law: "13.824 subd. 6(b)"),
                    Column(name: "completed_on", type: "Date", meaning: "When the audit was completed.", law: "13.824 subd. 6(b)"),
                    Column(name: "submitted_on", type: "Date", meaning: "When its report went to the Commissioner of Administration and the Legislature (due within 30 days). Empty until sent.", law: "13.824 subd. 6(c)"),
                    Column(name: "outcome", type: "compliant or noncompliant", meaning: "The auditor's overall result.", law: "13.824 subd. 6(b)"),
                    Column(name: "findings", type: "Number", meaning: "Requirements tested.", unit: "requirements", law: "13.824 subd. 6(b)"),
                    Column(name: "noncompliant_findings", type: "Number", meaning: "Requirements found not met.", unit: "requirements", law: "13.824 subd. 6(b)"),
                ]),
        Dataset(file: "monthly-summary.csv", title: "Monthly summary",
                about: "The public log added up by the month each period started.",
                columns: [
                    Column(name: "month", type: "YYYY-MM", meaning: "The month."),
                    Column(name: "periods", type: "Number", meaning: "Closed periods of active use that started in the month.", unit: "periods"),
                    Column(name: "periods_without_figures", type: "Number", meaning: "Of those, periods whose counts are unknown. They add nothing to the sums.", unit: "periods"),
                    Column(name: "period_plates", type: "Number", meaning: "Sum of each period's distinct plates. A plate read in two periods counts twice.", unit: "plates"),
                    Column(name: "reads", type: "Number", meaning: "Sum of reads.", unit: "reads"),
                    Column(name: "stolen", type: "Number", meaning: "Sum of the periods' stolen counts.", unit: "plates"),
                    Column(name: "warrant", type: "Number", meaning: "Sum of the periods' warrant counts.", unit: "plates"),
                    Column(name: "license_suspended_revoked", type: "Number", meaning: "Sum of the periods' suspended or revoked license counts.", unit: "plates"),
                    Column(name: "active_investigation", type: "Number", meaning: "Sum of the periods' active investigation counts.", unit: "plates"),
                    Column(name: "other", type: "Number", meaning: "Sum of the periods' other counts.", unit: "plates"),
                ]),
        Dataset(file: "readers.csv", title: "Readers",
                about: "Every reader the agency uses or used.",
                columns: [
                    Column(name: "reader_id", type: "Text", meaning: "The reader's ID."),
                    Column(name: "reader_label", type: "Text", meaning: "The reader's public name."),
                    Column(name: "reader_kind", type: "fixed, portable or mobile", meaning: "Pole camera, trailer, or squad car."),
                    Column(name: "operator", type: "agency or partner", meaning: "Who owns the reader."),
                    Column(name: "installed_on", type: "Date", meaning: "When it was put into use."),
                    Column(name: "decommissioned_on", type: "Date", meaning: "When it was taken out of use; empty while in service."),
                    Column(name: "bca_notified_on", type: "Date", meaning: "When the Bureau of Criminal Apprehension was told of it (due within 10 days).", law: "13.824 subd. 8"),
                ]),
        Dataset(file: "comparison-databases.csv", title: "Databases compared",
                about: "Databases (hot lists) that reads are compared with and whose existence is public.",
                columns: [
                    Column(name: "name", type: "Text", meaning: "The database.", law: "13.824 subd. 5(a)(2)"),
                    Column(name: "jurisdiction", type: "state, federal or local", meaning: "Who keeps it."),
                    Column(name: "in_use_from", type: "Date", meaning: "First day reads were compared with it."),
                    Column(name: "in_use_until", type: "Date", meaning: "Last day; empty while still in use."),
                ]),
    ]

    static let accountabilityDatasets: [Dataset] = [
        Dataset(file: "searches-by-month.csv", title: "Searches of stored data",
                about: "How often officers searched the stored plate data, by the month of the search and its purpose, from the audit trail the law requires (subd. 7). Counts only: never who searched, for which case, or for what plate.",
                columns: [Column(name: "month", type: "YYYY-MM", meaning: "The month of the searches.")]
                    + SearchPurpose.allCases.map { Column(name: $0.rawValue, type: "Number", meaning: "Searches whose recorded purpose was: \($0.displayName.lowercased()).", unit: "searches", law: "13.824 subd. 7") }
                    + [Column(name: "total", type: "Number", meaning: "All searches in the month.", unit: "searches", law: "13.824 subd. 7"),
                       Column(name: "for_other_agencies", type: "Number", meaning: "Searches made for another law enforcement agency on its written request, so data were shared with it.", unit: "searches", law: "13.824 subd. 4")]),
        Dataset(file: "hit-dispositions-by-month.csv", title: "What officers found when checking hits",
                about: "Every hit (a read matching a list) by the month of the read and what the officer found on checking it. It shows how accurate hits are. A plate may have more than one hit.",
                columns: [Column(name: "month", type: "YYYY-MM", meaning: "The month of the reads."),
                          Column(name: "hits", type: "Number", meaning: "All hits.", unit: "hits")]
                    + HitDisposition.allCases.map { Column(name: $0.rawValue, type: "Number", meaning: "Hits marked: \($0.displayName.lowercased()).", unit: "hits") }
                    + [Column(name: "days_not_recorded", type: "Number", meaning: "Days of the month whose hits are unknown: the reads were destroyed before this site recorded them. The counts leave those days out.", unit: "days")]),
    ]

    static let summaryDataset = Dataset(
        file: "summary.json", title: "Headline figures (JSON)",
        about: "The figures the home page leads with, for other sites and tools: readers in service by kind; three spans of whole days ending yesterday (last_30_days, this_year from January 1, all_time from the first day of the log), each with periods, plates, reads, hits by kind, hits checked and confirmed, and searches; the last audit, the next audit due date, the policy in effect and the publication number. hits_checked counts hits an officer checked and reached a finding on (confirmed, misread or no longer current); the home page's accuracy is hits_confirmed divided by hits_checked. Dates are YYYY-MM-DD; a missing value is null.",
        columns: [])

    func dataPage() -> Page {
        Page(path: "data/index.html", template: "data", title: "Open data", section: "data", fields: [
            "datasets": (Self.datasets + Self.accountabilityDatasets + [Self.summaryDataset]).map { dataset -> [String: Any] in
                [
                    "file": dataset.file, "title": dataset.title, "about": dataset.about,
                    "anchor": dataset.file.replacingOccurrences(of: ".", with: "-"),
                    "has_columns": !dataset.columns.isEmpty,
                    "columns": dataset.columns.map {
                        ["name": $0.name, "type": $0.type, "meaning": $0.meaning, "unit": $0.unit.isEmpty ? "—" : $0.unit,
                         "law": $0.law.isEmpty ? "Not required; published by choice" : $0.law]
                    },
                ]
            },
        ])
    }
}
