import PublicLog

/// Searches of stored data and sharing (13.824 subds. 4 and 7): how often stored data were
/// searched, why, whether a case number was recorded, for whom, and every agency the data are
/// shared with. Never who searched, which case, or what was searched for.
extension SiteRenderer {
    struct DataFileLink: PageData {
        let path: String
        let title: String
        let file: String
        let dictionary: String
    }

    /// A row of the table of months of searches (or its total).
    struct SearchMonthRow: PageData {
        var month: String?
        let searches: String
        let caseShare: String?
        let forOthers: String
        var soFar: Bool
    }

    struct SearchesPageData: PageData {
        let recentSearches: String
        let recentCaseShare: String?
        let recentCasePart: String
        let recentCaseWhole: String
        let recentForOthers: String
        let recentForOthersBy: String?
        let agreementsInForce: String
        let recentFrom: String
        let recentTo: String
        let windows: [WindowColumn]
        let searchRows: [FigureRow]
        let unnamedSearches: String?
        let withoutDetail: String?
        let months: [SearchMonthRow]
        let monthsTotal: SearchMonthRow
        let chart: String
        let dataFiles: [DataFileLink]
    }

    func searchesPage(_ headline: HeadlineFigures) -> Page {
        let windows = figureWindows(headline)
        let recent = headline.recent.accountability.searches
        let allTime = portal.searchesAllTime
        let months = searchMonths()
        let dataFiles = [DataFiles.searchesByDay, DataFiles.searchScopeByDay, DataFiles.sharingAgencies, DataFiles.searches].map { file in
            DataFileLink(path: file.path, title: messages(.dataFileTitle(file)), file: file.fileName, dictionary: "../\(Section.data.href)#\(file.anchor)")
        }
        let data = SearchesPageData(
            recentSearches: format.number(recent.total),
            recentCaseShare: format.percent(recent.withCaseNumber, of: recent.inDetail),
            recentCasePart: format.number(recent.withCaseNumber), recentCaseWhole: format.number(recent.inDetail),
            recentForOthers: format.number(recent.forOtherAgencies), recentForOthersBy: forOtherAgenciesText(recent),
            agreementsInForce: format.number(portal.record.sharingAgencies.filter { $0.status(on: portal.today) == .current }.count),
            recentFrom: format.date(headline.recent.first), recentTo: format.date(headline.recent.last),
            windows: windowColumns(headline),
            searchRows: searchRows(windows) + [figureRow(messages(.rowSearchesOwn), windows) { format.number($0.accountability.searches.forThisAgency) }],
            unnamedSearches: allTime.forUnnamedAgencies > 0 ? format.number(allTime.forUnnamedAgencies) : nil,
            withoutDetail: allTime.withoutDetail > 0 ? format.number(allTime.withoutDetail) : nil,
            months: months.reversed().map { month in
                var row = searchMonthRow(month.searches)
                row.month = format.month(month.month)
                row.soFar = month.month == portal.asOf.yearMonth && portal.asOf.adding(days: 1).yearMonth == month.month
                return row
            },
            monthsTotal: searchMonthRow(allTime), chart: searchesChart(months).svg, dataFiles: dataFiles)
        return Page(path: "\(Section.searches.href)index.html", kind: .searches, title: messages(.section(.searches)),
                    parts: [data, purposeAndSharing(windows, allTime: allTime, recent: recent), searchScopeFields(windows)])
    }

    struct SharingAgencyLine: PageData {
        let name: String
        let jurisdiction: String
        /// Federal and out-of-state agencies, marked in words.
        let notMinnesota: Bool
        let agreement: String
        let searches: String
        let recent: String
    }

    /// The agencies of one standing of their agreement.
    struct AgencyGroup: PageData {
        let id: String
        let title: String
        let about: String
        let agencies: [SharingAgencyLine]
    }

    struct OtherAgencyRow: PageData {
        let label: String
        let searches: String
        let recent: String
    }

    struct OtherAgencyRows: PageData {
        let rows: [OtherAgencyRow]
    }

