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

    /// `--version` names the version of the repository's VERSION file (its one source) and the
    /// commit git says the working copy is at; every page names the same version as its generator.
    @Test(.enabled(if: InterruptionTests.binaryOrCI, "needs `swift build` first"))
    func versionNamesTheVersionFileAndTheCommit() throws {
        let version = try String(contentsOf: Project.root.appendingPathComponent("VERSION"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try run(["--version"])
        #expect(result.status == 0)
        let said = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        if let git = Tool.find("git"), FileManager.default.fileExists(atPath: Project.root.appendingPathComponent(".git").path) {
            let head = try Tool.run(git, ["-C", Project.root.path, "rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(said == "transparency-gen \(version) (commit \(head))")
        } else {
            #expect(said.hasPrefix("transparency-gen \(version) (commit "))
        }
        let site = SiteFixture()
        #expect(try run(["build", "--site", site.site.path, "--output", site.output.path]).status == 0)
        let home = try String(contentsOf: site.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("<meta name=\"generator\" content=\"transparency-gen \(version)\">"))
    }

    @Test(.enabled(if: InterruptionTests.binaryOrCI, "needs `swift build` first"))
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

    @Test(.enabled(if: InterruptionTests.binaryOrCI, "needs `swift build` first"))
    func buildErrorsAreOneParagraphWithoutAStackTrace() throws {
        let site = SiteFixture()
        let result = try run(["build", "--site", site.site.path, "--database", "/nonexistent/alpr.sqlite"])
        #expect(result.status != 0)
        #expect(result.error.split(separator: "\n").count == 1)
        #expect(result.error.contains("/nonexistent/alpr.sqlite does not exist"))
    }

    @Test(.enabled(if: InterruptionTests.binaryOrCI, "needs `swift build` first"))
    func initThenBuildThenAnInitIntoTheSameFolderIsRefused() throws {
        let parent = temporaryFolder("cli-init")
        let site = parent.appendingPathComponent("new portal")
        let created = try run(["init", site.path, "--agency", "Maple Grove Police Department", "--time-zone", "America/Chicago"])
        #expect(created.status == 0, "\(created.error)")
        #expect(created.output.contains("transparency-gen serve"))
        #expect(created.output.contains("cd '\(site.path)'"))
        let refused = try run(["build", "--site", site.path, "--quiet"])
        #expect(refused.status != 0 && refused.error.contains("--allow-placeholders"), "\(refused.error)")
        let built = try run(["build", "--site", site.path, "--quiet", "--allow-placeholders"])
        #expect(built.status == 0, "\(built.error)")
        #expect(built.output.isEmpty, "--quiet printed \(built.output)")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("public/index.html").path))

        let again = try run(["init", site.path])
        #expect(again.status == 1)
        #expect(again.error.hasPrefix("error: The folder \(site.path) is not empty"))
        #expect(again.error.split(separator: "\n").count == 1)

        let zone = try run(["init", parent.appendingPathComponent("other").path, "--time-zone", "Central"])
        #expect(zone.status == 1)
        #expect(zone.error.contains("America/Chicago"))
        #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent("other").path))
    }

    @Test(.enabled(if: InterruptionTests.binaryOrCI, "needs `swift build` first"))
    func verboseNamesTheFilesReadAndWrittenAndListsTheWarnings() throws {
        let site = SiteFixture()
        let db = FixtureDatabase(path: site.databasePath)
        db.reader("SQ-1", kind: "mobile")
        db.period("SQ-1", "2024-11-10T12:00:00Z", "2024-11-10T20:00:00Z")
        db.close()
        let result = try run(["build", "--site", site.site.path, "--database", site.databasePath, "--output", site.output.path, "--verbose"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Database:    \(site.databasePath)"))
        #expect(result.output.contains("Ledger:      \(site.site.appendingPathComponent("ledger.sqlite").path)"))
        #expect(result.output.contains("render and write to staging folder"))
        #expect(result.output.contains("- site.yaml has no base_url"), "warnings are listed one per line")
        #expect(try run(["build", "--quiet", "--verbose"]).status != 0)
    }

    @Test(.enabled(if: InterruptionTests.binaryOrCI, "needs `swift build` first"))
    func serveRefusesASiteFolderThatIsNotThereBeforeListening() throws {
        let missing = temporaryFolder("cli-serve").appendingPathComponent("nothing-here")
        let result = try run(["serve", "--site", missing.path, "--port", "0"])
        #expect(result.status == 1)
        #expect(result.error.hasPrefix("error: There is no site folder at \(missing.path)"))
        #expect(!result.output.contains("Previewing"))
    }

    @Test(.enabled(if: InterruptionTests.binaryOrCI, "needs `swift build` first"))
    func helpShowsANewcomerTheWayIn() throws {
        let help = try run(["--help"]).output
        for command in ["init", "serve", "check", "build", "schema"] {
            #expect(help.contains("transparency-gen \(command)") || help.contains("  \(command) "), "\(command) missing from --help")
        }
        #expect(help.contains("Getting started"))
        #expect(try run(["help", "serve"]).output.contains("--port"))
        #expect(try run(["help", "init"]).output.contains("--agency"))
    }
}
