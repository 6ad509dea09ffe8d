/// A calendar date in the agency's time zone (`YYYY-MM-DD`), as in the schema's `*_on` columns.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        dayNumber = CivilDate.days(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD`; nil for anything else, including impossible dates.
    public init?(iso text: String) {
        let scan = DigitScanner(text)
        guard scan.bytes.count == 10, scan.byte(at: 4, is: "-"), scan.byte(at: 7, is: "-"),
              let y = scan.number(at: 0, width: 4), let m = scan.number(at: 5, width: 2),
              let d = scan.number(at: 8, width: 2) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var components: (year: Int, month: Int, day: Int) { CivilDate.date(days: dayNumber) }
    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// `YYYY-MM-DD`.
    public var description: String {
        var text = FixedWidthText(capacity: 10)
        text.date(self)
        return text.text
    }

    /// The month this date falls in.
    public var yearMonth: YearMonth { YearMonth(year: year, month: month) }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// January 1 of this date's year.
    public var startOfYear: LocalDate { LocalDate(dayNumber: CivilDate.days(year: year, month: 1, day: 1)) }

    /// The same day `years` later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> LocalDate {
        let c = components
        let day = min(c.day, CivilDate.daysInMonth(year: c.year + years, month: c.month))
        return LocalDate(dayNumber: CivilDate.days(year: c.year + years, month: c.month, day: day))
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }
}

/// A calendar month, for paging the log.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// `YYYY-MM`.
    public var description: String {
        var text = FixedWidthText(capacity: 7)
        text.number(year, width: 4)
        text.character("-")
        text.number(month, width: 2)
        return text.text
    }

    public var firstDay: LocalDate { LocalDate(dayNumber: CivilDate.days(year: year, month: month, day: 1)) }

    /// The month after this one.
    public var next: YearMonth { month == 12 ? YearMonth(year: year + 1, month: 1) : YearMonth(year: year, month: month + 1) }

    /// The month before this one.
    public var previous: YearMonth { month == 1 ? YearMonth(year: year - 1, month: 12) : YearMonth(year: year, month: month - 1) }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
