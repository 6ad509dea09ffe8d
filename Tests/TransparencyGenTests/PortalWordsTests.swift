import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Issue 26 items 7 to 9, read off the sample portal as a resident and a council member read it:
/// Spanish that says what is only in English, a 404 page in every language, counts that never
/// read as years, plain words, and a sample whose audits agree with its data.
@Suite("Words residents read")
struct PortalWordsTests {
    static var sample: URL { SamplePortal.output }
    static func text(_ path: String) throws -> String { try SamplePortal.text(path) }

    @Test func aDocumentShownInAnotherLanguageSaysSoInThePagesLanguage() throws {
        let policy = try Self.text("es/policy/index.html")
        #expect(policy.contains("<p class=\"notice\">Este documento solo se publica en su idioma original (English)"))
        let audit = try Self.text("es/audits/2026-biennial/index.html")
        #expect(audit.contains("Este documento solo se publica en su idioma original (English)"))
        // The English pages need no such notice.
        #expect(!(try Self.text("policy/index.html")).contains("only in its original language"))
    }

    @Test func theNotFoundPageSpeaksEveryLanguageWithItsOwnLinks() throws {
        let page = try Self.text("404.html")
        let spanish = try #require(page.range(of: "<section lang=\"es\">"), "404.html has no Spanish part")
        #expect(page[spanish.upperBound...].contains("href=\"/es/log/\""))
        #expect(!FileManager.default.fileExists(atPath: Self.sample.appendingPathComponent("es/404.html").path))
    }

    @Test func noCountReadsAsAYearInAnyLanguage() throws {
        for page in ["index.html", "es/index.html", "es/report/index.html", "es/searches/index.html"] {
            let html = try Self.text(page)
            // A count in a figure box or a table cell: four digits in a row are a year, never a count.
            // (A figure box's `dd` holds a count; one with a class holds words and dates.)
            for cell in html.matches(of: /<(?:dd|td class="num"[^>]*)>([^<]*)</) {
                let runs = cell.output.1.matches(of: /[0-9][0-9.,\u{00A0}\u{202F}]*/).map { String($0.output) }
                #expect(!runs.contains { $0.wholeMatch(of: /[0-9]{4}/) != nil }, "\(page): “\(cell.output.1)” reads as a year")
            }
        }
        #expect(try Self.text("es/report/index.html").contains("sobre el período del "), "a date span mid-sentence starts in lower case")
    }

    @Test func plainWords() throws {
        let month = try Self.text("log/2026-10/index.html")
        #expect(month.contains("data-label=\"License suspended or revoked\""))
        #expect(!month.contains("data-label=\"License\""))
        for page in ["log/index.html", "log/2026-09/index.html", "es/log/index.html", "index.html"] {
            #expect(!(try Self.text(page)).contains("≥"), "\(page) says ≥ where the others say at least")
        }
        let log = try Self.text("log/index.html")
        #expect(log.contains("at least 85,168") || log.contains("at least "), "a partly recorded month reads “at least”")
        #expect(log.contains("no longer exist (older than 60 days)"))
        #expect(!log.contains("periods not recorded"))
        let audits = try Self.text("audits/index.html")
        #expect(audits.contains("9 of 9 requirements met") && audits.contains("7 of 9 requirements met"))
        #expect(!audits.contains("findings not met"))
    }

    /// A period at a place classified as security information says so, and never where; a squad
    /// car, which stands nowhere, shows a dash.
    @Test func aWithheldLocationIsSaidToBeWithheldInTheLog() throws {
        let withheld = try Self.text("log/readers/fx-07/2026-10/index.html")
        #expect(withheld.contains("<span class=\"muted\">Location not published (security information)</span>"))
        #expect(!withheld.contains("Public Works"))
        #expect(try Self.text("es/log/readers/fx-07/2026-10/index.html").contains("Ubicación no publicada (información de seguridad)"))
        let squad = try Self.text("log/readers/sq-101/2026-10/index.html")
        #expect(!squad.contains("Location not published") && squad.contains("<span class=\"muted\">—</span>"))
        // The data file keeps the contract: the location is empty, nothing more.
        let log = parseCSV(try Self.text("data/public-log.csv"))
        let header = try #require(log.first)
        let reader = try #require(header.firstIndex(of: "reader_id")), location = try #require(header.firstIndex(of: "location"))
        #expect(log.dropFirst().filter { $0[reader] == "FX-07" }.allSatisfy { $0[location].isEmpty })
    }

    /// Every previous place drawn as a hollow circle is named under the map, as the data file lists it.
    @Test func thePreviousPlacesOnTheMapAreNamedUnderIt() throws {
        let page = try Self.text("locations/index.html")
        let list = try #require(page.firstMatch(of: /<ul class="map-previous">(.*?)<\/ul>/).map { String($0.output.1) })
        let named = list.matches(of: /<li>([^<]*)<\/li>/).map { String($0.output.1) }
        let rows = parseCSV(try Self.text("data/fixed-locations.csv"))
        let header = try #require(rows.first)
        let previous = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
            .filter { $0["status"] == "previous" && !$0["latitude"]!.isEmpty }
        #expect(!previous.isEmpty)
        #expect(named.count == previous.count)
        for place in previous {
            #expect(named.contains("\(place["reader_label"]!): \(place["description"]!)"), "\(place["description"]!) is not named under the map")
        }
    }

    /// The sample's audits agree with its data: an audit rating the BCA notices compliant covers
    /// no reader whose notice came more than 10 days after it was installed.
    @Test func theSamplesAuditsAgreeWithItsData() throws {
        let rows = parseCSV(try Self.text("data/readers.csv"))
        let header = try #require(rows.first)
        let readers = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        let audits = try FileManager.default.contentsOfDirectory(atPath: Project.content.appendingPathComponent("audits").path)
            .filter { $0.hasSuffix(".md") }
        #expect(audits.count >= 3)
        for file in audits {
            let text = try String(contentsOf: Project.content.appendingPathComponent("audits/\(file)"), encoding: .utf8)
            let start = try #require(text.firstMatch(of: /period_start: *([0-9-]{10})/).map { LocalDate(iso: String($0.output.1)) } ?? nil)
            let end = try #require(text.firstMatch(of: /period_end: *([0-9-]{10})/).map { LocalDate(iso: String($0.output.1)) } ?? nil)
            let subd8 = try #require(text.firstMatch(of: /statute: "13\.824 subd\. 8"\s+result: (\w+)/).map { String($0.output.1) })
            let late = readers.filter { reader in
                guard let installed = LocalDate(iso: reader["installed_on"] ?? ""), let told = LocalDate(iso: reader["bca_notified_on"] ?? "") else { return false }
                return (start...end).contains(installed) && told.dayNumber - installed.dayNumber > 10
            }
            if subd8 == "compliant" {
                #expect(late.isEmpty, "\(file) rates the BCA notices compliant, but \(late.map { $0["reader_label"]! }) were late")
            }
            if !late.isEmpty { #expect(subd8 == "noncompliant", "\(file): late notices in its period") }
        }
        // The 2026 audit does not say every search had a case number beside searches without one.
        let audit = try String(contentsOf: Project.content.appendingPathComponent("audits/2026-biennial.md"), encoding: .utf8)
        #expect(!audit.contains("Every search in the sample had a case number"))
    }
}
