import PublicLog

extension SiteRenderer {
    /// Each distinct list of databases compared gets a letter, explained once per page.
    private func databaseKeys(for entries: [LogEntry]) -> (keys: [String: String], legend: [[String: Any]]) {
        var keys: [String: String] = [:]
        var legend: [[String: Any]] = []
        for entry in entries where keys[entry.databasesComparedText] == nil {
            let key = Self.letterKey(legend.count)
            keys[entry.databasesComparedText] = key
            legend.append(["key": key, "names": entry.databasesCompared.isEmpty ? messages(.logNoneRecorded) : entry.databasesComparedText])
        }
        return (keys, legend)
    }

    static func letterKey(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < 26 ? String(letters[index]) : "\(letters[index / 26 - 1])\(letters[index % 26])"
    }

    private func rows(_ entries: [LogEntry], root: String, keys: [String: String]) -> [LogRow] {
        entries.map { entry in
            LogRow(entry: entry, readerHref: readerHref(entry.reader.id, root: root),
                   databasesKey: keys[entry.databasesComparedText] ?? "", timeZone: portal.timeZone, format: format, words: figureWords)
        }
    }

    /// The sums of `entries` as figure cells: "Not recorded" when none has figures, "at least" before
    /// each sum when some have none (the sums then count only the others).
    private func totalsFields<Entries: Collection<LogEntry>>(_ entries: Entries) -> [String: Any] {
        let known = entries.compactMap(\.figures)
        let sum = sumText(periods: entries.count, unrecorded: entries.count - known.count)
        var fields = sum.isUnrecorded ? figureFields(nil)
            : ["known": true, "figure_cells": FigureCell.cells(known.reduce(PeriodFigures.zero, +), lowerBound: sum.isLowerBound, format: format, words: figureWords)]
        fields["periods"] = format.number(entries.count)
        fields["unknown_periods"] = sum.note.orAbsent
        return fields
    }

    func logIndexPage() -> Page {
        let months = logMonths.reversed().map { month -> [String: Any] in
            var fields = totalsFields(portal.log[month.range])
            fields["label"] = format.month(month.month)
            fields["href"] = "\(month.month)/"
            return fields
        }
        let readers = portal.readers.sorted { ($0.kind, $0.label, $0.id) < ($1.kind, $1.label, $1.id) }.map { reader -> [String: Any] in
            let periods = logByReader[reader.id]?.count ?? 0
            return [
                "label": reader.label, "href": readerHref(reader.id, root: "../"), "kind": messages(.readerKind(reader.kind)),
                "partner": reader.operator == .partner, "periods": format.number(periods),
                "in_service": reader.isInService(on: portal.today),
            ]
        }
        return Page(path: "log/index.html", kind: .logIndex, title: messages(.logTitle), fields: [
            "months": Array(months), "total": totalsFields(portal.log), "readers": readers, "has_periods": !portal.log.isEmpty,
            "charts": TrendCharts.fields([TrendCharts.plates, TrendCharts.hits, TrendCharts.hitRate] + TrendCharts.byKind, self.months, format: format, messages: messages),
            "retention_days": String(portal.configuration.retention.days),
        ])
    }

    /// Rows per page of a log table: keeps every page well under 100 KB.
    static let rowsPerPage = 120

