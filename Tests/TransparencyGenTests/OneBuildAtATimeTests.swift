import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// One site reached under two names, or two builds started together, never builds twice at
/// once: the second stops with the lock's message, and the published site verifies.
@Suite("One build of a site at a time")
struct OneBuildAtATimeTests {
    /// Every file of `folder` against its `SHA256SUMS`, by the system's `sha256sum`, not the generator's code.
    static func sumsVerify(_ folder: URL) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = ["--check", "--quiet", "--strict", "SHA256SUMS"]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    final class Outcome: @unchecked Sendable {
        var report: BuildReport?
        var error: (any Error)?
    }

    /// A builder handed to the thread that runs it, and used there alone.
    final class Handed: @unchecked Sendable {
        let builder: SiteBuilder
        init(_ builder: SiteBuilder) { self.builder = builder }
    }

    /// Starts a build of `fixture` in a thread and returns once it has staged every file, held
    /// there until `resume` is signalled; `done` is signalled when it returns.
    static func startHeldBuild(_ fixture: SiteFixture, resume: DispatchSemaphore, done: DispatchSemaphore) -> Outcome {
        let staged = DispatchSemaphore(value: 0)
        var first = SiteBuilder(options: fixture.options(now: PublishingTests.t0))
        first.publishingHooks = PublishingHooks { step in
            if step == .siteStaged {
                staged.signal()
                resume.wait()
            }
        }
        let outcome = Outcome()
        let handed = Handed(first)
        Thread {
            do { outcome.report = try handed.builder.build() } catch { outcome.error = error }
            done.signal()
        }.start()
        staged.wait()
        return outcome
    }

    @Test func aSecondBuildOfOneSiteUnderOtherNamesStopsWhileTheFirstRuns() throws {
        let fixture = SiteFixture()
        PublishingTests.purgeFixture(fixture.databasePath)
        // The same site folder and the same output folder, each under a second name.
        let siteAlias = fixture.folder.appendingPathComponent("alias-site")
        let folderAlias = fixture.folder.appendingPathComponent("alias-folder")
        try FileManager.default.createSymbolicLink(at: siteAlias, withDestinationURL: fixture.site)
        try FileManager.default.createSymbolicLink(at: folderAlias, withDestinationURL: fixture.folder)

        let resume = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let first = Self.startHeldBuild(fixture, resume: resume, done: done)
        var options = fixture.options(now: PublishingTests.t0)
        options.siteDirectory = siteAlias
        options.output = folderAlias.appendingPathComponent("public")
        var refusal: GeneratorError?
        do { try SiteBuilder(options: options).build() } catch { refusal = error }
        resume.signal()
        done.wait()

        let message = try #require(refusal).message
        let realOutput = fixture.output.resolvingSymlinksInPath().path
        #expect(message.contains("Another build of this site is running"))
        #expect(message.contains(realOutput))
        #expect(message.contains("Wait for the other build to finish"))
        #expect(message.contains("no lock file to delete"))
        #expect(first.error == nil, "\(String(describing: first.error))")
        #expect(first.report?.publication?.number == 1)
        #expect(try Self.sumsVerify(fixture.output))
        #expect(fixture.outputFiles()["data/public-log.csv"] != nil)
        // The lock went with the first build: the next one runs.
        #expect(try SiteBuilder(options: options).build().publication == nil)
    }

    @Test func twoBuildsOfOneLedgerIntoTwoOutputsDoNotRunAtOnce() throws {
        let fixture = SiteFixture()
        PublishingTests.purgeFixture(fixture.databasePath)
        let resume = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let first = Self.startHeldBuild(fixture, resume: resume, done: done)
        var options = fixture.options(now: PublishingTests.t0)
        options.output = fixture.folder.appendingPathComponent("elsewhere")
        var refusal: GeneratorError?
        do { try SiteBuilder(options: options).build() } catch { refusal = error }
        resume.signal()
        done.wait()

        let message = try #require(refusal).message
        #expect(message.contains("Another build is using the ledger \(fixture.site.resolvingSymlinksInPath().path)/ledger.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: options.output!.path))
        #expect(first.error == nil)
        #expect(try Self.sumsVerify(fixture.output))
    }

    @Test(.enabled(if: InterruptionTests.binaryOrCI, "needs `swift build` first"))
    func twoBuildProcessesStartedTogetherPublishOneWholeSite() throws {
        let fixture = SiteFixture()
        PublishingTests.purgeFixture(fixture.databasePath)
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = String(Instant(iso: PublishingTests.t0)!.secondsSinceEpoch)
        let processes = (0..<2).map { _ in
            let process = Process()
            process.executableURL = InterruptionTests.binary
            process.arguments = ["build", "--quiet", "--site", fixture.site.path, "--database", fixture.databasePath,
                                 "--output", fixture.output.path]
            process.environment = environment
            return process
        }
        let errors = processes.map { process in
            let pipe = Pipe()
            process.standardError = pipe
            return pipe
        }
        for process in processes { try process.run() }
        let messages = errors.map { String(decoding: $0.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        for process in processes { process.waitUntilExit() }

        // Whichever ran second either found the first done, or stopped at once at the lock.
        let statuses = processes.map(\.terminationStatus)
        #expect(statuses.contains(0))
        for (status, message) in zip(statuses, messages) where status != 0 {
            #expect(message.contains("Another build of this site is running"), "\(message)")
        }
        #expect(try Self.sumsVerify(fixture.output))
        #expect(try Ledger(path: fixture.site.appendingPathComponent("ledger.sqlite").path, readOnly: true).publications().count == 1)
    }

    @Test func entriesLeadingToOneFolderAreOneSite() throws {
        let root = temporaryFolder("sites")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("a"), withIntermediateDirectories: true)
        try Data("agency_name: A\n".utf8).write(to: root.appendingPathComponent("a/site.yaml"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("b").path, withDestinationPath: "a")
        let (sites, repeated) = SiteFolders.distinct(SiteFolders.sites(in: root))
        #expect(sites.map(\.lastPathComponent) == ["a"])
        #expect(repeated.map { [$0.entry.lastPathComponent, $0.sameAs.lastPathComponent] } == [["b", "a"]])
    }

    @Test(.enabled(if: InterruptionTests.binaryOrCI, "needs `swift build` first"))
    func buildAllBuildsALinkedSiteOnce() throws {
        let root = temporaryFolder("build-all-link")
        defer { try? FileManager.default.removeItem(at: root) }
        let fixture = SiteFixture()
        PublishingTests.purgeFixture(fixture.databasePath)
        fixture.write("site.yaml", "agency_name: Test Police Department\ndatabase: \(fixture.databasePath)\n")
        try FileManager.default.copyItem(at: fixture.site, to: root.appendingPathComponent("a"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("b").path, withDestinationPath: "a")

        let (status, output) = try BuildAllTests.buildAll(root, now: PublishingTests.t0)
        #expect(status == 0, "\(output)")
        #expect(output.contains("a: published to \(root.path)/a/public"))
        #expect(output.contains("b: the same site as a"))
        #expect(!output.contains("b: published"))
        #expect(output.contains("1 of 1 sites built."))
        #expect(try Self.sumsVerify(root.appendingPathComponent("a/public")))
        let ledger = try Ledger(path: root.appendingPathComponent("a/ledger.sqlite").path, readOnly: true)
        #expect(try ledger.publications().count == 1)
    }
}
