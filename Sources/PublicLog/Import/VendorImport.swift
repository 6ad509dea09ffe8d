import CSQLite
import Foundation

/// `transparency-gen import`: what a vendor's files hold, written into an SQLite file of the
/// operational schema (spec, import.md). The only code that writes an operational database.
/// All files of one call go in one transaction: on any error nothing is written, and a file
/// the call created is removed again.
public enum VendorImport {
    /// What one call did.
    public struct Summary: Sendable, Equatable {
        public var rowsRead = 0
        public var added = 0
        /// Rows stored before whose values the files changed (a mapping's rows; searches are never changed).
        public var updated = 0
        public var alreadyPresent = 0
    }

    /// What one call imports.
    public enum Job: Sendable {
        /// A vendor's search audits (`flock-audit`, `flock-portal-audit`), with the names of this
        /// agency as the vendor writes them and the `--agency-names` CSV.
        case searches(ImportFormat, files: [File], ownNames: [String], agencyNames: File?)
        /// CSV files into one table by a mapping file; `timeZone` is the site's, for `zone: local`.
        case table(TableMapping, files: [File], timeZone: TimeZone)
    }

    public static let progressEvery = 100_000

    /// A file to import: its name as messages give it, and its bytes or where to read them.
    public struct File: Sendable {
        public let name: String
        let data: Data?
        let path: String?

        public init(name: String, data: Data) {
            self.name = name
            self.data = data
            path = nil
        }

        /// The file at `path`, read a chunk at a time as it is imported.
        public init(name: String, path: String) {
            self.name = name
            data = nil
            self.path = path
        }

        /// Its records; nil when the file cannot be opened.
        func records() -> CSVRecords? {
            if let data { return CSVRecords(data: data) }
            return path.flatMap { FileHandle(forReadingAtPath: $0) }.map { CSVRecords(reading: $0) }
        }
    }

    /// Imports `job` into the SQLite file at `database` (created with the operational schema
    /// when absent). `progress` is told the rows read so far, every `progressEvery` rows.
    public static func run(_ job: Job, database: String, progress: ((Int) -> Void)? = nil) throws(PublicLogError) -> Summary {
        let existed = FileManager.default.fileExists(atPath: database)
        if let published = publishedFolder(containing: database) {
            throw PublicLogError("""
                \(database) is inside \(published), a folder transparency-gen publishes: an operational database holds \
                plates and names and must never be published. Keep it beside site.yaml (e.g. data/operational.sqlite). \
                Nothing was imported.
                """)
        }
        let connection: SQLiteConnection
        do {
            connection = try SQLiteConnection.open(path: database, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX)
            // A page cache of 64 MiB: a reads file's index grows past the default 2 MiB, and the
            // cache does not grow with the file.
            try connection.execute("PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536")
        } catch {
            if error.code & 0xFF == 26 {   // SQLITE_NOTADB
                throw PublicLogError("\(database) is not an SQLite database. Give the operational database's file with --database, or a new file name. Nothing was imported.")
            }
            throw PublicLogError("Cannot open \(database) to import into: \(error.message). Check the path and that the folder is writable. Nothing was imported.")
        }
        do {
            return try importing(job, into: connection, database: database, progress: progress)
        } catch {
            try? connection.execute("ROLLBACK")
            // Closing must not copy a WAL database's log into its main file: that would change it.
            _ = transparency_no_checkpoint_on_close(connection.handle)
            // A file this call created, and that still holds no table (no other import filled it
            // meanwhile), holds nothing the agency had: it goes, with its journal.
            if !existed, (try? connection.tableNames().isEmpty) == true {
                for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
            }
            throw error
        }
    }

