import PublicLog

extension SiteRenderer {
    func homePage(_ headline: HeadlineFigures) -> Page {
        let today = portal.today
        func readerCount(_ kind: ReaderKind) -> String {
            messages.plural(.readers(kind), count: headline.readers(kind), formatted: format.number(headline.readers(kind)))
        }
        let partners = headline.partnerReaders

        let lastYear = Array(self.months.suffix(12))
        let months = lastYear.reversed().map { monthRow($0, href: "log/\($0.month)/") }

        let databases = portal.sources.filter { $0.isInUse(on: today) }
            .sorted { $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars) }
            .map { ["name": $0.name, "jurisdiction": messages(.databaseJurisdiction($0.jurisdiction))] }

        let recent = headline.recent
        let totals = recent.figures
        let accountability = recent.accountability

        var fields: [String: Any] = [
            "recent_searches": format.number(accountability.totalSearches),
            "recent_searches_shared": format.number(accountability.forOtherAgencies),
            "recent_searches_shared_by": forOtherAgenciesText(accountability.searches).orAbsent,
            "recent_search_scope": searchScopeLine(recent.searchScope),
            "recent_hits_all": format.number(accountability.totalHits),
            "recent_hits_checked": format.number(accountability.checkedHits),
            "recent_hits_confirmed": format.number(recent.confirmedHits),
            "recent_hits_misread": format.number(accountability.dispositions[.misread] ?? 0),
            "recent_hits_not_current": format.number(accountability.dispositions[.notCurrent] ?? 0),
            "recent_accuracy": format.percent(recent.confirmedHits, of: accountability.checkedHits).orAbsent,
            "fixed_readers": readerCount(.fixed), "portable_readers": readerCount(.portable), "mobile_readers": readerCount(.mobile),
            "partner_readers": format.number(partners),
            "has_partner_readers": partners > 0,
            "retention_days": String(portal.configuration.retention.days),
            "databases": databases,
            "recent_from": format.date(recent.first),
            "recent_to": format.date(recent.last),
            "recent_periods": format.number(recent.periods),
            "recent_plates": recent.sumText(self).number(totals[.plates]),
            "recent_hits": recent.sumText(self, for: .platesWithHits).number(totals[.platesWithHits]),
            "recent_statutory_kinds": PeriodFigure.hitKinds.filter(\.isStatutoryHit).map {
                ["label": messages(.figurePlain($0)), "value": recent.sumText(self).number(totals[$0])]
            },
            "recent_other_kinds": PeriodFigure.hitKinds.filter { !$0.isStatutoryHit }.map {
                ["label": messages(.figurePlain($0)), "value": recent.sumText(self).number(totals[$0])]
            },
            "recent_unknown": recent.unknownPeriods > 0 ? format.number(recent.unknownPeriods) : absent,
            "any_unknown_periods": headline.allTime.unknownPeriods > 0,
            "months": Array(months),
            "months_total": monthRow(MonthlySummary.total(lastYear), href: nil),
            "charts": TrendCharts.fields([TrendCharts.plates, TrendCharts.hits, TrendCharts.hitRate], self.months, format: format, messages: messages),
            "request_page": portal.content.pages.first { $0.slug.contains("request") }.map { "\($0.slug)/" }.orAbsent,
            "latest_publication": latestPublication.orAbsent,
        ].merging(figureTables(headline)) { own, _ in own }
        if let latest = portal.latestAudit {
            fields["last_audit"] = [
                "href": "audits/\(latest.audit.id)/", "completed_on": format.date(latest.audit.completedOn),
                "outcome": messages(.outcome(latest.audit.outcome)), "compliant": latest.audit.outcome == .compliant,
                "noncompliant_findings": format.number(latest.audit.noncompliantFindings), "findings": format.number(latest.audit.findings.count),
                "met_count": format.number(latest.audit.findings.count - latest.audit.noncompliantFindings),
                "year": String(latest.audit.completedOn.year),
            ] as [String: Any]
        } else {
            fields["last_audit"] = absent
        }
        if let due = portal.nextAuditDue {
            fields["next_audit"] = ["due_on": format.date(due), "overdue": due < today] as [String: Any]
        } else {
            fields["next_audit"] = absent
        }
        fields["policy_effective_on"] = portal.currentPolicy.map { format.date($0.effectiveOn) }.orAbsent
        return Page(path: "index.html", kind: .home, title: messages(.homeTitle), fields: fields)
    }

    /// A row of a table of months (the home page's, a reader's): its periods, plates read,
    /// plates with hits and hit rate; `href` nil for the total row.
    func monthRow(_ month: MonthlySummary, href: String?) -> [String: Any] {
        let sum = month.sumText(self), hits = month.sumText(self, for: .platesWithHits)
        return [
            "month": format.month(month.month), "href": href.orAbsent, "periods": format.number(month.periods),
            "plates": sum.number(month.figures[.plates]), "hits": hits.number(month.figures[.platesWithHits]),
            "hit_rate": hits.percent(month.figures[.platesWithHits], of: month.figures[.plates]).orAbsent,
            "not_recorded_note": sum.note.orAbsent,
        ]
    }

    /// The two tables of figures the home page and the council report share: the last 30 days,
    /// this year and all time (`windows`, `window_rows`), and year by year (`year_columns`, `year_rows`).
    func figureTables(_ headline: HeadlineFigures) -> [String: Any] {
        let years = yearWindows(headline)
        return [
            "windows": windowColumns(headline), "window_rows": windowRows(headline),
            "year_columns": years.map { ["label": $0.label, "span": $0.span] }, "year_rows": yearRows(years),
            // "Beside the same dates of last year" only where the record reaches into last year.
            "has_last_year": years.count > 1,
        ]
    }

    /// Column headings of the figures-over-time table, in reading order.
    func windowColumns(_ headline: HeadlineFigures) -> [[String: Any]] {
        let spans = [span(headline.recent.first, headline.recent.last), span(headline.yearToDate.first, headline.yearToDate.last),
                     messages(.windowSince, ["date": format.date(headline.allTime.first)])]
        return zip(figureWindows(headline), spans).map { ["label": $0.0.0, "span": $0.1] }
    }

    /// One row per figure, one cell per window: the same numbers as `data/summary.json`.
    private func windowRows(_ headline: HeadlineFigures) -> [[String: Any]] {
        figureRows(figureWindows(headline))
    }

    /// The home page's line on how the last 30 days' searches were made: how many reached other
    /// agencies' data and how many reached back past the retention period; absent without searches.
    func searchScopeLine(_ scope: SearchScopeFigures) -> Any {
        guard scope.total > 0 else { return absent }
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
    private func yearRows(_ columns: [(label: String, span: String, window: FigureWindow)]) -> [[String: Any]] {
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

    func figureRow(_ label: String, _ windows: [(String, FigureWindow)], _ value: (FigureWindow) -> String?) -> [String: Any] {
        ["label": label, "sub": false, "cells": windows.map { ["label": $0.0, "value": value($0.1) ?? "—"] }]
    }

    /// The rows every table of windows has, one cell per window.
    private func figureRows(_ windows: [(String, FigureWindow)]) -> [[String: Any]] {
        func row(_ label: String, _ value: (FigureWindow) -> String?) -> [String: Any] { figureRow(label, windows, value) }
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
    func searchRows(_ windows: [(String, FigureWindow)]) -> [[String: Any]] {
        let figures = windows.map { ($0.0, $0.1.accountability.searches) }
        func row(_ label: String, sub: Bool = false, _ value: (SearchFigures) -> String?) -> [String: Any] {
            ["label": label, "sub": sub, "cells": figures.map { ["label": $0.0, "value": value($0.1) ?? "—"] }]
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

    /// The newest publication's plain-language changes, for "What changed" on the home page.
    var latestPublication: [String: Any]? {
        guard let publication = portal.publications.last else { return nil }
        return [
            "number": String(publication.number),
            "date": format.date(portal.timeZone.localDate(of: publication.publishedAt)),
            "changes": PageFields.encoded(changeLines(publication)),
            "href": "changes/#publication-\(publication.number)",
        ]
    }
}
