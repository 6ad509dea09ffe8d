/// A problem with the operational database, worded for the staff member who has to fix it:
/// which file, table and row, what is wrong, and what to do. Never carries a value from a
/// private column, a security-information placement or a non-public database.
public struct PublicLogError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What the error is about, for callers that act on it rather than print it.
    public enum Kind: String, Sendable {
        /// The operational data: a file that cannot be opened or read, a table, a column or a row.
        case operationalData
        /// The ledger of published figures.
        case ledger
        /// A check of the generator's own results failed: a defect to report.
        case defect
    }

    public let message: String
    public let kind: Kind

    public init(_ message: String, kind: Kind = .operationalData) {
        self.message = message
        self.kind = kind
    }

    /// An error about the ledger.
    static func ledger(_ message: String) -> PublicLogError { PublicLogError(message, kind: .ledger) }

    public var description: String { message }

    static func cannotOpen(_ path: String, _ reason: String) -> PublicLogError {
        PublicLogError("""
            Cannot open the operational database \(path): \(reason). Check that the path in \
            --database or the site configuration is right and that this user may read the file \
            (and, for a database in WAL mode, create its -shm file beside it).
            """)
    }

    static func notADatabase(_ path: String, _ reason: String) -> PublicLogError {
        PublicLogError("""
            The operational database \(path) could not be read as SQLite (\(reason)). It may be \
            truncated, corrupt or another kind of file: export it again from the ALPR system.
            """)
    }

    static func missingTable(_ path: String, _ table: String) -> PublicLogError {
        PublicLogError("""
            The operational database \(path) has no table `\(table)`. The generator needs the tables \
            that `transparency-gen schema` prints; map the vendor's export to them.
            """)
    }

    static func missingColumn(_ path: String, _ table: String, _ column: String) -> PublicLogError {
        PublicLogError("""
            Table `\(table)` in the operational database \(path) has no column `\(column)`. Add it \
            to the export as `transparency-gen schema` prints it.
            """)
    }

    static func inexactColumn(_ path: String, _ table: String, _ column: String, _ problem: String) -> PublicLogError {
        PublicLogError("""
            In the operational database \(path), column `\(table).\(column)` \(problem): an unknown agency, reader \
            or purpose could then pass for a known one. Declare it as `transparency-gen schema` prints it \
            (\(OperationalSchema.declaredTypes[table]?[column] ?? "TEXT"), without COLLATE) and copy the rows into it in the export script.
            """)
    }

    static func notAPlainTable(_ path: String, _ table: String, _ what: String) -> PublicLogError {
        PublicLogError("""
            In the operational database \(path), `\(table)` is \(what). The export must hold plain \
            tables (CREATE TABLE, every column stored, no views or virtual tables) with the columns \
            `transparency-gen schema` prints: copy the rows into such a table in the export script.
            """)
    }

    static func refusedRead(_ path: String, _ what: String, _ refusals: [String]) -> PublicLogError {
        PublicLogError("""
            Reading \(what) from the operational database \(path) was refused: it reaches \
            \(refusals.isEmpty ? "a table" : refusals.joined(separator: ", ")), which the generator may read \
            only from plain tables of the export. The export must hold plain tables (no views, \
            virtual tables or triggers standing in for them) as `transparency-gen schema` prints them.
            """)
    }

    static func badRow(_ path: String, table: String, row: String, _ problem: String, fix: String) -> PublicLogError {
        PublicLogError("Table `\(table)` in \(path), \(row): \(problem). \(fix)")
    }

    static func queryFailed(_ path: String, _ what: String, _ failure: SQLiteFailure) -> PublicLogError {
        PublicLogError("""
            Reading \(what) from the operational database \(path) failed: \(failure.message) \
            (SQLite code \(failure.code)). If the file is being replaced, run again; if it \
            persists, the file may be damaged: export it again.
            """)
    }
}
