import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// The sample portal shows what a finished one has: a linked audit report and a glossary of the
/// words its pages use, linked from every page's footer.
@Suite("Sample portal content")
struct SampleContentTests {
    @Test func theLatestAuditLinksItsReportAndEveryPageLinksTheGlossary() throws {
        let folder = temporaryFolder("sample-content")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public")
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: Project.root, output: output,
                                                  now: Instant(iso: "2026-11-21T15:00:00Z")!, sampleScale: 0.05)).build()
        let report = try #require(FileManager.default.contents(atPath: output.appendingPathComponent("audits/2026-biennial/2026-biennial-report.pdf").path))
        #expect(report.starts(with: Data("%PDF-".utf8)))
        let audit = try String(contentsOf: output.appendingPathComponent("audits/2026-biennial/index.html"), encoding: .utf8)
        #expect(audit.contains("href=\"2026-biennial-report.pdf\""))
        let pages = FileManager.default.enumerator(atPath: output.path)?.allObjects.compactMap { $0 as? String }
            .filter { $0.hasSuffix("index.html") } ?? []
        #expect(pages.count > 20)
        for page in pages {
            let html = try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)
            // By its title in the page's language: the sample's glossary is translated into Spanish.
            let title = page.hasPrefix("es/") ? "Palabras que se usan en este sitio" : "Words used on this site"
            #expect(html.contains(try Regex("glossary/\"[^>]*>\(title)</a>")), "\(page) does not link the glossary")
        }
    }
}
