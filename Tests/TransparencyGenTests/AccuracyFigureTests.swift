import Testing
import PublicLog
@testable import TransparencyGen

@Suite("Accuracy figure")
struct AccuracyFigureTests {
    /// Two days of hits, one of each disposition and more confirmed; a third day outside the window.
    let counts: AccountabilityCounts = {
        let day = LocalDate(dayNumber: 20_000)
        return AccountabilityCounts(dispositions: [
            day: DailyDispositions(hits: [.confirmed: 6, .misread: 1, .notCurrent: 1, .noAction: 5, .pending: 3]),
            day.adding(days: 1): DailyDispositions(hits: [.confirmed: 2, .noAction: 1]),
            day.adding(days: 2): DailyDispositions(hits: [.misread: 100]),
        ])
    }()

    @Test func checkedHitsAreThoseWithAFinding() {
        let day = LocalDate(dayNumber: 20_000)
        let window = MonthlyAccountability.window(counts, from: day, through: day.adding(days: 1))
        // Confirmed 8, misread 1, not current 1: 10 checked; no action (6) and pending (3) say nothing about accuracy.
        #expect(window.totalHits == 19)
        #expect(window.checkedHits == 10)
        #expect(window.dispositions[.confirmed] == 8)
        #expect(Format.english.percent(8, of: 10) == "80.0%")
    }

    @Test func windowEndsAreInclusiveAndNothingOutsideCounts() {
        let day = LocalDate(dayNumber: 20_000)
        #expect(MonthlyAccountability.window(counts, from: day.adding(days: 1), through: day.adding(days: 1)).totalHits == 3)
        #expect(MonthlyAccountability.window(counts, from: day.adding(days: 2), through: day.adding(days: 9)).checkedHits == 100)
        #expect(MonthlyAccountability.window(counts, from: day.adding(days: 3), through: day.adding(days: 9)).totalHits == 0)
    }
}
