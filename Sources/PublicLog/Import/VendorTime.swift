import Foundation

/// Times as vendors write them (spec, import.md), read into the contract's UTC instants
/// (`YYYY-MM-DDTHH:MM:SSZ`, seconds truncated). Nil for anything else, including an
/// impossible date such as February 30.
enum VendorTime {
    /// `M/D/YYYY, h:MM:SS AM UTC` (one-digit month, day and hour; `12:… AM` is midnight), or
    /// ISO 8601 ending in `Z`, with or without fractional seconds.
    static func utc(_ text: String) -> Instant? {
        var scanner = Scanner(Array(text.utf8))
        scanner.skipSpaces()
        // ISO 8601: YYYY-MM-DDTHH:MM:SS[.fraction]Z
        if let year = scanner.number(digits: 4...4), scanner.take("-") {
            guard let month = scanner.number(digits: 2...2), scanner.take("-"), let day = scanner.number(digits: 2...2),
                  scanner.take("T"), let hour = scanner.number(digits: 2...2), scanner.take(":"),
                  let minute = scanner.number(digits: 2...2), scanner.take(":"), let second = scanner.number(digits: 2...2)
            else { return nil }
            if scanner.take(".") { guard scanner.number(digits: 1...9) != nil else { return nil } }
            guard scanner.take("Z") else { return nil }
            scanner.skipSpaces()
            guard scanner.atEnd else { return nil }
            return instant(year, month, day, hour, minute, second)
        }
        // M/D/YYYY, h:MM:SS AM UTC
        scanner.rewind()
        scanner.skipSpaces()
        guard let month = scanner.number(digits: 1...2), scanner.take("/"), let day = scanner.number(digits: 1...2),
              scanner.take("/"), let year = scanner.number(digits: 4...4) else { return nil }
        _ = scanner.take(",")
        guard scanner.skipSpaces() > 0, let hour12 = scanner.number(digits: 1...2), (1...12).contains(hour12), scanner.take(":"),
              let minute = scanner.number(digits: 2...2), scanner.take(":"), let second = scanner.number(digits: 2...2) else { return nil }
        scanner.skipSpaces()
        let afternoon: Bool
        if scanner.take("AM") || scanner.take("am") { afternoon = false } else if scanner.take("PM") || scanner.take("pm") { afternoon = true } else { return nil }
        guard scanner.skipSpaces() > 0, scanner.take("UTC") else { return nil }
        scanner.skipSpaces()
        guard scanner.atEnd else { return nil }
        return instant(year, month, day, hour12 % 12 + (afternoon ? 12 : 0), minute, second)
    }

    /// Reads ASCII text from the start, a piece at a time: far quicker than a regular
    /// expression, for files of millions of times.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func rewind() { index = 0 }

        @discardableResult
        mutating func skipSpaces() -> Int {
            let start = index
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            return index - start
        }

        mutating func take(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
            index += count
            return true
        }

        /// A run of ASCII digits of a length in `digits`, as a number.
        mutating func number(digits: ClosedRange<Int>) -> Int? {
            var value = 0
            var count = 0
            while index < bytes.count, count < digits.upperBound, (48...57).contains(bytes[index]) {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
                count += 1
            }
            return digits.contains(count) ? value : nil
        }
    }

    private static func instant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Instant? {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
              let date = LocalDate(year: year, month: month, day: day) else { return nil }
        return Instant(secondsSinceEpoch: Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second))
    }

    /// The first time of a time frame: two times separated by a line break or by ` to `.
    static func start(ofFrame text: String) -> Instant? {
        let first = text.components(separatedBy: "\n").first.map { $0.components(separatedBy: " to ").first ?? $0 } ?? text
        return utc(first)
    }
}
