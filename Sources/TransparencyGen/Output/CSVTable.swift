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
        // Bytes, not Characters: a CR or LF byte is what needs quoting, whatever it combines with.
        if value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    public var text: String {
        var out = ""
        out.reserveCapacity((rows.count + 1) * header.count * 8)
        for row in [header] + rows {
            for (index, value) in row.enumerated() {
                if index > 0 { out += "," }
                out += Self.field(value)
            }
            out += "\r\n"
        }
        return out
    }
}
