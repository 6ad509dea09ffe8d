import Testing
@testable import PublicLog
import TestSupport

/// Each rule of the spec's "Aggregation semantics", on a database small enough that the
/// expected figures are counted by hand in each test.
@Suite("Aggregation semantics")
struct AggregationTests {
    let now = "2024-06-30T12:00:00Z"

    @Test func readExactlyAtStartCountsAndExactlyAtEndDoesNot() throws {
        let db = TemporaryDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            f.period("SQ-1", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z", id: 1)
            f.read("SQ-1", "2024-06-10T11:59:59Z", plate: "BEFORE1")
            f.read("SQ-1", "2024-06-10T12:00:00Z", plate: "AT-START")
            f.read("SQ-1", "2024-06-10T19:59:59Z", plate: "LAST")
            f.read("SQ-1", "2024-06-10T20:00:00Z", plate: "AT-END")
        }
        let entry = try #require(try db.log(now: now).first)
        #expect(entry.figures?[.reads] == 2)
        #expect(entry.figures?[.plates] == 2)
    }

    @Test func aPlateIsStateAndNumberComparedExactly() throws {
        let db = TemporaryDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            f.period("SQ-1", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z")
            f.read("SQ-1", "2024-06-10T12:01:00Z", plate: "ABC123", state: "MN")
            f.read("SQ-1", "2024-06-10T12:02:00Z", plate: "ABC123", state: "MN")  // same plate again
            f.read("SQ-1", "2024-06-10T12:03:00Z", plate: "ABC123", state: "WI")  // another state
            f.read("SQ-1", "2024-06-10T12:04:00Z", plate: "abc123", state: "MN")  // case differs
            f.read("SQ-1", "2024-06-10T12:05:00Z", plate: "ABC123", state: nil)   // no state ...
            f.read("SQ-1", "2024-06-10T12:06:00Z", plate: "ABC123", state: "")    // ... is the same as empty
        }
        let figures = try #require(try db.log(now: now).first?.figures)
        #expect(figures[.reads] == 6)
        #expect(figures[.plates] == 4)
    }

