import Testing
@testable import PublicLog

/// A period's figures as the log and the ledger hold them (`CompactPeriodFigures`): the same
/// figures back, lacking ones included, and whole figures kept whole where they do not fit.
@Suite("Compact period figures")
struct CompactFiguresTests {
    static func entry(_ figures: PeriodFigures?) -> LogEntry {
        let reader = Reader(id: "CAM-1", kind: .fixed, label: "Camera 1", operator: .agency,
                            installedOn: nil, decommissionedOn: nil, bcaNotifiedOn: nil)
        let start = Instant(secondsSinceEpoch: 1_700_000_000), end = Instant(secondsSinceEpoch: 1_700_003_600)
        let day = LocalDate(dayNumber: 19_675)
        return LogEntry(periodID: 7, reader: reader, location: nil, startedAt: start, endedAt: end, startOffsetSeconds: -21_600,
                        endOffsetSeconds: -21_600, startDate: day, endDate: day, figures: figures, provenance: .operational, databasesCompared: [])
    }

    @Test func everyFigureComesBackAsGivenIncludingOnesThePeriodLacks() throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            // Each figure known with a count up to 2³¹ − 1, or (every third round, at random) lacking.
            let lacking = Set(PeriodFigure.allCases.filter { _ in round % 3 == 0 && Bool.random(using: &generator) })
            let figures = PeriodFigures.known { lacking.contains($0) ? nil : Int.random(in: 0...Int(Int32.max), using: &generator) }
            let compact = try #require(CompactPeriodFigures(figures))
            #expect(compact.figures == figures)
            let entry = Self.entry(figures)
            #expect(entry.figures == figures)
            for figure in PeriodFigure.allCases {
                #expect(compact[figure] == figures[figure])
                #expect(entry.count(figure) == figures[figure])
                #expect(compact.figures.unknownPeriods(figure) == (lacking.contains(figure) ? 1 : 0))
            }
        }
    }

    @Test func whatDoesNotFitIsKeptWhole() throws {
        let huge = PeriodFigures { $0 == .reads ? Int(Int32.max) + 1 : 3 }
        #expect(CompactPeriodFigures(huge) == nil)
        let entry = Self.entry(huge)
        #expect(entry.figures == huge)
        #expect(entry.count(.reads) == Int(Int32.max) + 1)
        let negative = PeriodFigures { $0 == .plates ? Int(Int32.min) - 1 : 0 }
        #expect(CompactPeriodFigures(negative) == nil && Self.entry(negative).figures == negative)
        // A sum of two periods that both lack a figure is not one period's figures.
        let lacking = PeriodFigures.known { $0 == .platesWithHits ? nil : 1 }
        #expect(CompactPeriodFigures(lacking + lacking) == nil)
        #expect(Self.entry(lacking + lacking).figures == lacking + lacking)
        #expect(Self.entry(nil).figures == nil && Self.entry(nil).count(.plates) == nil)
        #expect(Self.entry(lacking) == Self.entry(PeriodFigures.known { $0 == .platesWithHits ? nil : 1 }))
    }
}
