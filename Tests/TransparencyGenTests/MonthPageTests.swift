import Foundation
import Testing
import TestSupport
@testable import TransparencyGen

/// A month's page opens with one row per reader (times used, plates, hits by kind, its places and
/// the databases in words), before the period-by-period rows.
@Suite("Month pages open with their readers")
struct MonthPageTests {
    let now = "2024-11-20T18:00:00Z"

    func site(secondSource: Bool) throws -> SiteFixture {
        let site = SiteFixture()
        let db = FixtureDatabase(path: site.databasePath)
        db.source("bca", "Minnesota Hot File")
        if secondSource { db.source("local", "City Hot List", jurisdiction: "local", from: "2024-11-08") }
        db.reader("FX-1", kind: "fixed", label: "Camera One")
        db.reader("SQ-1", kind: "mobile", label: "Squad 1")
        db.location("FX-1", "Main St at 1st Ave", placedOn: "2024-01-01", removedOn: "2024-11-04")
        db.location("FX-1", "Oak Ave at 9th St", placedOn: "2024-11-05")
        // Camera One: two days, 3 and 2 distinct plates (one plate twice on the first day), one warrant hit.
        db.period("FX-1", "2024-11-03T06:00:00Z", "2024-11-04T05:59:59Z")
        db.period("FX-1", "2024-11-06T06:00:00Z", "2024-11-07T05:59:59Z")
        for (at, plate) in [("2024-11-03T12:00:00Z", "AAA111"), ("2024-11-03T13:00:00Z", "BBB222"), ("2024-11-03T14:00:00Z", "AAA111"),
                            ("2024-11-03T15:00:00Z", "CCC333"), ("2024-11-06T12:00:00Z", "AAA111"), ("2024-11-06T13:00:00Z", "DDD444")] {
            let read = db.read("FX-1", at, plate: plate)
            if plate == "DDD444" { db.hit(read, "warrant") }
        }
        // Squad 1: three shifts, one plate each.
        for day in 10...12 {
            db.period("SQ-1", "2024-11-\(day)T14:00:00Z", "2024-11-\(day)T22:00:00Z")
            db.read("SQ-1", "2024-11-\(day)T15:00:00Z", plate: "SQ\(day)")
        }
        db.close()
        try site.build(now: now)
        return site
    }

    /// The cells of the summary table's row for `reader`, in order.
    func summaryRow(_ page: String, _ reader: String) throws -> String {
        let table = try #require(page.range(of: "<caption id=\"readers-caption\">").map { page[$0.upperBound...] })
        let end = try #require(table.range(of: "</table>"))
        let row = try #require(table[..<end.lowerBound].range(of: ">\(reader)</a>"))
        let rest = table[row.upperBound...]
        return String(rest[..<(rest.range(of: "</tr>")?.lowerBound ?? rest.endIndex)])
    }

    @Test func oneRowPerReaderWithItsSumsPlacesAndTimesUsed() throws {
        let site = try site(secondSource: false)
        let page = try #require(site.outputText("log/2024-11/index.html"))
        let camera = try summaryRow(page, "Camera One")
        #expect(camera.contains("<td class=\"location\">Main St at 1st Ave; Oak Ave at 9th St</td>"))
        #expect(camera.contains("data-label=\"Times used\">2</td>"))
        #expect(camera.contains("data-label=\"Plates\">5</td>"))        // 3 + 2
        #expect(camera.contains("data-label=\"Warrant\">1</td>"))
        let squad = try summaryRow(page, "Squad 1")
        #expect(squad.contains("data-label=\"Times used\">3</td>") && squad.contains("data-label=\"Plates\">3</td>"))
        // The summary comes before the period-by-period rows.
        let summary = try #require(page.range(of: "id=\"readers-heading\""))
        let periods = try #require(page.range(of: "id=\"periods-heading\""))
        #expect(summary.lowerBound < periods.lowerBound)
        // Every reader was checked against the one database: said once, in words, under the table.
        #expect(page.contains("Every reader’s plates were checked against: Minnesota Hot File."))
        #expect(!page.contains("data-label=\"Checked against\""))
    }

    @Test func differentDatabasesAreNamedInWordsOnEachReadersRow() throws {
        let site = try site(secondSource: true)
        let page = try #require(site.outputText("log/2024-11/index.html"))
        // The city list came into use on November 8, after both of Camera One's days and before the squad's shifts.
        #expect(try summaryRow(page, "Camera One").contains("data-label=\"Checked against\">Minnesota Hot File</td>"))
        #expect(try summaryRow(page, "Squad 1").contains("data-label=\"Checked against\">City Hot List; Minnesota Hot File</td>"))
    }
}