    @Test func hitCategoriesCountDistinctPlatesAndAPlateInTwoCountsInBoth() throws {
        let db = TemporaryDatabase { f in
            f.reader("FX-1", kind: "fixed")
            f.source("bca", "Minnesota License Plate Data File (BCA)")
            f.period("FX-1", "2024-06-10T05:00:00Z", "2024-06-11T05:00:00Z")
            let a1 = f.read("FX-1", "2024-06-10T06:00:00Z", plate: "A")
            let a2 = f.read("FX-1", "2024-06-10T07:00:00Z", plate: "A")
            f.hit(a1, "stolen_vehicle")
            f.hit(a2, "stolen_plate")       // same plate, same statutory category: once
            f.hit(a2, "warrant")            // and a second category: counts there too
            let b = f.read("FX-1", "2024-06-10T08:00:00Z", plate: "B")
            f.hit(b, "license_status")
            f.hit(b, "license_status")
            let c = f.read("FX-1", "2024-06-10T09:00:00Z", plate: "C")
            f.hit(c, "active_investigation")
            let d = f.read("FX-1", "2024-06-10T10:00:00Z", plate: "D")
            f.hit(d, "missing_person")
            let e = f.read("FX-1", "2024-06-10T11:00:00Z", plate: "E")
            f.hit(e, "amber_alert")
            f.hit(e, "other")
            f.read("FX-1", "2024-06-10T12:00:00Z", plate: "F")
        }
        let figures = try #require(try db.log(now: now).first?.figures)
        // Plates with hits of the four kinds the law lists: A (two kinds, once), B and C; D and E are other lists only.
        #expect(figures == PeriodFigures([.plates: 6, .reads: 7, .stolen: 1, .warrant: 1, .licenseSuspendedRevoked: 1, .activeInvestigation: 1, .other: 2,
                                          .platesWithHits: 3]))
    }

    @Test func readsBelongOnlyToTheirOwnReadersPeriods() throws {
        let db = TemporaryDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            f.reader("SQ-2", kind: "mobile")
            f.period("SQ-1", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z")
            f.read("SQ-1", "2024-06-10T13:00:00Z", plate: "MINE")
            f.read("SQ-2", "2024-06-10T13:00:00Z", plate: "OTHER")
        }
        #expect(try db.log(now: now).first?.figures?[.reads] == 1)
        #expect(try db.open().unloggedReadCount() == 1)
    }

    @Test func daylightSavingDaysOf23And25Hours() throws {
        let db = TemporaryDatabase { f in
            f.reader("FX-1", kind: "fixed")
            // Local days 2024-03-10 (23 h) and 2024-11-03 (25 h) in Chicago.
            f.period("FX-1", "2024-03-10T06:00:00Z", "2024-03-11T05:00:00Z", id: 1)
            f.period("FX-1", "2024-11-03T05:00:00Z", "2024-11-04T06:00:00Z", id: 2)
            f.read("FX-1", "2024-03-11T04:59:59Z", plate: "LATE-SPRING")   // 23:59:59 CDT, in
            f.read("FX-1", "2024-03-11T05:00:00Z", plate: "NEXT-DAY")      // next local day, out
            f.read("FX-1", "2024-11-03T06:30:00Z", plate: "FIRST-0130")    // 01:30 CDT
            f.read("FX-1", "2024-11-03T07:30:00Z", plate: "SECOND-0130")   // 01:30 CST
            f.read("FX-1", "2024-11-04T05:59:59Z", plate: "LATE-FALL")     // 23:59:59 CST, in
        }
        let log = try db.log(now: "2024-11-20T00:00:00Z", retentionDays: 60)
        let spring = try #require(log.first { $0.periodID == 1 })
        let fall = try #require(log.first { $0.periodID == 2 })
        #expect(spring.startLocal == "2024-03-10T00:00:00-06:00")
        #expect(spring.endLocal == "2024-03-11T00:00:00-05:00")
        #expect(spring.durationSeconds == 23 * 3600)
        #expect(fall.startLocal == "2024-11-03T00:00:00-05:00")
        #expect(fall.endLocal == "2024-11-04T00:00:00-06:00")
        #expect(fall.durationSeconds == 25 * 3600)
        #expect(fall.figures?[.reads] == 3)
        // The spring period started before the horizon (2024-09-21): unknown, never zero.
        #expect(spring.figures == nil)
        #expect(spring.provenance == .unknown)
    }

    @Test func periodsAcrossMidnightSpanTwoLocalDates() throws {
        let db = TemporaryDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            f.source("bca", "BCA hot file", from: "2020-01-01")
            // A source that starts on the period's local end date overlaps it.
            f.source("late", "Starts on the end date", from: "2024-06-11")
            f.source("gone", "Ended the day before", from: "2020-01-01", until: "2024-06-09")
            f.source("edge", "Ends on the start date", from: "2020-01-01", until: "2024-06-10")
            // 17:00 CDT on June 10 to 03:00 CDT on June 11.
            f.period("SQ-1", "2024-06-10T22:00:00Z", "2024-06-11T08:00:00Z")
            f.read("SQ-1", "2024-06-11T05:30:00Z", plate: "AFTER-MIDNIGHT")
        }
        let entry = try #require(try db.log(now: now).first)
        #expect(entry.startDate.description == "2024-06-10")
        #expect(entry.endDate.description == "2024-06-11")
        #expect(entry.startLocal == "2024-06-10T17:00:00-05:00")
        #expect(entry.endLocal == "2024-06-11T03:00:00-05:00")
        #expect(entry.figures?[.reads] == 1)
        #expect(entry.databasesComparedText == "BCA hot file; Ends on the start date; Starts on the end date")
    }

    @Test func databasesAreSortedByCodePointAndNonPublicOnesNeverNamed() throws {
        let db = TemporaryDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            f.source("b", "b-lowercase")
            f.source("z", "Zeta")
            f.source("a", "Alpha")
            f.source("secret", "Secret Watch List", isPublic: false)
            f.period("SQ-1", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z")
        }
        let entry = try #require(try db.log(now: now).first)
        #expect(entry.databasesCompared == ["Alpha", "Zeta", "b-lowercase"])
        #expect(try db.open().publicSources().map(\.name) == ["Alpha", "Zeta", "b-lowercase"])
    }

    @Test func locationIsThePlacementInEffectOnTheLocalStartDate() throws {
        let db = TemporaryDatabase { f in
            f.reader("FX-1", kind: "fixed")
            f.reader("PT-1", kind: "portable")
            f.reader("SQ-1", kind: "mobile")
            f.location("FX-1", "Old corner", placedOn: "2024-01-01", removedOn: "2024-06-10")
            f.location("FX-1", "New corner", placedOn: "2024-06-11")
            f.location("SQ-1", "Squads have no location", placedOn: "2024-01-01")
            // Day of the move: the old place's last date is the 10th.
            f.period("FX-1", "2024-06-10T05:00:00Z", "2024-06-11T05:00:00Z", id: 1)
            f.period("FX-1", "2024-06-11T05:00:00Z", "2024-06-12T05:00:00Z", id: 2)
            // A trailer with no placement at all, and a squad car.
            f.period("PT-1", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z", id: 3)
            f.period("SQ-1", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z", id: 4)
        }
        let log = try db.log(now: now)
        #expect(log.first { $0.periodID == 1 }?.location == "Old corner")
        #expect(log.first { $0.periodID == 2 }?.location == "New corner")
        #expect(log.first { $0.periodID == 3 }?.location == nil)
        #expect(log.first { $0.periodID == 4 }?.location == nil)
    }

    @Test func securityInformationPlacementsAreWithheldWithoutLeakingTheirText() throws {
        let db = TemporaryDatabase { f in
            f.reader("FX-1", kind: "fixed")
            f.location("FX-1", "SECRET-GATE", placedOn: "2024-01-01", direction: "SECRET-DIR",
                       latitude: 45.1, longitude: -93.1, security: true)
            f.period("FX-1", "2024-06-10T05:00:00Z", "2024-06-11T05:00:00Z")
        }
        let opened = try db.open()
        let spans = try opened.placements(knownReaders: ["FX-1"])
        #expect(spans.count == 1)
        #expect(spans[0].placement == nil)
        #expect(!String(describing: spans).contains("SECRET"))
        #expect(try db.log(now: now).first?.location == nil)
    }

    @Test func openPeriodsAreNotPublished() throws {
        let db = TemporaryDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            f.period("SQ-1", "2024-06-29T12:00:00Z", nil)
            f.read("SQ-1", "2024-06-29T13:00:00Z", plate: "OPEN")
        }
        #expect(try db.log(now: now).isEmpty)
        #expect(try db.open().unloggedReadCount() == 0)
    }

    @Test func retentionHorizonFreezesRecordedFiguresAndLeavesOthersUnknown() throws {
        let db = TemporaryDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            f.period("SQ-1", "2024-04-01T12:00:00Z", "2024-04-01T20:00:00Z", id: 1)  // before H, recorded
            f.period("SQ-1", "2024-04-02T12:00:00Z", "2024-04-02T20:00:00Z", id: 2)  // before H, never seen
            f.period("SQ-1", "2024-05-01T12:00:00Z", "2024-05-01T20:00:00Z", id: 3)  // exactly at H
            f.period("SQ-1", "2024-06-01T12:00:00Z", "2024-06-01T20:00:00Z", id: 4)  // inside, no reads
            f.read("SQ-1", "2024-04-01T13:00:00Z", plate: "LEFTOVER")  // a read not yet purged
            f.read("SQ-1", "2024-05-01T13:00:00Z", plate: "LATE-UPLOAD")
        }
        let recorded = PeriodFigures([.plates: 9, .reads: 10, .stolen: 1, .warrant: 0, .licenseSuspendedRevoked: 2, .activeInvestigation: 0, .other: 0])
        // H = 2024-06-30T12:00:00Z minus 60 days = 2024-05-01T12:00:00Z.
        let log = try db.log(now: now) { $0.id == 1 ? recorded : nil }
        #expect(log.first { $0.periodID == 1 }?.figures == recorded)
        #expect(log.first { $0.periodID == 1 }?.provenance == .recorded)
        #expect(log.first { $0.periodID == 2 }?.figures == nil)
        #expect(log.first { $0.periodID == 3 }?.figures?[.reads] == 1)
        #expect(log.first { $0.periodID == 3 }?.provenance == .operational)
        #expect(log.first { $0.periodID == 4 }?.figures == .zero)
    }

    @Test func logIsOrderedByStartThenPeriodID() throws {
        let db = TemporaryDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            f.reader("SQ-2", kind: "mobile")
            f.period("SQ-2", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z", id: 7)
            f.period("SQ-1", "2024-06-10T12:00:00Z", "2024-06-10T21:00:00Z", id: 5)
            f.period("SQ-1", "2024-06-09T12:00:00Z", "2024-06-09T20:00:00Z", id: 9)
        }
        #expect(try db.log(now: now).map(\.periodID) == [9, 5, 7])
    }
}
