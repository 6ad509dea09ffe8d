/// Builds the short fixed-width texts of dates and times (`2024-11-03T01:30:00-06:00`) in one
/// buffer. A build formats every period's start and end several times (half a million texts at
/// the reference size), and string interpolation allocated for each piece.
struct FixedWidthText {
    private var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// `value` in decimal, zero-padded to at least `width` digits (a minus sign before them).
    mutating func number(_ value: Int, width: Int) {
        Self.appendDecimal(Int64(value), width: width, to: &bytes)
    }

    /// Appends `value` in decimal to `bytes`, zero-padded to at least `width` digits, without
    /// making a string (the ledger's digests write every figure this way too).
    static func appendDecimal(_ value: Int64, width: Int = 0, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        while bytes.count - start < width { bytes.append(UInt8(ascii: "0")) }
        bytes[start...].reverse()
    }

    mutating func character(_ ascii: Unicode.Scalar) { bytes.append(UInt8(ascii: ascii)) }

    /// `YYYY-MM-DD`.
    mutating func date(_ date: LocalDate) {
        let c = date.components
        number(c.year, width: 4)
        character("-")
        number(c.month, width: 2)
        character("-")
        number(c.day, width: 2)
    }

    /// `HH:MM:SS`, or `HH:MM` without seconds.
    mutating func clock(_ secondOfDay: Int, seconds: Bool = true) {
        number(secondOfDay / 3600, width: 2)
        character(":")
        number(secondOfDay / 60 % 60, width: 2)
        guard seconds else { return }
        character(":")
        number(secondOfDay % 60, width: 2)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
