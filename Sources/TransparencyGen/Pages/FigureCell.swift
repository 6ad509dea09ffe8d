import Mustache
import PublicLog

/// One figure's cell of a log table row: `value` (formatted) and the `short_label` that names
/// it where the table is stacked on a phone. The cell itself (`{{.}}`) reads as its value,
/// which spares the template engine a lookup in each of the log's millions of cells.
struct FigureCell: MustacheParent, MustacheCustomRenderable {
    let value: TemplateText
    /// The figure's labels, one shared object per figure and language: a cell is three words,
    /// small enough to be held in a template value without a box of its own.
    let labels: Labels

    var figure: PeriodFigure { labels.figure }

    /// One figure's labels in one language as template text.
    final class Labels: Sendable {
        let figure: PeriodFigure
        let label: TemplateText
        let shortLabel: TemplateText

        init(figure: PeriodFigure, messages: Messages) {
            self.figure = figure
            label = TemplateText(messages(.figureLabel(figure)))
            shortLabel = TemplateText(messages(.figureShort(figure)))
        }
    }

    /// Each figure's labels in one language, made once per language.
    struct Words: Sendable {
        /// By `PeriodFigure.rawValue`.
        let figures: [Labels]
        /// `at least {value}` in the language, for a sum some of whose periods have no figures.
        let atLeast: @Sendable (String) -> String

        init(_ messages: Messages) {
            figures = PeriodFigure.allCases.map { Labels(figure: $0, messages: messages) }
            atLeast = { messages(.sumAtLeast, ["value": $0]) }
        }
    }

    /// The cells of `figures` for every figure the log tables show, in catalog order.
    static func cells(_ figures: PeriodFigures, lowerBound: Bool = false, format: Format, words: Words) -> [FigureCell] {
        PeriodFigure.logTableFigures.map { figure in
            let number = format.number(figures[figure])
            return FigureCell(value: TemplateText(lowerBound ? words.atLeast(number) : number), labels: words.figures[figure.rawValue])
        }
    }

    var renderText: String { value.renderText }
    var isNull: Bool { false }

    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "short_label": labels.shortLabel
        case "label": labels.label
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
