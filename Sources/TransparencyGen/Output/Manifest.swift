import Foundation
import PublicLog

/// Proof of what was published: `manifest.csv` (path, bytes, SHA-256 of every file) and
/// `SHA256SUMS`, which `sha256sum -c SHA256SUMS` checks from inside the published folder.
enum Manifest {
    static let csvPath = "manifest.csv"
    static let sumsPath = "SHA256SUMS"

    /// One published file as the manifest lists it.
    struct Entry: Sendable {
        let path: String
        let bytes: Int
        let sha256: String
    }

    /// The two manifest files for `entries` (which must not include them), in path order;
    /// `sums` is `sums(for: entries)`, made once for the manifest and its signature.
    static func files(for entries: [Entry], sums: String) -> [OutputFile] {
        var table = CSVTable(header: ["path", "bytes", "sha256"])
        for entry in sorted(entries) { table.append([entry.path, String(entry.bytes), entry.sha256]) }
        return [OutputFile(path: csvPath, data: table.data), OutputFile(path: sumsPath, text: sums)]
    }

    /// `SHA256SUMS`'s text for `entries`.
    static func sums(for entries: [Entry]) -> String {
        sorted(entries).map { "\($0.sha256)  \($0.path)\n" }.joined()
    }

    private static func sorted(_ entries: [Entry]) -> [Entry] {
        entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}
