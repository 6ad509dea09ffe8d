import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// The council's year-by-year table on the home page: every year of the log, this year so far
/// beside the same dates of last year, unknown never shown as zero.
@Suite("Year by year")
struct YearTableTests {
    @Test func eachYearAndTheSameDatesOfLastYearSideBySide() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)  // daily periods, September 22 to November 19, 2024
        let db = FixtureDatabase(existing: site.databasePath)
        for day in 1...9 {
            db.period("SQ-1", "2025-01-0\(day)T14:00:00Z", "2025-01-0\(day)T20:00:00Z", id: Int64(9000 + day))
            for n in 0..<day { db.read("SQ-1", "2025-01-0\(day)T15:0\(n % 10):00Z", plate: "Y\(day)-\(n)") }
        }
        db.close()
        // February 1, 2025: the 2024 periods' reads were past retention before any build saw them.
        try site.build(now: "2025-02-01T18:00:00Z")
        let rows = parseCSV(site.outputText("data/public-log.csv") ?? "").dropFirst()
        let platesIn2025 = rows.filter { $0[6].hasPrefix("2025") }.compactMap { Int($0[8]) }.reduce(0, +)
        #expect(platesIn2025 == (1...9).reduce(0, +))
        #expect(rows.filter { $0[6].hasPrefix("2024") }.allSatisfy { $0[8].isEmpty })

        let home = try #require(site.outputText("index.html"))
        let start = try #require(home.range(of: "<caption id=\"years-caption\">"))
        let table = String(home[start.lowerBound..<(home.range(of: "</table>", range: start.upperBound..<home.endIndex)?.lowerBound ?? home.endIndex)])
        // Columns: 2025 so far, 2024 on the same dates, 2024 as a whole.
        let headings = table.matches(of: /<th scope="col" class="num">([0-9]{4})<br><span class="span-note">([^<]+)<\/span>/)
            .map { "\($0.output.1) \($0.output.2)" }
        #expect(headings == ["2025 Jan 1 to Jan 31", "2024 same dates: Jan 1 to Jan 31", "2024 the whole year"])
        func cells(_ label: String) throws -> [String] {
            let row = try #require(table.range(of: "<th scope=\"row\">\(label)</th>"), "no row \(label)")
            let end = table.range(of: "</tr>", range: row.upperBound..<table.endIndex)?.lowerBound ?? table.endIndex
            return table[row.upperBound..<end].matches(of: /<td class="num" data-label="[^"]*">([^<]*)<\/td>/).map { String($0.output.1) }
        }
        #expect(try cells("Plates read") == [String(platesIn2025), "0", "Not recorded"])
        #expect(try cells("Times readers were used (periods of use)") == ["9", "0", String(rows.filter { $0[6].hasPrefix("2024") }.count)])
        #expect(try cells("Audits completed") == ["0", "0", "1"])
    }
}
