import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// The policy opens with a list of its sections, each linking to its heading.
@Suite("Policy contents list")
struct PolicyContentsTests {
    @Test func headingsGetUniqueIDsAndKeepTheirText() {
        let (html, headings) = HeadingAnchors.anchor(
            "<p>x</p>\n<h2>1. Purpose &amp; scope</h2>\n<h2>Data <em>kept</em></h2>\n<h3>Not this</h3>\n<h2>1. Purpose &amp; scope</h2>\n")
        #expect(headings.map(\.id) == ["1-purpose-scope", "data-kept", "1-purpose-scope-2"])
        #expect(headings.map(\.html) == ["1. Purpose &amp; scope", "Data kept", "1. Purpose &amp; scope"])
        #expect(html == "<p>x</p>\n<h2 id=\"1-purpose-scope\">1. Purpose &amp; scope</h2>\n<h2 id=\"data-kept\">Data <em>kept</em></h2>\n<h3>Not this</h3>\n<h2 id=\"1-purpose-scope-2\">1. Purpose &amp; scope</h2>\n")
    }

    @Test func theSamplePolicyListsEverySectionAndEachLinkLands() throws {
        let folder = temporaryFolder("policy")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public")
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: Project.root, output: output,
                                                  now: Instant(iso: "2026-11-21T15:00:00Z")!, sampleScale: 0.02)).build()
        let page = try String(contentsOf: output.appendingPathComponent("policy/index.html"), encoding: .utf8)
        let markdown = try String(contentsOf: Project.content.appendingPathComponent("policy/2025-policy.md"), encoding: .utf8)
        let sections = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        #expect(sections.count > 3)
        let contents = try #require(page.range(of: "<nav class=\"contents\"").map { page[$0.lowerBound...] })
        let list = contents[..<(contents.range(of: "</nav>")?.lowerBound ?? contents.endIndex)]
        for section in sections {
            let id = HeadingAnchors.slug(section)
            #expect(list.contains("<a href=\"#\(id)\">\(section)</a>"), "\(section)")
            #expect(page.contains("<h2 id=\"\(id)\">\(section)</h2>"), "\(section) has no anchor")
        }
    }
}
