import Testing
import PublicLog
@testable import TransparencyGen

@Suite("Charts")
struct BarChartTests {
    static let english = try! MessageCatalogs.load(templates: Project.templates, languages: [.english]).messages(.english)

    @Test func barsAreProportionalToTheLargestValueAndStartAtOneLine() {
        let chart = BarChart(id: "c", title: "T", summary: "S",
                             bars: [.init(label: "a", value: 50, unknownLabel: "not recorded"), .init(label: "b", value: 100, unknownLabel: "not recorded"), .init(label: "c", value: 0, unknownLabel: "not recorded"),
                                    .init(label: "d", value: nil, unknownLabel: "not recorded")], format: { Format.english.number($0) })
        let rects = chart.rectangles
        // Bars run from x = 96 over 480 - 96 - 92 = 292 units, the largest value filling them all.
        #expect(rects.count == 4)
        #expect(abs(rects[1].width - 292) < 0.001)
        #expect(abs(rects[0].width - 146) < 0.001)
        #expect(rects[2].width == 0)
        for rect in rects { #expect(rect.x == 96) }
        // An unknown value is the whole row, to the chart's right edge: never a short bar.
        #expect(abs(rects[3].width - (480 - 96)) < 0.001)
        // One row of 28 units per bar, top to bottom in order.
        #expect(zip(rects, rects.dropFirst()).allSatisfy { abs($1.y - $0.y - 28) < 0.001 })
        #expect(abs(chart.height - (4 + 4 * 28 + 4)) < 0.001)
    }

    @Test func everyBarIsLabelledWithItsMonthAndValue() {
        let svg = BarChart(id: "c", title: "T", summary: "S",
                           bars: [.init(label: "Oct 2026", value: 221_994, unknownLabel: "not recorded"), .init(label: "Nov 2026", value: 0, unknownLabel: "not recorded"),
                                  .init(label: "Dec 2026", value: nil, unknownLabel: "not recorded")], format: { Format.english.number($0) }).svg
        for text in [">Oct 2026</text>", ">Nov 2026</text>", ">Dec 2026</text>", "class=\"value\"", ">221,994</text>", ">0</text>",
                     "class=\"unknown-label\"", ">not recorded</text>"] {
            #expect(svg.contains(text), "\(text)")
        }
        // Two values, two value labels: the unknown month has its reason instead.
        #expect(svg.components(separatedBy: "class=\"value\"").count - 1 == 2)
    }

    @Test func svgHasAnAccessibleNameAndEscapesText() {
        let svg = BarChart(id: "reads", title: "Plates <read>", summary: "Monthly & more",
                           bars: [.init(label: "Oct \"26\"", value: 3, unknownLabel: "not recorded")], format: { Format.english.number($0) }).svg
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-labelledby=\"reads-title reads-desc\""))
        #expect(svg.contains("<title id=\"reads-title\">Plates &lt;read&gt;</title>"))
        #expect(svg.contains("Monthly &amp; more"))
        #expect(svg.contains("Oct &quot;26&quot;: 3"))
        #expect(!svg.contains("<script"))
    }

    @Test func ratesAreLabelledInTenthsOfAPercent() {
        let svg = BarChart(id: "r", title: "Rate", summary: "S", bars: [.init(label: "a", value: 9, unknownLabel: "not recorded")], format: { Format.english.percent(tenths: $0) }).svg
        #expect(svg.contains(">0.9%</text>"))
        #expect(svg.contains("a: 0.9%"))
    }

    @Test func chartsShowThisMonthAndTheTwelveBefore() {
        let months = (1...20).map { index -> MonthlySummary in
            var month = MonthlySummary(month: YearMonth(year: 2025 + (index - 1) / 12, month: (index - 1) % 12 + 1))
            month.periods = 1
            return month
        }
        let chart = TrendCharts.chart(TrendCharts.plates, months, format: .english, messages: Self.english)
        // August 2026 is the last month given; the chart runs from August 2025.
        #expect(chart.bars.map(\.label).first == "Aug 2025")
        #expect(chart.bars.map(\.label).last == "Aug 2026")
        #expect(chart.bars.count == 13)
    }

    @Test func hitRateChartUsesTheTablesRoundingAndSaysWhenThereIsNoRate() {
        var busy = MonthlySummary(month: YearMonth(year: 2026, month: 9))
        busy.figures = PeriodFigures([.plates: 2_000, .reads: 2_500, .stolen: 3, .warrant: 4, .licenseSuspendedRevoked: 10, .activeInvestigation: 2, .other: 7,
                                      .platesWithHits: 19])
        busy.periods = 30
        var quiet = MonthlySummary(month: YearMonth(year: 2026, month: 10))
        quiet.periods = 2
        var destroyed = MonthlySummary(month: YearMonth(year: 2026, month: 11))
        destroyed.periods = 5
        destroyed.periodsWithoutFigures = 5
        let chart = TrendCharts.chart(TrendCharts.hitRate, [busy, quiet, destroyed], format: .english, messages: Self.english)
        // 19 plates with statutory hits (other is not one) per 2,000 plates = 0.95 %, which rounds half up to 1.0 %.
        // A month with no plates has no rate, and a destroyed one no figures: neither is drawn as 0.
        #expect(chart.bars.map(\.value) == [10, nil, nil])
        #expect(chart.bars.map(\.unknownLabel).suffix(2) == ["no plates read", "not recorded"])
        #expect(chart.summary == "Bar chart, one bar per month: September 2026 1.0%, October 2026 no plates read, November 2026 not recorded.")
        #expect(Format.english.percent(19, of: 2_000) == "1.0%")
    }
}
