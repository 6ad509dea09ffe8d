import Foundation

/// The records of a CSV file (RFC 4180: comma, double-quote escaping, a quoted field may hold
/// line breaks), each with the line it starts on, read from the file's bytes as they come: a
/// file is read a chunk at a time, so memory does not grow with it.
/// A byte order mark is skipped and CRLF read as LF. Written here rather than taken from a CSV
/// package because every import error must name the file's line, and a record whose quoted
/// field spans lines starts on a line a record counter would not give.
public struct CSVRecords: Sequence, IteratorProtocol {
    /// One record: its fields, and the line of the file it starts on (1 is the header's).
    public struct Record {
        public let fields: [String]
        public let line: Int
    }

    /// What is wrong with the file's text at a line (never its content).
    public struct Malformed: Error {
        public let line: Int
        public let problem: String
    }

    private var bytes: [UInt8]
    private var index: Int
    private var line = 1
    /// Where more bytes come from, a chunk at a time; nil once the file is read.
    private var source: FileHandle?
    private static let chunkSize = 1 << 20
    /// Set when the text is not valid CSV; the sequence then ends.
    public private(set) var malformed: Malformed?

    public init(data: Data) {
        bytes = Array(data)
        index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The records of the file `handle` reads, a chunk at a time.
    public init(reading handle: FileHandle) {
        source = handle
        bytes = []
        index = 0
        refill()
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    /// Keeps the bytes not yet read and appends the next chunk; false at the end of the file.
    @discardableResult
    private mutating func refill() -> Bool {
        guard let handle = source else { return false }
        let chunk = (try? handle.read(upToCount: Self.chunkSize)) ?? nil
        guard let chunk, !chunk.isEmpty else {
            source = nil
            return false
        }
        bytes.removeFirst(index)
        index = 0
        bytes.append(contentsOf: chunk)
        return true
    }

    /// The next byte, reading more of the file when needed; nil at its end.
    private mutating func peek() -> UInt8? {
        if index >= bytes.count, !refill() { return nil }
        return index < bytes.count ? bytes[index] : nil
    }

    public mutating func next() -> Record? {
        guard malformed == nil, peek() != nil else { return nil }
        let start = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        var badText: String?
        func finishField() {
            // Text that is not UTF-8 (a file saved as Latin-1 or UTF-16) or that holds a NUL would
            // be stored changed: the file is refused instead.
            if field.contains(0) { badText = "a field holds a NUL byte" }
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                badText = "the text is not UTF-8 (saved as Latin-1, Windows-1252 or UTF-16?)"
                fields.append("")
            }
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func record() -> Record? {
            if let badText {
                malformed = Malformed(line: start, problem: badText)
                return nil
            }
            return Record(fields: fields, line: start)
        }
        while let byte = peek() {
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if peek() == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    // A CRLF inside a quoted field is one line break, as outside.
                    if byte == UInt8(ascii: "\r"), peek() == UInt8(ascii: "\n") { continue }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                finishField()
            case UInt8(ascii: "\""):
                guard field.isEmpty, !wasQuoted else {
                    malformed = Malformed(line: line, problem: "a double quote stands inside a field that does not start with one")
                    return nil
                }
                quoted = true
                wasQuoted = true
            case UInt8(ascii: "\r") where peek() == UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "\n"):
                line += 1
                finishField()
                return record()
            default:
                if wasQuoted {
                    malformed = Malformed(line: line, problem: "text follows a quoted field's closing quote")
                    return nil
                }
                field.append(byte)
            }
        }
        if quoted {
            malformed = Malformed(line: start, problem: "a quoted field is not closed before the end of the file")
            return nil
        }
        finishField()
        // A last line without its line break is a record; an empty last line is not.
        if fields == [""] { return nil }
        return record()
    }
}
