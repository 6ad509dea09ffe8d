import Testing
import PublicLog
@testable import TransparencyGen

@Suite("Charts")
struct BarChartTests {
    @Test func axisMaximumIsTheNextOneTwoOrFive() {
        #expect(BarChart.niceMaximum(0) == 1)
        #expect(BarChart.niceMaximum(1) == 1)
        #expect(BarChart.niceMaximum(7) == 10)
        #expect(BarChart.niceMaximum(10) == 10)
        #expect(BarChart.niceMaximum(11) == 20)
        #expect(BarChart.niceMaximum(199) == 200)
        #expect(BarChart.niceMaximum(201) == 500)
        #expect(BarChart.niceMaximum(233_041) == 500_000)
    }

    @Test func barsAreProportionalAndShareTheBaseline() {
        let chart = BarChart(id: "c", title: "T", summary: "S",
                             bars: [.init(label: "a", value: 50), .init(label: "b", value: 100), .init(label: "c", value: 0)])
        let rects = chart.rectangles
        // Plot area 640 - 88 - 8 = 544 wide, 220 - 12 - 36 = 172 high; axis maximum 100.
        #expect(rects.count == 3)
        #expect(abs(rects[1].height - 172) < 0.001)
        #expect(abs(rects[0].height - 86) < 0.001)
        #expect(rects[2].height == 0)
        for rect in rects { #expect(abs(rect.y + rect.height - 184) < 0.001) }
        #expect(abs(rects[0].width - 544.0 / 3 * 0.7) < 0.001)
        #expect(rects[0].x < rects[1].x && rects[1].x < rects[2].x)
    }

    @Test func svgHasAnAccessibleNameAndEscapesText() {
        let svg = BarChart(id: "reads", title: "Plates <read>", summary: "Monthly & more",
                           bars: [.init(label: "Oct \"26\"", value: 3)]).svg
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-labelledby=\"reads-title reads-desc\""))
        #expect(svg.contains("<title id=\"reads-title\">Plates &lt;read&gt;</title>"))
        #expect(svg.contains("Monthly &amp; more"))
        #expect(svg.contains("Oct &quot;26&quot;: 3"))
        #expect(!svg.contains("<script"))
    }

    @Test func gridlinesFallOnWholeValues() {
        #expect(BarChart.gridSteps(1) == 1)
        #expect(BarChart.gridSteps(2) == 2)
        #expect(BarChart.gridSteps(5) == 5)
        #expect(BarChart.gridSteps(10) == 5)
        #expect(BarChart.gridSteps(20) == 4)
        #expect(BarChart.gridSteps(50) == 5)
        #expect(BarChart.gridSteps(100) == 4)
        // A maximum of 10 tenths of a percent gives 0, 0.2, ... 1.0 %, never a truncated 0.25.
        let svg = BarChart(id: "r", title: "Rate", summary: "S", bars: [.init(label: "a", value: 9)], format: Format.percent(tenths:)).svg
        for label in ["0.0 %", "0.2 %", "0.4 %", "0.6 %", "0.8 %", "1.0 %"] { #expect(svg.contains(">\(label)</text>"), "\(label)") }
        #expect(svg.contains("a: 0.9 %"))
    }

    @Test func hitRateChartUsesTheTablesRoundingAndSaysWhenThereIsNoRate() {
        var busy = MonthlySummary(month: YearMonth(year: 2026, month: 9))
        busy.figures = PeriodFigures([.plates: 2_000, .reads: 2_500, .stolen: 3, .warrant: 4, .licenseSuspendedRevoked: 10, .activeInvestigation: 2, .other: 7])
        busy.periods = 30
        var quiet = MonthlySummary(month: YearMonth(year: 2026, month: 10))
        quiet.periods = 2
        var destroyed = MonthlySummary(month: YearMonth(year: 2026, month: 11))
        destroyed.periods = 5
        destroyed.periodsWithoutFigures = 5
        let chart = TrendCharts.chart(TrendCharts.hitRate, [busy, quiet, destroyed])
        // 19 statutory hits (other is not one) per 2,000 plates = 0.95 %, which rounds half up to 1.0 %.
        // A month with no plates has no rate, and a destroyed one no figures: neither is drawn as 0.
        #expect(chart.bars.map(\.value) == [10, nil, nil])
        #expect(chart.bars.map(\.unknownLabel).suffix(2) == ["no plates read", "not recorded"])
        #expect(chart.summary == "Bar chart, one bar per month: September 2026 1.0 %, October 2026 no plates read, November 2026 not recorded.")
        #expect(Format.percent(19, of: 2_000) == "1.0 %")
    }
}
