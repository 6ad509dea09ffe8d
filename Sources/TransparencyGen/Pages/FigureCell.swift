import Mustache
import PublicLog

/// One figure's cell of a log table row: `value` (formatted) and the `short_label` that names
/// it where the table is stacked on a phone. The cell itself (`{{.}}`) reads as its value,
/// which spares the template engine a lookup in each of the log's millions of cells.
struct FigureCell: MustacheParent, MustacheCustomRenderable {
    let figure: PeriodFigure
    let value: TemplateText

    /// The cells of `figures` for every figure the log tables show, in catalog order.
    static func cells(_ figures: PeriodFigures, lowerBound: Bool = false, format: Format) -> [FigureCell] {
        let prefix = lowerBound ? "≥ " : ""
        return PeriodFigure.logTableFigures.map { FigureCell(figure: $0, value: TemplateText(prefix + format.number(figures[$0]))) }
    }

    /// Each figure's labels as template text, made once.
    private static let shortLabels = PeriodFigure.allCases.map { TemplateText($0.shortLabel) }
    private static let labels = PeriodFigure.allCases.map { TemplateText($0.label) }

    var renderText: String { value.renderText }
    var isNull: Bool { false }

    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "short_label": Self.shortLabels[figure.rawValue]
        case "label": Self.labels[figure.rawValue]
        case "name": figure.name
        default: nil
        }
    }
}

extension PeriodFigure {
    /// The figures the log tables show, in catalog order.
    static let logTableFigures = allCases.filter(\.inLogTables)
}
