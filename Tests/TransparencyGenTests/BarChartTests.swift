import Testing
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
        // Plot area 640 - 72 - 8 = 560 wide, 220 - 12 - 36 = 172 high; axis maximum 100.
        #expect(rects.count == 3)
        #expect(abs(rects[1].height - 172) < 0.001)
        #expect(abs(rects[0].height - 86) < 0.001)
        #expect(rects[2].height == 0)
        for rect in rects { #expect(abs(rect.y + rect.height - 184) < 0.001) }
        #expect(abs(rects[0].width - 560.0 / 3 * 0.7) < 0.001)
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
}
