import Foundation
import Testing
import TestSupport

/// `import csv --mapping` against what a red team tried: files saved oddly, values that cannot
/// be stored, databases of the right shape but wrong, and the worked example's privacy flags.
/// Each failure must leave the database byte-identical and say where, never a cell's value.
@Suite("Importing by a mapping, attacked")
struct MappedImportHardeningTests {
    static let examples = Project.root.appendingPathComponent("docs/examples/vendor-csv")

    /// A workspace whose database holds the example's readers and hot lists.
    static func workspaceWithReaders() throws -> MappedWorkspace {
        let ws = MappedWorkspace()
        for (mapping, csv) in [("readers.yaml", "cameras.csv"), ("hotlists.yaml", "hotlists.csv")] {
            let run = try ws.importCSV(mapping: examples.appendingPathComponent(mapping).path, [examples.appendingPathComponent(csv).path])
            #expect(run.status == 0, "\(mapping): \(run.error)")
        }
        return ws
    }

    static func rows(_ database: String, _ sql: String) throws -> [[StoredValue]] { try SQLiteFile.query(database, sql) }

    /// Expects `run` to fail naming `words`, with the database unchanged and no canary said.
    static func expectRefused(_ run: ImportTool.Run, naming words: [String], unchanged database: String, before: Data?,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status != 0, "accepted", sourceLocation: sourceLocation)
        for word in words { #expect(run.error.contains(word), "the message does not name \(word): \(run.error)", sourceLocation: sourceLocation) }
        #expect(!run.error.contains("CANARY") && !run.output.contains("CANARY"), "a cell's value in: \(run.error)", sourceLocation: sourceLocation)
        #expect(fileBytes(database) == before, "the database changed", sourceLocation: sourceLocation)
    }

