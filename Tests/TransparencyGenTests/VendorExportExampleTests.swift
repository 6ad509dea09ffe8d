import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// docs/vendor-export.md's worked example, run as the guide says: the schema, then the
/// import script through the `sqlite3` command with TZ set, then a build.
@Suite("Vendor export example (docs)")
struct VendorExportExampleTests {
    static let sqlite3 = Tool.find("sqlite3")
    static let examples = Project.root.appendingPathComponent("docs/examples")

    @Test(.enabled(if: sqlite3 != nil || Tool.requiredInCI, "the sqlite3 command is not installed"))
    func theWorkedExampleImportsAndBuildsWithTheFiguresOfItsCSVFiles() throws {
        let sqlite3 = try #require(Self.sqlite3, "apt-get install sqlite3")
        let folder = temporaryFolder("vendor")
        let database = folder.appendingPathComponent("operational.sqlite").path
        // transparency-gen schema | sqlite3 operational.sqlite
        try run(sqlite3, [database], input: OperationalSchema.sql, in: folder)
        // TZ=America/Chicago sqlite3 operational.sqlite < import-vendor-csv.sql (in the CSV folder)
        let script = try String(contentsOf: Self.examples.appendingPathComponent("import-vendor-csv.sql"), encoding: .utf8)
        try run(sqlite3, [database], input: script, in: Self.examples.appendingPathComponent("vendor-csv"),
                environment: ["TZ": "America/Chicago"])

        // Times: the CSV's local times, converted here with Foundation's own time zone rules.
        let chicago = try #require(TimeZone(identifier: "America/Chicago"))
        func utc(_ local: String) -> String {
            let parser = DateFormatter()
            parser.locale = Locale(identifier: "en_US_POSIX")
            parser.timeZone = chicago
            parser.dateFormat = "MM/dd/yyyy HH:mm:ss"
            let writer = ISO8601DateFormatter()
            return writer.string(from: parser.date(from: local)!)
        }
        let reads = try rows(sqlite3, database, "SELECT read_id, read_at FROM plate_read ORDER BY read_id")
        let csvReads = parseCSV(try String(contentsOf: Self.examples.appendingPathComponent("vendor-csv/reads.csv"), encoding: .utf8))
            .dropFirst().filter { $0.count > 2 }
        #expect(reads.count == csvReads.count)
        for (row, csv) in zip(reads, csvReads) {
            #expect(row == [csv[0], utc(csv[2])], "read \(csv[0])")
        }
        #expect(try rows(sqlite3, database, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'vendor_%'") == [["0"]],
                "staging tables with private data left behind")

