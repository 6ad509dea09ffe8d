import CSQLite
import Foundation
import PublicLog

/// Writes an operational database row by row with plain SQL, for tests. It shares no code
/// with PublicLog's reading side: only the schema contract.
public final class FixtureDatabase {
    public let path: String
    private var db: OpaquePointer?

    /// Creates a new database at `path` with the operational schema.
    public init(path: String, wal: Bool = false, schema: String = OperationalSchema.sql) {
        self.path = path
        try? FileManager.default.removeItem(atPath: path)
        precondition(sqlite3_open(path, &db) == SQLITE_OK, "cannot create fixture database")
        if wal { exec("PRAGMA journal_mode = WAL") }
        exec(schema)
    }

    /// Opens an existing database for writing (e.g. to hold a write transaction).
    public init(existing path: String) {
        self.path = path
        precondition(sqlite3_open(path, &db) == SQLITE_OK, "cannot open fixture database")
    }

    deinit { close() }

    public func close() {
        if let db { sqlite3_close(db) }
        db = nil
    }

    public func exec(_ sql: String) {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(db, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "?"
            sqlite3_free(error)
            preconditionFailure("fixture SQL failed: \(message)\n\(sql)")
        }
    }

    /// The first column of the first row of `sql`, as text; nil for no row or NULL.
    public func scalar(_ sql: String) -> String? {
        var statement: OpaquePointer?
        precondition(sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, String(cString: sqlite3_errmsg(db)))
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW, let text = sqlite3_column_text(statement, 0) else { return nil }
        return String(cString: text)
    }

    /// Inserts one row; nil values become NULL. Returns the row id.
    @discardableResult
    public func insert(_ table: String, _ values: [String: Any?]) -> Int64 {
        let columns = values.keys.sorted()
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        var statement: OpaquePointer?
        precondition(sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, String(cString: sqlite3_errmsg(db)))
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, column) in columns.enumerated() {
            let position = Int32(index + 1)
            switch values[column] ?? nil {
            case nil: sqlite3_bind_null(statement, position)
            case let value as Int: sqlite3_bind_int64(statement, position, Int64(value))
            case let value as Int64: sqlite3_bind_int64(statement, position, value)
            case let value as Double: sqlite3_bind_double(statement, position, value)
            case let value as String: sqlite3_bind_text(statement, position, value, -1, transient)
            case let value?: preconditionFailure("unsupported fixture value \(value)")
            }
        }
        precondition(sqlite3_step(statement) == SQLITE_DONE, String(cString: sqlite3_errmsg(db)))
        return sqlite3_last_insert_rowid(db)
    }

    // Conveniences for the common rows.

    public func reader(_ id: String, kind: String, label: String? = nil, operator op: String = "agency",
                       installedOn: String? = "2024-01-01", bcaNotifiedOn: String? = "2024-01-03",
                       decommissionedOn: String? = nil) {
        insert("reader", ["reader_id": id, "kind": kind, "label": label ?? id, "operator": op, "installed_on": installedOn,
                          "bca_notified_on": bcaNotifiedOn, "decommissioned_on": decommissionedOn])
    }

    @discardableResult
    public func location(_ readerID: String, _ description: String, placedOn: String, removedOn: String? = nil,
                         direction: String? = nil, latitude: Double? = nil, longitude: Double? = nil,
                         security: Bool = false) -> Int64 {
        insert("reader_location", ["reader_id": readerID, "description": description, "direction": direction,
                                   "latitude": latitude, "longitude": longitude, "placed_on": placedOn,
                                   "removed_on": removedOn, "security_information": security ? 1 : 0])
    }

    @discardableResult
    public func period(_ readerID: String, _ start: String, _ end: String?, id: Int64? = nil) -> Int64 {
        insert("active_period", ["period_id": id, "reader_id": readerID, "started_at": start, "ended_at": end])
    }

    public func source(_ id: String, _ name: String, jurisdiction: String = "state", isPublic: Bool = true,
                       from: String = "2020-01-01", until: String? = nil) {
        insert("comparison_source", ["source_id": id, "name": name, "jurisdiction": jurisdiction,
                                     "existence_public": isPublic ? 1 : 0, "in_use_from": from, "in_use_until": until])
    }

    @discardableResult
    public func read(_ readerID: String, _ at: String, plate: String, state: String? = "MN",
                     imageRef: String? = nil, latitude: Double? = nil, longitude: Double? = nil) -> Int64 {
        insert("plate_read", ["reader_id": readerID, "read_at": at, "plate": plate, "plate_state": state,
                              "image_ref": imageRef, "latitude": latitude, "longitude": longitude])
    }

    public func hit(_ readID: Int64, _ category: String, source: String = "bca", record: String? = nil,
                    disposition: String? = "confirmed") {
        insert("hit", ["read_id": readID, "source_id": source, "category": category, "hotlist_record": record,
                       "disposition": disposition])
    }
}

/// A fresh temporary folder, removed by the caller.
public func temporaryFolder(_ name: String = "test") -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("transparency-gen-\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A file's exact bytes, to show it is unchanged.
public func fileBytes(_ path: String) -> Data? {
    FileManager.default.contents(atPath: path)
}
