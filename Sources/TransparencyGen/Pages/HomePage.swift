import PublicLog

extension SiteRenderer {
    struct NameAndJurisdiction: PageData {
        let name: String
        let jurisdiction: String
    }

    struct LastAuditSummary: PageData {
        let href: String
        let completedOn: String
        let outcome: String
        let compliant: Bool
        let noncompliantFindings: String
        let findings: String
        let metCount: String
        let year: String
    }

    struct HomePageData: PageData {
        let recentSearches: String
        let recentSearchesShared: String
        let recentSearchesSharedBy: String?
        let recentSearchScope: String?
        let recentHitsAll: String
        let recentHitsChecked: String
        let recentHitsConfirmed: String
        let recentHitsMisread: String
        let recentHitsNotCurrent: String
        let recentAccuracy: String?
        let fixedReaders: String
        let portableReaders: String
        let mobileReaders: String
        let partnerReaders: String
        let hasPartnerReaders: Bool
        let retentionDays: String
        let databases: [NameAndJurisdiction]
        let recentFrom: String
        let recentTo: String
        let recentPeriods: String
        let recentPlates: String
        let recentHits: String
        let recentStatutoryKinds: [LabelledValue]
        let recentOtherKinds: [LabelledValue]
        let recentUnknown: String?
        let anyUnknownPeriods: Bool
        let months: [MonthRow]
        let monthsTotal: MonthRow
        let charts: [TrendCharts.Chart]
        let requestPage: String?
        let latestPublication: LatestPublication?
        let lastAudit: LastAuditSummary?
        let nextAudit: NextAudit?
        let policyEffectiveOn: String?
    }

