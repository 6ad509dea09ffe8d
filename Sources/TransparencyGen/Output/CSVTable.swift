/// An RFC 4180 table: comma-separated, CRLF line ends, fields quoted with `"` when they hold
/// a comma, quote, CR or LF (quotes doubled), UTF-8 without BOM, header row first.
/// Written by code, never through a template, so nothing is HTML-escaped.
public struct CSVTable: Sendable {
    public let header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "CSV row width must match its header")
        rows.append(row)
    }

    public static func field(_ value: String) -> String {
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    public var text: String {
        var out = ""
        for row in [header] + rows {
            out += row.map(Self.field).joined(separator: ",")
            out += "\r\n"
        }
        return out
    }
}
