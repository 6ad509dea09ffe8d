import CSQLite

/// A value read from or bound to SQLite.
package enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// The SQLite failure, with the message SQLite gave. Messages never carry row data.
package struct SQLiteFailure: Error, Sendable {
    package let code: Int32
    package let message: String
}

/// A thin, internal wrapper over one SQLite connection. Not thread-safe: one owner at a time.
package final class SQLiteConnection {
    package let handle: OpaquePointer
    package let path: String

    private init(handle: OpaquePointer, path: String) {
        self.handle = handle
        self.path = path
    }

    /// Opens `path` with the given SQLite open flags.
    package static func open(path: String, flags: Int32) throws(SQLiteFailure) -> SQLiteConnection {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            if let db { sqlite3_close_v2(db) }
            throw SQLiteFailure(code: rc, message: message)
        }
        sqlite3_extended_result_codes(db, 1)
        return SQLiteConnection(handle: db, path: path)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    package var lastError: SQLiteFailure {
        SQLiteFailure(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)))
    }

    /// Runs statements that return no rows.
    package func execute(_ sql: String) throws(SQLiteFailure) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(errorMessage)
            throw SQLiteFailure(code: rc, message: message)
        }
    }

    package func prepare(_ sql: String) throws(SQLiteFailure) -> SQLiteStatement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw lastError
        }
        return SQLiteStatement(handle: statement, connection: self)
    }

    /// The names of the main schema's tables.
    package func tableNames() throws -> Set<String> {
        var tables: Set<String> = []
        try forEachRow("SELECT name FROM sqlite_schema WHERE type = 'table'") { row in
            if let name = row.text(0) { tables.insert(name) }
        }
        return tables
    }

    /// Prepares `sql`, binds `arguments` and calls `row` for each result row.
    package func forEachRow(_ sql: String, _ arguments: [SQLValue] = [], _ row: (SQLiteRow) throws -> Void) throws {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        while try statement.step() {
            try row(SQLiteRow(statement: statement.handle))
        }
    }
}

/// A prepared statement; finalized when released.
package final class SQLiteStatement {
    let handle: OpaquePointer
    private let connection: SQLiteConnection

    init(handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    package func bind(_ values: [SQLValue]) throws(SQLiteFailure) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
            case .real(let v): rc = sqlite3_bind_double(handle, index, v)
            case .text(let v): rc = sqlite3_bind_text(handle, index, v, -1, sqliteTransient)
            }
            if rc != SQLITE_OK { throw connection.lastError }
        }
    }

    /// Advances to the next row; false when done.
    package func step() throws(SQLiteFailure) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.lastError
        }
    }

    /// Binds, runs to completion and resets: for inserts.
    package func run(_ values: [SQLValue]) throws(SQLiteFailure) {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
    }
}

/// The current row of a statement, read by column index.
package struct SQLiteRow {
    let statement: OpaquePointer

    package func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }

    package func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(statement, column) else { return nil }
        return ReservedCharacters.cleaned(String(cString: pointer))
    }

    package func integer(_ column: Int32) -> Int64? {
        isNull(column) ? nil : sqlite3_column_int64(statement, column)
    }

    package func real(_ column: Int32) -> Double? {
        isNull(column) ? nil : sqlite3_column_double(statement, column)
    }

    /// The column's declared-free storage class, for validating untyped vendor data.
    package func storageClass(_ column: Int32) -> Int32 {
        sqlite3_column_type(statement, column)
    }
}

/// SQLITE_TRANSIENT, which the C macro expresses as a cast Swift cannot import.
package let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