    /// Excel's "CSV (Macintosh)" ends lines with a lone CR; a file may end with one. Both read
    /// as the same rows as the LF file.
    @Test(arguments: ["\r", "\r\n", "\n"])
    func linesEndedByCROrCRLFOrLFReadAlike(_ end: String) throws {
        let ws = MappedWorkspace()
        let mapping = ws.write("r.yaml", "table: reader\ncolumns:\n  reader_id: ID\n  kind: {value: fixed}\n  label: Label\n")
        let csv = ws.write("r.csv", ["ID,Label,Notes", "R1,One,n", "R2,Two,n"].joined(separator: end) + end)
        let run = try ws.importCSV(mapping: mapping, [csv])
        #expect(run.status == 0, "\(run.error)")
        #expect(try Self.rows(ws.database, "SELECT reader_id, label FROM reader ORDER BY reader_id")
                == [[.text("R1"), .text("One")], [.text("R2"), .text("Two")]])
    }

    /// A vendor's "no end" of 12/31/9999 23:59:59 local is in year 10000 once in UTC: refused by
    /// line and column, never stored as year 0000.
    @Test func aTimePastTheYear9999InUTCIsRefused() throws {
        let ws = try Self.workspaceWithReaders()
        let before = fileBytes(ws.database)
        let csv = ws.write("s.csv", "SessionID,CameraID,StartLocal,EndLocal\n1005,CAM-1,10/30/2026 00:00:00,12/31/9999 23:59:59\n")
        let run = try ws.importCSV(mapping: Self.examples.appendingPathComponent("periods.yaml").path, [csv])
        Self.expectRefused(run, naming: ["s.csv line 2", "EndLocal", "9999"], unchanged: ws.database, before: before)
    }

    /// The worked example lists both of the vendor's words for a flag that keeps something
    /// private: any other word is an error, never a secret list named or a classified place published.
    @Test(arguments: [("hotlists.yaml", "ListID,ListName,Level,Public,ActiveFrom,ActiveTo\nSECRET,CANARY list,Federal,No,01/01/2020,\n", "Public"),
                      ("placements.yaml", "CameraID,SiteDescription,Direction,Lat,Lon,FromDate,ToDate,Restricted\nCAM-1,CANARY place,,,,01/01/2026,,Yes\n", "Restricted")])
    func theExamplesPrivacyFlagsRefuseAWordTheyDoNotList(mapping: String, csv: String, column: String) throws {
        let ws = try Self.workspaceWithReaders()
        let before = fileBytes(ws.database)
        let run = try ws.importCSV(mapping: Self.examples.appendingPathComponent(mapping).path, [ws.write("flag.csv", csv)])
        Self.expectRefused(run, naming: ["flag.csv line 2", column], unchanged: ws.database, before: before)
    }

    /// A default that would publish what a privacy flag's unlisted word means is refused by the
    /// mapping's line; one that keeps the row private is allowed.
    @Test(arguments: [("reader_location", "security_information", "0", false), ("reader_location", "security_information", "1", true),
                      ("comparison_source", "existence_public", "1", false), ("comparison_source", "existence_public", "0", true)])
    func aPrivacyFlagsDefaultMayOnlyKeepRowsPrivate(table: String, column: String, value: String, allowed: Bool) throws {
        let ws = try Self.workspaceWithReaders()
        let mapping: String
        let csv: String
        if table == "reader_location" {
            mapping = "table: reader_location\nkey: [reader_id, placed_on]\ncolumns:\n  reader_id: CameraID\n  description: Site\n  placed_on: {column: From, date: MM/dd/yyyy}\n  \(column):\n    column: Flag\n    values: {Y: 1, N: 0}\n    default: \(value)\n"
            csv = "CameraID,Site,From,Flag\nCAM-1,Main St,01/01/2026,Maybe\n"
        } else {
            mapping = "table: comparison_source\ncolumns:\n  source_id: ID\n  name: Name\n  jurisdiction: {value: state}\n  in_use_from: {value: 2026-01-01}\n  \(column):\n    column: Flag\n    values: {Y: 1, N: 0}\n    default: \(value)\n"
            csv = "ID,Name,Flag\nNEW,New list,Maybe\n"
        }
        let before = fileBytes(ws.database)
        let run = try ws.importCSV(mapping: ws.write("flag.yaml", mapping), [ws.write("flag.csv", csv)])
        if allowed {
            #expect(run.status == 0, "\(run.error)")
        } else {
            Self.expectRefused(run, naming: ["flag.yaml line", column, "default"], unchanged: ws.database, before: before)
        }
    }

    /// A read of a reader that is not stored names that reference, not every one the table has.
    @Test func aMissingReferenceIsNamedAlone() throws {
        let ws = try Self.workspaceWithReaders()
        let reads = ws.write("reads.csv", "ReadID,CameraID,ReadTimeLocal,Plate,State,Lat,Lon,ImageFile\n1,CAM-1,10/30/2026 07:15:02,CANARY1,MN,,,\n")
        #expect(try ws.importCSV(mapping: Self.examples.appendingPathComponent("reads.yaml").path, [reads]).status == 0)
        let before = fileBytes(ws.database)
        let alerts = ws.write("alerts.csv", "AlertID,ReadID,ListID,Reason,Record,Outcome\n9,1,NOSUCHLIST,Warrant,CANARY record,\n")
        let run = try ws.importCSV(mapping: Self.examples.appendingPathComponent("hits.yaml").path, [alerts])
        Self.expectRefused(run, naming: ["alerts.csv line 2", "source_id → comparison_source"], unchanged: ws.database, before: before)
        #expect(!run.error.contains("read_id → plate_read"), "names a reference that holds: \(run.error)")
    }

    /// A trigger on the table would act on every imported row (copy it elsewhere, or quote it in
    /// an error): the import refuses the table, says nothing of the row, and writes nothing.
    @Test func aTableWithATriggerIsRefused() throws {
        let ws = try Self.workspaceWithReaders()
        let database = FixtureDatabase(existing: ws.database)
        database.exec("CREATE TABLE copied (label TEXT); CREATE TRIGGER leak AFTER INSERT ON reader BEGIN INSERT INTO copied VALUES (NEW.label); END;")
        database.close()
        let before = fileBytes(ws.database)
        let mapping = ws.write("r.yaml", "table: reader\ncolumns:\n  reader_id: ID\n  kind: {value: fixed}\n  label: Label\n")
        let run = try ws.importCSV(mapping: mapping, [ws.write("r.csv", "ID,Label\nR9,CANARY label\n")])
        Self.expectRefused(run, naming: ["trigger", "leak"], unchanged: ws.database, before: before)
    }

    /// A double quote never closed, in a file larger than any record may be, fails at the
    /// limit with the line the record starts on, instead of reading the whole file into memory.
    @Test func anUnclosedQuoteInALargeFileIsRefusedByItsLine() throws {
        let ws = MappedWorkspace()
        let mapping = ws.write("r.yaml", "table: reader\ncolumns:\n  reader_id: ID\n  kind: {value: fixed}\n  label: Label\n")
        let path = ws.inputs.appendingPathComponent("big.csv").path
        FileManager.default.createFile(atPath: path, contents: Data("ID,Label\nR1,One\nR2,\"CANARY".utf8))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        let line = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<70 { handle.write(line) }
        try handle.close()
        let run = try ws.importCSV(mapping: mapping, [path])
        Self.expectRefused(run, naming: ["big.csv line 3", "64 MiB"], unchanged: ws.database, before: nil)
    }

    /// The vendor's raw text in an `_at` or `_on` column, with no time: or date: rule, is refused
    /// by line and column: the build would refuse the whole database later.
    @Test(arguments: [("started_at", "Start", "10/30/2026 00:00:00"), ("started_at", "Start", "2026-10-30T00:00:00")])
    func rawTextInATimeColumnIsRefused(column: String, header: String, cell: String) throws {
        let ws = try Self.workspaceWithReaders()
        let before = fileBytes(ws.database)
        let mapping = ws.write("p.yaml", "table: active_period\ncolumns:\n  period_id: ID\n  reader_id: Camera\n  \(column): \(header)\n")
        let run = try ws.importCSV(mapping: mapping, [ws.write("p.csv", "ID,Camera,\(header)\n7,CAM-1,\(cell)\n")])
        Self.expectRefused(run, naming: ["p.csv line 2", header, "time:"], unchanged: ws.database, before: before)
    }

    /// A file saved as UTF-16 is named as such; a folder or a device is not an export; a CSV
    /// given as the mapping is refused before its cells could be quoted back.
    @Test func filesThatAreNotACSVExportAreRefusedForWhatTheyAre() throws {
        let ws = MappedWorkspace()
        let mapping = ws.write("r.yaml", "table: reader\ncolumns:\n  reader_id: ID\n  kind: {value: fixed}\n  label: Label\n")
        var utf16 = Data([0xFF, 0xFE])
        utf16.append("ID,Label\nR1,One\n".data(using: .utf16LittleEndian)!)
        let utf16Path = ws.inputs.appendingPathComponent("u16.csv").path
        FileManager.default.createFile(atPath: utf16Path, contents: utf16)
        let refusedUTF16 = try ws.importCSV(mapping: mapping, [utf16Path])
        #expect(refusedUTF16.status != 0 && refusedUTF16.error.contains("UTF-16"), "\(refusedUTF16.error)")
        for notAFile in [ws.inputs.path, "/dev/zero"] {
            let run = try ws.importCSV(mapping: mapping, [notAFile])
            #expect(run.status != 0 && run.error.contains("not a file"), "\(notAFile): \(run.error)")
        }
        let csv = ws.write("private.csv", "CANARY: plate\nCANARY: plate\n")
        let asMapping = try ws.importCSV(mapping: csv, [csv])
        #expect(asMapping.status != 0 && !asMapping.error.contains("CANARY"), "\(asMapping.error)")
        #expect(!FileManager.default.fileExists(atPath: ws.database), "a database was left behind")
    }

    /// Before the first build the site's ledger does not exist: the import does not make it an
    /// operational database.
    @Test func theSitesLedgerIsNeverImportedInto() throws {
        let ws = MappedWorkspace()
        let mapping = ws.write("r.yaml", "table: reader\ncolumns:\n  reader_id: ID\n  kind: {value: fixed}\n  label: Label\n")
        let ledger = ws.site.site.appendingPathComponent("ledger.sqlite").path
        let run = try ws.importCSV(mapping: mapping, [ws.write("r.csv", "ID,Label\nR1,One\n")], database: ledger)
        #expect(run.status != 0 && run.error.contains("ledger"), "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: ledger))
    }
}
