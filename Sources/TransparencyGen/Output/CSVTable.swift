import Foundation

/// An RFC 4180 table: comma-separated, CRLF line ends, fields quoted with `"` when they hold
/// a comma, quote, CR or LF (quotes doubled), UTF-8 without BOM, header row first.
/// Written by code, never through a template, so nothing is HTML-escaped. Rows are encoded
/// as they are appended: the public log's table is never held as a list of fields.
public struct CSVTable: Sendable {
    public let header: [String]
    /// The file's bytes. Foundation's `Data` grows in place where the system allows (a large
    /// block is remapped, not copied), so the public log's 54 MB are never held twice.
    public private(set) var data = Data()

    /// The file's text.
    public var text: String { String(decoding: data, as: UTF8.self) }

    public init(header: [String]) {
        self.header = header
        appendLine(header)
    }

    /// The bytes made so far (the header among the first), leaving the table empty for the rows to come.
    public mutating func takeData() -> Data {
        defer { data = Data() }
        return data
    }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "CSV row width must match its header")
        appendLine(row)
    }

    private mutating func appendLine(_ row: [String]) {
        for (index, value) in row.enumerated() {
            if index > 0 { data.append(UInt8(ascii: ",")) }
            data.append(contentsOf: Self.field(value).utf8)
        }
        data.append(contentsOf: [13, 10])
    }

    public static func field(_ value: String) -> String {
        // Bytes, not Characters: a CR or LF byte is what needs quoting, whatever it combines with.
        if value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
