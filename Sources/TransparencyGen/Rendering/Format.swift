import Foundation
import PublicLog

/// How numbers, percentages and dates read on the pages of one language, by the conventions of
/// CLDR as this machine's Foundation holds them: separators, month names, the order of day,
/// month and year. Everything is looked up once per language, so formatting a log row is a
/// few string appends. CSV files use the raw values instead.
///
/// A language whose conventions Foundation does not know (it has no month names for it, as
/// for Hmong `hmn` on Linux) is formatted by English (United States) conventions, which is
/// what Minnesota's Hmong-language publications use for dates and numbers.
struct Format: Sendable {
    /// The generator's own messages to staff (warnings, the change list) are English.
    static let english = Format(language: .english)

    /// A date pattern, as CLDR writes it (`MMMM d, y`), split into its parts.
    enum Part: Sendable, Equatable {
        case literal(String), year, day, monthNumber, monthName(wide: Bool)
    }

    let language: Language
    /// The language whose conventions are used: `language`, or English where Foundation has none.
    let conventions: Language
    private let groupingSeparator: String
    private let decimalSeparator: String
    private let percentPrefix: String
    private let percentSuffix: String
    private let monthNames: [String]
    private let shortMonthNames: [String]
    private let datePattern: [Part]
    private let shortDatePattern: [Part]
    private let monthPattern: [Part]
    private let shortMonthPattern: [Part]

    init(language: Language) {
        self.language = language
        var locale = Locale(identifier: language.code)
        var dates = DateFormatter()
        dates.locale = locale
        if dates.monthSymbols.first?.hasPrefix("M0") != false {
            locale = Locale(identifier: "en_US")
            dates = DateFormatter()
            dates.locale = locale
        }
        conventions = locale.identifier == "en_US" && language.code != "en" ? .english : language
        let numbers = NumberFormatter()
        numbers.locale = locale
        numbers.numberStyle = .decimal
        groupingSeparator = numbers.groupingSeparator ?? ","
        decimalSeparator = numbers.decimalSeparator ?? "."
        let percents = NumberFormatter()
        percents.locale = locale
        percents.numberStyle = .percent
        percentPrefix = percents.positivePrefix ?? ""
        percentSuffix = percents.positiveSuffix ?? "%"
        func pattern(_ template: String, _ fallback: String) -> [Part] {
            Self.parse(DateFormatter.dateFormat(fromTemplate: template, options: 0, locale: locale) ?? fallback)
        }
        datePattern = pattern("yMMMMd", "MMMM d, y")
        shortDatePattern = pattern("MMMd", "MMM d")
        monthPattern = pattern("yMMMM", "MMMM y")
        shortMonthPattern = pattern("yMMM", "MMM y")
        // Names as they stand in a date ("18 de noviembre"); CLDR's stand-alone forms are for a
        // month named alone, which these patterns never do.
        monthNames = dates.monthSymbols
        shortMonthNames = dates.shortMonthSymbols.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
    }

    /// Splits a CLDR date pattern into its parts: letters are fields, text in quotes is literal.
    static func parse(_ pattern: String) -> [Part] {
        var parts: [Part] = []
        var characters = Array(pattern)[...]
        var literal = ""
        func flush() { if !literal.isEmpty { parts.append(.literal(literal)); literal = "" } }
        while let character = characters.first {
            if character == "'" {
                characters = characters.dropFirst()
                if characters.first == "'" { literal.append("'"); characters = characters.dropFirst(); continue }
                // Up to the closing quote; two quotes inside are one.
                while let next = characters.first {
                    characters = characters.dropFirst()
                    if next != "'" { literal.append(next); continue }
                    guard characters.first == "'" else { break }
                    literal.append("'")
                    characters = characters.dropFirst()
                }
            } else if character.isLetter {
                let run = characters.prefix { $0 == character }.count
                characters = characters.dropFirst(run)
                flush()
                switch character {
                case "y": parts.append(.year)
                case "d": parts.append(.day)
                case "M", "L": parts.append(run >= 3 ? .monthName(wide: run >= 4) : .monthNumber)
                default: break
                }
            } else {
                literal.append(character)
                characters = characters.dropFirst()
            }
        }
        flush()
        return parts
    }

    private func render(_ pattern: [Part], year: Int, month: Int, day: Int) -> String {
        var out = ""
        for part in pattern {
            switch part {
            case .literal(let text): out += text
            case .year: out += String(year)
            case .day: out += String(day)
            case .monthNumber: out += String(month)
            case .monthName(let wide): out += (wide ? monthNames : shortMonthNames)[month - 1]
            }
        }
        return out
    }

    /// `12,345` (English), `12.345` (Spanish).
    func number(_ value: Int) -> String {
        // Most counts on the log's pages are small: no separator to place.
        if value > -1000, value < 1000 { return String(value) }
        // Every count of four digits or more is grouped, in every language: CLDR leaves 2014
        // ungrouped in Spanish, where beside a column headed 2026 it reads as a year.
        let digits = String(value.magnitude)
        var out = value < 0 ? "-" : ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += groupingSeparator }
            out.append(digit)
        }
        return out
    }

    /// `October 18, 2024`, `18 de octubre de 2024`.
    func date(_ date: LocalDate) -> String { render(datePattern, year: date.year, month: date.month, day: date.day) }

    /// `Oct 18`, `18 oct`.
    func shortDate(_ date: LocalDate) -> String { render(shortDatePattern, year: date.year, month: date.month, day: date.day) }

    /// `October 2024`, `octubre de 2024`.
    func month(_ month: YearMonth) -> String { render(monthPattern, year: month.year, month: month.month, day: 1) }

    /// `Oct 2024`, for chart labels.
    func shortMonth(_ month: YearMonth) -> String { render(shortMonthPattern, year: month.year, month: month.month, day: 1) }

    /// `0.9%` (English), `0,9 %` (Spanish), with one decimal; nil when there is nothing to divide by.
    func percent(_ part: Int, of whole: Int) -> String? {
        Self.tenthsOfPercent(part, of: whole).map(percent(tenths:))
    }

    /// `part / whole` in whole tenths of a percent, rounded half up; nil when `whole` is 0.
    static func tenthsOfPercent(_ part: Int, of whole: Int) -> Int? {
        guard whole > 0 else { return nil }
        return (part * 1000 + whole / 2) / whole
    }

    /// `9` tenths reads `0.9%`.
    func percent(tenths: Int) -> String {
        "\(percentPrefix)\(number(tenths / 10))\(decimalSeparator)\(tenths % 10)\(percentSuffix)"
    }

    /// `1 reader`, `3 readers`
    func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number(value)) \(value == 1 ? singular : (plural ?? singular + "s"))"
    }

    /// `10 h 30 min`: the international symbols of the hour and the minute.
    func duration(seconds: Int64) -> String {
        let minutes = seconds / 60
        let hours = minutes / 60
        return minutes % 60 == 0 ? "\(hours) h" : "\(hours) h \(minutes % 60) min"
    }
}
