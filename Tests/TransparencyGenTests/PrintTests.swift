import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// The print stylesheet, as a council packet would use it: Chromium prints key pages to PDF on
/// US Letter, poppler reads back where every word landed. Page images go to
/// `.build/test-artifacts/print/` for people to look at.
@Suite("Printing key pages")
struct PrintTests {
    static let pdftotext = Tool.find("pdftotext")
    static let pdftoppm = Tool.find("pdftoppm")
    static var toolsPresent: Bool { BrowserLayoutTests.chromium != nil && pdftotext != nil && pdftoppm != nil }

    struct Word {
        let text: String
        let xMin, xMax: Double
        let height: Double
        let page: Int
    }

    @Test(.enabled(if: toolsPresent || Tool.requiredInCI, "chromium or poppler-utils is not installed"))
    func tablesAndChartsPrintWholeWithoutTheSiteChrome() throws {
        let chromium = try #require(BrowserLayoutTests.chromium, "chromium is not installed: apt-get install chromium")
        let pdftotext = try #require(Self.pdftotext, "pdftotext is not installed: apt-get install poppler-utils")
        let pdftoppm = try #require(Self.pdftoppm, "pdftoppm is not installed: apt-get install poppler-utils")
        let folder = temporaryFolder("print")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public")
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: Project.root, output: output,
                                                  now: Instant(iso: "2026-11-21T15:00:00Z")!, sampleScale: 0.05)).build()
        let artifacts = Project.root.appendingPathComponent(".build/test-artifacts/print")
        try? FileManager.default.removeItem(at: artifacts)
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)

        let month = try #require(try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("log").path)
            .filter { $0.hasPrefix("20") }.sorted().last)
        let pages = ["index.html", "log/\(month)/index.html", "audits/2022-biennial/index.html", "locations/index.html",
                     "report/index.html"]
        for page in pages {
            let name = BrowserLayoutTests.artifactName(page, 0).replacingOccurrences(of: "-0.png", with: "")
            let pdf = artifacts.appendingPathComponent("\(name).pdf")
            _ = try Tool.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                        "--print-to-pdf=\(pdf.path)", output.appendingPathComponent(page).absoluteString])
            let bbox = folder.appendingPathComponent("\(name).bbox.html")
            _ = try Tool.run(pdftotext, ["-bbox", pdf.path, bbox.path])
            let (pageWidth, words) = try Self.words(in: String(contentsOf: bbox, encoding: .utf8))
            let text = words.map(\.text).joined(separator: " ")
            #expect(!words.isEmpty, "\(page) printed no text")

            // Nothing sits at the edge of the paper. (Chromium drops what does not fit rather than print it
            // off the page, so the log's column check below is what catches a table that is too wide.)
            let clipped = words.filter { $0.xMax > pageWidth - 1 || $0.xMin < 1 }
            #expect(clipped.isEmpty, "\(page): words past the edge of the paper: \(clipped.prefix(5).map(\.text))")
            // Type stays legible on paper: 8.5 pt table text makes words about 8.4 pt tall.
            let heights = words.map(\.height).sorted()
            let small = heights.isEmpty ? 0 : heights[heights.count / 10]
            #expect(small >= 7.5, "\(page) printed shrunken: a tenth of its words are under \(small) pt tall")
            // The site's header, menu and footer are left off; the page's own heading is there.
            #expect(!text.contains("Skip to main content") && !text.contains("About this site"), "\(page) printed the site chrome")
            let html = try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)
            let h1 = try #require(Self.firstHeading(html))
            #expect(text.contains(h1.split(separator: " ").prefix(3).joined(separator: " ")), "\(page) lost its heading \(h1)")
            // Paper has no header: the printout itself says whose it is, when it was published and that it is sample data.
            let masthead = "Elm Creek Police Department · License plate reader transparency · Published"
            #expect(text.hasPrefix(masthead), "\(page) printed without the agency and the date: \(text.prefix(120))")
            #expect(text.prefix(300).contains("Sample figures, not real data"), "\(page) printed without the sample notice")
            #expect(abs(pageWidth - 612) < 1, "\(page) printed on \(pageWidth) pt wide paper, not Letter")

            // Page images for people, at a small resolution.
            _ = try Tool.run(pdftoppm, ["-png", "-r", "50", pdf.path, artifacts.appendingPathComponent(name).path])

            switch page {
            case "index.html":
                // The charts print; the long tables fold (issue 26), and the page names the report that prints them.
                #expect(text.contains("Plates read per month"), "home: the plates chart did not print")
                #expect(text.contains("The report for the city council"), "home: the pointer to the printable report did not print")
            case _ where page.hasPrefix("log/"):
                // Every column of the log is on paper, down to the last, and the totals row.
                for header in ["Reader", "Location", "Start", "End", "Stolen", "Warrant", "Other", "Databases"] {
                    #expect(words.contains { $0.text == header }, "log: the \(header) column did not print")
                }
                // Below one page of a paged month, the total is of every page and says so.
                let total = text.contains("Total of all") ? "Total of all" : "Total,"
                #expect(text.contains(total), "log: the totals row did not print")
                // Each total prints once, at the end of its table, not at the foot of every sheet.
                #expect(text.components(separatedBy: total).count == 2, "log: the totals row printed more than once")
                #expect(text.components(separatedBy: "All readers").count == 2, "log: the readers' total printed more than once")
                #expect(Set(words.map(\.page)).count > 1, "log: the month fits one sheet, so the repeated-total check proves nothing")
            case "report/index.html":
                // The council's report: the year table, the months, hits, searches and sharing, the audit, the
                // policy and the readers, on at most three Letter sheets (issue 26).
                for heading in ["Year by year", "The last independent audit", "Rules and equipment", "Searches of stored data"] {
                    #expect(text.contains(heading), "report: \(heading) did not print")
                }
                #expect(Set(words.map(\.page)).count <= 3, "report: printed on \(Set(words.map(\.page)).count) sheets")
            default:
                break
            }
        }
    }

    /// Words and the page width from `pdftotext -bbox` output (XHTML with one element per word).
    static func words(in bbox: String) throws -> (pageWidth: Double, words: [Word]) {
        func attribute(_ name: String, in tag: Substring) -> Double? {
            guard let range = tag.range(of: "\(name)=\"") else { return nil }
            return Double(tag[range.upperBound...].prefix { $0 != "\"" })
        }
        var pageWidth = 0.0
        var words: [Word] = []
        var page = 0
        for line in bbox.split(separator: "\n") {
            if line.contains("<page ") {
                page += 1
                pageWidth = attribute("width", in: line) ?? 0
            } else if line.contains("<word "), let close = line.range(of: ">"), let end = line.range(of: "</word>") {
                let text = String(line[close.upperBound..<end.lowerBound])
                    .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">")
                words.append(Word(text: text, xMin: attribute("xMin", in: line) ?? 0, xMax: attribute("xMax", in: line) ?? 0,
                                  height: (attribute("yMax", in: line) ?? 0) - (attribute("yMin", in: line) ?? 0), page: page))
            }
        }
        #expect(pageWidth > 500, "not a Letter or A4 page: \(pageWidth) pt wide")
        return (pageWidth, words)
    }

    static func firstHeading(_ html: String) -> String? {
        guard let start = html.range(of: "<h1"), let open = html.range(of: ">", range: start.upperBound..<html.endIndex),
              let close = html.range(of: "</h1>", range: open.upperBound..<html.endIndex) else { return nil }
        return String(html[open.upperBound..<close.lowerBound])
    }
}
