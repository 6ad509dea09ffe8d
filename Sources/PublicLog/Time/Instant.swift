/// A UTC instant to the second, as in the schema's `*_at` columns (`2024-05-01T13:05:00Z`).
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`, a real date and time; nil for anything else. No
    /// fractional seconds and no offset: reads are compared with periods as text, which orders
    /// them as instants only in this one form (`…:00.5Z` sorts before `…:00Z`).
    public init?(iso text: String) {
        var text = text
        guard let seconds = text.withUTF8({ Self.seconds(canonical: UnsafeRawBufferPointer($0)) }) else { return nil }
        secondsSinceEpoch = seconds
    }

    /// True when `bytes` are exactly `YYYY-MM-DDTHH:MM:SSZ`, a real date and time: checked for
    /// every read of a build without making a string.
    static func isCanonical(_ bytes: UnsafeRawBufferPointer) -> Bool { seconds(canonical: bytes) != nil }

    private static func seconds(canonical b: UnsafeRawBufferPointer) -> Int64? {
        guard b.count == 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ offset: Int, _ width: Int) -> Int? {
            var value = 0
            for index in offset..<offset + width {
                let byte = b[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let y = number(0, 4), let mo = number(5, 2), let d = number(8, 2), let h = number(11, 2),
              let mi = number(14, 2), let s = number(17, 2), h < 24, mi < 60, s < 60,
              let date = LocalDate(year: y, month: mo, day: d) else { return nil }
        return Int64(date.dayNumber) * 86_400 + Int64(h * 3600 + mi * 60 + s)
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
