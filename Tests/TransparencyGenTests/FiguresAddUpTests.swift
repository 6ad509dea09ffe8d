import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Issue 26 item 1: one moment per publication, and every table that shows parts and their
/// total adds up. The sums are made here from the published pages and files themselves, by a
/// reader of HTML and CSV of the test's own, never by the generator's code.
@Suite("Every figure adds up, as of one moment", .serialized)
struct FiguresAddUpTests {
    static var now: Instant { SamplePortal.now }
    static var sample: URL { SamplePortal.output }

    @Test func everyTableOfPartsAndATotalAddsUpInEveryLanguage() throws {
        let pages = htmlFiles(in: Self.sample)
        #expect(pages.contains("index.html") && pages.contains("es/index.html"), "the sample portal was not built")
        var checked = 0
        var differences: [String] = []
        for page in pages {
            let html = try String(contentsOf: Self.sample.appendingPathComponent(page), encoding: .utf8)
            for table in HTMLTable.all(in: html) {
                let result = table.checkTotals(allPages: { pagedRows(of: page, caption: table) })
                checked += result.checked
                differences += result.differences.map { "\(page), “\(table.caption)”: \($0)" }
            }
        }
        let report = differences.prefix(20).joined(separator: "\n")
        #expect(differences.isEmpty, "\(differences.count) totals differ from their parts:\n\(report)")
        // Every month table, the purposes, the agencies, the kinds, the readers of each month: hundreds of totals.
        #expect(checked > 500, "only \(checked) totals were found to check")
    }

    /// The tables whose parts and total appear together, each of which must end with its total.
    @Test(arguments: [
        ("index.html", "months-caption"), ("log/index.html", "months-caption"),
        ("searches/index.html", "purposes-caption"), ("searches/index.html", "agencies-caption"),
        ("searches/index.html", "months-caption"), ("es/searches/index.html", "purposes-caption"),
        ("log/readers/fx-01/index.html", "reader-months-caption"), ("log/2026-10/index.html", "readers-caption"),
    ])
    func tablesOfPartsEndWithATotal(page: String, captionID: String) throws {
        let html = try String(contentsOf: Self.sample.appendingPathComponent(page), encoding: .utf8)
        let table = try #require(HTMLTable.all(in: html).first { $0.captionID == captionID }, "no table \(captionID) on \(page)")
        #expect(table.rows.contains { $0.isTotal }, "\(page) \(captionID) has no total row")
    }

    /// The kinds of hit in the last 30 days: the distinct plates with a hit of the four kinds the
    /// law lists are at least as many as the largest kind's and at most their sum (issue 26 item 2).
    @Test(arguments: ["index.html", "es/index.html"])
    func theDistinctPlatesWithHitsLieBetweenTheLargestKindAndTheSumOfTheKinds(page: String) throws {
        let html = try SamplePortal.text(page)
        let table = try #require(HTMLTable.all(in: html).first { $0.captionID == "hits-caption" })
        let bodies = Dictionary(grouping: table.rows.filter { $0.section == .body }, by: \.body)
        let kinds = try #require(bodies.values.first { $0.count == 4 }).compactMap { $0.cells.last?.number }
        let distinct = try #require(table.rows.first { $0.classes.contains("distinct") }?.cells.last?.number)
        #expect(kinds.count == 4)
        #expect(distinct >= (kinds.max() ?? 0) && distinct <= kinds.reduce(0, +))
        #expect(distinct < kinds.reduce(0, +), "the sample has plates with hits of two kinds")
        let recent = try #require((try JSONSerialization.jsonObject(with: Data(try SamplePortal.text("data/summary.json").utf8)) as? [String: Any])?["last_30_days"] as? [String: Any])
        #expect(recent["plates_with_hits"] as? Int == distinct)
    }

