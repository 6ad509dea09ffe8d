import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// The import attacked as a careless clerk or a hostile file would (the red team's findings,
/// each fixed): nothing the agency had is lost or changed on a failure, nothing is guessed.
@Suite("Import safety")
struct ImportSafetyTests {
    static let header = "ID,Name,Org Name,Search Time,Reason\n"

    static func audit(_ rows: [String], in folder: URL, name: String = "audit.csv") -> String {
        FlockImportTests.write(Data((header + rows.joined(separator: "\n") + "\n").utf8), name, in: folder)
    }

    /// Two imports into a file that does not exist yet, at once: both land, whichever makes the
    /// schema; neither removes what the other wrote.
    @Test func twoImportsIntoANewFileAtOnceBothLand() async throws {
        let folder = temporaryFolder("import-race")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = Self.audit((1...300).map { "a\($0),u,,\"11/3/2024, 1:00:00 AM UTC\",theft" }, in: folder, name: "a.csv")
        let second = Self.audit((1...300).map { "b\($0),u,,\"11/3/2024, 1:00:00 AM UTC\",theft" }, in: folder, name: "b.csv")
        for round in 1...5 {
            let database = folder.appendingPathComponent("race\(round).sqlite").path
            async let a = ImportTool.run(["import", "flock-audit", first, "--database", database, "--own-org", "X"])
            async let b = ImportTool.run(["import", "flock-audit", second, "--database", database, "--own-org", "X"])
            let (runA, runB) = try await (a, b)
            #expect(runA.status == 0 && runB.status == 0, "\(runA.error) \(runB.error)")
            #expect(FixtureDatabase(existing: database).scalar("SELECT count(*) FROM data_access") == "600", "round \(round)")
        }
    }

    /// Two spellings of one name (names match trimmed and in any case) with two ids: an error
    /// naming the line, never a choice that changes from run to run.
    @Test func oneAgencyNameWithTwoIdsIsAnErrorNamingTheLine() throws {
        let folder = temporaryFolder("import-names")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("op.sqlite").path
        let db = FixtureDatabase(path: database)
        for id in ["other-so", "alt-so"] { db.insert("sharing_agency", ["agency_id": id, "name": id, "jurisdiction": "minnesota"]) }
        db.close()
        let names = FlockImportTests.write(Data("name,agency_id\nOther County Sheriff,other-so\nOTHER COUNTY SHERIFF ,alt-so\n".utf8),
                                           "names.csv", in: folder)
        let before = fileBytes(database)
        let run = try ImportTool.run(["import", "flock-audit", Self.audit(["x1,u,Other County Sheriff,\"11/3/2024, 1:00:00 AM UTC\",theft"], in: folder),
                                      "--database", database, "--own-org", "X", "--agency-names", names])
        #expect(run.status != 0 && run.error.contains("names.csv line 3"), "\(run.error)")
        #expect(fileBytes(database) == before)
    }

    /// Without a site.yaml and without --own-org the agency's own searches cannot be told from
    /// other agencies': refused, rather than stored as another agency's for good.
    @Test func withoutASiteOrAnOwnNameTheImportIsRefused() throws {
        let folder = temporaryFolder("import-nosite")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("op.sqlite").path
        let run = try ImportTool.run(["import", "flock-audit", Self.audit(["x1,u,Elm Creek PD,\"11/3/2024, 1:00:00 AM UTC\",theft"], in: folder),
                                      "--database", database, "--site", folder.appendingPathComponent("typo").path])
        #expect(run.status != 0 && run.error.contains("--own-org"), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    /// A file saved as Latin-1 (Excel on Windows) or holding a NUL would be stored changed:
    /// refused, naming the line, not the text.
    @Test(arguments: [Data("x1,M\u{FC}ller".utf8.map { $0 }).replacingUTF8(with: [0x4D, 0xFC, 0x6C]), Data([0x78, 0x32, 0x2C, 0x4F, 0x00, 0x4B])])
    func textThatIsNotUTF8OrHoldsANulIsRefusedByLine(_ start: Data) throws {
        let folder = temporaryFolder("import-encoding")
        defer { try? FileManager.default.removeItem(at: folder) }
        var file = Data(Self.header.utf8)
        file.append(start)
        file.append(Data(",,\"11/3/2024, 1:00:00 AM UTC\",theft\n".utf8))
        let path = FlockImportTests.write(file, "latin1.csv", in: folder)
        let database = folder.appendingPathComponent("op.sqlite").path
        let run = try ImportTool.run(["import", "flock-audit", path, "--database", database, "--own-org", "X"])
        #expect(run.status != 0 && run.error.contains("latin1.csv line 2"), "\(run.error)")
        #expect(!run.error.contains("ller") && !FileManager.default.fileExists(atPath: database))
    }

    /// An operational database holds plates and names: never inside a folder a build publishes.
    @Test func aDatabaseInsideAPublishedFolderIsRefused() throws {
        let site = SiteFixture()
        FixtureDatabase(path: site.databasePath).close()
        try site.build(now: "2024-11-20T18:00:00Z")
        let database = site.output.appendingPathComponent("data/operational.sqlite").path
        let run = try ImportTool.run(["import", "flock-audit", Self.audit(["x1,u,,\"11/3/2024, 1:00:00 AM UTC\",theft"], in: site.folder),
                                      "--database", database, "--site", site.site.path])
        #expect(run.status != 0 && run.error.contains("a folder transparency-gen publishes"), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: database))
    }
}

private extension Data {
    /// `self` (a test's stand-in) replaced by raw bytes: a field written in Latin-1.
    func replacingUTF8(with bytes: [UInt8]) -> Data { Data([0x78, 0x31, 0x2C] + bytes) }
}
