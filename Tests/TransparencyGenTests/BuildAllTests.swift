import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// `build-all`: every agency's site in a folder of site folders, each with its own database,
/// ledger and output; one agency's failure leaves the others published.
@Suite("Build every site in a folder")
struct BuildAllTests {
    @Test func sitesAreTheFoldersWithASiteYAMLInNameOrder() throws {
        let root = temporaryFolder("sites")
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["maple", "Elm", "notes", "anoka"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        for name in ["maple", "Elm", "anoka"] {
            try Data("agency_name: X\n".utf8).write(to: root.appendingPathComponent("\(name)/site.yaml"))
        }
        #expect(SiteFolders.sites(in: root).map(\.lastPathComponent) == ["Elm", "anoka", "maple"])
        // Each site runs once, whatever the number at once, and results keep the sites' order.
        let sites = SiteFolders.sites(in: root)
        for jobs in [1, 2, 8] {
            #expect(SiteFolders.buildEach(sites, jobs: jobs) { $0.lastPathComponent == "anoka" ? "failed" : nil } == [nil, "failed", nil])
        }
    }

    @Test(.enabled(if: InterruptionTests.binaryOrCI, "needs `swift build` first"))
    func eachSiteIsBuiltAsItsOwnBuildWouldBuildIt() throws {
        let root = temporaryFolder("build-all")
        defer { try? FileManager.default.removeItem(at: root) }
        var fixtures: [SiteFixture] = []
        for (name, agency) in [("elm-creek", "Elm Creek Police Department"), ("maple-grove", "Maple Grove Police Department")] {
            let fixture = SiteFixture(config: "agency_name: \(agency)\n")
            let db = FixtureDatabase(path: fixture.databasePath)
            db.reader("FX-1", kind: "fixed", label: "Camera 1")
            db.period("FX-1", "2024-11-18T06:00:00Z", "2024-11-18T18:00:00Z")
            db.close()
            fixture.write("site.yaml", "agency_name: \(agency)\ndatabase: \(fixture.databasePath)\n")
            try FileManager.default.copyItem(at: fixture.site, to: root.appendingPathComponent(name))
            fixtures.append(fixture)
        }
        // A third agency whose database is missing: reported, the others still built.
        try FileManager.default.copyItem(at: fixtures[0].site, to: root.appendingPathComponent("zumbrota"))
        try Data("agency_name: Zumbrota\ndatabase: /nonexistent/operational.sqlite\n".utf8)
            .write(to: root.appendingPathComponent("zumbrota/site.yaml"))

        let (status, output) = try Self.buildAll(root, now: "2024-11-20T18:00:00Z")
        #expect(status == 1)
        #expect(output.contains("elm-creek: published to \(root.path)/elm-creek/public"))
        #expect(output.contains("maple-grove: published to"))
        #expect(output.contains("zumbrota: failed:") && output.contains("/nonexistent/operational.sqlite does not exist"))
        #expect(output.contains("2 of 3 sites built."))
        for (name, agency) in [("elm-creek", "Elm Creek"), ("maple-grove", "Maple Grove")] {
            let home = try String(contentsOf: root.appendingPathComponent("\(name)/public/index.html"), encoding: .utf8)
            #expect(home.contains(agency))
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("\(name)/ledger.sqlite").path))
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("zumbrota/public").path))
    }

    /// Runs the built binary's `build-all FOLDER --jobs 2` at `now`: its exit status and what it printed.
    static func buildAll(_ root: URL, now: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = InterruptionTests.binary
        process.arguments = ["build-all", root.path, "--jobs", "2"]
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = String(try #require(Instant(iso: now)).secondsSinceEpoch)
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
