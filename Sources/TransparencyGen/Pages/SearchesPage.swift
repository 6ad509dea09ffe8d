import PublicLog

/// Searches of stored data and sharing (13.824 subds. 4 and 7): how often stored data were
/// searched, why, whether a case number was recorded, for whom, and every agency the data are
/// shared with. Never who searched, which case, or what was searched for.
extension SiteRenderer {
    func searchesPage(_ headline: HeadlineFigures) -> Page {
        let windows = figureWindows(headline)
        let recent = headline.recent.accountability.searches
        let allTime = portal.searchesAllTime
        let months = searchMonths()
        let dataFiles = [DataFiles.searchesByDay, DataFiles.searchScopeByDay, DataFiles.sharingAgencies, DataFiles.searches].map { file -> [String: Any] in
            ["path": file.path, "title": messages(.dataFileTitle(file)), "file": file.fileName,
             "dictionary": "../\(Section.data.href)#\(file.anchor)"]
        }
        return Page(path: "\(Section.searches.href)index.html", kind: .searches, title: messages(.section(.searches)), fields: [
            "recent_searches": format.number(recent.total),
            "recent_case_share": format.percent(recent.withCaseNumber, of: recent.inDetail).orAbsent,
            "recent_case_part": format.number(recent.withCaseNumber), "recent_case_whole": format.number(recent.inDetail),
            "recent_for_others": format.number(recent.forOtherAgencies),
            "recent_for_others_by": forOtherAgenciesText(recent).orAbsent,
            "agreements_in_force": format.number(portal.record.sharingAgencies.filter { $0.status(on: portal.today) == .current }.count),
            "recent_from": format.date(headline.recent.first), "recent_to": format.date(headline.recent.last),
            "windows": windowColumns(headline),
            "search_rows": searchRows(windows) + [figureRow(messages(.rowSearchesOwn), windows) {
                format.number($0.accountability.searches.forThisAgency)
            }],
            "unnamed_searches": allTime.forUnnamedAgencies > 0 ? format.number(allTime.forUnnamedAgencies) : absent,
            "without_detail": allTime.withoutDetail > 0 ? format.number(allTime.withoutDetail) : absent,
            "months": months.reversed().map { month -> [String: Any] in
                var fields = searchMonthFields(month.searches)
                fields["month"] = format.month(month.month)
                fields["so_far"] = month.month == portal.asOf.yearMonth && portal.asOf.adding(days: 1).yearMonth == month.month
                return fields
            },
            "months_total": searchMonthFields(allTime),
            "chart": searchesChart(months).svg,
            "data_files": dataFiles,
        ].merging(purposeAndSharingFields(windows, allTime: allTime, recent: recent)) { own, _ in own }
            .merging(searchScopeFields(windows)) { own, _ in own })
    }

    /// The tables of purposes and of the agencies the data are shared with, each with its total,
    /// as the searches page and the council report show them.
    func purposeAndSharingFields(_ windows: [(String, FigureWindow)], allTime: SearchFigures, recent: SearchFigures) -> [String: Any] {
        [
            "purpose_rows": purposeRows(windows),
            "purpose_total": figureRow(messages(.rowSearches), windows) { format.number($0.accountability.searches.total) },
            "agency_groups": agencyGroups(allTime: allTime, recent: recent),
            "agencies_other": agencyOtherRows(allTime: allTime, recent: recent).orAbsent,
            "agencies_total": ["searches": format.number(allTime.forOtherAgencies), "recent": format.number(recent.forOtherAgencies)],
            "has_agencies": !portal.record.sharingAgencies.isEmpty,
        ]
    }

    /// One row per purpose of search, one cell per window (the searches page's and the report's).
    private func purposeRows(_ windows: [(String, FigureWindow)]) -> [[String: Any]] {
        SearchPurpose.allCases.map { purpose in
            figureRow(messages(.purpose(purpose)), windows) { format.number($0.accountability.searches.byPurpose[purpose] ?? 0) }
        }
    }

