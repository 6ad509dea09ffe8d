/// Reads and validates the columns of one row of a public table, naming the row in errors.
struct RowCheck {
    let database: String
    let table: String
    let row: String
    /// False for a row whose values may not appear in a message (a security-information
    /// placement, or one whose classification is not yet known): problems are then named only.
    var quotesValues = true

    private func quoted(_ value: String) -> String { quotesValues ? " '\(value)'" : "" }

    func failure(_ problem: String, fix: String) -> PublicLogError {
        .badRow(database, table: table, row: row, problem, fix: fix)
    }

    func text(_ r: some TableRow, _ column: Int32, _ name: String) throws(PublicLogError) -> String {
        guard let value = r.text(column), !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw failure("\(name) is empty", fix: "Every row needs a \(name).")
        }
        return value
    }

    /// `last` (an optional end), refused when it is before `first`.
    func ordered<T: Comparable & CustomStringConvertible>(_ first: T, _ last: T?, _ lastName: String, _ firstName: String,
                                                          fix: String) throws(PublicLogError) -> T? {
        if let last, last < first {
            throw failure("\(lastName)\(quotesValues ? " (\(last))" : "") is before \(firstName)\(quotesValues ? " (\(first))" : "")", fix: fix)
        }
        return last
    }

    /// The `reader_id` in `column`, which must name a row of table `reader`.
    func knownReader(_ r: some TableRow, _ column: Int32, _ known: Set<String>) throws(PublicLogError) -> String {
        let readerID = try text(r, column, "reader_id")
        guard known.contains(readerID) else {
            throw failure("reader_id names a reader that is not in table `reader`", fix: "Add the reader or correct the reader_id.")
        }
        return readerID
    }

    func choice<T: RawRepresentable & CaseIterable>(_ r: some TableRow, _ column: Int32, _ name: String,
                                                    _ type: T.Type) throws(PublicLogError) -> T where T.RawValue == String {
        let value = r.text(column) ?? ""
        guard let choice = T(rawValue: value) else {
            let valid = T.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw failure("\(name)\(quotesValues ? " is '\(value)', which" : "") is not one of \(valid)", fix: "Use one of those values.")
        }
        return choice
    }

    func optionalDate(_ r: some TableRow, _ column: Int32, _ name: String) throws(PublicLogError) -> LocalDate? {
        guard let value = r.text(column), !value.isEmpty else { return nil }
        guard let date = LocalDate(iso: value) else {
            throw failure("\(name)\(quoted(value)) is not a date", fix: "Write dates as YYYY-MM-DD, e.g. 2024-05-01.")
        }
        return date
    }

    func date(_ r: some TableRow, _ column: Int32, _ name: String) throws(PublicLogError) -> LocalDate {
        guard let date = try optionalDate(r, column, name) else {
            throw failure("\(name) is empty", fix: "Every row needs a \(name) (YYYY-MM-DD).")
        }
        return date
    }

    func optionalInstant(_ r: some TableRow, _ column: Int32, _ name: String) throws(PublicLogError) -> Instant? {
        guard let value = r.text(column), !value.isEmpty else { return nil }
        guard let instant = Instant(iso: value) else {
            throw failure("\(name)\(quoted(value)) is not a UTC time",
                          fix: "Write times in UTC as YYYY-MM-DDTHH:MM:SSZ, e.g. 2024-05-01T13:05:00Z.")
        }
        return instant
    }

    func instant(_ r: some TableRow, _ column: Int32, _ name: String) throws(PublicLogError) -> Instant {
        guard let instant = try optionalInstant(r, column, name) else {
            throw failure("\(name) is empty", fix: "Every row needs a \(name) (YYYY-MM-DDTHH:MM:SSZ).")
        }
        return instant
    }

    func coordinate(_ r: some TableRow, _ column: Int32, _ name: String, limit: Double) throws(PublicLogError) -> Double? {
        guard !r.isNull(column) else { return nil }
        guard r.isNumber(column), let value = r.real(column), abs(value) <= limit else {
            throw failure("\(name) is not a number from -\(Int(limit)) to \(Int(limit))",
                          fix: "Give \(name) in decimal degrees, or leave it empty.")
        }
        return value
    }
}
