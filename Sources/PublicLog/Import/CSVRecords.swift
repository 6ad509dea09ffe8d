import Foundation

/// The records of a CSV file (RFC 4180: comma, double-quote escaping, a quoted field may hold
/// line breaks), each with the line it starts on, read from the file's bytes as they come: a
/// file is read a chunk at a time, so memory does not grow with it.
/// A byte order mark is skipped and CRLF read as LF. Written here rather than taken from a CSV
/// package because every import error must name the file's line, and a record whose quoted
/// field spans lines starts on a line a record counter would not give; and because a reads
/// file of ten million rows is read field by field without making a string of each.
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

    /// The last record read by `advance()`: its fields' bytes one after another, where each
    /// ends, and the line it starts on.
    private(set) var fieldBytes: [UInt8] = []
    private(set) var fieldEnds: [Int] = []
    private(set) var recordLine = 0

    /// The longest record read (64 MiB): a double quote never closed, or a file that is not
    /// text at all, would otherwise be read into memory whole.
    static let maximumRecordBytes = 64 << 20

    public init(data: Data) {
        bytes = Array(data)
        index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        refuseUTF16()
    }

    /// The records of the file `handle` reads, a chunk at a time.
    public init(reading handle: FileHandle) {
        source = handle
        bytes = []
        index = 0
        refill()
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        refuseUTF16()
    }

    /// A file saved as UTF-16 (Excel's "Unicode text") starts with its byte order mark.
    private mutating func refuseUTF16() {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            malformed = Malformed(line: 1, problem: "the text is UTF-16, not UTF-8 (save it as “CSV UTF-8”)")
        }
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

    /// The number of fields of the last record `advance()` read.
    var fieldCount: Int { fieldEnds.count }

    /// Where field `i` of the last record lies in `fieldBytes`.
    func range(ofField i: Int) -> Range<Int> { (i == 0 ? 0 : fieldEnds[i - 1])..<fieldEnds[i] }

    /// Whether the last record is one empty field (a blank line).
    var isBlankLine: Bool { fieldEnds == [0] }

    public mutating func next() -> Record? {
        guard advance() else { return nil }
        let fields = (0..<fieldCount).map { String(decoding: fieldBytes[range(ofField: $0)], as: UTF8.self) }
        return Record(fields: fields, line: recordLine)
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, afterQuoted }

    /// Reads the next record into `fieldBytes`, `fieldEnds` and `recordLine`; false at the end
    /// of the file or when the text is not CSV (`malformed` then says where).
    mutating func advance() -> Bool {
        guard malformed == nil else { return false }
        if index >= bytes.count, !refill() { return false }
        fieldBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        recordLine = line
        var state = State.fieldStart
        // Text that is not UTF-8 (a file saved as Latin-1 or UTF-16) or that holds a NUL would be
        // stored changed: the file is refused instead. ASCII needs no check, so only a record
        // with a byte of 0x80 or more is validated.
        var highBits: UInt8 = 0
        var sawNUL = false
        var failure: (problem: String, line: Int)?
        var ended = false
        while !ended {
            let count = bytes.count
            // A CR is a line break's first half only when LF follows: at the end of a chunk, the
            // next chunk decides.
            let atFileEnd = source == nil
            var i = index
            bytes.withUnsafeBufferPointer { buffer in
                scanning: while i < count {
                    let byte = buffer[i]
                    if byte == 0x0D {
                        if i + 1 == count, !atFileEnd { break scanning }
                        if i + 1 < count, buffer[i + 1] == 0x0A {
                            // CRLF reads as LF, inside quotes and out.
                            i += 1
                            continue
                        }
                    }
                    switch state {
                    case .quoted:
                        // The run up to the next quote or line break is copied at once.
                        var end = i
                        while end < count {
                            let b = buffer[end]
                            if b == 0x22 || b == 0x0A || b == 0x0D { break }
                            highBits |= b
                            if b == 0 { sawNUL = true }
                            end += 1
                        }
                        if end > i {
                            fieldBytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<end]))
                            i = end
                            continue
                        }
                        if byte == 0x22 {
                            state = .quoteInQuoted
                        } else {
                            if byte == 0x0A { line += 1 }
                            fieldBytes.append(byte)
                        }
                        i += 1
                    case .quoteInQuoted where byte == 0x22:
                        fieldBytes.append(0x22)
                        state = .quoted
                        i += 1
                    case .fieldStart, .unquoted, .afterQuoted, .quoteInQuoted:
                        switch byte {
                        case 0x2C:
                            fieldEnds.append(fieldBytes.count)
                            state = .fieldStart
                            i += 1
                        case 0x0A, 0x0D:
                            // A lone CR outside quotes ends a line too: Excel's "CSV (Macintosh)" writes them.
                            line += 1
                            fieldEnds.append(fieldBytes.count)
                            i += 1
                            ended = true
                            break scanning
                        case 0x22:
                            guard state == .fieldStart else {
                                failure = (state == .unquoted ? "a double quote stands inside a field that does not start with one"
                                           : "text follows a quoted field's closing quote", line)
                                break scanning
                            }
                            state = .quoted
                            i += 1
                        default:
                            guard state == .fieldStart || state == .unquoted else {
                                failure = ("text follows a quoted field's closing quote", line)
                                break scanning
                            }
                            state = .unquoted
                            // The run up to the next separator is copied at once.
                            var end = i + 1
                            highBits |= byte
                            if byte == 0 { sawNUL = true }
                            while end < count {
                                let b = buffer[end]
                                if b == 0x2C || b == 0x0A || b == 0x0D || b == 0x22 { break }
                                highBits |= b
                                if b == 0 { sawNUL = true }
                                end += 1
                            }
                            fieldBytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<end]))
                            i = end
                        }
                    }
                }
            }
            index = i
            if let failure {
                malformed = Malformed(line: failure.line, problem: failure.problem)
                return false
            }
            if fieldBytes.count > Self.maximumRecordBytes {
                malformed = Malformed(line: recordLine, problem: "a record is longer than 64 MiB (a double quote that is never closed?)")
                return false
            }
            // At the end of the file, a CR left at the end of the last chunk is read again.
            if ended || refill() || index < bytes.count { continue }
            // The end of the file: a last line without its line break is a record; an empty one is not.
            if state == .quoted {
                malformed = Malformed(line: recordLine, problem: "a quoted field is not closed before the end of the file")
                return false
            }
            if fieldEnds.isEmpty, fieldBytes.isEmpty, state == .fieldStart { return false }
            fieldEnds.append(fieldBytes.count)
            ended = true
        }
        if sawNUL {
            malformed = Malformed(line: recordLine, problem: "a field holds a NUL byte")
            return false
        }
        if highBits & 0x80 != 0 {
            for field in 0..<fieldCount {
                let valid = fieldBytes[range(ofField: field)].withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
                guard valid else {
                    malformed = Malformed(line: recordLine, problem: "the text is not UTF-8 (saved as Latin-1, Windows-1252 or UTF-16?)")
                    return false
                }
            }
        }
        return true
    }
}
