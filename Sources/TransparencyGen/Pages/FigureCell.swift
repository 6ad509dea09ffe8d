import Mustache
import PublicLog

/// One figure's cell of a log table row: `value` (formatted) and the `short_label` that names
/// it where the table is stacked on a phone. The cell itself (`{{.}}`) reads as its value,
/// which spares the template engine a lookup in each of the log's millions of cells.
struct FigureCell: MustacheParent, MustacheCustomRenderable {
    let figure: PeriodFigure
    let value: TemplateText
    let words: Words

    /// Each figure's labels in one language as template text, made once per language.
    struct Words: Sendable {
        let labels: [TemplateText]
        let shortLabels: [TemplateText]
        /// `at least {value}` in the language, for a sum some of whose periods have no figures.
        let atLeast: @Sendable (String) -> String

        init(_ messages: Messages) {
            labels = PeriodFigure.allCases.map { TemplateText(messages(.figureLabel($0))) }
            shortLabels = PeriodFigure.allCases.map { TemplateText(messages(.figureShort($0))) }
            atLeast = { messages(.sumAtLeast, ["value": $0]) }
        }
    }

    /// The cells of `figures` for every figure the log tables show, in catalog order.
    static func cells(_ figures: PeriodFigures, lowerBound: Bool = false, format: Format, words: Words) -> [FigureCell] {
        PeriodFigure.logTableFigures.map { figure in
            let number = format.number(figures[figure])
            return FigureCell(figure: figure, value: TemplateText(lowerBound ? words.atLeast(number) : number), words: words)
        }
    }

    var renderText: String { value.renderText }
    var isNull: Bool { false }

    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "short_label": words.shortLabels[figure.rawValue]
        case "label": words.labels[figure.rawValue]
        case "name": figure.name
        default: nil
        }
    }
}

extension PeriodFigure {
    /// The figures the log tables show, in catalog order.
    static let logTableFigures = allCases.filter(\.inLogTables)
}

extension FigureCell: RenderedAsItself {}
