import Foundation
import Testing
import PublicLog
@testable import TransparencyGen

/// Numbers, percentages and dates by each language's conventions (CLDR, through Foundation).
@Suite("Formatting by language")
struct FormatTests {
    let november18 = LocalDate(iso: "2026-11-18")!
    let september = YearMonth(year: 2026, month: 9)

    @Test func english() {
        let format = Format(language: .english)
        #expect([format.number(999), format.number(1234), format.number(12_345), format.number(1_234_567)] == ["999", "1,234", "12,345", "1,234,567"])
        #expect(format.percent(875, of: 1000) == "87.5%")
        #expect(format.date(november18) == "November 18, 2026")
        #expect(format.shortDate(november18) == "Nov 18")
        #expect(format.month(september) == "September 2026")
        #expect(format.shortMonth(september) == "Sep 2026")
    }

    @Test func spanish() throws {
        let format = Format(language: try #require(Language(code: "es")))
        // Spanish groups thousands with a point. CLDR would leave four digits ungrouped; a count
        // is grouped from four digits on, so that 2014 plates never read as the year 2014 (issue 26).
        #expect([format.number(999), format.number(1234), format.number(2014), format.number(12_345), format.number(1_234_567)]
                == ["999", "1.234", "2.014", "12.345", "1.234.567"])
        #expect(format.percent(875, of: 1000) == "87,5\u{00A0}%")
        #expect(format.percent(tenths: 12_345) == "1.234,5\u{00A0}%")
        #expect(format.date(november18) == "18 de noviembre de 2026")
        #expect(format.shortDate(november18) == "18 nov")
        #expect(format.month(september) == "septiembre de 2026")
        #expect(format.shortMonth(september).hasPrefix("sept") && format.shortMonth(september).hasSuffix(" 2026"))
    }

    @Test func aLanguageFoundationHasNoConventionsForFallsBackToEnglish() throws {
        let hmong = Format(language: try #require(Language(code: "hmn")))
        #expect(hmong.conventions == .english)
        #expect(hmong.date(november18) == "November 18, 2026" && hmong.number(12_345) == "12,345")
        let somali = Format(language: try #require(Language(code: "so")))
        #expect(somali.conventions.code == "so")
        #expect(somali.number(12_345) == "12,345")
    }

    @Test func datePatternsAreReadAsCLDRWritesThem() {
        #expect(Format.parse("d 'de' MMMM 'de' y") == [.day, .literal(" de "), .monthName(wide: true), .literal(" de "), .year])
        #expect(Format.parse("MMM d, y") == [.monthName(wide: false), .literal(" "), .day, .literal(", "), .year])
        #expect(Format.parse("y-MM-dd 'o''clock'") == [.year, .literal("-"), .monthNumber, .literal("-"), .day, .literal(" o'clock")])
    }
}
