import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Issue 26 item 5: a value `init` wrote for the agency to replace is never published as the
/// agency's own, and a policy not yet in effect is shown as taking effect, not left out.
@Suite("Starter values are placeholders")
struct StarterValueTests {
    static let now = Instant(iso: "2026-11-21T15:00:00Z")!

    /// A new site whose every `[[…]]` passage of content/ is written over, as a clerk would.
    func filledInSite() throws -> URL {
        let site = temporaryFolder("starter").appendingPathComponent("alpr-portal")
        try SiteScaffold(agencyName: "Maple Grove Police Department").write(to: site)
        let content = site.appendingPathComponent("content")
        for case let path as String in FileManager.default.enumerator(atPath: content.path)! where path.hasSuffix(".md") {
            let url = content.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            try Data(text.replacing(/\[\[[^\]]*\]\]/, with: "Our own words.").utf8).write(to: url)
        }
        return site
    }

    func options(_ site: URL) -> BuildOptions { BuildOptions(siteDirectory: site, now: Self.now, sampleScale: 0.02) }

    @Test func theStartersContactDetailsAreRefusedByBuildAndListedByCheck() throws {
        let site = try filledInSite()
        let siteYAML = try String(contentsOf: site.appendingPathComponent("site.yaml"), encoding: .utf8)
        let lines = siteYAML.split(separator: "\n", omittingEmptySubsequences: false)
        // The starter's own values, read from the file `init` wrote, each with its line.
        let starter = lines.enumerated().compactMap { index, line -> (line: Int, value: String)? in
            line.trimmingCharacters(in: .whitespaces).hasPrefix("#") ? nil : line.firstMatch(of: /\[\[([^\]]+)\]\]/).map { (index + 1, String($0.output.1)) }
        }
        #expect(starter.count >= 3, "the address, phone and e-mail of the starter are placeholders")
        do {
            _ = try SiteBuilder(options: options(site)).build()
            Issue.record("the starter's contact details were published")
        } catch {
            for (line, value) in starter {
                #expect(error.message.contains("site.yaml line \(line)") && error.message.contains(value), "\(error.message)")
            }
            #expect(!error.message.contains("content/"), "every [[…]] of content/ was written over: \(error.message)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path))
        let warnings = try SiteBuilder(options: options(site)).check()
        for (line, _) in starter {
            #expect(warnings.contains { $0.contains("site.yaml line \(line)") }, "check does not list line \(line)")
        }
        // A site made by an older `init` holds the same values without brackets: refused alike.
        let unbracketed = siteYAML.replacingOccurrences(of: "[[", with: "").replacingOccurrences(of: "]]", with: "")
        try Data(unbracketed.utf8).write(to: site.appendingPathComponent("site.yaml"))
        #expect(throws: GeneratorError.self) { try SiteBuilder(options: self.options(site)).build() }
        // The agency's own details publish.
        var own = unbracketed
        for (_, value) in starter { own = own.replacingOccurrences(of: value, with: "Records line \(value.count)") }
        try Data(own.utf8).write(to: site.appendingPathComponent("site.yaml"))
        let report = try SiteBuilder(options: options(site)).build()
        let home = try String(contentsOf: report.output.appendingPathComponent("index.html"), encoding: .utf8)
        for (_, value) in starter { #expect(!home.contains(value)) }
    }

    @Test func aPolicyNotYetInEffectIsShownAsTakingEffect() throws {
        let site = try filledInSite()
        let policy = site.appendingPathComponent("content/policy/policy.md")
        let text = try String(contentsOf: policy, encoding: .utf8)
        let effective = try #require(text.firstMatch(of: /effective_on: *"?([0-9-]{10})/).map { String($0.output.1) })
        #expect(effective > "2026-11-21", "the starter policy takes effect after the build")
        var options = options(site)
        options.allowPlaceholders = true
        let report = try SiteBuilder(options: options).build()
        let page = try String(contentsOf: report.output.appendingPathComponent("policy/index.html"), encoding: .utf8)
        #expect(page.contains("takes effect <time datetime=\"\(effective)\">"))
        #expect(page.contains("No version of the policy is in effect yet"))
        #expect(page.contains("<article class=\"prose\""), "the policy's text is shown")
    }
}