    /// Splits `entries` into pages under `folder` (`log/2024-11` gives `log/2024-11/index.html`,
    /// then `log/2024-11/page-2/index.html`, ...), each with its own fields.
    private func pagedLog(_ entries: [LogEntry], folder: String, kind: PageKind, title: String,
                          caption: String, fields: [String: Any]) -> [Page] {
        let chunks = stride(from: 0, to: max(entries.count, 1), by: Self.rowsPerPage).map {
            Array(entries[$0..<min($0 + Self.rowsPerPage, entries.count)])
        }
        func path(_ index: Int) -> String { index == 0 ? "\(folder)/index.html" : "\(folder)/page-\(index + 1)/index.html" }
        let keys = databaseKeys(for: entries)
        var totals = totalsFields(entries)
        // Below one page of several, the total is of them all, and says so.
        totals["page_count"] = chunks.count > 1 ? format.number(chunks.count) : absent
        return chunks.enumerated().map { index, chunk in
            let root = Self.root(of: path(index))
            let pageLinks = chunks.indices.map { other -> [String: Any] in
                ["number": String(other + 1), "href": root + String(path(other).dropLast("index.html".count)),
                 "current": other == index]
            }
            var pageFields = fields
            pageFields["rows"] = rows(chunk, root: root, keys: keys.keys)
            pageFields["has_rows"] = !chunk.isEmpty
            pageFields["databases_legend"] = keys.legend
            pageFields["totals"] = totals
            pageFields["has_unknown"] = chunk.contains { $0.figures == nil }
            pageFields["table_id"] = "log-caption"
            let page = ["page": format.number(index + 1), "pages": format.number(chunks.count)]
            pageFields["table_caption"] = chunks.count > 1 ? messages(.logCaptionPage, page.merging(["caption": caption]) { a, _ in a }) : caption
            pageFields["pages"] = pageLinks
            pageFields["has_pages"] = chunks.count > 1
            // Two pagers on one page need two names (each landmark is told apart by its label).
            pageFields["pager_above"] = ["above": true]
            pageFields["pager_below"] = ["above": false]
            pageFields["retention_days"] = String(portal.configuration.retention.days)
            pageFields["up"] = root
            return Page(path: path(index), kind: kind,
                        title: chunks.count > 1 ? messages(.logTitlePage, page.merging(["title": title]) { a, _ in a }) : title,
                        fields: pageFields)
        }
    }

    /// One row per reader used in `entries`: its periods, their summed figures, the places it
    /// stood and the databases it was compared with, in words. Readers in the log index's order.
    func readerSummary(_ entries: [LogEntry], root: String) -> [[String: Any]] {
        let byReader = Dictionary(grouping: entries, by: \.reader.id)
        return byReader.values.compactMap(\.first?.reader)
            .sorted { ($0.kind, $0.label, $0.id) < ($1.kind, $1.label, $1.id) }
            .map { reader -> [String: Any] in
                let periods = byReader[reader.id] ?? []
                var seen: Set<String> = []
                let places = periods.compactMap(\.location).filter { seen.insert($0).inserted }
                let databases = Set(periods.flatMap(\.databasesCompared)).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
                var fields = totalsFields(periods)
                fields["label"] = reader.label
                fields["href"] = readerHref(reader.id, root: root)
                fields["kind"] = messages(.readerKind(reader.kind))
                fields["partner"] = reader.operator == .partner
                fields["location"] = places.isEmpty ? absent : places.joined(separator: "; ")
                fields["databases"] = databases.isEmpty ? messages(.logNoneRecorded) : databases.joined(separator: "; ")
                return fields
            }
    }

    /// The pages of the log for the month at `index` of `logMonths`.
    func logMonthPages(_ index: Int) -> [Page] {
        let month = logMonths[index]
        func link(_ other: Int) -> Any {
            guard logMonths.indices.contains(other) else { return absent }
            return ["month": String(describing: logMonths[other].month), "label": format.month(logMonths[other].month)] as [String: Any]
        }
        let entries = Array(portal.log[month.range])
        var pages = pagedLog(entries, folder: "log/\(month.month)", kind: .logMonth,
                             title: messages(.logMonthHeading, ["month": format.month(month.month)]),
                             caption: messages(.logMonthCaption, ["month": format.month(month.month)]),
                             fields: ["month": format.month(month.month), "month_path": String(describing: month.month),
                                      "previous": link(index - 1), "next": link(index + 1)])
        // The month opens with its readers; the first page carries them, the others link back.
        let summary = readerSummary(entries, root: pages.first.map { Self.root(of: $0.path) } ?? "")
        // Most months every reader is checked against the same databases: said once, not on every row.
        let lists = Set(summary.compactMap { $0["databases"] as? String })
        for index in pages.indices {
            pages[index].fields["has_reader_summary"] = index == 0
            pages[index].fields["reader_summary"] = index == 0 ? summary : []
            pages[index].fields["databases_vary"] = lists.count > 1
            pages[index].fields["databases_common"] = lists.count == 1 ? lists.first.orAbsent : absent
            pages[index].dated = isDated(month.month)
        }
        return pages
    }

    /// Whether the pages of `month` say the day they were built: only while the month is not
    /// over (see `Page.dated`).
    func isDated(_ month: YearMonth) -> Bool { month >= portal.today.yearMonth }

    /// The folder of one reader's pages.
    func readerFolder(_ readerID: String) -> String { "log/readers/\(readerSlugs[readerID] ?? "reader")" }

