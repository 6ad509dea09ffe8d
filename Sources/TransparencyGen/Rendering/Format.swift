import PublicLog

/// How values read on the pages (CSV files use the raw values instead).
enum Format {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// `12,345`
    static func number(_ value: Int) -> String {
        // Most counts on the log's pages are small: no separator to place.
        if value > -1000, value < 1000 { return String(value) }
        let digits = Array(String(value.magnitude).utf8)
        var out: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(digit)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `October 18, 2024`
    static func date(_ date: LocalDate) -> String {
        "\(monthNames[date.month - 1]) \(date.day), \(date.year)"
    }

    /// `Oct 18`
    static func shortDate(_ date: LocalDate) -> String {
        "\(monthNames[date.month - 1].prefix(3)) \(date.day)"
    }

    /// `October 2024`
    static func month(_ month: YearMonth) -> String {
        "\(monthNames[month.month - 1]) \(month.year)"
    }

    /// `Oct 2024`, for chart labels.
    static func shortMonth(_ month: YearMonth) -> String {
        "\(monthNames[month.month - 1].prefix(3)) \(month.year)"
    }

    /// `0.9 %` with one decimal; nil when there is nothing to divide by.
    static func percent(_ part: Int, of whole: Int) -> String? {
        tenthsOfPercent(part, of: whole).map(percent(tenths:))
    }

    /// `part / whole` in whole tenths of a percent, rounded half up; nil when `whole` is 0.
    static func tenthsOfPercent(_ part: Int, of whole: Int) -> Int? {
        guard whole > 0 else { return nil }
        return (part * 1000 + whole / 2) / whole
    }

    /// `9` tenths reads `0.9 %`.
    @Sendable static func percent(tenths: Int) -> String { "\(tenths / 10).\(tenths % 10) %" }

    /// `1 reader`, `3 readers`
    static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number(value)) \(value == 1 ? singular : (plural ?? singular + "s"))"
    }

    /// `10 h 30 min`
    static func duration(seconds: Int64) -> String {
        let minutes = seconds / 60
        let hours = minutes / 60
        return minutes % 60 == 0 ? "\(hours) h" : "\(hours) h \(minutes % 60) min"
    }
}
