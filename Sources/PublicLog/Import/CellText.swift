/// A CSV cell's bytes read as the schema's values: trimmed, as a whole number, as a decimal
/// number, in another case; without making a string of each cell of a large file.
enum CellText {
    /// `cell` without the spaces, tabs and line breaks around it.
    static func trimmed(_ cell: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lower = cell.lowerBound, upper = cell.upperBound
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// `YYYY-MM-DD`, a real date.
    static func isISODate(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        LocalDate(iso: String(decoding: text, as: UTF8.self)) != nil
    }

    /// An optional sign and digits, as a 64-bit integer; nil for anything else or a number too large.
    static func integer(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if i < text.count, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < text.count else { return nil }
        var value: Int64 = 0
        while i < text.count {
            let byte = text[i]
            guard byte >= 48, byte <= 57 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - 48))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            i += 1
        }
        return negative ? -value : value
    }

    /// A decimal number as SQLite reads one: optional sign, digits with an optional decimal
    /// point (at least one digit), an optional exponent.
    static func isDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if i < text.count, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") { i += 1 }
        var digits = 0
        while i < text.count, (48...57).contains(text[i]) { i += 1; digits += 1 }
        if i < text.count, text[i] == UInt8(ascii: ".") {
            i += 1
            while i < text.count, (48...57).contains(text[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { return false }
        if i < text.count, text[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < text.count, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") { i += 1 }
            var exponent = 0, exponentDigits = 0
            while i < text.count, (48...57).contains(text[i]) {
                exponent = min(exponent * 10 + Int(text[i] - 48), 10_000)
                i += 1
                exponentDigits += 1
            }
            // Beyond 1e300 SQLite would store infinity, or lose the number to zero.
            guard exponentDigits > 0, exponent <= 300 else { return false }
        }
        return i == text.count && digits <= 300
    }

    /// The bytes of `range` in upper or lower case: ASCII byte by byte, anything else by
    /// Unicode's rules (which may change their length); returns where they now are.
    static func changeCase(_ text: inout [UInt8], range: Range<Int>, to textCase: ColumnRule.TextCase) -> Range<Int> {
        if text[range].allSatisfy({ $0 < 0x80 }) {
            for i in range {
                let byte = text[i]
                switch textCase {
                case .upper where byte >= 0x61 && byte <= 0x7A: text[i] = byte - 0x20
                case .lower where byte >= 0x41 && byte <= 0x5A: text[i] = byte + 0x20
                default: break
                }
            }
            return range
        }
        let string = String(decoding: text[range], as: UTF8.self)
        let changed = Array((textCase == .upper ? string.uppercased() : string.lowercased()).utf8)
        text.replaceSubrange(range, with: changed)
        return range.lowerBound..<range.lowerBound + changed.count
    }
}

extension CellText {
    /// `YYYY-MM-DD`, written into `bytes`.
    static func append(_ date: LocalDate, to bytes: inout [UInt8]) {
        let (year, month, day) = date.components
        appendDigits(year, 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(month, 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(day, 2, to: &bytes)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, written into `bytes`.
    static func append(_ instant: Instant, to bytes: inout [UInt8]) {
        append(LocalDate(dayNumber: instant.day), to: &bytes)
        let second = instant.secondOfDay
        bytes.append(UInt8(ascii: "T"))
        appendDigits(second / 3600, 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(second / 60 % 60, 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(second % 60, 2, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// The last `count` decimal digits of `value` (0 to 9999 here), zero-padded.
    private static func appendDigits(_ value: Int, _ count: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
