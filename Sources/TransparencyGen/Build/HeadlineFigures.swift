import PublicLog

/// The log and accountability figures added up over one span of whole local days.
struct FigureWindow {
    let first: LocalDate
    let last: LocalDate
    let periods: Int
    /// Periods in the span whose figures are unknown (destroyed before they were recorded).
    let unknownPeriods: Int
    /// The sum over the periods with known figures.
    let figures: PeriodFigures
    let accountability: MonthlyAccountability

    /// Periods count by the local date they started on, searches and hits by the local day they happened.
    init(portal: Portal, from first: LocalDate, through last: LocalDate) {
        self.first = first
        self.last = last
        let entries = portal.log.filter { $0.startDate >= first && $0.startDate <= last }
        let known = entries.compactMap(\.figures)
        periods = entries.count
        unknownPeriods = entries.count - known.count
        figures = known.reduce(PeriodFigures.zero, +)
        accountability = MonthlyAccountability.window(portal.accountability, from: first, through: last)
    }

    var confirmedHits: Int { accountability.dispositions[.confirmed] ?? 0 }
}

/// The figures the home page leads with and `data/summary.json` carries: readers in service,
/// the last 30 days, this year and all time, audits and the policy. Computed once per build, used by both.
struct HeadlineFigures {
    let today: LocalDate
    let readersInService: [ReaderKind: Int]
    let partnerReaders: Int
    /// The 30 local dates before today.
    let recent: FigureWindow
    /// January 1 of yesterday's year through yesterday, so the first of January shows the whole past year.
    let yearToDate: FigureWindow
    /// The first day of the public log through yesterday.
    let allTime: FigureWindow

    init(portal: Portal) {
        today = portal.today
        let inService = portal.readers.filter { $0.isInService(on: portal.today) }
        readersInService = Dictionary(grouping: inService, by: \.kind).mapValues(\.count)
        partnerReaders = inService.filter { $0.operator == .partner }.count
        let yesterday = portal.today.adding(days: -1)
        recent = FigureWindow(portal: portal, from: portal.today.adding(days: -30), through: yesterday)
        yearToDate = FigureWindow(portal: portal, from: yesterday.startOfYear, through: yesterday)
        let firstDay = [portal.log.map(\.startDate).min(), portal.accountability.searches.keys.min(),
                        portal.accountability.dispositions.keys.min()].compactMap { $0 }.min() ?? yesterday
        allTime = FigureWindow(portal: portal, from: min(firstDay, yesterday), through: yesterday)
    }

    func readers(_ kind: ReaderKind) -> Int { readersInService[kind] ?? 0 }
}

/// `data/summary.json`: the headline figures for other sites and tools, keys in a fixed order.
enum SummaryJSON {
    static func text(_ portal: Portal, _ headline: HeadlineFigures) -> String {
        func string(_ value: String?) -> String { value.map(JSONText.string) ?? "null" }
        func window(_ w: FigureWindow) -> String {
            let f = w.figures
            let a = w.accountability
            return "{\"from\": \(string(w.first.description)), \"to\": \(string(w.last.description)), "
                + "\"periods\": \(w.periods), \"periods_not_recorded\": \(w.unknownPeriods), "
                + PeriodFigure.allCases.map { "\"\($0.name)\": \(f[$0]), " }.joined()
                + "\"hits\": \(a.totalHits), \"hits_checked\": \(a.checkedHits), "
                + "\"hits_confirmed\": \(w.confirmedHits), \"searches\": \(a.totalSearches), "
                + "\"searches_for_other_agencies\": \(a.forOtherAgencies)}"
        }
        let audit = portal.latestAudit?.audit
        let lines = [
            "\"agency\": \(string(portal.configuration.agencyName))",
            "\"as_of\": \(string(headline.today.description))",
            "\"retention_days\": \(portal.configuration.retention.days)",
            "\"readers_in_service\": {\"fixed\": \(headline.readers(.fixed)), \"portable\": \(headline.readers(.portable)), \"mobile\": \(headline.readers(.mobile)), \"partner_owned\": \(headline.partnerReaders)}",
            "\"last_30_days\": " + window(headline.recent),
            "\"this_year\": " + window(headline.yearToDate),
            "\"all_time\": " + window(headline.allTime),
            "\"last_audit\": " + (audit.map {
                "{\"audit_id\": \(string($0.id)), \"completed_on\": \(string($0.completedOn.description)), "
                    + "\"submitted_on\": \(string($0.submittedOn?.description)), \"outcome\": \(string($0.outcome.rawValue))}"
            } ?? "null"),
            "\"next_audit_due\": \(string(portal.nextAuditDue?.description))",
            "\"policy_effective_on\": \(string(portal.currentPolicy?.effectiveOn.description))",
            "\"publication\": " + (portal.publications.last.map { "\($0.number)" } ?? "null"),
        ]
        return "{\n  " + lines.joined(separator: ",\n  ") + "\n}\n"
    }
}
