import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// A real `transparency-gen build` process, stopped by SIGTERM at different moments, leaves
/// the site and the ledger consistent: both as before, or both with the new publication.
@Suite("Interrupted builds")
struct InterruptionTests {
    static let binary = Project.root.appendingPathComponent(".build/debug/transparency-gen")

    /// The tests that run the command: skipped without a debug build on a workstation, but run
    /// (and failing on the missing command) under CI, where skipping them would hide it.
    static var binaryOrCI: Bool { FileManager.default.isExecutableFile(atPath: binary.path) || Tool.requiredInCI }

    func publicationCount(_ site: SiteFixture) throws -> Int {
        try Ledger(path: site.site.appendingPathComponent("ledger.sqlite").path, readOnly: true).publications().count
    }

    @Test(.enabled(if: binaryOrCI, "needs `swift build` first"),
          arguments: [0.02, 0.1, 0.25, 0.5, 1.0, 2.0])
    func aSignalNeverLeavesHalfAPublication(after delay: Double) throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let before = site.outputFiles()
        let count = try publicationCount(site)
        site.write("content/pages/new.md", "---\ntitle: New page\n---\nText\n")

        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["build", "--quiet", "--site", site.site.path, "--database", site.databasePath,
                             "--output", site.output.path]
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = String(Instant(iso: PublishingTests.t0)!.secondsSinceEpoch)
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        process.terminate()
        process.waitUntilExit()

        let after = site.outputFiles()
        let newCount = try publicationCount(site)
        if after == before {
            #expect(newCount == count, "site unchanged but the ledger recorded a publication")
        } else {
            #expect(newCount == count + 1, "site changed but the ledger has no new publication")
            #expect(after["new/index.html"] != nil)
            #expect(site.outputText("changes/index.html")?.contains("Publication \(count + 1)") == true)
        }
        let debris = ((try? FileManager.default.contentsOfDirectory(atPath: site.folder.path)) ?? [])
            .filter { $0.contains("staging") || $0.contains("previous") }
        #expect(debris.isEmpty, "debris: \(debris)")
        // Whatever happened, the next build completes and publishes the page.
        try site.build(now: PublishingTests.t0)
        #expect(site.outputFiles()["new/index.html"] != nil)
        #expect(try publicationCount(site) == count + 1)
    }
}
