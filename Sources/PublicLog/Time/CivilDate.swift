/// Days since 1970-01-01 for a proleptic Gregorian date, and back (Howard Hinnant's
/// civil-date algorithms). Written here rather than using Foundation's Calendar so that
/// parsing stays strict, allocation-free and identical on every platform.
enum CivilDate {
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Reads fixed-width ASCII digits from UTF-8 bytes.
struct DigitScanner {
    let bytes: [UInt8]

    init(_ text: String) { bytes = Array(text.utf8) }

    func number(at offset: Int, width: Int) -> Int? {
        guard offset + width <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[offset..<offset + width] {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    func byte(at offset: Int, is expected: Character) -> Bool {
        offset < bytes.count && bytes[offset] == expected.asciiValue
    }
}
