import Testing
@testable import PublicLog

@Suite("Dates, instants and the agency's time zone")
struct TimeTests {
    let chicago = AgencyTimeZone(identifier: "America/Chicago")!

    @Test func parsesOnlyRealDates() {
        #expect(LocalDate(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(LocalDate(iso: "2023-02-29") == nil)
        #expect(LocalDate(iso: "2024-13-01") == nil)
        #expect(LocalDate(iso: "2024-1-01") == nil)
        #expect(LocalDate(iso: "2024-01-01T00:00") == nil)
        #expect(LocalDate(iso: "yesterday") == nil)
    }

    @Test func parsesUTCInstants() {
        // 2024-05-01T13:05:00Z = 1714568700 (date -d 2024-05-01T13:05:00Z +%s)
        #expect(Instant(iso: "2024-05-01T13:05:00Z")?.secondsSinceEpoch == 1_714_568_700)
        // No fractions: `…:00.250Z` sorts before `…:00Z` as text, and reads are compared as text.
        #expect(Instant(iso: "2024-05-01T13:05:00.250Z") == nil)
        #expect(Instant(iso: "2024-05-01T13:05:00") == nil)
        #expect(Instant(iso: "2024-05-01 13:05:00Z") == nil)
        #expect(Instant(iso: "2024-05-01T24:00:00Z") == nil)
        #expect(Instant(secondsSinceEpoch: 1_714_568_700).description == "2024-05-01T13:05:00Z")
    }

    @Test func localTimesCarryTheOffsetInForceAtThatInstant() {
        // 01:30 happens twice on 2024-11-03 in Chicago: first in CDT, then in CST.
        #expect(chicago.localTimestamp(Instant(iso: "2024-11-03T06:30:00Z")!) == "2024-11-03T01:30:00-05:00")
        #expect(chicago.localTimestamp(Instant(iso: "2024-11-03T07:30:00Z")!) == "2024-11-03T01:30:00-06:00")
        #expect(chicago.localTimestamp(Instant(iso: "2024-03-10T08:00:00Z")!) == "2024-03-10T03:00:00-05:00")
        #expect(chicago.localDate(of: Instant(iso: "2024-07-01T04:59:59Z")!).description == "2024-06-30")
        #expect(chicago.localDate(of: Instant(iso: "2024-07-01T05:00:00Z")!).description == "2024-07-01")
    }

    @Test func textsArePaddedToTheirWidthsWhateverTheOffsetOrEra() {
        // Kolkata is 5 h 30 min east of UTC; Chatham Islands 13 h 45 min in its summer.
        let kolkata = AgencyTimeZone(identifier: "Asia/Kolkata")!
        let chatham = AgencyTimeZone(identifier: "Pacific/Chatham")!
        #expect(kolkata.localTimestamp(Instant(iso: "2024-05-01T20:00:09Z")!) == "2024-05-02T01:30:09+05:30")
        #expect(chatham.localTimestamp(Instant(iso: "2025-01-01T00:00:00Z")!) == "2025-01-01T13:45:00+13:45")
        #expect(chicago.localClock(Instant(iso: "2024-05-01T05:07:59Z")!) == "00:07")
        #expect(kolkata.localClock(Instant(iso: "2024-05-01T20:00:00Z")!) == "01:30")
        // 1969-12-31T23:59:59Z is one second before the epoch; 0099-03-04 has a padded year.
        #expect(Instant(secondsSinceEpoch: -1).description == "1969-12-31T23:59:59Z")
        #expect(LocalDate(year: 99, month: 3, day: 4)?.description == "0099-03-04")
        #expect(YearMonth(year: 2026, month: 9).description == "2026-09")
        #expect(YearMonth(year: 7, month: 12).description == "0007-12")
    }

    @Test func daylightSavingDaysLast23And25Hours() {
        let spring = LocalDate(iso: "2024-03-10")!
        let fall = LocalDate(iso: "2024-11-03")!
        #expect(chicago.startOfDay(spring).description == "2024-03-10T06:00:00Z")
        #expect(chicago.startOfDay(spring.adding(days: 1)).description == "2024-03-11T05:00:00Z")
        #expect(chicago.startOfDay(fall).description == "2024-11-03T05:00:00Z")
        #expect(chicago.startOfDay(fall.adding(days: 1)).description == "2024-11-04T06:00:00Z")
    }

    @Test func biennialDatesHandleLeapDays() {
        #expect(LocalDate(iso: "2024-02-29")!.adding(years: 2).description == "2026-02-28")
        #expect(LocalDate(iso: "2024-10-18")!.adding(years: 2).description == "2026-10-18")
    }
}
