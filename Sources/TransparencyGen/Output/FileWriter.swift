import Foundation

/// How the publisher writes a file; replaceable so tests can simulate a full disk.
struct FileWriter: Sendable {
    let write: @Sendable (Data, URL) throws -> Void

    static let standard = FileWriter { data, url in try data.write(to: url) }
}