        // Built from it: the figures a clerk would count by hand from the CSV files.
        let site = SiteFixture()
        let report = try SiteBuilder(options: BuildOptions(siteDirectory: site.site, database: .file(URL(fileURLWithPath: database)),
                                                           output: site.output, now: Instant(iso: "2026-11-03T18:00:00Z")!)).build()
        #expect(report.periods == 3, "three closed sessions; 1004 is still open")
        let log = parseCSV(try #require(site.outputText("data/public-log.csv")))
        let header = log[0]
        func value(_ period: String, _ column: String) -> String? {
            log.first { $0.first == period }.map { $0[header.firstIndex(of: column)!] }
        }
        // Session 1001, CAM-1 on 30 October: reads 1, 2, 3 of plates ABC123 (twice) and XYZ789;
        // alert 501 (Revoked/Suspended) on read 2.
        #expect(value("1001", "reads") == "3")
        #expect(value("1001", "plates") == "2")
        #expect(value("1001", "license_suspended_revoked") == "1")
        // Session 1002, SQ-21 across midnight: reads 4 and 5; alert 502 (Stolen Vehicle) on read 4.
        #expect(value("1002", "reads") == "2")
        #expect(value("1002", "stolen") == "1")
        // Session 1003, CAM-2 (partner) on 2 November: reads 6 and 7; alert 503 from the list whose existence is not public.
        #expect(value("1003", "operator") == "partner")
        #expect(value("1003", "active_investigation") == "1")
        #expect(!(value("1003", "databases_compared") ?? "").contains("Local investigative list"))
        // Searches (searches.csv): 9001 this agency's own; 9002 and 9003 for the Hennepin County
        // Sheriff under two spellings agency_names.csv maps; 9004 at 23:55 on 2 November (05:55Z on
        // the 3rd) for an agency it does not map, with a blank case number.
        let byDay = parseCSV(try #require(site.outputText("data/searches-by-day.csv"))).dropFirst()
        #expect(Array(byDay) == [
            ["2026-10-31", "criminal_investigation", "this_agency", "", "", "", "yes", "1"],
            ["2026-11-02", "criminal_investigation", "named_agency", "hennepin-so", "Hennepin County Sheriff's Office", "minnesota", "no", "1"],
            ["2026-11-02", "missing_person", "named_agency", "hennepin-so", "Hennepin County Sheriff's Office", "minnesota", "yes", "1"],
            ["2026-11-02", "other", "unnamed_agency", "", "", "", "no", "1"],
        ])
        #expect(Array(parseCSV(try #require(site.outputText("data/sharing-agencies.csv"))).dropFirst()) == [
            ["fbi-mpls", "FBI Minneapolis Field Office", "federal", "", "", "no_agreement", "0"],
            ["hennepin-so", "Hennepin County Sheriff's Office", "minnesota", "2024-01-01", "", "current", "2"],
        ])
        let all = try #require(site.outputFiles().values.map { String(decoding: $0, as: UTF8.self) }.joined() as String?)
        for secret in ["ABC123", "XYZ789", "GHJ321", "officer.a", "26-001234", "26-001240", "HCSO", "Wright Co SO",
                       "Local investigative list", "img/1.jpg"] {
            #expect(!all.contains(secret), "\(secret) published")
        }
    }

    /// The worked example's mapping files, in the order docs/vendor-export.md imports them
    /// (references first), with the CSV file each reads.
    static let mappings = [("readers.yaml", "cameras.csv"), ("placements.yaml", "camera_sites.csv"), ("periods.yaml", "sessions.csv"),
                           ("hotlists.yaml", "hotlists.csv"), ("reads.yaml", "reads.csv"), ("hits.yaml", "alerts.csv"),
                           ("sharing-agencies.yaml", "sharing_agencies.csv"), ("searches.yaml", "searches.csv")]

    /// `import csv --mapping` with the example's mapping files gives the database its SQL script
    /// gives: every table, every row, every value with its SQLite type (`.dump`); importing the
    /// files again changes nothing.
    @Test(.enabled(if: sqlite3 != nil || Tool.requiredInCI, "the sqlite3 command is not installed"))
    func theMappingFilesGiveTheDatabaseTheScriptGives() throws {
        let sqlite3 = try #require(Self.sqlite3, "apt-get install sqlite3")
        let csvFolder = Self.examples.appendingPathComponent("vendor-csv")
        let yamlFiles = try FileManager.default.contentsOfDirectory(atPath: csvFolder.path).filter { $0.hasSuffix(".yaml") }
        #expect(Set(yamlFiles) == Set(Self.mappings.map(\.0)), "a mapping file of the example that the test does not import")

        let folder = temporaryFolder("vendor-mapped")
        let scripted = folder.appendingPathComponent("scripted.sqlite").path
        try run(sqlite3, [scripted], input: OperationalSchema.sql, in: folder)
        let script = try String(contentsOf: Self.examples.appendingPathComponent("import-vendor-csv.sql"), encoding: .utf8)
        try run(sqlite3, [scripted], input: script, in: csvFolder, environment: ["TZ": "America/Chicago"])

        let site = SiteFixture()   // time_zone: the default, America/Chicago
        let mapped = folder.appendingPathComponent("mapped.sqlite").path
        func importAll() throws {
            for (mapping, csv) in Self.mappings {
                let result = try ImportTool.run(["import", "csv", "--mapping", csvFolder.appendingPathComponent(mapping).path,
                                                 csvFolder.appendingPathComponent(csv).path, "--database", mapped, "--site", site.site.path])
                #expect(result.status == 0, "\(mapping): \(result.error)")
            }
        }
        try importAll()
        let tables = ["reader", "reader_location", "active_period", "comparison_source", "plate_read", "hit", "sharing_agency", "data_access"]
        func dump(_ path: String, _ table: String) throws -> String {
            try run(sqlite3, [path, ".dump \(table)"], input: "", in: folder)
        }
        for table in tables {
            let expected = try dump(scripted, table)
            #expect(expected.contains("INSERT INTO"), "the script filled no \(table)")
            #expect(try dump(mapped, table) == expected, "\(table)")
        }
        let before = try tables.map { try dump(mapped, $0) }
        try importAll()
        #expect(try tables.map { try dump(mapped, $0) } == before, "importing the files again changed the database")
    }

    @discardableResult
    func run(_ executable: String, _ arguments: [String], input: String, in folder: URL,
             environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3: \(output)")
        return output
    }

    func rows(_ sqlite3: String, _ database: String, _ sql: String) throws -> [[String]] {
        try run(sqlite3, ["-csv", database, sql], input: "", in: Self.examples)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}
