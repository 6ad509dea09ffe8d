import PublicLog

/// The log summed by the local month of each period's start.
struct MonthlySummary {
    let month: YearMonth
    var periods = 0
    /// Periods whose figures are unknown; they add nothing to `figures`.
    var periodsWithoutFigures = 0
    /// Sums over the periods with known figures (`plates` sums each period's distinct plates).
    var figures = PeriodFigures.zero

    /// `months` added up: the total row of a table of months (its `month`, the last one's, is not shown).
    static func total(_ months: some Collection<MonthlySummary>) -> MonthlySummary {
        months.reduce(into: MonthlySummary(month: months.first?.month ?? YearMonth(year: 1, month: 1))) { sum, month in
            sum.periods += month.periods
            sum.periodsWithoutFigures += month.periodsWithoutFigures
            sum.figures = sum.figures + month.figures
        }
    }

    /// One summary per month that has periods, oldest first.
    static func months(of log: [LogEntry]) -> [MonthlySummary] {
        var byMonth: [YearMonth: MonthlySummary] = [:]
        for entry in log {
            let key = entry.startDate.yearMonth
            var summary = byMonth[key] ?? MonthlySummary(month: key)
            summary.periods += 1
            if let figures = entry.figures { summary.figures = summary.figures + figures } else { summary.periodsWithoutFigures += 1 }
            byMonth[key] = summary
        }
        return byMonth.values.sorted { $0.month < $1.month }
    }
}
