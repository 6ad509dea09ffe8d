import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Hostile site folders, outputs and interruptions: each refused (or survived) with the published
/// site, the ledger and the operational database byte-identical afterwards.
@Suite("Hostile sites, outputs and interruptions")
struct AdversarialSiteTests {
    static let now = PublishingTests.t0

    /// A site built once, with what a later failed build must leave exactly as it is.
    struct Published {
        let site: SiteFixture
        let output: [String: Data]
        let ledger: Data
        let database: Data

        init() throws {
            site = SiteFixture()
            PublishingTests.purgeFixture(site.databasePath)
            try site.build(now: AdversarialSiteTests.now)
            output = site.outputFiles()
            ledger = try #require(fileBytes(site.site.appendingPathComponent("ledger.sqlite").path))
            database = try #require(fileBytes(site.databasePath))
        }

        func expectUnchanged(sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(site.outputFiles() == output, "the published site changed", sourceLocation: sourceLocation)
            #expect(fileBytes(site.site.appendingPathComponent("ledger.sqlite").path) == ledger, "the ledger changed",
                    sourceLocation: sourceLocation)
            #expect(fileBytes(site.databasePath) == database, "the database changed", sourceLocation: sourceLocation)
            let debris = ((try? FileManager.default.contentsOfDirectory(atPath: site.folder.path)) ?? [])
                .filter { $0.contains("staging") || $0.contains("previous") }
            #expect(debris.isEmpty, "debris: \(debris)", sourceLocation: sourceLocation)
        }

