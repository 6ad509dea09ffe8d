import Foundation

/// Turns a wall-clock time of a time zone into the UTC instant it names (docs/vendor-export.md):
/// daylight saving time included; in the hour repeated when clocks go back, the first of the two
/// instants (daylight time); in the hour skipped when they go forward, which no clock shows,
/// the offset in force before the change.
struct WallClock {
    private let zone: TimeZone?
    /// The offset decided for each quarter hour of wall time seen, when the whole quarter hour
    /// has one: a reads file has a few thousand of them against millions of rows.
    private var offsets: [Int64: Int64] = [:]

    /// UTC itself (`zone: UTC`).
    static let utc = WallClock(zone: nil)

    init(zone: TimeZone?) { self.zone = zone }

    mutating func instant(_ date: LocalDate, secondOfDay: Int) -> Instant {
        let wall = Int64(date.dayNumber) * 86_400 + Int64(secondOfDay)
        guard let zone else { return Instant(secondsSinceEpoch: wall) }
        let quarter = wall >= 0 ? wall / 900 : (wall - 899) / 900
        if let offset = offsets[quarter] { return Instant(secondsSinceEpoch: wall - offset) }
        let offset = Self.offset(ofWall: wall, in: zone)
        // A quarter hour is remembered only when its first and last seconds read alike: a few
        // zones once changed their clocks off the quarter hour (St. John's until 2011).
        let start = quarter * 900
        if Self.offset(ofWall: start, in: zone) == offset, Self.offset(ofWall: start + 899, in: zone) == offset {
            offsets[quarter] = offset
        }
        return Instant(secondsSinceEpoch: wall - offset)
    }

    private static func offset(ofWall wall: Int64, in zone: TimeZone) -> Int64 {
        func offset(at instant: Int64) -> Int64 {
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
        }
        // The offsets a day either side; the zone changes them at most once in between.
        let before = offset(at: wall - 86_400), after = offset(at: wall + 86_400)
        let candidates = [before, after].filter { offset(at: wall - $0) == $0 }
        // Two valid readings: the repeated hour, whose first instant has the larger offset.
        // None: the skipped hour, read with the offset before the change.
        return candidates.max() ?? before
    }
}
