import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

@Suite("End to end: a hostile operational database builds into the spec's portal")
struct EndToEndTests {
    /// The hostile database and the portal built from it. The tests that only read it share one
    /// build (Swift Testing makes a suite value per test: 13 builds, where one will do); the two
    /// that build again make their own.
    final class Built: @unchecked Sendable {
        let site = SiteFixture()
        let fixture: HostileFixture

        init() throws {
            fixture = HostileFixture(path: site.databasePath)
            try site.build(now: fixture.now)
        }
    }

    nonisolated(unsafe) static var shared: Result<Built, any Error> = Result { try Built() }

    let site: SiteFixture
    let fixture: HostileFixture

    init() throws {
        let built = try Self.shared.get()
        (site, fixture) = (built.site, built.fixture)
    }

    @Test func publicLogCSVMatchesTheSpecExactly() throws {
        let rows = parseCSV(try #require(site.outputText("data/public-log.csv")))
        #expect(rows.first == ["period_id", "reader_id", "reader_label", "reader_kind", "operator", "location", "start_local",
                               "end_local", "plates", "reads", "stolen", "warrant", "license_suspended_revoked",
                               "active_investigation", "other", "databases_compared"])
        #expect(rows.count - 1 == fixture.expectedLog.count)
        for (actual, expected) in zip(rows.dropFirst(), fixture.expectedLog) {
            #expect(actual == expected)
        }
        // The fixture really exercises the rules: unknown counts, withheld and moved locations, hits.
        #expect(fixture.expectedLog.contains { $0[8] == "" })
        #expect(fixture.expectedLog.contains { $0[5] == HostileFixture.hostileLocation })
        #expect(fixture.expectedLog.contains { $0[5] == "Second place" })
        #expect(fixture.expectedLog.contains { ($0[10...14].compactMap { Int($0) }.reduce(0, +)) > 0 })
        #expect(fixture.expectedLog.contains { $0[6].hasSuffix("-05:00") } && fixture.expectedLog.contains { $0[6].hasSuffix("-06:00") })
    }

    @Test func csvIsRFC4180WithCRLFAndNoBOM() throws {
        let data = try #require(site.outputFiles()["data/public-log.csv"])
        #expect(!data.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.hasSuffix("\r\n"))
        // The hostile label is quoted with its quotes doubled, never HTML-escaped.
        #expect(text.contains("\"<script>alert(\"\"label\"\")</script> Cam, \"\"North\"\" & 'South'\""))
        #expect(!text.contains("&lt;"))
    }

    @Test func fixedLocationsCSVMatchesTheSpecExactly() throws {
        let rows = parseCSV(try #require(site.outputText("data/fixed-locations.csv")))
        #expect(rows.first == ["reader_id", "reader_label", "description", "direction", "latitude", "longitude", "placed_on",
                               "removed_on", "status"])
        #expect(Array(rows.dropFirst()) == fixture.expectedLocations)
    }

    @Test func auditsCSVMatchesTheSpecExactly() throws {
        let rows = parseCSV(try #require(site.outputText("data/audits.csv")))
        #expect(rows == [
            ["audit_id", "auditor", "period_start", "period_end", "completed_on", "submitted_on", "outcome", "findings",
             "noncompliant_findings"],
            ["2024-audit", "Independent Auditor, LLC", "2022-08-01", "2024-07-31", "2024-10-18", "2024-11-08", "compliant", "2", "1"],
        ])
    }

    @Test func accountabilityCSVsCountSearchesAndHitsWithoutNames() throws {
        let searches = parseCSV(try #require(site.outputText("data/searches-by-month.csv")))
        #expect(searches == [
            ["month", "criminal_investigation", "missing_person", "amber_alert", "audit", "other", "total", "for_other_agencies"],
            ["2024-11", "1", "0", "0", "0", "0", "1", "1"],
        ])
        let hits = parseCSV(try #require(site.outputText("data/hit-dispositions-by-month.csv")))
        #expect(hits.first == ["month", "hits", "confirmed", "misread", "not_current", "no_action", "pending", "days_not_recorded"])
        let byMonth = Dictionary(uniqueKeysWithValues: hits.dropFirst().map { ($0[0], $0) })
        // August and September 1-21 are before the first live day and no ledger saw them.
        #expect(byMonth["2024-08"]?[7] == "31")
        #expect(byMonth["2024-09"]?[7] == "21")
        let november = try #require(byMonth["2024-11"])
        #expect(Int(november[1]) == fixture.expectedHitsByMonth["2024-11"])
        #expect(november[2] == november[1])  // every fixture hit is confirmed
        #expect((fixture.expectedHitsByMonth["2024-11"] ?? 0) > 0)
    }

    @Test func summaryJSONAddsUpTheLast30DaysThisYearAndAllTime() throws {
        let data = try #require(site.outputFiles()["data/summary.json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // Today is 2024-11-20 in Chicago. Every window ends yesterday; all time starts at the log's first local date.
        let firstDay = try #require(fixture.expectedLog.map { String($0[6].prefix(10)) }.min())
        #expect(firstDay == "2024-08-01")
        let windows = [("last_30_days", "2024-10-21"), ("this_year", "2024-01-01"), ("all_time", firstDay)]
        for (key, from) in windows {
            let window = try #require(summary[key] as? [String: Any], "\(key) missing")
            #expect(window["from"] as? String == from, "\(key)")
            #expect(window["to"] as? String == "2024-11-19", "\(key)")
            let rows = fixture.expectedLog.filter { (from..."2024-11-19").contains(String($0[6].prefix(10))) }
            func sum(_ column: Int) -> Int { rows.compactMap { Int($0[column]) }.reduce(0, +) }
            #expect(window["periods"] as? Int == rows.count, "\(key)")
            #expect(window["periods_not_recorded"] as? Int == rows.filter { $0[8].isEmpty }.count, "\(key)")
            #expect(window["plates"] as? Int == sum(8), "\(key)")
            #expect(window["reads"] as? Int == sum(9), "\(key)")
            #expect(window["stolen"] as? Int == sum(10), "\(key)")
            #expect(window["warrant"] as? Int == sum(11), "\(key)")
            #expect(window["license_suspended_revoked"] as? Int == sum(12), "\(key)")
            #expect(window["active_investigation"] as? Int == sum(13), "\(key)")
            #expect(window["other"] as? Int == sum(14), "\(key)")
            let hits = fixture.expectedHitsByDay.filter { (from..."2024-11-19").contains($0.key) }.values.reduce(0, +)
            #expect(window["hit_alerts"] as? Int == hits, "\(key)")
            // Every fixture hit is confirmed, so all are checked and all confirmed.
            #expect(window["hit_alerts_checked"] as? Int == hits, "\(key)")
            #expect(window["hit_alerts_confirmed"] as? Int == hits, "\(key)")
            #expect(window["searches"] as? Int == 1, "\(key)")
            #expect(window["searches_for_other_agencies"] as? Int == 1, "\(key)")
        }
        // The fixture's open period has hits today: a window that wrongly included today would differ.
        #expect((fixture.expectedHitsByDay["2024-11-20"] ?? 0) > 0)
        #expect(summary["next_audit_due"] as? String == "2026-10-18")
        #expect(summary["agency"] as? String == "Test Police Department")
    }

    @Test func trendChartsDescribeTheSameMonthlyNumbersAsTheLog() throws {
        let page = try #require(site.outputText("log/index.html"))
        func description(_ id: String) throws -> String {
            let start = try #require(page.range(of: "<desc id=\"\(id)-desc\">"), "no chart \(id)")
            let end = try #require(page.range(of: "</desc>", range: start.upperBound..<page.endIndex))
            return String(page[start.upperBound..<end.lowerBound])
        }
        // Month sums from the brute-force rows: November 2024 and August 2024 (columns 8, 10-13 of the CSV).
        for (month, label) in [("2024-11", "November 2024"), ("2024-08", "August 2024")] {
            let rows = fixture.expectedLog.filter { $0[6].hasPrefix(month) }
            func sum(_ column: Int) -> Int { rows.compactMap { Int($0[column]) }.reduce(0, +) }
            // August's only period was destroyed before any build recorded it: every chart says so.
            let unrecorded = rows.allSatisfy { $0[8].isEmpty }
            #expect(unrecorded == (month == "2024-08"))
            func grouped(_ n: Int) -> String {
                unrecorded ? "not recorded" : n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
            }
            #expect(try description("chart-plates").contains("\(label) \(grouped(sum(8)))"), "\(label) plates")
            #expect(try description("chart-stolen").contains("\(label) \(grouped(sum(10)))"), "\(label) stolen")
            #expect(try description("chart-warrant").contains("\(label) \(grouped(sum(11)))"), "\(label) warrant")
            #expect(try description("chart-license-suspended-revoked").contains("\(label) \(grouped(sum(12)))"), "\(label) license")
            #expect(try description("chart-active-investigation").contains("\(label) \(grouped(sum(13)))"), "\(label) investigation")
            // Each plate once, however many kinds its hits were of (not the kinds added up).
            let hits = rows.compactMap { fixture.expectedPlatesWithHits[$0[0]] }.reduce(0, +)
            #expect(try description("chart-hits").contains("\(label) \(grouped(hits))"), "\(label) hits")
            let plates = sum(8)
            let rate = unrecorded ? "not recorded" : plates == 0 ? "no plates read" : String(format: "%.1f%%", (Double(hits) * 100 / Double(plates) * 10).rounded() / 10)
            #expect(try description("chart-hit-rate").contains("\(label) \(rate)"), "\(label) hit rate \(rate)")
        }
    }

    @Test func noPrivateValueAppearsInAnyOutputFile() throws {
        let files = site.outputFiles()
        #expect(files.count > 20)
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let text = String(decoding: data, as: UTF8.self)
            for canary in HostileFixture.canaries {
                #expect(!text.contains(canary), "\(canary) leaked into \(path)")
            }
        }
    }

    @Test func hostileTextIsEscapedInEveryPage() throws {
        let pages = site.outputFiles().filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 10)
        var sawEscapedLabel = false
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            #expect(!withoutDataBlocks(html).contains("<script"), "raw script in \(path)")
            #expect(!html.contains("<img src=x"), "raw img in \(path)")
            #expect(!html.contains("<b>List</b>"), "raw markup in \(path)")
            if html.contains("&lt;script&gt;alert(") { sawEscapedLabel = true }
        }
        #expect(sawEscapedLabel)
    }

    @Test func everyRequiredPageExists() {
        let files = site.outputFiles()
        for page in ["index.html", "log/index.html", "locations/index.html", "policy/index.html", "audits/index.html",
                     "data/index.html", "audits/2024-audit/index.html", "log/2024-11/index.html", "log/2024-08/index.html",
                     "data/fixed-locations.geojson", "assets/style.css"] {
            #expect(files[page] != nil, "missing \(page)")
        }
        #expect(files.keys.contains { $0.hasPrefix("log/readers/fx-1/") })
    }

    @Test func unknownFiguresAreSaidPlainly() throws {
        let august = try #require(site.outputText("log/2024-08/index.html"))
        #expect(august.contains("Not recorded"))
        #expect(august.contains("not zero"))
    }

    @Test func theOperationalDatabaseIsUnchangedByTheBuild() throws {
        let own = try Built()
        let before = try #require(fileBytes(own.site.databasePath))
        try own.site.build(now: own.fixture.now)
        #expect(fileBytes(own.site.databasePath) == before)
    }

    @Test func twoBuildsOfTheSameInputsAreByteIdentical() throws {
        let own = try Built()
        let first = own.site.outputFiles()
        try own.site.build(now: own.fixture.now)
        #expect(own.site.outputFiles() == first)
    }
}
