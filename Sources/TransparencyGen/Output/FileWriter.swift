import Foundation

/// How the publisher writes a file; replaceable so tests can simulate a full disk. `append`
/// adds to a file written before (a data file is written in pieces, see `OutputFile.Body.stream`).
struct FileWriter: Sendable {
    let write: @Sendable (_ data: Data, _ url: URL, _ append: Bool) throws -> Void

    static let standard = FileWriter { data, url, append in
        guard append else { return try data.write(to: url) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
    }
}
