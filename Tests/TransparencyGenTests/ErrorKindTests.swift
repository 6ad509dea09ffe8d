import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// Errors carry what they are about besides their words, so callers act on the kind.
@Suite("Error kinds")
struct ErrorKindTests {
    func kind(_ body: () throws -> Void) -> GeneratorError.Kind? {
        do { try body(); return nil } catch let error as GeneratorError { return error.kind } catch { return .other }
    }

    @Test func eachFailureSaysWhatItIsAbout() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)

        site.write("site.yaml", "agency_name: [unclosed\n")
        #expect(kind { try site.build(now: PublishingTests.t0) } == .siteFiles)
        site.write("site.yaml", "agency_name: Test Police Department\n")

        let pipe = site.folder.appendingPathComponent("pipe.sqlite").path
        #expect(mkfifo(pipe, 0o644) == 0)
        #expect(kind { try site.build(now: PublishingTests.t0, database: pipe) } == .operationalData)

        let notSQLite = site.folder.appendingPathComponent("text.sqlite")
        try Data(repeating: 0x41, count: 4096).write(to: notSQLite)
        #expect(kind { try site.build(now: PublishingTests.t0, database: notSQLite.path) } == .operationalData)

        var options = site.options(now: PublishingTests.t0)
        options.output = site.site.appendingPathComponent("content")
        #expect(kind { try SiteBuilder(options: options).build() } == .output)

        try Data("not a ledger".utf8).write(to: site.site.appendingPathComponent("ledger.sqlite"))
        #expect(kind { try site.build(now: PublishingTests.t0) } == .ledger)
    }
}
