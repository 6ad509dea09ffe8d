import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Issue 26 item 2: "plates with hits" is the number of distinct plates with a hit of the four
/// kinds the law lists, a figure of its own: a plate with hits of two kinds counts once, and a
/// period recorded before the figure existed lacks it alone (unknown, never zero).
@Suite("Plates with hits, each plate once")
struct PlatesWithHitsTests {
    static let now = "2024-11-20T18:00:00Z"

    func rows(_ site: SiteFixture, _ file: String) throws -> [[String: String]] {
        let rows = parseCSV(try #require(site.outputText("data/\(file)")))
        let header = try #require(rows.first)
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    func summary(_ site: SiteFixture) throws -> [String: Any] {
        let text = try #require(site.outputText("data/summary.json"))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aPlateWithHitsOfTwoKindsCountsOnce() throws {
        let site = SiteFixture()
        let db = FixtureDatabase(path: site.databasePath)
        db.source("bca", "Minnesota License Plate Data File (BCA)")
        db.reader("FX-1", kind: "fixed", label: "Camera 1")
        db.location("FX-1", "Main St at 5th Ave", placedOn: "2024-01-01")
        db.period("FX-1", "2024-11-10T06:00:00Z", "2024-11-10T18:00:00Z")
        // Plate A: a stolen plate and a warrant (two kinds); B: another list only; C: a suspended
        // license twice; D: no hit. Plates with hits of the four kinds: A and C.
        db.hit(db.read("FX-1", "2024-11-10T07:00:00Z", plate: "AAA111"), "stolen_plate")
        db.hit(db.read("FX-1", "2024-11-10T08:00:00Z", plate: "AAA111"), "warrant")
        db.hit(db.read("FX-1", "2024-11-10T09:00:00Z", plate: "BBB222"), "other")
        db.hit(db.read("FX-1", "2024-11-10T10:00:00Z", plate: "CCC333"), "license_status")
        db.hit(db.read("FX-1", "2024-11-10T11:00:00Z", plate: "CCC333"), "license_status")
        db.read("FX-1", "2024-11-10T12:00:00Z", plate: "DDD444")
        db.close()
        try site.build(now: Self.now)

        let log = try rows(site, "public-log.csv")
        #expect(log.count == 1)
        #expect(log.first.map { [$0["stolen"], $0["warrant"], $0["license_suspended_revoked"], $0["other"], $0["plates"]] }
                == ["1", "1", "1", "1", "4"])
        // public-log.csv keeps the columns the spec fixes.
        #expect(log.first?["plates_with_hits"] == nil)
        #expect(try rows(site, "monthly-summary.csv").first { $0["month"] == "2024-11" }?["period_plates_with_hits"] == "2")
        let recent = try #require(try summary(site)["last_30_days"] as? [String: Any])
        #expect(recent["plates_with_hits"] as? Int == 2)
        #expect(recent["hit_alerts"] as? Int == 5, "alerts are alerts: five matches of reads with lists")
        let home = try #require(site.outputText("index.html"))
        #expect(home.contains("<tr class=\"distinct\"><th scope=\"row\">Plates with a hit of any of these four kinds (each plate once)</th><td class=\"num\">2</td>"))
        #expect(home.contains("<dt>Plates with hits</dt><dd>2<"))
    }

    @Test func aPeriodRecordedBeforeTheFigureExistedLacksItAlone() throws {
        let site = SiteFixture()
        let db = FixtureDatabase(path: site.databasePath)
        db.reader("FX-1", kind: "fixed", label: "Camera 1")
        db.location("FX-1", "Main St at 5th Ave", placedOn: "2024-01-01")
        // An August period: its reads were destroyed long before the build of November 20.
        let id = db.period("FX-1", "2024-08-01T05:00:00Z", "2024-08-01T17:00:00Z")
        db.close()
        // The ledger of an earlier version recorded it with every figure but plates with hits.
        let start = try #require(Instant(iso: "2024-08-01T05:00:00Z")), end = try #require(Instant(iso: "2024-08-01T17:00:00Z"))
        let day = try #require(LocalDate(iso: "2024-08-01"))
        let reader = Reader(id: "FX-1", kind: .fixed, label: "Camera 1", operator: .agency, installedOn: nil, decommissionedOn: nil, bcaNotifiedOn: nil)
        let recorded: [PeriodFigure: Int] = [.plates: 40, .reads: 45, .stolen: 2, .warrant: 1, .licenseSuspendedRevoked: 3,
                                             .activeInvestigation: 0, .other: 1]
        let ledger = try Ledger(path: site.site.appendingPathComponent("ledger.sqlite").path)
        try ledger.stage([LogEntry(periodID: id, reader: reader, location: "Main St at 5th Ave", startedAt: start, endedAt: end,
                                   startOffsetSeconds: -5 * 3600, endOffsetSeconds: -5 * 3600, startDate: day, endDate: day,
                                   figures: .known { recorded[$0] }, provenance: .operational, databasesCompared: [])],
                         at: start.adding(seconds: 86_400), publication: nil)
        try ledger.commit()

        try site.build(now: Self.now)
        // Its other figures stand, in the public log as recorded.
        let row = try #require(try rows(site, "public-log.csv").first)
        #expect([row["plates"], row["reads"], row["stolen"], row["warrant"], row["license_suspended_revoked"], row["other"]]
                == ["40", "45", "2", "1", "3", "1"])
        // Plates with hits is unknown for it: empty, null and "Not recorded", never 0 or 6.
        #expect(try rows(site, "monthly-summary.csv").first { $0["month"] == "2024-08" }?["period_plates_with_hits"] == "")
        let allTime = try #require(try summary(site)["all_time"] as? [String: Any])
        #expect(allTime["plates"] as? Int == 40)
        #expect(allTime["plates_with_hits"] is NSNull)
        #expect(allTime["plates_with_hits_periods_not_recorded"] as? Int == 1)
        let index = try #require(site.outputText("log/readers/fx-1/index.html"))
        let august = try #require(index.range(of: ">August 2024</a>"))
        let cells = index[august.upperBound...].prefix { $0 != "\n" }
        #expect(cells.contains("data-label=\"Plates read\">40<"))
        #expect(cells.contains("data-label=\"Plates with hits\">Not recorded<"))
    }
}
