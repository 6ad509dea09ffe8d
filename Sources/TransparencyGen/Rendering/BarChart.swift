/// A bar chart drawn as inline SVG at build time: no script, no external library. It has
/// a title and a description for screen readers, a value on every bar's tooltip, and pages
/// always show the same numbers in a table next to it.
struct BarChart {
    struct Bar: Equatable {
        let label: String
        /// Nil when the month's value cannot be known: it is drawn as an outlined slot with
        /// `unknownLabel`, never as an empty bar that would read as zero.
        let value: Int?
        var unknownLabel = "not recorded"
    }

    let id: String
    let title: String
    let summary: String
    let bars: [Bar]
    /// How a value reads on the axis and in a bar's tooltip (rates are drawn from whole tenths of a percent).
    var format: @Sendable (Int) -> String = Format.number

    static let width = 640.0
    static let height = 220.0
    static let left = 88.0
    static let right = 8.0
    static let top = 12.0
    static let bottom = 36.0

    /// The axis maximum: the smallest 1, 2 or 5 times a power of ten at or above `value`.
    static func niceMaximum(_ value: Int) -> Int {
        guard value > 0 else { return 1 }
        var power = 1
        while power * 10 <= value { power *= 10 }
        for step in [1, 2, 5, 10] where step * power >= value { return step * power }
        return 10 * power
    }

    /// How many equal steps the axis from 0 to `maximum` is cut into, so that every gridline is a whole value.
    static func gridSteps(_ maximum: Int) -> Int {
        [4, 5, 2].first { maximum % $0 == 0 } ?? 1
    }

    /// Each bar's rectangle (x, y, width, height) in the SVG's coordinates.
    var rectangles: [(x: Double, y: Double, width: Double, height: Double)] {
        guard !bars.isEmpty else { return [] }
        let maximum = Double(Self.niceMaximum(bars.compactMap(\.value).max() ?? 0))
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let slot = plotWidth / Double(bars.count)
        let barWidth = slot * 0.7
        return bars.enumerated().map { index, bar in
            let height = plotHeight * Double(bar.value ?? 0) / maximum
            return (Self.left + slot * Double(index) + (slot - barWidth) / 2, Self.top + plotHeight - height, barWidth, height)
        }
    }

    private static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    var svg: String {
        let maximum = Self.niceMaximum(bars.compactMap(\.value).max() ?? 0)
        let plotHeight = Self.height - Self.top - Self.bottom
        var out = """
            <svg class="chart" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" role="img" \
            aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">\
            <title id="\(id)-title">\(XMLText.escape(title))</title><desc id="\(id)-desc">\(XMLText.escape(summary))</desc>
            """
        let steps = Self.gridSteps(maximum)
        for step in 0...steps {
            let value = maximum * step / steps
            let y = Self.top + plotHeight - plotHeight * Double(step) / Double(steps)
            out += "<line class=\"grid\" x1=\"\(Int(Self.left))\" x2=\"\(Int(Self.width - Self.right))\" y1=\"\(Self.number(y))\" y2=\"\(Self.number(y))\"/>"
            out += "<text class=\"axis\" x=\"\(Int(Self.left) - 6)\" y=\"\(Self.number(y + 4))\" text-anchor=\"end\">\(format(value))</text>"
        }
        let labelEvery = max(1, Int((Double(bars.count) / 6).rounded(.up)))
        for (index, (bar, rect)) in zip(bars, rectangles).enumerated() {
            if let value = bar.value {
                out += "<rect class=\"bar\" x=\"\(Self.number(rect.x))\" y=\"\(Self.number(rect.y))\" width=\"\(Self.number(rect.width))\" height=\"\(Self.number(rect.height))\"><title>\(XMLText.escape(bar.label)): \(format(value))</title></rect>"
            } else {
                // The whole slot, outlined and dashed, with its reason written up it.
                let top = Self.top, height = plotHeight, middle = rect.x + rect.width / 2
                out += "<rect class=\"bar-unknown\" x=\"\(Self.number(rect.x))\" y=\"\(Self.number(top))\" width=\"\(Self.number(rect.width))\" height=\"\(Self.number(height))\"><title>\(XMLText.escape(bar.label)): \(XMLText.escape(bar.unknownLabel))</title></rect>"
                out += "<text class=\"unknown-label\" x=\"\(Self.number(middle))\" y=\"\(Self.number(top + height / 2))\" text-anchor=\"middle\" dominant-baseline=\"middle\" transform=\"rotate(-90 \(Self.number(middle)) \(Self.number(top + height / 2)))\">\(XMLText.escape(bar.unknownLabel))</text>"
            }
            if index % labelEvery == 0 {
                out += "<text class=\"axis\" x=\"\(Self.number(rect.x + rect.width / 2))\" y=\"\(Int(Self.height - Self.bottom + 16))\" text-anchor=\"middle\">\(XMLText.escape(bar.label))</text>"
            }
        }
        return out + "</svg>"
    }
}
