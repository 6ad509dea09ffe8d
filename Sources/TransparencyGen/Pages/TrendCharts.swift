import PublicLog

/// The monthly trend charts. Each chart's description lists, month by month, the same numbers
/// the page's table shows, so a screen reader and a printed page lose nothing.
enum TrendCharts {
    struct Series: Sendable {
        let id: String
        let title: String
        let caption: String
        /// The month's value; nil when it cannot be known (a rate with no plates read).
        let value: @Sendable (MonthlySummary) -> Int?
        /// How a value reads in `Format`'s language.
        var format: @Sendable (Format, Int) -> String = { $0.number($1) }
        /// A sum over the month's periods (so a month with periods not recorded gives a lower
        /// bound), rather than a rate.
        var isSum = true
    }

    /// Months a chart shows: this one and the twelve before it, so the same month last year is beside it.
    static let monthsShown = 13

    static let plates = Series(
        id: "chart-plates", title: "Plates read per month",
        caption: "Plates read per month. Months with periods not recorded count only the recorded ones.",
        value: { $0.figures[.plates] })
    static let hits = Series(
        id: "chart-hits", title: "Plates with hits per month",
        caption: "Hits per month: plates matching a stolen vehicle or plate, a warrant, a suspended or revoked license, or an active investigation.",
        value: { $0.figures.statutoryHits })
    static let hitRate = Series(
        id: "chart-hit-rate", title: "Hit rate per month",
        caption: "Hit rate per month: plates with hits for every 100 plates read.",
        value: { Format.tenthsOfPercent($0.figures.statutoryHits, of: $0.figures[.plates]) }, format: { $0.percent(tenths: $1) },
        isSum: false)
    /// One small chart per kind of hit the law lists: bars of one colour, told apart by their titles, not by colour.
    static let byKind: [Series] = PeriodFigure.allCases.filter(\.isStatutoryHit).map { figure in
        Series(id: "chart-\(figure.name.replacingOccurrences(of: "_", with: "-"))", title: figure.plainLabel,
               caption: "\(figure.meaning.dropLast()), per month.", value: { $0.figures[figure] })
    }

    /// The chart of `series` over the last `monthsShown` of `months` (oldest first).
    static func chart(_ series: Series, _ allMonths: [MonthlySummary], format: Format) -> BarChart {
        let months = allMonths.suffix(monthsShown)
        let described = months.map { month -> String in
            // A month whose every period was destroyed before it was recorded has no figures at all: say so, not 0.
            guard month.periodsWithoutFigures < month.periods else { return "\(format.month(month.month)) not recorded" }
            let value = series.value(month).map { series.format(format, $0) } ?? "no plates read"
            // Some periods unknown: the sum counts only the others, so it is a lower bound.
            let partly = month.periodsWithoutFigures > 0
                ? " (\(month.periodsWithoutFigures) of \(month.periods) periods not recorded)" : ""
            let bound = !partly.isEmpty && series.isSum && series.value(month) != nil ? "at least " : ""
            return "\(format.month(month.month)) \(bound)\(value)\(partly)"
        }
        let bars = months.map { month -> BarChart.Bar in
            let label = format.shortMonth(month.month)
            if month.periods > 0, month.periodsWithoutFigures == month.periods { return BarChart.Bar(label: label, value: nil) }
            guard let value = series.value(month) else { return BarChart.Bar(label: label, value: nil, unknownLabel: "no plates read") }
            return BarChart.Bar(label: label, value: value)
        }
        return BarChart(id: series.id, title: series.title,
                        summary: "Bar chart, one bar per month: " + described.joined(separator: ", ") + ".",
                        bars: bars, format: { series.format(format, $0) })
    }

    /// Template fields for a list of charts: `svg` (raw), `title` and `caption`.
    static func fields(_ series: [Series], _ months: [MonthlySummary], format: Format) -> [[String: Any]] {
        series.map { ["svg": chart($0, months, format: format).svg, "title": $0.title, "caption": $0.caption] }
    }
}
