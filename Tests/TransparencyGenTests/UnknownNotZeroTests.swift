import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Unknown is never shown as zero: a month whose periods were all destroyed before they were
/// recorded reads "Not recorded" everywhere (tables, charts, their text alternatives, JSON); a
/// partly recorded one is marked as a lower bound with how many periods are missing; a month of
/// periods that read nothing still reads 0.
@Suite("Unknown figures are never zero")
struct UnknownNotZeroTests {
    /// The purge fixture's daily periods (September 22 to November 19, 2024), destroyed before
    /// October 21 and first built on December 20: September is wholly unrecorded, October partly.
    /// Five December periods read nothing at all.
    static func site() throws -> SiteFixture {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        let db = FixtureDatabase(existing: site.databasePath)
        for day in 1...5 {
            db.period("SQ-1", "2024-12-0\(day)T14:00:00Z", "2024-12-0\(day)T20:00:00Z", id: Int64(5000 + day))
        }
        db.close()
        PublishingTests.purge(site.databasePath, before: Instant(iso: PublishingTests.t30)!.adding(seconds: -60 * 86_400))
        try site.build(now: PublishingTests.t30)
        return site
    }

    /// The published log's rows of one local month (YYYY-MM), from the CSV.
    func rows(_ site: SiteFixture, _ month: String) -> [[String]] {
        parseCSV(site.outputText("data/public-log.csv") ?? "").dropFirst().filter { $0[6].hasPrefix(month) }
    }

    func grouped(_ n: Int) -> String { n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))) }

    @Test func monthsReadNotRecordedAtLeastOrZero() throws {
        let site = try Self.site()
        let september = rows(site, "2024-09"), october = rows(site, "2024-10"), december = rows(site, "2024-12")
        #expect(!september.isEmpty && september.allSatisfy { $0[8].isEmpty }, "September is wholly unrecorded")
        let octoberUnknown = october.filter { $0[8].isEmpty }.count
        #expect(octoberUnknown > 0 && octoberUnknown < october.count, "October is partly recorded")
        let octoberPlates = october.compactMap { Int($0[8]) }.reduce(0, +)
        #expect(december.count == 5 && december.allSatisfy { $0[8] == "0" })

        let home = try #require(site.outputText("index.html"))
        func row(_ label: String) throws -> String {
            let start = try #require(home.range(of: ">\(label)</a>"), "no row for \(label)")
            let end = try #require(home.range(of: "</tr>", range: start.upperBound..<home.endIndex))
            return String(home[start.upperBound..<end.lowerBound])
        }
        let septemberRow = try row("September 2024")
        #expect(septemberRow.contains("figures of \(september.count) of \(september.count) periods no longer exist (older than 60 days)"))
        #expect(septemberRow.contains("data-label=\"Plates read\">Not recorded"))
        #expect(!septemberRow.contains(">0<"))
        let octoberRow = try row("October 2024")
        #expect(octoberRow.contains("figures of \(octoberUnknown) of \(october.count) periods no longer exist (older than 60 days)"))
        #expect(octoberRow.contains("data-label=\"Plates read\">at least \(grouped(octoberPlates))<"))
        #expect(try row("December 2024").contains("data-label=\"Plates read\">0<"))

        // The log index's month rows: the figure cells.
        let index = try #require(site.outputText("log/index.html"))
        let septemberIndex = try #require(index.range(of: ">September 2024</a>"))
        let septemberCells = index[septemberIndex.upperBound...].prefix(while: { $0 != "\n" })
        #expect(septemberCells.contains("class=\"unknown\">Not recorded"))
        let octoberIndex = try #require(index.range(of: ">October 2024</a>"))
        #expect(index[octoberIndex.upperBound...].prefix(600).contains("data-label=\"Plates\">at least \(grouped(octoberPlates))"))
    }

    @Test func chartsDrawUnknownAsAnOutlinedSlotAndSaySo() throws {
        let site = try Self.site()
        let october = rows(site, "2024-10")
        let octoberPlates = october.compactMap { Int($0[8]) }.reduce(0, +)
        let home = try #require(site.outputText("index.html"))
        let start = try #require(home.range(of: "<svg class=\"chart\" viewBox=\"0 0 480 "))
        let svg = String(home[start.lowerBound..<(home.range(of: "</svg>", range: start.upperBound..<home.endIndex)?.upperBound ?? home.endIndex)])
        #expect(svg.contains("September 2024 not recorded"))
        #expect(svg.contains("October 2024 at least \(grouped(octoberPlates)) (figures of \(october.filter { $0[8].isEmpty }.count) of \(october.count) periods no longer exist)"))
        #expect(svg.contains("December 2024 0"))
        // September's row is an outlined, labelled shape; December's bar is a real (zero-width) bar labelled 0.
        #expect(svg.contains("<rect class=\"bar-unknown\""))
        #expect(svg.contains("<title>Sep 2024: not recorded</title>"))
        #expect(svg.contains("<title>Dec 2024: 0</title>"))
    }

    @Test func aWhollyUnrecordedSpanIsNullInSummaryJSON() throws {
        // Ten days' retention; every period between 30 and 11 days ago was destroyed unrecorded.
        let site = SiteFixture(config: "agency_name: Test Police Department\nretention_days: 10\n")
        let db = FixtureDatabase(path: site.databasePath)
        db.reader("SQ-1", kind: "mobile")
        let now = Instant(iso: "2024-11-20T18:00:00Z")!
        for day in 12...28 {
            let start = now.adding(seconds: -Int64(day) * 86_400)
            db.period("SQ-1", start.description, start.adding(seconds: 3600).description)
        }
        db.close()
        try site.build(now: now.description)
        let json = try #require(site.outputText("data/summary.json"))
        let line = try #require(json.split(separator: "\n").first { $0.contains("\"last_30_days\"") })
        #expect(line.contains("\"periods\": 17, \"periods_not_recorded\": 17"))
        for figure in PeriodFigure.allCases { #expect(line.contains("\"\(figure.name)\": null"), "\(figure.name)") }
        let home = try #require(site.outputText("index.html"))
        #expect(home.contains("<dt>Plates read</dt><dd>Not recorded</dd>"))
    }
}
