import Foundation
import PublicLog

/// Proof of what was published: `manifest.csv` (path, bytes, SHA-256 of every file) and
/// `SHA256SUMS`, which `sha256sum -c SHA256SUMS` checks from inside the published folder.
enum Manifest {
    static let csvPath = "manifest.csv"
    static let sumsPath = "SHA256SUMS"

    /// The two manifest files for `files` (which must not include them).
    static func files(for files: [OutputFile]) throws(GeneratorError) -> (files: [OutputFile], digest: String) {
        var table = CSVTable(header: ["path", "bytes", "sha256"])
        var sums = ""
        for file in files.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            let data: Data
            switch file.body {
            case .data(let bytes): data = bytes
            case .copy(let source):
                guard let bytes = FileManager.default.contents(atPath: source.path) else {
                    throw GeneratorError("Cannot read \(source.path) to publish it as \(file.path). Check that it exists and is readable.")
                }
                data = bytes
            }
            let hash = Digest.sha256(data)
            table.append([file.path, String(data.count), hash])
            sums += "\(hash)  \(file.path)\n"
        }
        let csv = table.text
        return ([OutputFile(path: csvPath, text: csv), OutputFile(path: sumsPath, text: sums)], Digest.sha256(csv))
    }
}
