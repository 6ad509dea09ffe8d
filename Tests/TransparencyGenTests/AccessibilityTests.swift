import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// axe-core (WCAG 2.1 A and AA, best practices included) over every page of the sample portal,
/// in headless Chromium: any violation fails. `.ci/run` installs what it needs and sets
/// `AXE_CORE_JS` to the axe.min.js of axe-core 4.x.
@Suite("Accessibility (axe-core)")
struct AccessibilityTests {
    static let axe = ProcessInfo.processInfo.environment["AXE_CORE_JS"]
    static let python = Tool.find("python3")
    static let script = Project.root.appendingPathComponent("Tests/TransparencyGenTests/Accessibility/run_axe.py")

    @Test(.enabled(if: (axe != nil && python != nil) || Tool.requiredInCI, "set AXE_CORE_JS to axe.min.js (see .ci/run)"))
    func everyPageOfTheSamplePortalHasNoViolations() throws {
        let axe = try #require(Self.axe, "AXE_CORE_JS is not set")
        let python = try #require(Self.python, "python3 is not installed")
        let folder = temporaryFolder("axe")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("public")
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: Project.root, output: output,
                                                  now: Instant(iso: "2026-11-21T15:00:00Z")!, sampleScale: 0.05)).build()
        try Self.expectNoViolations(python: python, axe: axe, output: output, atLeast: 30)
    }

    /// The statewide index's pages, in both its languages.
    @Test(.enabled(if: (axe != nil && python != nil) || Tool.requiredInCI, "set AXE_CORE_JS to axe.min.js (see .ci/run)"))
    func everyPageOfTheIndexHasNoViolations() throws {
        let axe = try #require(Self.axe, "AXE_CORE_JS is not set")
        let python = try #require(Self.python, "python3 is not installed")
        try Self.expectNoViolations(python: python, axe: axe, output: try IndexSiteTests.built().output, atLeast: 16)
    }

    static func expectNoViolations(python: String, axe: String, output: URL, atLeast minimum: Int) throws {
        let result = try Tool.run(python, [Self.script.path, output.path, axe])
        let data = try #require(result.split(separator: "\n").last.map { Data($0.utf8) }, "axe printed nothing")
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "not JSON: \(result.suffix(500))")
        let pages = report["pages"] as? Int ?? 0
        let violations = report["violations"] as? [String: Any] ?? ["?": "unreadable"]
        #expect(pages >= minimum, "axe looked at \(pages) pages")
        #expect(violations.isEmpty, "axe-core violations: \(violations)")
    }
}
