import Mustache
import PublicLog

/// One row of a log table as the templates see it. The log is most of the site's pages, and
/// a fixed set of fields found by a `switch` renders faster than a dictionary per row (the
/// render stage of the reference workload went from 12.6 s to 11.2 s); the names are the same.
struct LogRow: MustacheParent {
    /// The period's figures as the log tables show them, or nil when they are unknown.
    let figures: [FigureCell]?
    let periodID: String
    let readerLabel: String
    let readerHref: String
    let readerKind: String
    let partner: Bool
    let location: String?
    let startISO: String
    let endISO: String
    let start: String
    let end: String
    let duration: String
    let databasesKey: String

    func child(named name: String) -> Any? {
        switch name {
        case "period_id": periodID
        case "reader_label": readerLabel
        case "reader_href": readerHref
        case "reader_kind": readerKind
        case "partner": partner
        case "location": location.orAbsent
        case "start_iso": startISO
        case "end_iso": endISO
        case "start": start
        case "end": end
        case "duration": duration
        case "databases_key": databasesKey
        case "known": figures != nil
        case "figure_cells": figures
        default: nil
        }
    }
}

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
