import Mustache
import PublicLog

/// One row of a log table as the templates see it: a period of the log, its fields made as a
/// template asks for them. The log is most of the site's pages, and a fixed set of fields found
/// by a `switch` renders faster than a dictionary per row (the render stage of the reference
/// workload went from 12.6 s to 11.2 s). A class, so that each cast the template engine makes
/// of a row copies one reference, not the period's fields.
final class LogRow: MustacheParent, @unchecked Sendable {
    let entry: LogEntry
    let readerHref: String
    /// The letter of the period's list of databases in the page's legend.
    let databasesKey: String
    let timeZone: AgencyTimeZone
    let format: Format
    let words: FigureCell.Words

    init(entry: LogEntry, readerHref: String, databasesKey: String, timeZone: AgencyTimeZone, format: Format, words: FigureCell.Words) {
        self.entry = entry
        self.readerHref = readerHref
        self.databasesKey = databasesKey
        self.timeZone = timeZone
        self.format = format
        self.words = words
    }

    func child(named name: String) -> Any? {
        switch name {
        case "period_id": TemplateText(String(entry.periodID))
        case "reader_label": TemplateText(entry.reader.label)
        case "reader_href": TemplateText(readerHref)
        case "partner": entry.reader.operator == .partner
        case "location": entry.location.map(TemplateText.init).orAbsent
        case "location_withheld": entry.locationWithheld
        case "start_iso": TemplateText(entry.startLocal)
        case "end_iso": TemplateText(entry.endLocal)
        case "start": TemplateText("\(format.shortDate(entry.startDate)), \(timeZone.localClock(entry.startedAt))")
        case "end": TemplateText((entry.endDate == entry.startDate ? "" : "\(format.shortDate(entry.endDate)), ")
                                    + timeZone.localClock(entry.endedAt))
        case "duration": TemplateText(format.duration(seconds: entry.durationSeconds))
        case "databases_key": TemplateText(databasesKey)
        case "known": entry.figures != nil
        case "figure_cells": entry.figures.map { FigureCell.cells($0, format: format, words: words) }
        default: nil
        }
    }
}

extension LogRow: PageKeyed {
    var keyKind: String { "log row" }

    /// Everything `child(named:)` reads: keep the two together. The format's and the words'
    /// language is in the template set's identity.
    func addInputs(to key: inout PageKey) {
        key.add(entry.periodID)
        key.add(entry.reader.label)
        key.add(entry.reader.operator == .partner)
        key.add(entry.location ?? "\u{0}")
        key.add(entry.locationWithheld)
        // The local times are made from the instants and their offsets: keyed by those, without
        // writing the text (two strings per row of every page of a nightly build).
        key.add(entry.startedAt.secondsSinceEpoch)
        key.add(entry.endedAt.secondsSinceEpoch)
        key.add(Int64(entry.startOffsetSeconds))
        key.add(Int64(entry.endOffsetSeconds))
        key.add(timeZone.identifier)
        key.add(readerHref)
        key.add(databasesKey)
        key.add(entry.figures != nil)
        if let figures = entry.figures {
            for figure in PeriodFigure.logTableFigures { key.add(Int64(figures[figure])) }
        }
    }
}


extension LogRow: RenderedAsItself {}
