import Mustache
import PublicLog

/// One figure's cell of a log table row: `value` (formatted) and the `short_label` that names
/// it where the table is stacked on a phone.
struct FigureCell: MustacheParent {
    let figure: PeriodFigure
    let value: String

    /// The cells of `figures` for every figure the log tables show, in catalog order.
    static func cells(_ figures: PeriodFigures) -> [FigureCell] {
        PeriodFigure.logTableFigures.map { FigureCell(figure: $0, value: Format.number(figures[$0])) }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "short_label": figure.shortLabel
        case "label": figure.label
        case "name": figure.name
        default: nil
        }
    }
}

extension PeriodFigure {
    /// The figures the log tables show, in catalog order.
    static let logTableFigures = allCases.filter(\.inLogTables)
}