    struct AgencyTotals: PageData {
        let searches: String
        let recent: String
    }

    struct PurposeAndSharing: PageData {
        let purposeRows: [FigureRow]
        let purposeTotal: FigureRow
        let agencyGroups: [AgencyGroup]
        let agenciesOther: OtherAgencyRows?
        let agenciesTotal: AgencyTotals
        let hasAgencies: Bool
    }

    /// The tables of purposes and of the agencies the data are shared with, each with its total,
    /// as the searches page and the council report show them.
    func purposeAndSharing(_ windows: [(String, FigureWindow)], allTime: SearchFigures, recent: SearchFigures) -> PurposeAndSharing {
        PurposeAndSharing(
            purposeRows: purposeRows(windows),
            purposeTotal: figureRow(messages(.rowSearches), windows) { format.number($0.accountability.searches.total) },
            agencyGroups: agencyGroups(allTime: allTime, recent: recent),
            agenciesOther: agencyOtherRows(allTime: allTime, recent: recent),
            agenciesTotal: AgencyTotals(searches: format.number(allTime.forOtherAgencies), recent: format.number(recent.forOtherAgencies)),
            hasAgencies: !portal.record.sharingAgencies.isEmpty)
    }

    /// One row per purpose of search, one cell per window (the searches page's and the report's).
    private func purposeRows(_ windows: [(String, FigureWindow)]) -> [FigureRow] {
        SearchPurpose.allCases.map { purpose in
            figureRow(messages(.purpose(purpose)), windows) { format.number($0.accountability.searches.byPurpose[purpose] ?? 0) }
        }
    }

    /// A row of the table of months (or its total): searches, the share with a case number, for other agencies.
    private func searchMonthRow(_ searches: SearchFigures) -> SearchMonthRow {
        SearchMonthRow(month: nil, searches: format.number(searches.total), caseShare: format.percent(searches.withCaseNumber, of: searches.inDetail),
                       forOthers: format.number(searches.forOtherAgencies), soFar: false)
    }

    /// The rows after the agencies the export names, so that the table adds up to every search
    /// for another agency: those the records do not name, and those recorded without detail.
    private func agencyOtherRows(allTime: SearchFigures, recent: SearchFigures) -> OtherAgencyRows? {
        var rows: [OtherAgencyRow] = []
        if allTime.forUnnamedAgencies > 0 {
            rows.append(OtherAgencyRow(label: messages(.searchesUnnamedRow), searches: format.number(allTime.forUnnamedAgencies),
                                       recent: format.number(recent.forUnnamedAgencies)))
        }
        if allTime.forOtherAgenciesNotRecorded > 0 {
            rows.append(OtherAgencyRow(label: messages(.searchesNotRecordedRow), searches: format.number(allTime.forOtherAgenciesNotRecorded),
                                       recent: format.number(recent.forOtherAgenciesNotRecorded)))
        }
        return rows.isEmpty ? nil : OtherAgencyRows(rows: rows)
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
    private func agencyGroups(allTime: SearchFigures, recent: SearchFigures) -> [AgencyGroup] {
        let order: [SharingAgency.Status] = [.current, .noAgreement, .upcoming, .previous]
        return order.compactMap { status -> AgencyGroup? in
            let agencies = portal.record.sharingAgencies.filter { $0.status(on: portal.today) == status }
                .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
            guard !agencies.isEmpty else { return nil }
            return AgencyGroup(
                id: "agencies-\(status.rawValue.replacingOccurrences(of: "_", with: "-"))",
                title: messages(.agencyGroupTitle(status)), about: messages(.agencyGroupAbout(status)),
                agencies: agencies.map { agency in
                    SharingAgencyLine(name: agency.name, jurisdiction: messages(.jurisdictionName(agency.jurisdiction)),
                                      notMinnesota: agency.jurisdiction.isOutsideMinnesotaGovernment, agreement: agreementText(agency, status),
                                      searches: format.number(allTime.byAgency[agency.id] ?? 0), recent: format.number(recent.byAgency[agency.id] ?? 0))
                })
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
