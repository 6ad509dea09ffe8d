import Foundation

/// An RFC 4180 table: comma-separated, CRLF line ends, fields quoted with `"` when they hold
/// a comma, quote, CR or LF (quotes doubled), UTF-8 without BOM, header row first.
/// Written by code, never through a template, so nothing is HTML-escaped. Rows are encoded
/// as they are appended: the public log's table is never held as a list of fields.
public struct CSVTable: Sendable {
    public let header: [String]
    /// The bytes made since the last `takeData`: a plain byte buffer, which grows and is
    /// appended to with less work per field than Foundation's `Data`.
    private var bytes: [UInt8] = []

    /// The file's bytes made so far.
    public var data: Data { Data(bytes) }

    /// How many bytes are waiting to be taken.
    public var count: Int { bytes.count }

    /// The file's text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public init(header: [String]) {
        self.header = header
        appendLine(header)
    }

    /// The bytes made so far (the header among the first), leaving the table empty for the rows to come.
    public mutating func takeData() -> Data {
        defer { bytes.removeAll(keepingCapacity: true) }
        return Data(bytes)
    }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "CSV row width must match its header")
        appendLine(row)
    }

    private mutating func appendLine(_ row: [String]) {
        for (index, value) in row.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(value)
        }
        bytes.append(13)
        bytes.append(10)
    }

    /// A field, quoted when it holds a comma, quote, CR or LF (quotes doubled), appended as it is scanned.
    private mutating func appendField(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            // Bytes, not Characters: a CR or LF byte is what needs quoting, whatever it combines with.
            guard utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }) else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