    @Test func summaryJSONTheDataFilesAndThePagesAgreeOnEveryTotal() throws {
        func text(_ path: String) throws -> String { try SamplePortal.text(path) }
        func csv(_ name: String) throws -> [[String: String]] { try SamplePortal.csv(name) }
        func sum(_ rows: [[String: String]], _ column: String, where keep: ([String: String]) -> Bool = { _ in true }) -> Int {
            rows.filter(keep).reduce(0) { $0 + (Int($1[column] ?? "") ?? 0) }
        }
        let summary = try #require(JSONSerialization.jsonObject(with: Data(try text("data/summary.json").utf8)) as? [String: Any])
        let asOf = try #require(summary["as_of"] as? String)
        // The build's own day is not whole: the publication is as of the day before it.
        let zone = AgencyTimeZone(identifier: "America/Chicago")!
        #expect(asOf == zone.localDate(of: Self.now).adding(days: -1).description)

        let log = try csv("public-log.csv")
        let searches = try csv("searches-by-day.csv")
        let hits = try csv("hit-dispositions-by-month.csv")
        let months = try csv("monthly-summary.csv")
        let searchMonths = try csv("searches-by-month.csv")
        let agencies = try csv("sharing-agencies.csv")
        // Nothing dated after the moment the publication states.
        #expect(log.allSatisfy { String($0["start_local"]!.prefix(10)) <= asOf })
        #expect(searches.allSatisfy { $0["date"]! <= asOf })
        #expect(hits.allSatisfy { $0["month"]! <= String(asOf.prefix(7)) })

        for key in ["last_30_days", "this_year", "all_time"] {
            let window = try #require(summary[key] as? [String: Any])
            let from = try #require(window["from"] as? String), to = try #require(window["to"] as? String)
            #expect(to == asOf, "\(key) ends on \(to), not on \(asOf)")
            let inWindow = log.filter { (from...to).contains(String($0["start_local"]!.prefix(10))) }
            #expect(window["periods"] as? Int == inWindow.count, "\(key) periods")
            for figure in ["plates", "reads", "stolen", "warrant", "license_suspended_revoked", "active_investigation", "other"] {
                #expect(window[figure] as? Int == sum(inWindow, figure), "\(key) \(figure)")
            }
            let searchesIn = searches.filter { (from...to).contains($0["date"]!) }
            #expect(window["searches"] as? Int == sum(searchesIn, "searches"), "\(key) searches")
            #expect(window["searches_for_other_agencies"] as? Int == sum(searchesIn, "searches") { $0["requested_by"] != "this_agency" },
                    "\(key) searches for other agencies")
        }
        let allTime = try #require(summary["all_time"] as? [String: Any])
        // The data files added up over every month say what all time says.
        #expect(allTime["periods"] as? Int == sum(months, "periods"))
        #expect(allTime["plates"] as? Int == sum(months, "period_plates"))
        #expect(allTime["hit_alerts"] as? Int == sum(hits, "hits"))
        #expect(allTime["hit_alerts_confirmed"] as? Int == sum(hits, "confirmed"))
        #expect(allTime["hit_alerts_checked"] as? Int == sum(hits, "confirmed") + sum(hits, "misread") + sum(hits, "not_current"))
        #expect(allTime["plates_with_hits"] as? Int == sum(months, "period_plates_with_hits"))
        #expect(allTime["searches"] as? Int == sum(searchMonths, "total"))
        #expect(allTime["searches_for_other_agencies"] as? Int == sum(searchMonths, "for_other_agencies"))
        #expect(sum(agencies, "searches") == sum(searches, "searches") { $0["requested_by"] == "named_agency" })

        // The pages: the home page's all-time column and the footer's moment, in both languages.
        for prefix in ["", "es/"] {
            let home = try text(prefix + "index.html")
            let figures = try #require(HTMLTable.all(in: home).first { $0.captionID == "figures-caption" })
            let allTimeColumn = figures.rows.compactMap { $0.cells.last?.number }
            #expect(allTimeColumn.contains(allTime["periods"] as! Int), "\(prefix)index.html all-time periods")
            #expect(allTimeColumn.contains(allTime["searches"] as! Int), "\(prefix)index.html all-time searches")
            for page in htmlFiles(in: Self.sample.appendingPathComponent(prefix.isEmpty ? "." : prefix)) {
                let html = try text(prefix + page)
                guard let footer = html.range(of: "<footer") else { continue }
                for moment in html[footer.lowerBound...].matches(of: /<time datetime="([0-9-]+)">/) {
                    #expect(String(moment.output.1) == asOf, "\(prefix)\(page): the footer dates its figures \(moment.output.1)")
                }
            }
        }
    }

    // MARK: - Reading the output

    private func htmlFiles(in folder: URL) -> [String] {
        let base = folder.standardizedFileURL.path
        let all = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
        return all.filter { $0.hasSuffix(".html") }.sorted()
    }

    /// The body rows of the same table on every page of a paged log (`…/index.html`,
    /// `…/page-2/index.html`, …): a total below one page is of them all.
    private func pagedRows(of page: String, caption table: HTMLTable) -> [HTMLTable.Row] {
        var folder = (page as NSString).deletingLastPathComponent
        if (folder as NSString).lastPathComponent.hasPrefix("page-") { folder = (folder as NSString).deletingLastPathComponent }
        var rows: [HTMLTable.Row] = []
        var number = 1
        while true {
            let path = number == 1 ? "\(folder)/index.html" : "\(folder)/page-\(number)/index.html"
            guard let html = try? String(contentsOf: Self.sample.appendingPathComponent(path), encoding: .utf8) else { break }
            rows += HTMLTable.all(in: html).filter { $0.captionID == table.captionID }.flatMap { $0.rows.filter { $0.section == .body } }
            number += 1
        }
        return rows
    }
}

/// A table of the generator's own HTML, read with patterns (its markup is regular): its rows by
/// section, each cell's text, and a cell spanning columns repeated in each.
struct HTMLTable {
    enum Section { case head, body, foot }

