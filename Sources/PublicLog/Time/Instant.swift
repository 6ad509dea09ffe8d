/// A UTC instant to the second, as in the schema's `*_at` columns (`2024-05-01T13:05:00Z`).
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ`, allowing fractional seconds (truncated); nil otherwise.
    public init?(iso text: String) {
        let scan = DigitScanner(text)
        let b = scan.bytes
        guard b.count >= 20, b.last == UInt8(ascii: "Z"),
              scan.byte(at: 4, is: "-"), scan.byte(at: 7, is: "-"), scan.byte(at: 10, is: "T"),
              scan.byte(at: 13, is: ":"), scan.byte(at: 16, is: ":"),
              let y = scan.number(at: 0, width: 4), let mo = scan.number(at: 5, width: 2),
              let d = scan.number(at: 8, width: 2), let h = scan.number(at: 11, width: 2),
              let mi = scan.number(at: 14, width: 2), let s = scan.number(at: 17, width: 2),
              h < 24, mi < 60, s < 60, let date = LocalDate(year: y, month: mo, day: d)
        else { return nil }
        if b.count > 20 {
            guard b[19] == UInt8(ascii: "."), b.count > 21,
                  b[20..<(b.count - 1)].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        }
        secondsSinceEpoch = Int64(date.dayNumber) * 86_400 + Int64(h * 3600 + mi * 60 + s)
    }

    /// The canonical `YYYY-MM-DDTHH:MM:SSZ` form, which sorts like the instant itself.
    public var description: String {
        var text = FixedWidthText(capacity: 20)
        writeWallTime(into: &text)
        text.character("Z")
        return text.text
    }

    /// `YYYY-MM-DDTHH:MM:SS` of this instant read as a wall time.
    func writeWallTime(into text: inout FixedWidthText) {
        text.date(LocalDate(dayNumber: day))
        text.character("T")
        text.clock(secondOfDay)
    }

    /// Days since 1970-01-01 (UTC) and the second within that day.
    var day: Int { Int((secondsSinceEpoch >= 0 ? secondsSinceEpoch : secondsSinceEpoch - 86_399) / 86_400) }
    var secondOfDay: Int { Int(secondsSinceEpoch - Int64(day) * 86_400) }

    public func adding(seconds: Int64) -> Instant { Instant(secondsSinceEpoch: secondsSinceEpoch + seconds) }

    public static func < (a: Instant, b: Instant) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }
}