        /// The message of a build that must fail.
        func failedBuild() -> String {
            do {
                try site.build(now: AdversarialSiteTests.now)
                return "no error"
            } catch {
                return (error as? GeneratorError)?.message ?? "\(error)"
            }
        }
    }

    static let auditWithReport = """
        ---
        auditor: "Independent Auditor, LLC"
        period_start: 2022-08-01
        period_end: 2024-07-31
        completed_on: 2024-10-18
        outcome: compliant
        report: report.pdf
        ---
        Summary.
        """

    // MARK: Copied files (item 3)

    /// A published site whose audit now names `report.pdf`, and where that report goes.
    static func publishedWithReport() throws -> (Published, URL) {
        let published = try Published()
        published.site.write("content/audits/2024-audit.md", auditWithReport)
        return (published, published.site.site.appendingPathComponent("content/audits/report.pdf"))
    }

    @Test(arguments: ["database", "/etc/passwd"])
    func aReportThatIsASymbolicLinkIsRefused(target: String) throws {
        let (published, report) = try Self.publishedWithReport()
        try FileManager.default.createSymbolicLink(atPath: report.path, withDestinationPath: target == "database" ? published.site.databasePath : target)
        let message = published.failedBuild()
        #expect(message.contains("content/audits/report.pdf") && message.contains("symbolic link"), "\(message)")
        published.expectUnchanged()
    }

    @Test func aReportThatIsAHardLinkToTheDatabaseIsRefused() throws {
        let (published, report) = try Self.publishedWithReport()
        #expect(link(published.site.databasePath, report.path) == 0)
        let message = published.failedBuild()
        #expect(message.contains("content/audits/report.pdf") && message.contains("hard link"), "\(message)")
        published.expectUnchanged()
    }

    @Test func aReportThatIsACopyOfAnSQLiteDatabaseIsRefused() throws {
        let (published, report) = try Self.publishedWithReport()
        try FileManager.default.copyItem(atPath: published.site.databasePath, toPath: report.path)
        let message = published.failedBuild()
        #expect(message.contains("content/audits/report.pdf") && message.contains("SQLite database"), "\(message)")
        published.expectUnchanged()
    }

    @Test func aReportThatIsNotAPDFOrTooLargeIsRefusedAndAPDFIsPublished() throws {
        let (published, report) = try Self.publishedWithReport()
        try Data("Plain text pretending to be a report\n".utf8).write(to: report)
        var message = published.failedBuild()
        #expect(message.contains("is not a PDF"), "\(message)")
        // 50 MiB and one byte, sparse: larger than any report may be.
        try Data("%PDF-1.4\n".utf8).write(to: report)
        let handle = try FileHandle(forWritingTo: report)
        try handle.truncate(atOffset: UInt64(50 << 20) + 1)
        try handle.close()
        message = published.failedBuild()
        #expect(message.contains("larger than 50 MiB"), "\(message)")
        published.expectUnchanged()

        let pdf = Data("%PDF-1.4\n%%EOF\n".utf8)
        try pdf.write(to: report)
        try published.site.build(now: Self.now)
        #expect(published.site.outputFiles()["audits/2024-audit/report.pdf"] == pdf)
    }

    @Test func anAssetThatIsALinkOrOfAnUnexpectedKindIsRefused() throws {
        let published = try Published()
        let asset = published.site.site.appendingPathComponent("templates/assets/extra.css").path
        try FileManager.default.createSymbolicLink(atPath: asset, withDestinationPath: published.site.databasePath)
        var message = published.failedBuild()
        #expect(message.contains("templates/assets/extra.css") && message.contains("symbolic link"), "\(message)")
        try FileManager.default.removeItem(atPath: asset)
        try FileManager.default.copyItem(atPath: published.site.databasePath,
                                         toPath: published.site.site.appendingPathComponent("templates/assets/data.bin").path)
        message = published.failedBuild()
        #expect(message.contains("templates/assets/data.bin"), "\(message)")
        published.expectUnchanged()
    }

    @Test func aContentPageThatIsALinkOrAPipeIsRefusedWithoutHanging() throws {
        let published = try Published()
        let page = published.site.site.appendingPathComponent("content/pages/passwd.md").path
        try FileManager.default.createDirectory(at: published.site.site.appendingPathComponent("content/pages"),
                                                withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: page, withDestinationPath: "/etc/passwd")
        var message = published.failedBuild()
        #expect(message.contains("content/pages/passwd.md") && message.contains("symbolic link"), "\(message)")
        try FileManager.default.removeItem(atPath: page)
        #expect(mkfifo(page, 0o644) == 0)
        message = published.failedBuild()
        #expect(message.contains("content/pages/passwd.md") && message.contains("not a regular file"), "\(message)")
        published.expectUnchanged()
    }

    // MARK: Markdown and the second wall (item 4)

    @Test func remoteImagesBecomeLinksAndEveryPageForbidsOtherOrigins() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        site.write("content/pages/tracking.md", """
            ---
            title: Tracking
            ---
            Intro.

            ![the tracker](https://tracker.example/pixel.png) and ![another](//tracker.example/p.gif "T")
            ![local](../assets/logo.png)
            """)
        let report = try site.build(now: Self.now)
        let html = try #require(site.outputText("tracking/index.html"))
        #expect(!html.contains("<img src=\"https:") && !html.contains("<img src=\"//"))
        #expect(html.contains("<a href=\"https://tracker.example/pixel.png\">the tracker</a>"))
        #expect(html.contains("<a href=\"//tracker.example/p.gif\" title=\"T\">another</a>"))
        #expect(html.contains("<img src=\"../assets/logo.png\" alt=\"local\""))
        #expect(report.warnings.contains { $0.contains("content/pages/tracking.md line 6") && $0.contains("another site") })
        for (path, data) in site.outputFiles() where path.hasSuffix(".html") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains(SiteRenderer.contentSecurityPolicyMeta), "\(path) has no CSP")
            #expect(!withoutDataBlocks(text).contains("<script"), "\(path) has a script")
        }
        #expect(SiteRenderer.contentSecurityPolicy.contains("default-src 'self'"))
        #expect(SiteRenderer.contentSecurityPolicy.contains("script-src 'none'"))
    }

    @Test func aTemplateWithoutThePolicyIsAnError() throws {
        let published = try Published()
        let base = published.site.site.appendingPathComponent("templates/base.mustache")
        let text = try String(contentsOf: base, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "<meta http-equiv=\"Content-Security-Policy\"", with: "<meta name=\"x\"").utf8).write(to: base)
        let message = published.failedBuild()
        #expect(message.contains("Content-Security-Policy"), "\(message)")
        published.expectUnchanged()
    }

    // MARK: The ledger and the published site agree (item 5)

    struct SimulatedKill: Error {}

    /// Stops a build at `step` as `kill -9` would: the files as they are on disk at that instant
    /// are copied aside (ledger, its journal, the output, the staging folder), then the build is
    /// abandoned. The copy is then run on as the next command would.
    @Test(arguments: PublishingStep.allCases)
    func aKillAtAnyStepLeavesSiteAndLedgerInAgreement(step: PublishingStep) throws {
        let published = try Published()
        let count = try Ledger(path: published.site.site.appendingPathComponent("ledger.sqlite").path, readOnly: true).publications().count
        published.site.write("content/pages/new.md", "---\ntitle: New page\n---\nText\n")
        let copy = temporaryFolder("killed")
        defer { try? FileManager.default.removeItem(at: copy) }
        let snapshot = copy.appendingPathComponent("fixture")
        var builder = SiteBuilder(options: published.site.options(now: Self.now))
        let fixtureFolder = published.site.folder
        builder.publishingHooks = PublishingHooks { reached in
            guard reached == step else { return }
            try FileManager.default.copyItem(at: fixtureFolder, to: snapshot)
            throw SimulatedKill()
        }
        // The build itself goes on or fails; what matters is the state the kill left.
        _ = try? builder.build()
        let output = snapshot.appendingPathComponent("public")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path),
                "the output folder is missing after a kill at \(step)")

        // What the next command sees, after its recovery.
        let ledgerPath = snapshot.appendingPathComponent("site/ledger.sqlite").path
        try Publisher(output: output, siteDirectory: snapshot.appendingPathComponent("site")).recover(ledgerPath: ledgerPath)
        let newCount = try Ledger(path: ledgerPath, readOnly: true).publications().count
        let hasNewPage = FileManager.default.fileExists(atPath: output.appendingPathComponent("new/index.html").path)
        #expect(hasNewPage == (newCount == count + 1), "site and ledger disagree after a kill at \(step)")
        #expect(newCount == count || newCount == count + 1)
        #expect(Publisher.manifestDigest(of: output) != nil)
        let debris = ((try? FileManager.default.contentsOfDirectory(atPath: snapshot.path)) ?? [])
            .filter { $0.contains("staging") || $0.contains("previous") }
        #expect(debris.isEmpty, "debris after recovery: \(debris)")

        // And the next build completes with the page.
        var options = published.site.options(now: Self.now, database: snapshot.appendingPathComponent("operational.sqlite").path)
        options.siteDirectory = snapshot.appendingPathComponent("site")
        options.output = output
        try SiteBuilder(options: options).build()
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("new/index.html").path))
        #expect(try Ledger(path: ledgerPath, readOnly: true).publications().count == count + 1)
    }

    /// A full disk when the ledger commits: refused before the swap, everything as it was.
    @Test func aLedgerThatCannotBeSavedPublishesNothing() throws {
        let published = try Published()
        published.site.write("content/pages/new.md", "---\ntitle: New page\n---\nText\n")
        var builder = SiteBuilder(options: published.site.options(now: Self.now))
        builder.publishingHooks = PublishingHooks { reached in
            if reached == .ledgerCommitting { throw GeneratorError("No space left on device") }
        }
        #expect(throws: GeneratorError.self) { try builder.build() }
        published.expectUnchanged()
    }

    // MARK: Outputs that would destroy inputs (item 6)

    @Test(arguments: ["ledger.sqlite", "content", "content/out", "templates/out", "site.yaml"])
    func anOutputThatIsOrHoldsOrLiesInsideAnInputIsRefused(relative: String) throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        let before = try FileManager.default.subpathsOfDirectory(atPath: site.site.path).sorted()
        var options = site.options(now: Self.now)
        options.output = site.site.appendingPathComponent(relative)
        do {
            try SiteBuilder(options: options).build()
            Issue.record("an output at \(relative) was accepted")
        } catch {
            #expect(error.message.contains(site.site.appendingPathComponent(relative).standardizedFileURL.path), "\(error.message)")
            #expect(error.message.contains("which the build reads"))
        }
        #expect(try FileManager.default.subpathsOfDirectory(atPath: site.site.path).sorted() == before, "something was written")
    }

    @Test func anOutputHoldingTheLedgerOrTheDatabaseIsRefused() throws {
        let site = SiteFixture(config: "agency_name: Test Police Department\nledger: ../published/ledger.sqlite\n")
        PublishingTests.purgeFixture(site.databasePath)
        var options = site.options(now: Self.now)
        options.output = site.folder.appendingPathComponent("published")
        #expect(throws: GeneratorError.self) { try SiteBuilder(options: options).build() }
        #expect(!FileManager.default.fileExists(atPath: site.folder.appendingPathComponent("published").path))

        let plain = SiteFixture()
        let databaseFolder = plain.folder.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: databaseFolder, withIntermediateDirectories: true)
        let database = databaseFolder.appendingPathComponent("operational.sqlite").path
        PublishingTests.purgeFixture(database)
        let before = try #require(fileBytes(database))
        var second = plain.options(now: Self.now, database: database)
        second.output = databaseFolder
        do {
            try SiteBuilder(options: second).build()
            Issue.record("an output holding the database was accepted")
        } catch {
            #expect(error.message.contains("holds the operational database"), "\(error.message)")
        }
        #expect(fileBytes(database) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: databaseFolder.path) == ["operational.sqlite"])
    }

    // MARK: Front matter (item 7)

    @Test func yamlAnchorsAndAliasesAreRefusedWithTheFileAndLine() throws {
        let published = try Published()
        published.site.write("content/audits/2024-audit.md", """
            ---
            auditor: "Independent Auditor, LLC"
            period_start: 2022-08-01
            period_end: 2024-07-31
            completed_on: 2024-10-18
            outcome: compliant
            findings:
              - &big {requirement: "\(String(repeating: "x", count: 1000))", statute: "13.824", result: compliant}
              - *big
              - *big
            ---
            Summary.
            """)
        let message = published.failedBuild()
        #expect(message.contains("content/audits/2024-audit.md line 8") && message.contains("anchor"), "\(message)")
        published.expectUnchanged()
    }

    // MARK: A pipe as the database (item 9)

    @Test func aPipeAsTheDatabaseIsRefusedWithoutHanging() throws {
        let site = SiteFixture()
        let pipe = site.folder.appendingPathComponent("pipe.sqlite").path
        #expect(mkfifo(pipe, 0o644) == 0)
        do {
            try site.build(now: Self.now, database: pipe)
            Issue.record("a pipe was read as the database")
        } catch let error as GeneratorError {
            #expect(error.message.contains("not a regular file"), "\(error.message)")
        }
    }

    // MARK: Reproducible wherever the site lives (item 10)

    @Test func theSameInputsInTwoFoldersGiveByteIdenticalOutputFolders() throws {
        let first = SiteFixture()
        PublishingTests.purgeFixture(first.databasePath)
        let second = SiteFixture()
        try FileManager.default.copyItem(atPath: first.databasePath, toPath: second.databasePath)
        try first.build(now: Self.now)
        try second.build(now: Self.now)
        let files = first.outputFiles()
        #expect(files.keys.contains { $0.hasPrefix(".") }, "the hidden files are compared too")
        #expect(files == second.outputFiles())
    }
}
