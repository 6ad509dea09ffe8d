import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Issue 26 item 3: the printed council report answers the council's questions, each figure
/// checked against the data files the portal publishes beside it, and every link written out.
@Suite("The council report")
struct CouncilReportTests {
    static var sample: URL { SamplePortal.output }
    static func text(_ path: String) throws -> String { try SamplePortal.text(path) }
    static func csv(_ name: String) throws -> [[String: String]] { try SamplePortal.csv(name) }

    static func table(_ captionID: String, in page: String) throws -> HTMLTable {
        try #require(HTMLTable.all(in: try text(page)).first { $0.captionID == captionID }, "\(page) has no table \(captionID)")
    }

    /// The row of `table` whose first cell is `label`, as numbers, one per column after it.
    static func numbers(_ table: HTMLTable, _ label: String) -> [Int?]? {
        table.rows.first { $0.cells.first?.text.hasPrefix(label) == true }.map { $0.cells.dropFirst().map(\.number) }
    }

    @Test func itListsTheAgenciesTheDataAreSharedWithAndTheSearchesMadeForEach() throws {
        let agencies = try Self.table("report-agencies-caption", in: "report/index.html")
        let published = try Self.csv("sharing-agencies.csv")
        #expect(!published.isEmpty)
        for agency in published {
            let row = try #require(agencies.rows.first { $0.cells.first?.text == agency["name"] }, "\(agency["name"]!) is not in the report")
            // Agency, where, agreement, searches made for it, the last 30 days.
            #expect(row.cells[3].number == Int(agency["searches"]!), "\(agency["name"]!): searches")
        }
    }

    @Test func itGivesTheSearchPurposesAndWhatHitAlertsTurnedOutToBe() throws {
        let searches = try Self.csv("searches-by-day.csv")
        let purposes = try Self.table("report-purposes-caption", in: "report/index.html")
        for (purpose, label) in [("criminal_investigation", "Criminal investigation"), ("missing_person", "Missing person"),
                                 ("amber_alert", "AMBER alert"), ("audit", "Audit"), ("other", "Other")] {
            let allTime = searches.filter { $0["purpose"] == purpose }.reduce(0) { $0 + Int($1["searches"]!)! }
            #expect(Self.numbers(purposes, label)?.last == allTime, "\(purpose): all time")
        }
        let hits = try Self.csv("hit-dispositions-by-month.csv")
        let dispositions = try Self.table("report-hits-caption", in: "report/index.html")
        for (column, label) in [("confirmed", "Confirmed by an officer"), ("misread", "Misread plate"),
                                ("not_current", "Record no longer current"), ("no_action", "No action taken"), ("pending", "Not yet checked")] {
            #expect(Self.numbers(dispositions, label)?.last == hits.reduce(0) { $0 + Int($1[column]!)! }, "\(column): all time")
        }
        #expect(Self.numbers(dispositions, "Hit alerts")?.last == hits.reduce(0) { $0 + Int($1["hits"]!)! })
    }

    @Test func itShowsTheLastThirteenMonthsAtMost() throws {
        let months = try Self.table("report-months-caption", in: "report/index.html")
        let published = try Self.csv("monthly-summary.csv")
        let body = months.rows.filter { $0.section == .body }
        #expect(body.count == min(13, published.count))
        // Each month's times used, as the monthly summary counts them, newest first.
        for (row, month) in zip(body, published.reversed()) {
            #expect(row.cells[1].number == Int(month["periods"]!), "\(month["month"]!)")
        }
    }

    @Test func itListsEveryReaderInService() throws {
        let readers = try Self.table("report-readers-caption", in: "report/index.html")
        let inService = try Self.csv("readers.csv").filter { $0["decommissioned_on"]!.isEmpty }
        #expect(!inService.isEmpty)
        let names = Set(readers.rows.filter { $0.section == .body }.compactMap { $0.cells.first?.text })
        for reader in inService {
            #expect(names.contains { $0.hasPrefix(reader["reader_label"]!) }, "\(reader["reader_label"]!) is not listed")
        }
        // The sample's security-information placement is named only as withheld, never where.
        let html = try Self.text("report/index.html")
        #expect(!html.contains("Public Works yard"))
        #expect(html.contains("Location not published (security information)"))
    }

    /// Without base_url, every link of the report still prints an address: its path on the portal.
    @Test func everyLinkPrintsItsAddressAndCheckAsksForBaseURL() throws {
        let html = try Self.text("report/index.html")
        let start = try #require(html.range(of: "<article class=\"report\"")).lowerBound
        let end = try #require(html.range(of: "</article>", range: start..<html.endIndex)).upperBound
        let article = html[start..<end]
        let links = article.matches(of: /<a href="\.\.\/([^"]*)">[^<]*<\/a>(:? ?[^<]*)/)
        #expect(links.count >= 4, "the report links to the audit, the policy, the searches and the locations")
        for link in links {
            #expect(String(link.output.2).contains("/" + link.output.1), "the link to \(link.output.1) prints no address")
        }
        #expect(!html.contains("beside the same dates of last year"), "the sample has one year: there is no last year to set beside")
        let site = SiteFixture()
        FixtureDatabase(path: site.databasePath).close()
        let warnings = try SiteBuilder(options: site.options(now: "2024-11-20T18:00:00Z")).check()
        #expect(warnings.contains { $0.contains("base_url") && $0.contains("council report") })
    }

    @Test(.enabled(if: BrowserLayoutTests.chromium != nil || Tool.requiredInCI, "chromium is not installed"))
    func itPrintsOnAtMostThreeLetterSheetsInEachLanguage() throws {
        let chromium = try #require(BrowserLayoutTests.chromium)
        for page in ["report/index.html", "es/report/index.html"] {
            let pdf = temporaryFolder("report-pdf").appendingPathComponent("report.pdf")
            _ = try Tool.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                        "--print-to-pdf=\(pdf.path)", Self.sample.appendingPathComponent(page).absoluteString])
            let data = try Data(contentsOf: pdf)
            // Each sheet is one `/Type /Page` object of the PDF (not `/Pages`, the tree above them).
            let sheets = String(decoding: data, as: UTF8.self).matches(of: /\/Type\s*\/Page[^s]/).count
            #expect(sheets >= 1 && sheets <= 3, "\(page) prints on \(sheets) sheets")
        }
    }
}