    /// A reader's periods in runs of one month each (its periods are in log order, so by start).
    func readerMonths(_ entries: [LogEntry]) -> [(month: YearMonth, entries: ArraySlice<LogEntry>)] {
        var runs: [(month: YearMonth, entries: ArraySlice<LogEntry>)] = []
        var start = 0
        for index in entries.indices where index + 1 == entries.count || entries[index + 1].startDate.yearMonth != entries[index].startDate.yearMonth {
            runs.append((entries[index].startDate.yearMonth, entries[start...index]))
            start = index + 1
        }
        return runs
    }

    /// The pages of the log for one reader: its page (what it is, where it stood, its months)
    /// and a page per month of use. Paged by month so that a month's page stops changing once
    /// the month is over: a nightly build renders the new days' pages, not the reader's history.
    func logReaderPages(_ reader: Reader) -> [Page] {
        let entries = entries(of: reader.id)
        let runs = readerMonths(entries)
        return [logReaderPage(reader, entries: entries)]
            + runs.indices.flatMap { logReaderMonthPages(reader, runs: runs, index: $0) }
    }

    /// How many pages `logReaderPages` makes for `reader`, without making them.
    func readerPageCount(_ reader: Reader) -> Int {
        1 + readerMonths(entries(of: reader.id)).reduce(0) { $0 + Self.pageCount(rows: $1.entries.count) }
    }

    /// The reader's own page: its facts, its placements and its months, each linked.
    private func logReaderPage(_ reader: Reader, entries: [LogEntry]) -> Page {
        let path = "\(readerFolder(reader.id))/index.html"
        let placements = portal.placements.filter { $0.readerID == reader.id }.map { placement -> [String: Any] in
            func time(_ date: LocalDate) -> String { "<time datetime=\"\(date)\">\(XMLText.escape(format.date(date)))</time>" }
            return [
                "place": placement.direction.map { "\(placement.description) (\($0))" } ?? placement.description,
                "placed_on_html": time(placement.placedOn), "removed_on_html": placement.removedOn.map(time).orAbsent,
            ]
        }
        let months = MonthlySummary.months(of: entries)
        let monthRows = months.reversed().map { monthRow($0, href: "\($0.month)/") }
        let chart = TrendCharts.chart(TrendCharts.Series(
            id: "chart-reader", title: MessageID(.chartReaderTitle), titleValues: ["reader": reader.label], caption: nil,
            value: { $0.figures[.plates] }), Array(months.suffix(24)), format: format, messages: messages)
        return Page(path: path, kind: .logReader, title: messages(.logReaderHeading, ["reader": reader.label]), fields: [
            "label": reader.label, "reader_id": reader.id, "kind": messages(.readerKind(reader.kind)),
            "partner": reader.operator == .partner, "has_placements": reader.kind.hasPlacements,
            "placements": placements,
            "location_unpublished": portal.readersWithUnpublishedLocation.contains { $0.id == reader.id },
            "installed_on": reader.installedOn.map(format.date).orAbsent,
            "decommissioned_on": reader.decommissionedOn.map(format.date).orAbsent,
            "months": monthRows, "months_total": monthRow(MonthlySummary.total(months), href: nil), "has_months": !months.isEmpty,
            "chart": months.isEmpty ? absent : chart.svg,
            "up": Self.root(of: path),
        ])
    }

    /// The pages of one month of one reader's use, in order of start.
    private func logReaderMonthPages(_ reader: Reader, runs: [(month: YearMonth, entries: ArraySlice<LogEntry>)], index: Int) -> [Page] {
        let month = runs[index].month
        func link(_ other: Int) -> Any {
            guard runs.indices.contains(other) else { return absent }
            return ["month": String(describing: runs[other].month), "label": format.month(runs[other].month)] as [String: Any]
        }
        let words = ["reader": reader.label, "month": format.month(month)]
        var pages = pagedLog(Array(runs[index].entries), folder: "\(readerFolder(reader.id))/\(month)", kind: .logReaderMonth,
                             title: messages(.logReaderMonthHeading, words), caption: messages(.logReaderCaption, words),
                             fields: ["label": reader.label, "reader": reader.label, "month": format.month(month), "month_path": String(describing: month),
                                      "reader_path": readerFolder(reader.id), "previous": link(index - 1), "next": link(index + 1)])
        for page in pages.indices {
            pages[page].dated = isDated(month)
            let root = Self.root(of: pages[page].path)
            pages[page].fields["month_log_html"] = "<a href=\"\(root)log/\(month)/\">\(XMLText.escape(format.month(month)))</a>"
        }
        return pages
    }
}
