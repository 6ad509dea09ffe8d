import Foundation
import Testing
@testable import PublicLog
@testable import Samples
import TestSupport

/// The one-pass tally must give exactly what the spec's join gives, whatever order the reads
/// are stored in and however the periods lie. The expected figures are counted here by brute
/// force over the rows the test inserted.
@Suite("One-pass period tally")
struct PeriodTallyTests {
    struct Read {
        let reader: String
        let at: String
        let state: String?
        let plate: String
        let categories: [String]
    }

    struct Period {
        let id: Int64
        let reader: String
        let start: String
        let end: String?
    }

    static let groups: [[String]] = [["stolen_vehicle", "stolen_plate"], ["warrant"], ["license_status"],
                                     ["active_investigation"], ["missing_person", "amber_alert", "other"],
                                     // Plates with hits: a hit of any of the four kinds the law lists, each plate once.
                                     ["stolen_vehicle", "stolen_plate", "warrant", "license_status", "active_investigation"]]

    /// Figures by the spec's definition, over plain values.
    static func bruteForce(_ periods: [Period], _ reads: [Read]) -> (figures: [Int64: [Int]], unlogged: Int) {
        func contains(_ p: Period, _ r: Read) -> Bool {
            r.reader == p.reader && r.at >= p.start && (p.end.map { r.at < $0 } ?? true)
        }
        var figures: [Int64: [Int]] = [:]
        for period in periods where period.end != nil {
            let inside = reads.filter { contains(period, $0) }
            guard !inside.isEmpty else { continue }
            func key(_ r: Read) -> String { "\(r.state ?? "")\u{1}\(r.plate)" }
            var row = [Set(inside.map(key)).count, inside.count]
            for group in groups {
                row.append(Set(inside.filter { !Set($0.categories).isDisjoint(with: group) }.map(key)).count)
            }
            figures[period.id] = row
        }
        let unlogged = reads.filter { read in !periods.contains { contains($0, read) } }.count
        return (figures, unlogged)
    }

    /// With `connections` 2 the reads are split at the middle `read_id` between two connections:
    /// stored in random order, every period has reads on both sides of the split.
    @Test(arguments: [1, 2])
    func agreesWithTheJoinOnShuffledReadsOverlappingAndOpenPeriodsAndLongPlates(connections: Int) throws {
        var random = SeededGenerator(seed: 42)
        let periods = [
            Period(id: 1, reader: "FX-1", start: "2024-06-10T05:00:00Z", end: "2024-06-11T05:00:00Z"),
            Period(id: 2, reader: "FX-1", start: "2024-06-11T05:00:00Z", end: "2024-06-12T05:00:00Z"),
            // Overlapping periods of one squad: a read in both counts in both.
            Period(id: 3, reader: "SQ-1", start: "2024-06-10T12:00:00Z", end: "2024-06-10T22:00:00Z"),
            Period(id: 4, reader: "SQ-1", start: "2024-06-10T18:00:00Z", end: "2024-06-11T02:00:00Z"),
            Period(id: 5, reader: "SQ-1", start: "2024-06-10T13:00:00Z", end: "2024-06-10T14:00:00Z"),
            // A reader whose id is a prefix of another's, and an open period.
            Period(id: 6, reader: "SQ-10", start: "2024-06-10T12:00:00Z", end: "2024-06-10T20:00:00Z"),
            Period(id: 7, reader: "SQ-10", start: "2024-06-11T12:00:00Z", end: nil),
            Period(id: 8, reader: "SQ-2", start: "2024-06-10T00:00:00Z", end: "2024-06-10T01:00:00Z"),
        ]
        let plates = ["ABC123", "abc123", "XYZ9", "A", "THIS-PLATE-IS-LONGER-THAN-FIFTEEN", "", "Ü123"]
        let states: [String?] = ["MN", "WI", nil, "", "A-STATE-NAME-TOO-LONG"]
        let categories = ["stolen_vehicle", "stolen_plate", "warrant", "license_status", "active_investigation",
                          "missing_person", "amber_alert", "other"]
        let times = ["2024-06-09T23:59:59Z", "2024-06-10T00:00:00Z", "2024-06-10T05:00:00Z", "2024-06-10T12:00:00Z",
                     "2024-06-10T13:30:00Z", "2024-06-10T18:00:00Z", "2024-06-10T19:00:00Z", "2024-06-10T21:59:59Z",
                     "2024-06-10T22:00:00Z", "2024-06-11T01:00:00Z", "2024-06-11T05:00:00Z", "2024-06-11T13:00:00Z",
                     "2024-06-12T04:59:59Z", "2024-06-12T05:00:00Z"]
        let readers = ["FX-1", "SQ-1", "SQ-10", "SQ-2", "SQ-3"]
        var reads: [Read] = []
        for _ in 0..<3_000 {
            var hits: [String] = []
            if random.chance(0.15) { hits.append(categories[random.int(in: 0...categories.count - 1)]) }
            if random.chance(0.05) { hits.append(categories[random.int(in: 0...categories.count - 1)]) }
            reads.append(Read(reader: readers[random.int(in: 0...readers.count - 1)], at: times[random.int(in: 0...times.count - 1)],
                              state: states[random.int(in: 0...states.count - 1)], plate: plates[random.int(in: 0...plates.count - 1)],
                              categories: hits))
        }
        let db = TemporaryDatabase { f in
            for reader in readers { f.reader(reader, kind: reader.hasPrefix("FX") ? "fixed" : "mobile") }
            for source in ["bca"] { f.source(source, "BCA") }
            for period in periods { f.period(period.reader, period.start, period.end, id: period.id) }
            // Stored in random order, not time order: the tally may not rely on it.
            for read in reads {
                let id = f.read(read.reader, read.at, plate: read.plate, state: read.state)
                for category in read.categories { f.hit(id, category) }
            }
        }
        let expected = Self.bruteForce(periods, reads)
        let database = try db.open()
        database.splitTallyFromReadIDs = connections == 2 ? 0 : .max
        try database.beginSnapshot()
        defer { database.endSnapshot() }
        let active = try database.periods(knownReaders: Set(readers))
        let result = try database.readFigures(periods: active)
        #expect(database.lastTallyConnections == connections)
        let actual = result.figures.mapValues { f in
            PeriodFigure.allCases.map { f[$0] }
        }
        #expect(actual == expected.figures)
        #expect(result.unloggedReads == expected.unlogged)
        #expect(expected.figures.count == 7)  // every closed period has reads in this fixture
    }
}
