import PublicLog

extension SiteRenderer {
    /// Each distinct list of databases compared gets a letter, explained once per page.
    struct DatabasesKey: PageData {
        let key: String
        let names: String
    }

    private func databaseKeys(for entries: [LogEntry]) -> (keys: [String: String], legend: [DatabasesKey]) {
        var keys: [String: String] = [:]
        var legend: [DatabasesKey] = []
        for entry in entries where keys[entry.databasesComparedText] == nil {
            let key = Self.letterKey(legend.count)
            keys[entry.databasesComparedText] = key
            legend.append(DatabasesKey(key: key, names: entry.databasesCompared.isEmpty ? messages(.logNoneRecorded) : entry.databasesComparedText))
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
    /// The figures of some periods summed (a month, a reader, a table's total), with what
    /// names the row where it is one (`label`, `href`, a reader's `kind`, `location`, `databases`).
    struct PeriodSums: PageData {
        let known: Bool
        let figureCells: [FigureCell]
        let periods: String
        /// How many of the periods went unrecorded, when any did.
        let unknownPeriods: String?
        /// Below one page of several, the total is of them all, and says so.
        var pageCount: String?
        var label: String?
        var href: String?
        var kind: String?
        var partner: Bool?
        var location: String?
        var databases: String?
    }

    private func totals<Entries: Collection<LogEntry>>(_ entries: Entries) -> PeriodSums {
        // Summed in passing: the log's index totals five years of periods, whose figures as an
        // array (with its growth) were 50 MB of a large agency's 195 MB peak.
        var total = PeriodFigures.zero
        var known = 0
        for entry in entries {
            guard let figures = entry.figures else { continue }
            total = total + figures
            known += 1
        }
        let sum = sumText(periods: entries.count, unrecorded: entries.count - known)
        let cells = sum.isUnrecorded ? []
            : FigureCell.cells(total, lowerBound: sum.isLowerBound, format: format, words: figureWords)
        return PeriodSums(known: !sum.isUnrecorded, figureCells: cells, periods: format.number(entries.count), unknownPeriods: sum.note)
    }

    struct LogReaderLine: PageData {
        let label: String
        let href: String
        let kind: String
        let partner: Bool
        let periods: String
        let inService: Bool
    }

    struct LogIndexData: PageData {
        let months: [PeriodSums]
        let total: PeriodSums
        let readers: [LogReaderLine]
        let hasPeriods: Bool
        let charts: [TrendCharts.Chart]
        let retentionDays: String
    }

    func logIndexPage() -> Page {
        let months = logMonths.reversed().map { month in
            var row = totals(portal.log[month.range])
            row.label = format.month(month.month)
            row.href = "\(month.month)/"
            return row
        }
        let readers = portal.readers.sorted { ($0.kind, $0.label, $0.id) < ($1.kind, $1.label, $1.id) }.map { reader in
            LogReaderLine(label: reader.label, href: readerHref(reader.id, root: "../"), kind: messages(.readerKind(reader.kind)),
                          partner: reader.operator == .partner, periods: format.number(logByReader[reader.id]?.count ?? 0),
                          inService: reader.isInService(on: portal.today))
        }
        return Page(path: "log/index.html", kind: .logIndex, title: messages(.logTitle), data: LogIndexData(
            months: months, total: totals(portal.log), readers: readers, hasPeriods: !portal.log.isEmpty,
            charts: TrendCharts.charts([TrendCharts.plates, TrendCharts.hits, TrendCharts.hitRate] + TrendCharts.byKind, self.months,
                                       format: format, messages: messages),
            retentionDays: String(portal.configuration.retention.days)))
    }

    /// Rows per page of a log table: keeps every page well under 100 KB.
    static let rowsPerPage = 120

    /// Splits `entries` into pages under `folder` (`log/2024-11` gives `log/2024-11/index.html`,
    /// then `log/2024-11/page-2/index.html`, ...), each with its own fields.
    struct PageLink: PageData {
        let number: String
        let href: String
        let current: Bool
    }

    /// Two pagers on one page need two names (each landmark is told apart by its label).
    struct Pager: PageData {
        let above: Bool
    }

    /// A page of a log table: its rows, their databases' legend, the total of the whole table,
    /// and the links to the table's other pages.
    struct LogTablePage: PageData {
        let rows: [LogRow]
        let hasRows: Bool
        let databasesLegend: [DatabasesKey]
        let totals: PeriodSums
        let hasUnknown: Bool
        let tableId: String
        let tableCaption: String
        let pages: [PageLink]
        let hasPages: Bool
        let pagerAbove: Pager
        let pagerBelow: Pager
        let retentionDays: String
        let up: String
    }

    /// The pages of a log table of `entries`, `rowsPerPage` rows each, under `folder`; each
    /// page's fields are `header`'s, its table's, and `extra`'s for its index and root.
    private func pagedLog(_ entries: [LogEntry], folder: String, kind: PageKind, title: String, caption: String,
                          header: some PageData, extra: (Int, String) -> any PageData) -> [Page] {
        let chunks = stride(from: 0, to: max(entries.count, 1), by: Self.rowsPerPage).map {
            Array(entries[$0..<min($0 + Self.rowsPerPage, entries.count)])
        }
        func path(_ index: Int) -> String { index == 0 ? "\(folder)/index.html" : "\(folder)/page-\(index + 1)/index.html" }
        let keys = databaseKeys(for: entries)
        var total = totals(entries)
        total.pageCount = chunks.count > 1 ? format.number(chunks.count) : nil
        return chunks.enumerated().map { index, chunk in
            let root = Self.root(of: path(index))
            let pageLinks = chunks.indices.map { other in
                PageLink(number: String(other + 1), href: root + pageAddress(path(other)), current: other == index)
            }
            let page = ["page": format.number(index + 1), "pages": format.number(chunks.count)]
            let table = LogTablePage(
                rows: rows(chunk, root: root, keys: keys.keys), hasRows: !chunk.isEmpty, databasesLegend: keys.legend, totals: total,
                hasUnknown: chunk.contains { $0.figures == nil }, tableId: "log-caption",
                tableCaption: chunks.count > 1 ? messages(.logCaptionPage, page.merging(["caption": caption]) { a, _ in a }) : caption,
                pages: pageLinks, hasPages: chunks.count > 1, pagerAbove: Pager(above: true), pagerBelow: Pager(above: false),
                retentionDays: String(portal.configuration.retention.days), up: root)
            return Page(path: path(index), kind: kind,
                        title: chunks.count > 1 ? messages(.logTitlePage, page.merging(["title": title]) { a, _ in a }) : title,
                        parts: [header, table, extra(index, root)])
        }
    }

    func readerSummary(_ entries: [LogEntry], root: String) -> [PeriodSums] {
        let byReader = Dictionary(grouping: entries, by: \.reader.id)
        return byReader.values.compactMap(\.first?.reader)
            .sorted { ($0.kind, $0.label, $0.id) < ($1.kind, $1.label, $1.id) }
            .map { reader in
                let periods = byReader[reader.id] ?? []
                var seen: Set<String> = []
                let places = periods.compactMap(\.location).filter { seen.insert($0).inserted }
                let databases = Set(periods.flatMap(\.databasesCompared)).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
                var row = totals(periods)
                row.label = reader.label
                row.href = readerHref(reader.id, root: root)
                row.kind = messages(.readerKind(reader.kind))
                row.partner = reader.operator == .partner
                row.location = places.isEmpty ? nil : places.joined(separator: "; ")
                row.databases = databases.isEmpty ? messages(.logNoneRecorded) : databases.joined(separator: "; ")
                return row
            }
    }

    /// The pages of the log for the month at `index` of `logMonths`.
    /// A link to the month before or after.
    struct MonthLink: PageData {
        let month: String
        let label: String
    }

    struct LogMonthHeader: PageData {
        let month: String
        let monthPath: String
        let previous: MonthLink?
        let next: MonthLink?
    }

    /// The month opens with its readers: the first page carries them, the others link back.
    struct ReaderSummaryPart: PageData {
        let hasReaderSummary: Bool
        let readerSummary: [PeriodSums]
        /// Most months every reader is checked against the same databases: said once, not on every row.
        let databasesVary: Bool
        let databasesCommon: String?
    }

    func logMonthPages(_ index: Int) -> [Page] {
        let month = logMonths[index]
        func link(_ other: Int) -> MonthLink? {
            guard logMonths.indices.contains(other) else { return nil }
            return MonthLink(month: String(describing: logMonths[other].month), label: format.month(logMonths[other].month))
        }
        let entries = Array(portal.log[month.range])
        let folder = "log/\(month.month)"
        let summary = readerSummary(entries, root: Self.root(of: "\(folder)/index.html"))
        let lists = Set(summary.compactMap(\.databases))
        var pages = pagedLog(entries, folder: folder, kind: .logMonth,
                             title: messages(.logMonthHeading, ["month": format.month(month.month)]),
                             caption: messages(.logMonthCaption, ["month": format.month(month.month)]),
                             header: LogMonthHeader(month: format.month(month.month), monthPath: String(describing: month.month),
                                                    previous: link(index - 1), next: link(index + 1))) { page, _ in
            ReaderSummaryPart(hasReaderSummary: page == 0, readerSummary: page == 0 ? summary : [], databasesVary: lists.count > 1,
                              databasesCommon: lists.count == 1 ? lists.first : nil)
        }
        for page in pages.indices { pages[page].dated = isDated(month.month) }
        return pages
    }

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
        let placements = portal.placements.filter { $0.readerID == reader.id }.map { placement in
            func time(_ date: LocalDate) -> String { "<time datetime=\"\(date)\">\(XMLText.escape(format.date(date)))</time>" }
            return ReaderPlacement(place: placement.direction.map { "\(placement.description) (\($0))" } ?? placement.description,
                                   placedOnHtml: time(placement.placedOn), removedOnHtml: placement.removedOn.map(time))
        }
        let months = MonthlySummary.months(of: entries)
        let monthRows = months.reversed().map { monthRow($0, href: "\($0.month)/") }
        let chart = TrendCharts.chart(TrendCharts.Series(
            id: "chart-reader", title: MessageID(.chartReaderTitle), titleValues: ["reader": reader.label], caption: nil,
            value: { $0.figures[.plates] }), Array(months.suffix(24)), format: format, messages: messages)
        return Page(path: path, kind: .logReader, title: messages(.logReaderHeading, ["reader": reader.label]), data: LogReaderData(
            label: reader.label, readerId: reader.id, kind: messages(.readerKind(reader.kind)), partner: reader.operator == .partner,
            hasPlacements: reader.kind.hasPlacements, placements: placements,
            locationUnpublished: portal.readersWithUnpublishedLocation.contains { $0.id == reader.id },
            installedOn: reader.installedOn.map(format.date), decommissionedOn: reader.decommissionedOn.map(format.date),
            months: monthRows, monthsTotal: monthRow(MonthlySummary.total(months), href: nil), hasMonths: !months.isEmpty,
            chart: months.isEmpty ? nil : chart.svg, up: Self.root(of: path)))
    }

    struct ReaderPlacement: PageData {
        let place: String
        let placedOnHtml: String
        let removedOnHtml: String?
    }

    struct LogReaderData: PageData {
        let label: String
        let readerId: String
        let kind: String
        let partner: Bool
        let hasPlacements: Bool
        let placements: [ReaderPlacement]
        let locationUnpublished: Bool
        let installedOn: String?
        let decommissionedOn: String?
        let months: [MonthRow]
        let monthsTotal: MonthRow
        let hasMonths: Bool
        let chart: String?
        let up: String
    }

    struct LogReaderMonthHeader: PageData {
        let label: String
        let reader: String
        let month: String
        let monthPath: String
        let readerPath: String
        let previous: MonthLink?
        let next: MonthLink?
    }

    /// The link from a reader's month to the whole month's log, from the page's root.
    struct MonthLogLink: PageData {
        let monthLogHtml: String
    }

    /// The pages of one month of one reader's use, in order of start.
    private func logReaderMonthPages(_ reader: Reader, runs: [(month: YearMonth, entries: ArraySlice<LogEntry>)], index: Int) -> [Page] {
        let month = runs[index].month
        func link(_ other: Int) -> MonthLink? {
            guard runs.indices.contains(other) else { return nil }
            return MonthLink(month: String(describing: runs[other].month), label: format.month(runs[other].month))
        }
        let words = ["reader": reader.label, "month": format.month(month)]
        let header = LogReaderMonthHeader(label: reader.label, reader: reader.label, month: format.month(month), monthPath: String(describing: month),
                                          readerPath: readerFolder(reader.id), previous: link(index - 1), next: link(index + 1))
        var pages = pagedLog(Array(runs[index].entries), folder: "\(readerFolder(reader.id))/\(month)", kind: .logReaderMonth,
                             title: messages(.logReaderMonthHeading, words), caption: messages(.logReaderCaption, words), header: header) { _, root in
            MonthLogLink(monthLogHtml: "<a href=\"\(root)log/\(month)/\">\(XMLText.escape(format.month(month)))</a>")
        }
        for page in pages.indices { pages[page].dated = isDated(month) }
        return pages
    }
}
