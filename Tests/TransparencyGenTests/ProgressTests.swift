import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// The page progress line's count: known before rendering, and exactly the pages written.
@Suite("Build progress")
struct ProgressTests {
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [SiteRenderer.Progress] = []
        func add(_ progress: SiteRenderer.Progress) { lock.withLock { seen.append(progress) } }
        var all: [SiteRenderer.Progress] { lock.withLock { seen } }
    }

    @Test func theProgressTotalIsTheNumberOfPagesWrittenAndCountsUpByOne() throws {
        let folder = temporaryFolder("progress")
        let recorder = Recorder()
        var builder = SiteBuilder(options: BuildOptions(siteDirectory: Project.root, output: folder.appendingPathComponent("public"),
                                                        now: Instant(iso: "2026-11-21T15:00:00Z")!, sampleScale: 0.05))
        builder.onPageProgress = { recorder.add($0) }
        let report = try builder.build()
        let html = FileManager.default.enumerator(atPath: report.output.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".html") }
        let seen = recorder.all
        #expect(html.count > 30, "the sample pages the log")
        #expect(Set(seen.map(\.total)) == [html.count])
        #expect(seen.map(\.written) == Array(1...html.count))
        #expect(report.pages == html.count)
    }
}
