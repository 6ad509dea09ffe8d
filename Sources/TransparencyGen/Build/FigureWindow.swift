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
    /// How the span's searches were made.
    let searchScope: SearchScopeFigures

    /// Periods count by the local date they started on, searches and hits by the local day they happened.
    init(portal: Portal, from first: LocalDate, through last: LocalDate) {
        self.first = first
        self.last = last
        // Counted in one pass: `filter` would reserve room for the whole log (50 MB at the
        // reference size) to keep a month of it.
        var periods = 0
        var unknownPeriods = 0
        var figures = PeriodFigures.zero
        for entry in portal.log where entry.startDate >= first && entry.startDate <= last {
            periods += 1
            if let known = entry.figures { figures = figures + known } else { unknownPeriods += 1 }
        }
        self.periods = periods
        self.unknownPeriods = unknownPeriods
        self.figures = figures
        accountability = MonthlyAccountability.window(portal.accountability, searches: portal.searchesByDay, from: first, through: last)
        searchScope = SearchScopeFigures(portal.accountability.searchScope, from: first, through: last)
    }

    var confirmedHits: Int { accountability.dispositions[.confirmed] ?? 0 }
}
