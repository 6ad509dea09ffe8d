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
        accountability = MonthlyAccountability.window(portal.accountability, searches: portal.searchesByDay, from: first, through: last)
    }

    var confirmedHits: Int { accountability.dispositions[.confirmed] ?? 0 }
}
