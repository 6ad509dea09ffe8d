import Foundation
import Testing
import PublicLog
import TestSupport

/// The `transparency-gen` executable: exit statuses and messages a clerk reads.
@Suite("Command line")
struct CommandLineTests {
    struct Run {
        let status: Int32
        let output: String
        let error: String
    }

    func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = InterruptionTests.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = String(Instant(iso: PublishingTests.t0)!.secondsSinceEpoch)
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                   error: String(decoding: error, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: InterruptionTests.binary.path)))
    func checkExitsZeroWithWarningsOneWhenStrictAndTwoOnErrors() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        let args = ["check", "--site", site.site.path, "--database", site.databasePath]
        let relaxed = try run(args)
        #expect(relaxed.status == 0)
        #expect(relaxed.output.contains("warning"))
        #expect(try run(args + ["--strict"]).status == 1)

        site.write("content/audits/2024-audit.md", "---\nauditor: A\noutcome: maybe\n---\n")
        let broken = try run(args)
        #expect(broken.status == 2)
        #expect(broken.error.hasPrefix("error: "))
        #expect(broken.error.contains("content/audits/2024-audit.md"))
        #expect(!broken.error.contains("Fatal error"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: InterruptionTests.binary.path)))
    func buildErrorsAreOneParagraphWithoutAStackTrace() throws {
        let site = SiteFixture()
        let result = try run(["build", "--site", site.site.path, "--database", "/nonexistent/alpr.sqlite"])
        #expect(result.status != 0)
        #expect(result.error.split(separator: "\n").count == 1)
        #expect(result.error.contains("/nonexistent/alpr.sqlite does not exist"))
    }
}