    /// A row of the table of months (or its total): searches, the share with a case number, for other agencies.
    private func searchMonthFields(_ searches: SearchFigures) -> [String: Any] {
        ["searches": format.number(searches.total), "case_share": format.percent(searches.withCaseNumber, of: searches.inDetail).orAbsent,
         "for_others": format.number(searches.forOtherAgencies)]
    }

    /// The rows after the agencies the export names, so that the table adds up to every search
    /// for another agency: those the records do not name, and those recorded without detail.
    private func agencyOtherRows(allTime: SearchFigures, recent: SearchFigures) -> [String: Any]? {
        var rows: [[String: Any]] = []
        if allTime.forUnnamedAgencies > 0 {
            rows.append(["label": messages(.searchesUnnamedRow), "searches": format.number(allTime.forUnnamedAgencies),
                         "recent": format.number(recent.forUnnamedAgencies)])
        }
        if allTime.forOtherAgenciesNotRecorded > 0 {
            rows.append(["label": messages(.searchesNotRecordedRow), "searches": format.number(allTime.forOtherAgenciesNotRecorded),
                         "recent": format.number(recent.forOtherAgenciesNotRecorded)])
        }
        return rows.isEmpty ? nil : ["rows": rows]
    }

    /// Every month from the first search through the one of `asOf`, oldest first, months without a search as zero.
    private func searchMonths() -> [MonthlyAccountability] {
        let months = Dictionary(MonthlyAccountability.months(portal).map { ($0.month, $0) }, uniquingKeysWith: { a, _ in a })
        guard let first = months.values.filter({ $0.totalSearches > 0 }).map(\.month).min() else { return [] }
        var all: [MonthlyAccountability] = []
        var month = first
        while month <= portal.asOf.yearMonth {
            all.append(months[month] ?? MonthlyAccountability(month: month))
            month = month.next
        }
        return all
    }

    private func searchesChart(_ allMonths: [MonthlyAccountability]) -> BarChart {
        let months = allMonths.suffix(TrendCharts.monthsShown)
        let described = months.map { messages(.chartMonthValue, ["month": format.month($0.month), "value": format.number($0.totalSearches)]) }
        return BarChart(id: "chart-searches", title: messages(.searchesChartTitle),
                        summary: messages(.chartSummary, ["values": described.joined(separator: ", ")]),
                        bars: months.map { BarChart.Bar(label: format.shortMonth($0.month), value: $0.totalSearches, unknownLabel: "") },
                        format: { [format] in format.number($0) })
    }

    /// The agencies the data are shared with, by where their agreement stands today: in force,
    /// case by case, not yet begun, ended. Each with its jurisdiction in words and its searches.
    private func agencyGroups(allTime: SearchFigures, recent: SearchFigures) -> [[String: Any]] {
        let order: [SharingAgency.Status] = [.current, .noAgreement, .upcoming, .previous]
        return order.compactMap { status -> [String: Any]? in
            let agencies = portal.record.sharingAgencies.filter { $0.status(on: portal.today) == status }
                .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
            guard !agencies.isEmpty else { return nil }
            return [
                "id": "agencies-\(status.rawValue.replacingOccurrences(of: "_", with: "-"))",
                "title": messages(.agencyGroupTitle(status)), "about": messages(.agencyGroupAbout(status)),
                "agencies": agencies.map { agency -> [String: Any] in
                    [
                        "name": agency.name, "jurisdiction": messages(.jurisdictionName(agency.jurisdiction)),
                        "not_minnesota": agency.jurisdiction.isOutsideMinnesotaGovernment,
                        "agreement": agreementText(agency, status),
                        "searches": format.number(allTime.byAgency[agency.id] ?? 0),
                        "recent": format.number(recent.byAgency[agency.id] ?? 0),
                    ]
                },
            ]
        }
    }

    private func agreementText(_ agency: SharingAgency, _ status: SharingAgency.Status) -> String {
        switch (agency.agreementFrom, agency.agreementUntil) {
        case (nil, _): messages(.agreementNone)
        case (let from?, nil): messages(status == .upcoming ? .agreementBegins : .agreementSince, ["date": format.date(from)])
        case (let from?, let until?): messages(.agreementSpan, ["from": format.date(from), "to": format.date(until)])
        }
    }
}
