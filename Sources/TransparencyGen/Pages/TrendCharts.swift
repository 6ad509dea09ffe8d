import PublicLog

/// The monthly trend charts. Each chart's description lists, month by month, the same numbers
/// the page's table shows, so a screen reader and a printed page lose nothing.
enum TrendCharts {
    struct Series: Sendable {
        let id: String
        let title: MessageID
        var titleValues: [String: String] = [:]
        let caption: MessageID?
        /// The month's value; nil when it cannot be known (a rate with no plates read).
        let value: @Sendable (MonthlySummary) -> Int?
        /// How a value reads in `Format`'s language.
        var format: @Sendable (Format, Int) -> String = { $0.number($1) }
        /// A sum over the month's periods (so a month with periods not recorded gives a lower
        /// bound), rather than a rate.
        var isSum = true
        /// The figure it is made of when some periods may lack it alone (see `PeriodFigure.isInEveryLedgerRecord`).
        var figure: PeriodFigure?
    }

    /// Every chart, for the words they need (`MessageID.all`); the reader pages' own chart is
    /// made per reader with the one-of-a-kind title `chart.reader.title`.
    static var all: [Series] { [plates, hits, hitRate] + byKind }

    /// Months a chart shows: this one and the twelve before it, so the same month last year is beside it.
    static let monthsShown = 13

    static let plates = Series(
        id: "chart-plates", title: .chartTitle("plates"), caption: .chartCaption("plates"),
        value: { $0.figures[.plates] })
    static let hits = Series(
        id: "chart-hits", title: .chartTitle("hits"), caption: .chartCaption("hits"),
        value: { $0.figures[.platesWithHits] }, figure: .platesWithHits)
    static let hitRate = Series(
        id: "chart-hit-rate", title: .chartTitle("hit_rate"), caption: .chartCaption("hit_rate"),
        value: { Format.tenthsOfPercent($0.figures[.platesWithHits], of: $0.figures[.plates]) }, format: { $0.percent(tenths: $1) },
        isSum: false, figure: .platesWithHits)
    /// One small chart per kind of hit the law lists: bars of one colour, told apart by their titles, not by colour.
    static let byKind: [Series] = PeriodFigure.allCases.filter(\.isStatutoryHit).map { figure in
        Series(id: "chart-\(figure.name.replacingOccurrences(of: "_", with: "-"))", title: .figurePlain(figure),
               caption: .chartCaption(figure.name), value: { $0.figures[figure] })
    }

    /// The chart of `series` over the last `monthsShown` of `months` (oldest first).
    static func chart(_ series: Series, _ allMonths: [MonthlySummary], format: Format, messages: Messages) -> BarChart {
        let months = allMonths.suffix(monthsShown)
        let notRecorded = messages(.chartNotRecorded), noPlates = messages(.chartNoPlates)
        // Periods whose figure the chart draws is unknown: all of a period's, or this one alone.
        func unrecorded(_ month: MonthlySummary) -> Int {
            month.periodsWithoutFigures + (series.figure.map(month.figures.unknownPeriods) ?? 0)
        }
        let described = months.map { month -> String in
            let name = format.month(month.month)
            // A month whose every period was destroyed before it was recorded has no figures at all: say so, not 0.
            guard unrecorded(month) < month.periods else { return messages(.chartMonthValue, ["month": name, "value": notRecorded]) }
            guard let number = series.value(month) else { return messages(.chartMonthValue, ["month": name, "value": noPlates]) }
            var value = series.format(format, number)
            // Some periods unknown: the sum counts only the others, so it is a lower bound.
            guard unrecorded(month) > 0 else { return messages(.chartMonthValue, ["month": name, "value": value]) }
            if series.isSum { value = messages(.sumAtLeast, ["value": value]) }
            return messages(.chartMonthPartly, ["month": name, "value": value, "unrecorded": format.number(unrecorded(month)),
                                                "periods": format.number(month.periods)])
        }
        let bars = months.map { month -> BarChart.Bar in
            let label = format.shortMonth(month.month)
            if month.periods > 0, unrecorded(month) == month.periods { return BarChart.Bar(label: label, value: nil, unknownLabel: notRecorded) }
            guard let value = series.value(month) else { return BarChart.Bar(label: label, value: nil, unknownLabel: noPlates) }
            return BarChart.Bar(label: label, value: value, unknownLabel: notRecorded)
        }
        return BarChart(id: series.id, title: messages(series.title, series.titleValues),
                        summary: messages(.chartSummary, ["values": described.joined(separator: ", ")]),
                        bars: bars, format: { series.format(format, $0) })
    }

    /// A chart as a page shows it: its SVG (rendered raw), title and caption.
    struct Chart: PageData {
        let svg: String
        let title: String
        let caption: String
    }

    /// The charts of `series` over `months`.
    static func charts(_ series: [Series], _ months: [MonthlySummary], format: Format, messages: Messages) -> [Chart] {
        series.map {
            Chart(svg: chart($0, months, format: format, messages: messages).svg, title: messages($0.title, $0.titleValues),
                  caption: $0.caption.map { messages($0) } ?? "")
        }
    }
}
