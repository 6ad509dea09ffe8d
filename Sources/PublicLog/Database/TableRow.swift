import CSQLite

/// One row of a public table or aggregate view, read by column index, whichever database it
/// came from (`SQLiteRow`, `PostgreSQLRow`), so that both are checked by one `RowCheck`.
protocol TableRow {
    func isNull(_ column: Int32) -> Bool
    func text(_ column: Int32) -> String?
    func integer(_ column: Int32) -> Int64?
    func real(_ column: Int32) -> Double?
    /// True when the value is stored as a whole number.
    func isInteger(_ column: Int32) -> Bool
    /// True when the value is stored as a number, whole or not.
    func isNumber(_ column: Int32) -> Bool
}

extension SQLiteRow: TableRow {
    func isInteger(_ column: Int32) -> Bool { storageClass(column) == SQLITE_INTEGER }
    func isNumber(_ column: Int32) -> Bool { storageClass(column) == SQLITE_INTEGER || storageClass(column) == SQLITE_FLOAT }
}