    /// The folder a build published (it holds `PublishedFolder.marker`) that `path` is in, if any.
    private static func publishedFolder(containing path: String) -> String? {
        var folder = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(PublishedFolder.marker).path) { return folder.path }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    private static func importing(_ job: Job, into connection: SQLiteConnection, database: String,
                                  progress: ((Int) -> Void)?) throws(PublicLogError) -> Summary {
        func failed(_ what: String, _ error: SQLiteFailure) -> PublicLogError { Self.failed(database, what, error) }
        // Whether the file is new is decided under the write lock, so that two imports into a new
        // file at once make its schema once; an empty file (made by `touch`, or by an import that
        // was stopped) is new too.
        let isNew: Bool
        do {
            try connection.execute("BEGIN IMMEDIATE")
            isNew = try connection.tableNames().isEmpty
        } catch let failure as SQLiteFailure {
            throw failed("starting the import", failure)
        } catch {
            throw PublicLogError("\(database) is not an SQLite database (\(Ledger.reason(error))). Give the operational database's file with --database, or a new file name. Nothing was imported.")
        }
        if isNew {
            do { try connection.execute(OperationalSchema.sql) } catch { throw failed("creating the operational schema", error) }
        } else {
            try requireOperationalSchema(connection, database: database, searches: { if case .searches = job { true } else { false } }())
        }
        let summary: Summary
        switch job {
        case .searches(let format, let files, let ownNames, let agencyNames):
            summary = try importSearches(format, files: files, ownNames: ownNames, agencyNames: agencyNames,
                                         into: connection, database: database, progress: progress)
        case .table(let mapping, let files, let timeZone):
            summary = try importTable(mapping, files: files, timeZone: timeZone, into: connection, progress: progress)
        }
        do { try connection.execute("COMMIT") } catch { throw failed("saving the import", error) }
        return summary
    }

    private static func failed(_ database: String, _ what: String, _ error: SQLiteFailure) -> PublicLogError {
        PublicLogError("Cannot import into \(database): \(what) failed (\(error.message)). Nothing was imported.")
    }

    private static func importTable(_ mapping: TableMapping, files: [File], timeZone: TimeZone, into connection: SQLiteConnection,
                                    progress: ((Int) -> Void)?) throws(PublicLogError) -> Summary {
        let table = try MappedTable(mapping, connection: connection, siteZone: timeZone)
        let before = try table.rowCount()
        var summary = Summary()
        var changes = 0
        for file in files {
            guard var records = file.records() else {
                throw PublicLogError("Cannot read \(file.name): check the file's name and permissions. Nothing was imported.")
            }
            try table.importRows(of: file.name, &records, rowsRead: &summary.rowsRead, changes: &changes, progress: progress)
        }
        // An added row is one more in the table; a change that is not one is an update.
        summary.added = try table.rowCount() - before
        summary.updated = changes - summary.added
        summary.alreadyPresent = summary.rowsRead - summary.added - summary.updated
        return summary
    }

    private static func importSearches(_ format: ImportFormat, files: [File], ownNames: [String], agencyNames: File?,
                                       into connection: SQLiteConnection, database: String,
                                       progress: ((Int) -> Void)?) throws(PublicLogError) -> Summary {
        let agencyIDs = try agencyNames.map { (file) throws(PublicLogError) in try readAgencyNames(file, connection: connection) } ?? [:]
        let context = ImportContext(ownNames: ownNames, agencyIDs: agencyIDs)
        var summary = Summary()
        let insert: SQLiteStatement
        do {
            insert = try connection.prepare("""
                INSERT INTO data_access (\(ImportedSearch.columns.joined(separator: ", ")))
                VALUES (\(ImportedSearch.columns.map { _ in "?" }.joined(separator: ", ")))
                ON CONFLICT (vendor_search_id) DO NOTHING
                """)
        } catch {
            throw failed(database, "preparing the insert", error)
        }
        for file in files {
            let vendorFile = VendorFile(name: file.name, format: format, context: context)
            guard var records = file.records() else {
                throw PublicLogError("Cannot read \(file.name): check the file's name and permissions. Nothing was imported.")
            }
            try vendorFile.forEachSearch(in: &records) { (search, line) throws(PublicLogError) in
                summary.rowsRead += 1
                if summary.rowsRead % progressEvery == 0 { progress?(summary.rowsRead) }
                do throws(SQLiteFailure) {
                    try insert.run(search.values)
                } catch {
                    // Only a constraint is the row's doing; anything else is the file's or the disk's.
                    guard error.code & 0xFF == SQLITE_CONSTRAINT else { throw failed(database, "writing the searches", error) }
                    // SQLite's message about a constraint may quote a value: say only where and which kind.
                    throw vendorFile.failure(line: line, "the row could not be stored (\(Self.constraintKind(error)))",
                                             fix: "Check the row against the operational schema (transparency-gen schema).")
                }
                if sqlite3_changes(connection.handle) > 0 { summary.added += 1 } else { summary.alreadyPresent += 1 }
            }
        }
        return summary
    }

