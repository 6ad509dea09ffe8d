import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// One figure has one name on the home page, and every rate states its base: the numbers are
/// checked against `summary.json`, the file other tools read.
@Suite("Names and bases on the home page")
struct NamesAndBasesTests {
    @Test func eachFigureHasOneNameAndEveryRateItsBase() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let home = try #require(site.outputText("index.html"))
        let json = try #require(site.outputText("data/summary.json"))
        let recent = try #require(json.split(separator: "\n").first { $0.contains("\"last_30_days\"") }.map(String.init))
        func value(_ key: String) throws -> Int {
            let match = try #require(recent.firstMatch(of: try Regex("\"\(key)\": ([0-9]+)")), "no \(key)")
            return try #require(Int(match.output[1].substring ?? ""))
        }
        func grouped(_ n: Int) -> String { n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))) }

        let platesWithHits = try ["stolen", "warrant", "license_suspended_revoked", "active_investigation"].map(value).reduce(0, +)
        #expect(home.contains("<dt>Plates with hits</dt><dd>\(grouped(platesWithHits))<span class=\"stat-base\">wanted vehicles, warrants, suspended licenses, investigations</span></dd>"))
        let confirmed = try value("hit_alerts_confirmed"), checked = try value("hit_alerts_checked"), alerts = try value("hit_alerts")
        #expect(checked > 0)
        let percent = String(format: "%.1f%%", (Double(confirmed) * 1000 / Double(checked)).rounded() / 10)
        #expect(home.contains("\(percent)<span class=\"stat-base\">\(grouped(confirmed)) of \(grouped(checked)) checked alerts</span>"))
        #expect(home.contains("Of \(grouped(alerts)) hit alerts in the last 30 days, officers checked \(grouped(checked))"))
        // Unqualified "Hits" no longer names two different counts.
        #expect(!home.contains("<dt>Hits"))
        #expect(!home.contains(">Reads<"))
    }
}
