/// A bar chart drawn as inline SVG at build time: no script, no external library. Bars run
/// across, one row per month, each labelled with its month and its value, so the chart reads
/// without an axis on a phone and on paper. It has a title and a description for screen
/// readers, and pages always show the same numbers in a table next to it.
struct BarChart {
    struct Bar: Equatable {
        let label: String
        /// Nil when the month's value cannot be known: it is drawn as an outlined row with
        /// `unknownLabel`, never as an empty bar that would read as zero.
        let value: Int?
        /// What an unknown value's row says (`not recorded`, in the page's language).
        let unknownLabel: String
    }

    let id: String
    let title: String
    let summary: String
    let bars: [Bar]
    /// How a value reads beside its bar and in its tooltip (rates are drawn from whole tenths of a percent).
    let format: @Sendable (Int) -> String

    /// In the SVG's units. The text is 19 units in a chart 480 wide, so it stays at least 12 px
    /// tall wherever the stylesheet lets a chart shrink to (20rem, 320 px).
    static let width = 480.0
    static let rowHeight = 28.0
    static let labelWidth = 96.0
    /// About the width of one character of the 19-unit labels, for a longer month name (`sept 2026`).
    static let characterWidth = 10.5

    /// Room for the row labels: 96 units, or more for a language whose month labels are longer.
    var labelWidth: Double {
        max(Self.labelWidth, Double(bars.map(\.label.count).max() ?? 0) * Self.characterWidth + 8)
    }
    /// Room kept right of the longest bar for its value.
    static let valueWidth = 92.0
    static let top = 4.0
    static let bottom = 4.0

    var height: Double { Self.top + Self.rowHeight * Double(bars.count) + Self.bottom }

    /// Each bar's rectangle (x, y, width, height) in the SVG's coordinates; an unknown value's is
    /// the whole row.
    var rectangles: [(x: Double, y: Double, width: Double, height: Double)] {
        let maximum = Double(max(bars.compactMap(\.value).max() ?? 0, 1))
        let plotWidth = Self.width - labelWidth - Self.valueWidth
        return bars.enumerated().map { index, bar in
            let y = Self.top + Self.rowHeight * Double(index) + 4
            let width = bar.value.map { plotWidth * Double($0) / maximum } ?? (Self.width - labelWidth)
            return (labelWidth, y, width, Self.rowHeight - 8)
        }
    }

    private static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    var svg: String {
        var out = """
            <svg class="chart" viewBox="0 0 \(Int(Self.width)) \(Self.number(height))" role="img" \
            aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg">\
            <title id="\(id)-title">\(XMLText.escape(title))</title><desc id="\(id)-desc">\(XMLText.escape(summary))</desc>
            """
        out += "<line class=\"baseline\" x1=\"\(Int(labelWidth))\" x2=\"\(Int(labelWidth))\" y1=\"\(Int(Self.top))\" y2=\"\(Self.number(height - Self.bottom))\"/>"
        for (bar, rect) in zip(bars, rectangles) {
            let middle = Self.number(rect.y + rect.height / 2)
            out += "<text class=\"axis\" x=\"\(Int(labelWidth) - 6)\" y=\"\(middle)\" text-anchor=\"end\" dominant-baseline=\"central\">\(XMLText.escape(bar.label))</text>"
            let box = "x=\"\(Self.number(rect.x))\" y=\"\(Self.number(rect.y))\" width=\"\(Self.number(rect.width))\" height=\"\(Self.number(rect.height))\""
            if let value = bar.value {
                out += "<rect class=\"bar\" \(box)><title>\(XMLText.escape(bar.label)): \(format(value))</title></rect>"
                out += "<text class=\"value\" x=\"\(Self.number(rect.x + rect.width + 5))\" y=\"\(middle)\" dominant-baseline=\"central\">\(format(value))</text>"
            } else {
                // The whole row, outlined and dashed, with its reason written in it.
                out += "<rect class=\"bar-unknown\" \(box)><title>\(XMLText.escape(bar.label)): \(XMLText.escape(bar.unknownLabel))</title></rect>"
                out += "<text class=\"unknown-label\" x=\"\(Self.number(rect.x + 8))\" y=\"\(middle)\" dominant-baseline=\"central\">\(XMLText.escape(bar.unknownLabel))</text>"
            }
        }
        return out + "</svg>"
    }
}
