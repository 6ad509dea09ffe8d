import Foundation

/// A mapping file (`import csv --mapping FILE.yaml`, docs/vendor-export.md) as read: the table it
/// fills and, for each of its columns, where the value comes from. Each part keeps the line
/// of the mapping file it was written on, for messages.
public struct TableMapping: Sendable {
    /// The mapping file, as messages name it.
    public let file: String
    public let table: String
    public let tableLine: Int
    /// The columns that identify a row for re-import; nil for the table's primary key.
    public let key: [String]?
    public let keyLine: Int
    public let columns: [ColumnRule]

    public init(file: String, table: String, tableLine: Int, key: [String]?, keyLine: Int, columns: [ColumnRule]) {
        self.file = file
        self.table = table
        self.tableLine = tableLine
        self.key = key
        self.keyLine = keyLine
        self.columns = columns
    }

    /// A problem of the mapping file, at `line`.
    public func failure(line: Int, _ problem: String, fix: String) -> PublicLogError {
        ImportFailure.at(file, line: line, problem, fix: fix)
    }

    /// The tables a mapping may fill: all of the operational schema's but `acp_request`, which
    /// the generator never reads and an import has no reason to copy.
    public static let tables = ["reader", "reader_location", "active_period", "comparison_source", "plate_read", "hit",
                                "sharing_agency", "data_access"]
}

/// Where one column's value comes from, and how the cell is turned into it.
public struct ColumnRule: Sendable {
    public enum Source: Sendable, Equatable {
        /// The CSV column of this header name.
        case column(String)
        /// The same value on every row (nil: NULL).
        case constant(String?)
    }

    public enum Conversion: Sendable {
        case none
        /// A date, stored `YYYY-MM-DD`.
        case date(CellFormat)
        /// A time of `zone`, stored as a UTC instant.
        case time(CellFormat, zone: Zone)
        /// Vendor words (matched trimmed, in any case) and the values they stand for.
        case values([String: String?])
        /// A value looked up in a second CSV file: the file, its column matched and its column given.
        case lookup(file: String, name: String, match: String, value: String)
    }

    /// The time zone a vendor's times are written in.
    public enum Zone: Sendable {
        /// The site's `time_zone`.
        case local
        case utc
        case named(TimeZone)
    }

    public enum TextCase: String, Sendable { case upper, lower }

    /// The table's column this rule fills.
    public let target: String
    /// The mapping file's line of the rule.
    public let line: Int
    public let source: Source
    public let conversion: Conversion
    public let textCase: TextCase?
    /// The value for an empty cell, and, with `values` or `lookup`, for one that matches none;
    /// nil: no default (`.some(nil)`: NULL).
    public let defaultValue: String??

    public init(target: String, line: Int, source: Source, conversion: Conversion, textCase: TextCase?, defaultValue: String??) {
        self.target = target
        self.line = line
        self.source = source
        self.conversion = conversion
        self.textCase = textCase
        self.defaultValue = defaultValue
    }
}