    /// The kind of a constraint failure, without SQLite's message (which may quote a value).
    private static func constraintKind(_ error: SQLiteFailure) -> String {
        // SQLite's extended codes (C macros Swift does not import): CONSTRAINT | CHECK, FOREIGNKEY, NOTNULL.
        switch error.code {
        case 275: "a value outside the schema's list"
        case 787: "a requesting agency id that is not in sharing_agency"
        case 1299: "an empty value the schema requires"
        default: "SQLite error \(error.code)"
        }
    }

    /// An existing file must be an operational database with the columns an import writes: a
    /// ledger, a published site's file or another program's database is refused unchanged.
    private static func requireOperationalSchema(_ connection: SQLiteConnection, database: String,
                                                 searches: Bool) throws(PublicLogError) {
        var columns: Set<String> = []
        let tables: Set<String>
        do {
            tables = try connection.tableNames()
            try connection.forEachRow("PRAGMA table_info(data_access)") { row in
                if let name = row.text(1) { columns.insert(name) }
            }
        } catch {
            throw PublicLogError("\(database) is not an SQLite database (\(Ledger.reason(error))). Give the operational database's file with --database, or a new file name. Nothing was imported.")
        }
        if tables.contains("period_figures") || tables.contains("ledger_seal") {
            throw PublicLogError("\(database) is a transparency-gen ledger, not an operational database: the import never writes a ledger. Give the operational database's file with --database. Nothing was imported.")
        }
        // A search's import needs both tables; a mapping's checks its own table (sharing_agency is optional).
        guard !searches || (tables.contains("data_access") && tables.contains("sharing_agency")) else {
            throw PublicLogError("\(database) is not an operational database (it has no table data_access or sharing_agency). Give the operational database's file with --database, or a new file name to create one. Nothing was imported.")
        }
        if searches, let missing = ImportedSearch.columns.first(where: { !columns.contains($0) }) {
            throw PublicLogError("""
                \(database): table data_access has no column \(missing), which the import writes (an export made before it was \
                in the schema). Add the optional columns as `transparency-gen schema` declares them, or import into a new file. \
                Nothing was imported.
                """)
        }
    }

    /// The `--agency-names` CSV (header `name,agency_id`): every id must be a `sharing_agency` row.
    private static func readAgencyNames(_ file: File, connection: SQLiteConnection) throws(PublicLogError) -> [String: String] {
        var known: Set<String> = []
        do {
            try connection.forEachRow("SELECT agency_id FROM sharing_agency") { row in
                if let id = row.text(0) { known.insert(id) }
            }
        } catch {
            throw PublicLogError("Cannot read sharing_agency: \(Ledger.reason(error)). Nothing was imported.")
        }
        func failure(_ line: Int, _ problem: String, _ fix: String) -> PublicLogError {
            ImportFailure.at(file.name, line: line, problem, fix: fix)
        }
        guard var records = file.records() else {
            throw PublicLogError("Cannot read \(file.name): check the file's name and permissions. Nothing was imported.")
        }
        guard let header = records.next(), header.fields.map(ImportContext.key) == ["name", "agency_id"] else {
            throw failure(1, "the header is not name,agency_id", "Write the header `name,agency_id`, then one agency per line.")
        }
        var ids: [String: String] = [:]
        while let record = records.next() {
            if record.fields == [""] { continue }
            guard record.fields.count == 2 else { throw failure(record.line, "the line does not have two fields", "Write `name,agency_id`.") }
            let name = record.fields[0], id = record.fields[1].trimmingCharacters(in: .whitespaces)
            guard known.contains(id) else {
                throw failure(record.line, "the agency_id is not an agency of table sharing_agency",
                              "Add the agency to sharing_agency first, or correct the id.")
            }
            // Names are compared trimmed and in any case, so two spellings of one name are one name.
            let key = ImportContext.key(name)
            if let earlier = ids[key], earlier != id {
                throw failure(record.line, "the name is listed on an earlier line with another agency_id", "Keep one line per name.")
            }
            ids[key] = id
        }
        if let malformed = records.malformed { throw failure(malformed.line, malformed.problem, "Save the file as CSV.") }
        return ids
    }
}