    func homePage(_ headline: HeadlineFigures) -> Page {
        let today = portal.today
        func readerCount(_ kind: ReaderKind) -> String {
            messages.plural(.readers(kind), count: headline.readers(kind), formatted: format.number(headline.readers(kind)))
        }
        let partners = headline.partnerReaders
        let lastYear = Array(self.months.suffix(12))
        let databases = portal.sources.filter { $0.isInUse(on: today) }
            .sorted { $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars) }
            .map { NameAndJurisdiction(name: $0.name, jurisdiction: messages(.databaseJurisdiction($0.jurisdiction))) }
        let recent = headline.recent
        let totals = recent.figures
        let accountability = recent.accountability
        func kinds(statutory: Bool) -> [LabelledValue] {
            PeriodFigure.hitKinds.filter { $0.isStatutoryHit == statutory }.map {
                LabelledValue(label: messages(.figurePlain($0)), value: recent.sumText(self).number(totals[$0]))
            }
        }
        let data = HomePageData(
            recentSearches: format.number(accountability.totalSearches),
            recentSearchesShared: format.number(accountability.forOtherAgencies),
            recentSearchesSharedBy: forOtherAgenciesText(accountability.searches),
            recentSearchScope: searchScopeLine(recent.searchScope),
            recentHitsAll: format.number(accountability.totalHits),
            recentHitsChecked: format.number(accountability.checkedHits),
            recentHitsConfirmed: format.number(recent.confirmedHits),
            recentHitsMisread: format.number(accountability.dispositions[.misread] ?? 0),
            recentHitsNotCurrent: format.number(accountability.dispositions[.notCurrent] ?? 0),
            recentAccuracy: format.percent(recent.confirmedHits, of: accountability.checkedHits),
            fixedReaders: readerCount(.fixed), portableReaders: readerCount(.portable), mobileReaders: readerCount(.mobile),
            partnerReaders: format.number(partners), hasPartnerReaders: partners > 0,
            retentionDays: String(portal.configuration.retention.days), databases: databases,
            recentFrom: format.date(recent.first), recentTo: format.date(recent.last), recentPeriods: format.number(recent.periods),
            recentPlates: recent.sumText(self).number(totals[.plates]),
            recentHits: recent.sumText(self, for: .platesWithHits).number(totals[.platesWithHits]),
            recentStatutoryKinds: kinds(statutory: true), recentOtherKinds: kinds(statutory: false),
            recentUnknown: recent.unknownPeriods > 0 ? format.number(recent.unknownPeriods) : nil,
            anyUnknownPeriods: headline.allTime.unknownPeriods > 0,
            months: lastYear.reversed().map { monthRow($0, href: "log/\($0.month)/") },
            monthsTotal: monthRow(MonthlySummary.total(lastYear), href: nil),
            charts: TrendCharts.charts([TrendCharts.plates, TrendCharts.hits, TrendCharts.hitRate], self.months, format: format, messages: messages),
            requestPage: portal.content.pages.first { $0.slug.contains("request") }.map { "\($0.slug)/" },
            latestPublication: latestPublication,
            lastAudit: portal.latestAudit.map { latest in
                LastAuditSummary(
                    href: "audits/\(latest.audit.id)/", completedOn: format.date(latest.audit.completedOn),
                    outcome: messages(.outcome(latest.audit.outcome)), compliant: latest.audit.outcome == .compliant,
                    noncompliantFindings: format.number(latest.audit.noncompliantFindings), findings: format.number(latest.audit.findings.count),
                    metCount: format.number(latest.audit.findings.count - latest.audit.noncompliantFindings),
                    year: String(latest.audit.completedOn.year))
            },
            nextAudit: portal.nextAuditDue.map { NextAudit(dueOn: format.date($0), overdue: $0 < today) },
            policyEffectiveOn: portal.currentPolicy.map { format.date($0.effectiveOn) })
        return Page(path: "index.html", kind: .home, title: messages(.homeTitle), parts: [data, figureTables(headline)])
    }

    /// A row of a table of months (the home page's, a reader's, the council report's): its
    /// periods, plates read, plates with hits and hit rate; `href` nil for the total row. The
    /// report adds hit alerts, confirmed hits and searches.
    struct MonthRow: PageData {
        let month: String
        let href: String?
        let periods: String
        let plates: String
        let hits: String
        let hitRate: String?
        let notRecordedNote: String?
        var alerts: String?
        var confirmed: String?
        var searches: String?
        var forOthers: String?
    }

    func monthRow(_ month: MonthlySummary, href: String?) -> MonthRow {
        let sum = month.sumText(self), hits = month.sumText(self, for: .platesWithHits)
        return MonthRow(month: format.month(month.month), href: href, periods: format.number(month.periods),
                        plates: sum.number(month.figures[.plates]), hits: hits.number(month.figures[.platesWithHits]),
                        hitRate: hits.percent(month.figures[.platesWithHits], of: month.figures[.plates]), notRecordedNote: sum.note)
    }

    /// A column of a table of windows: its label and the days it spans.
    struct WindowColumn: PageData {
        let label: String
        let span: String
    }

    /// A cell of a row of a table of windows, named by its column for a phone's card.
    struct WindowCell: PageData {
        let label: String
        let value: String
    }

    /// A row of a table of windows; `sub` indents it under the row above.
    struct FigureRow: PageData {
        let label: String
        let sub: Bool
        let cells: [WindowCell]
    }

    /// The two tables of figures the home page and the council report share.
    struct FigureTables: PageData {
        let windows: [WindowColumn]
        let windowRows: [FigureRow]
        let yearColumns: [WindowColumn]
        let yearRows: [FigureRow]
        /// "Beside the same dates of last year" only where the record reaches into last year.
        let hasLastYear: Bool
    }

    /// The two tables of figures the home page and the council report share: the last 30 days,
    /// this year and all time (`windows`, `window_rows`), and year by year (`year_columns`, `year_rows`).
    func figureTables(_ headline: HeadlineFigures) -> FigureTables {
        let years = yearWindows(headline)
        return FigureTables(windows: windowColumns(headline), windowRows: windowRows(headline),
                            yearColumns: years.map { WindowColumn(label: $0.label, span: $0.span) }, yearRows: yearRows(years),
                            hasLastYear: years.count > 1)
    }

    /// Column headings of the figures-over-time table, in reading order.
    func windowColumns(_ headline: HeadlineFigures) -> [WindowColumn] {
        let spans = [span(headline.recent.first, headline.recent.last), span(headline.yearToDate.first, headline.yearToDate.last),
                     messages(.windowSince, ["date": format.date(headline.allTime.first)])]
        return zip(figureWindows(headline), spans).map { WindowColumn(label: $0.0.0, span: $0.1) }
    }

    /// One row per figure, one cell per window: the same numbers as `data/summary.json`.
    private func windowRows(_ headline: HeadlineFigures) -> [FigureRow] {
        figureRows(figureWindows(headline))
    }

    /// The home page's line on how the last 30 days' searches were made: how many reached other
    /// agencies' data and how many reached back past the retention period; absent without searches.
    func searchScopeLine(_ scope: SearchScopeFigures) -> String? {
        guard scope.total > 0 else { return nil }
        guard scope.networksRecorded > 0 || scope.windowsRecorded > 0 else { return messages(.scopeHomeLineUnknown) }
        return messages(.scopeHomeLine, ["others": scope.networksRecorded > 0 ? format.number(scope.reachingOtherAgencies) : "—",
                                         "beyond": scope.windowsRecorded > 0 ? format.number(scope.beyondRetention) : "—",
                                         "days": format.number(portal.configuration.retention.days)])
    }

    /// The last 30 days, this year and all time, each with its label, as `windowColumns` heads them.
    func figureWindows(_ headline: HeadlineFigures) -> [(String, FigureWindow)] {
        [(messages(.windowRecent), headline.recent), (String(headline.yearToDate.first.year), headline.yearToDate),
         (messages(.windowAllTime), headline.allTime)]
    }

    /// `Jan 1 to Nov 17`: a span of days within a year.
    func span(_ first: LocalDate, _ last: LocalDate) -> String {
        messages(.windowSpan, ["from": format.shortDate(first), "to": format.shortDate(last)])
    }

    /// `72.0% (1,249 of 1,735)`: a share with its base; nil when the base is empty. A narrow
    /// column may break the line before the base, never inside it (its spaces do not break).
    func share(_ part: Int, of whole: Int) -> String? {
        format.percent(part, of: whole).map {
            let base = messages(.shareBase, ["part": format.number(part), "whole": format.number(whole)])
            return messages(.share, ["percent": $0, "base": base.replacingOccurrences(of: " ", with: "\u{00A0}")])
        }
    }

    /// The council's table: each year of the log, and this year so far beside the same dates of
    /// last year, newest first.
    private func yearWindows(_ headline: HeadlineFigures) -> [(label: String, span: String, window: FigureWindow)] {
        let last = headline.yearToDate.last
        let firstYear = headline.allTime.first.year
        var columns = [(String(last.year), span(last.startOfYear, last), headline.yearToDate)]
        if last.year - 1 >= firstYear {
            let sameDay = last.adding(years: -1)
            columns.append((String(last.year - 1), messages(.windowSameDates, ["from": format.shortDate(sameDay.startOfYear), "to": format.shortDate(sameDay)]),
                            FigureWindow(portal: portal, from: sameDay.startOfYear, through: sameDay)))
        }
        for year in stride(from: last.year - 1, through: firstYear, by: -1) {
            let first = LocalDate(iso: "\(year)-01-01") ?? headline.allTime.first
            columns.append((String(year), messages(.windowWholeYear), FigureWindow(portal: portal, from: first, through: first.adding(years: 1).adding(days: -1))))
        }
        return columns
    }

    /// The year table's rows: the figures-over-time rows, each kind of hit, and the audits completed.
    private func yearRows(_ columns: [(label: String, span: String, window: FigureWindow)]) -> [FigureRow] {
        let windows = columns.map { ($0.label, $0.window) }
        var rows = figureRows(windows)
        rows.insert(contentsOf: PeriodFigure.hitKinds.map { kind in
            figureRow(messages(.figurePlain(kind)), windows) { $0.sumText(self).number($0.figures[kind]) }
        }, at: 3)
        rows.append(figureRow(messages(.rowAuditsCompleted), windows) { window in
            format.number(portal.content.audits.filter { (window.first...window.last).contains($0.audit.completedOn) }.count)
        })
        return rows
    }

    func figureRow(_ label: String, _ windows: [(String, FigureWindow)], _ value: (FigureWindow) -> String?) -> FigureRow {
        FigureRow(label: label, sub: false, cells: windows.map { WindowCell(label: $0.0, value: value($0.1) ?? "—") })
    }

    /// The rows every table of windows has, one cell per window.
    private func figureRows(_ windows: [(String, FigureWindow)]) -> [FigureRow] {
        func row(_ label: String, _ value: (FigureWindow) -> String?) -> FigureRow { figureRow(label, windows, value) }
        return [
            row(messages(.rowPeriods)) { format.number($0.periods) },
            row(messages(.figurePlain(.plates))) { $0.sumText(self).number($0.figures[.plates]) },
            row(messages(.rowPlatesWithHits)) { $0.sumText(self, for: .platesWithHits).number($0.figures[.platesWithHits]) },
            row(messages(.rowHitRate)) { $0.sumText(self, for: .platesWithHits).percent($0.figures[.platesWithHits], of: $0.figures[.plates]) },
            row(messages(.rowChecked)) { format.number($0.accountability.checkedHits) },
            row(messages(.rowConfirmed)) { share($0.confirmedHits, of: $0.accountability.checkedHits) },
        ] + searchRows(windows)
    }

    /// The rows of searches every table of windows has: all searches, the share with a case
    /// number recorded, and those for other agencies with a row for each jurisdiction searched
    /// for in any window (indented: `sub`).
    func searchRows(_ windows: [(String, FigureWindow)]) -> [FigureRow] {
        let figures = windows.map { ($0.0, $0.1.accountability.searches) }
        func row(_ label: String, sub: Bool = false, _ value: (SearchFigures) -> String?) -> FigureRow {
            FigureRow(label: label, sub: sub, cells: figures.map { WindowCell(label: $0.0, value: value($0.1) ?? "—") })
        }
        var rows = [
            row(messages(.rowSearches)) { format.number($0.total) },
            row(messages(.rowSearchesCaseNumber)) { share($0.withCaseNumber, of: $0.inDetail) },
            row(messages(.rowSearchesOther)) { format.number($0.forOtherAgencies) },
        ]
        for jurisdiction in SharingAgency.Jurisdiction.allCases where figures.contains(where: { $0.1.byJurisdiction[jurisdiction] != nil }) {
            rows.append(row(messages(.jurisdictionSearches(jurisdiction)), sub: true) { format.number($0.byJurisdiction[jurisdiction] ?? 0) })
        }
        if figures.contains(where: { $0.1.forUnnamedAgencies > 0 }) {
            rows.append(row(messages(.rowUnnamedAgencies), sub: true) { format.number($0.forUnnamedAgencies) })
        }
        if figures.contains(where: { $0.1.forOtherAgenciesNotRecorded > 0 }) {
            rows.append(row(messages(.rowAgenciesNotRecorded), sub: true) { format.number($0.forOtherAgenciesNotRecorded) })
        }
        return rows
    }

    /// `6 for Minnesota agencies; 1 for federal agencies`: searches for other agencies by
    /// jurisdiction, nil when there were none.
    func forOtherAgenciesText(_ searches: SearchFigures) -> String? {
        let parts: [(count: Int, label: String)] = SharingAgency.Jurisdiction.allCases.map { jurisdiction in
            (searches.byJurisdiction[jurisdiction] ?? 0, messages(.jurisdictionSearches(jurisdiction)))
        } + [(searches.forUnnamedAgencies, messages(.rowUnnamedAgencies)), (searches.forOtherAgenciesNotRecorded, messages(.rowAgenciesNotRecorded))]
        let text = parts.filter { $0.count > 0 }.map { "\(format.number($0.count)) \($0.label)" }
        return text.isEmpty ? nil : text.joined(separator: "; ")
    }

    struct LatestPublication: PageData {
        let number: String
        let date: String
        let changes: [ChangeLine]
        let href: String
    }

    /// The newest publication's plain-language changes, for "What changed" on the home page.
    var latestPublication: LatestPublication? {
        portal.publications.last.map { publication in
            LatestPublication(number: String(publication.number), date: format.date(portal.timeZone.localDate(of: publication.publishedAt)),
                              changes: changeLines(publication), href: "changes/#publication-\(publication.number)")
        }
    }
}