    struct Cell {
        let text: String
        /// A cell of figures (`class="num"`, or `unknown` for figures not recorded), not a name or a date.
        let isFigure: Bool
        /// The number the cell shows; nil for a share (`%`), a word or a dash.
        var number: Int? {
            guard !text.contains("%"), let match = text.firstMatch(of: /[0-9][0-9,.\u{00A0}\u{202F}]*/) else { return nil }
            return Int(match.output.filter(\.isNumber))
        }
        /// A number that counts only the known part of its span ("at least", "≥").
        var isLowerBound: Bool {
            guard let match = text.firstMatch(of: /[0-9]/) else { return false }
            return text[..<match.range.lowerBound].contains { $0.isLetter || $0 == "≥" }
        }
        /// A figure not recorded at all (no number, not a dash).
        var isUnknown: Bool { number == nil && !text.contains("%") && text.contains { $0.isLetter } }
    }

    struct Row {
        let section: Section
        /// The row's `class` words: `total` (a total inside a body), `sub` (a part of the row
        /// above), `group` (a heading), `all-pages` (a total of every page of a paged table).
        let classes: Set<String>
        let cells: [Cell]
        /// Starts a new `<tbody>`: a total inside a body adds up its own body only.
        let body: Int

        var isTotal: Bool { section == .foot || classes.contains("total") }
    }

    let captionID: String
    let caption: String
    let rows: [Row]

    static func all(in html: String) -> [HTMLTable] {
        html.matches(of: /(?s)<table[^>]*>(.*?)<\/table>/).map { HTMLTable(String($0.output.1)) }
    }

    private init(_ inner: String) {
        let caption = inner.firstMatch(of: /(?s)<caption(?: id="([^"]*)")?[^>]*>(.*?)<\/caption>/)
        captionID = caption.flatMap { $0.output.1.map(String.init) } ?? ""
        self.caption = caption.map { Self.text(String($0.output.2)) } ?? ""
        var rows: [Row] = []
        var body = 0
        for section in inner.matches(of: /(?s)<(thead|tbody|tfoot)[^>]*>(.*?)<\/\1>/) {
            let kind: Section = section.output.1 == "thead" ? .head : section.output.1 == "tbody" ? .body : .foot
            body += 1
            for row in section.output.2.matches(of: /(?s)<tr([^>]*)>(.*?)<\/tr>/) {
                let classes = row.output.1.firstMatch(of: /class="([^"]*)"/).map { Set($0.output.1.split(separator: " ").map(String.init)) } ?? []
                var cells: [Cell] = []
                for cell in row.output.2.matches(of: /(?s)<t[hd]([^>]*)>(.*?)<\/t[hd]>/) {
                    let span = cell.output.1.firstMatch(of: /colspan="([0-9]+)"/).flatMap { Int($0.output.1) } ?? 1
                    let classes = cell.output.1.firstMatch(of: /class="([^"]*)"/).map { $0.output.1.split(separator: " ") } ?? []
                    let figure = classes.contains("num") || classes.contains("unknown")
                    cells += Array(repeating: Cell(text: Self.text(String(cell.output.2)), isFigure: figure), count: span)
                }
                rows.append(Row(section: kind, classes: classes, cells: cells, body: body))
            }
        }
        self.rows = rows
    }

    private static func text(_ html: String) -> String {
        html.replacing(/<[^>]+>/, with: " ").replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Checks each total of the table against its parts, column by column (the first column
    /// names the row): a `<tfoot>` row adds up every body row but headings and sub-rows; a
    /// `total` row in a body adds up its body's other rows; sub-rows add up to the row above
    /// them. A part with a lower bound or not recorded makes the total a lower bound.
    func checkTotals(allPages: () -> [Row]) -> (checked: Int, differences: [String]) {
        var checked = 0
        var differences: [String] = []
        func isPart(_ row: Row) -> Bool { row.section == .body && !row.isTotal && !row.classes.contains("sub") && !row.classes.contains("group") }
        func compare(_ total: Row, _ parts: [Row], _ what: String) {
            guard !parts.isEmpty else { return }
            for column in total.cells.indices.dropFirst() {
                let cells = parts.compactMap { $0.cells.indices.contains(column) ? $0.cells[column] : nil }.filter(\.isFigure)
                guard total.cells[column].isFigure, let shown = total.cells[column].number, cells.contains(where: { $0.number != nil }) else { continue }
                let sum = cells.reduce(0) { $0 + ($1.number ?? 0) }
                let bound = cells.contains { $0.isLowerBound || $0.isUnknown }
                checked += 1
                if shown != sum || bound != total.cells[column].isLowerBound {
                    differences.append("\(what) “\(total.cells[0].text)”, column \(column + 1): shows “\(total.cells[column].text)”, its parts add up to \(bound ? "at least " : "")\(sum)")
                }
            }
        }
        for (index, row) in rows.enumerated() {
            if row.section == .foot {
                compare(row, row.classes.contains("all-pages") ? allPages().filter(isPart) : rows.filter(isPart), "total row")
            } else if row.classes.contains("total") {
                compare(row, rows.filter { $0.body == row.body && isPart($0) }, "total row")
            } else if row.section == .body, !row.classes.contains("sub"), rows.indices.contains(index + 1), rows[index + 1].classes.contains("sub") {
                let subs = rows[(index + 1)...].prefix { $0.classes.contains("sub") }
                compare(row, Array(subs), "row")
            }
        }
        return (checked, differences)
    }
}
