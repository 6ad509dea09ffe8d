import Foundation
import PublicLog

/// The published site's pages and the key each was rendered from (`PageKey`), kept beside the
/// output (`Publisher.pageKeysURL`). A build carries a page over from the published site,
/// instead of rendering it again, when its key is the one recorded and the published file is
/// still the one rendered from it (its SHA-256 is the recorded one). So a page is never
/// carried over on a guess: a record out of date, a file edited or removed by hand, a new
/// generator or template set all mean the page is rendered.
public struct PageCache: Sendable {
    /// Where the published pages are.
    let output: URL
    /// This executable's identity, part of every key: a new generator renders every page.
    let generator: String
    private let published: [String: Published]

    private struct Published: Sendable {
        let key: String
        let sha256: String
    }

    /// The first line of the record, which names its format.
    private static let header = "transparency-gen page keys 1"

    /// The cache of the site published in `output`, from its record; empty when there is none
    /// (a first build, `--force`) or it cannot be read.
    init(output: URL, record: URL?, generator: String) {
        self.output = output
        self.generator = generator
        var published: [String: Published] = [:]
        if let record, let text = try? String(contentsOf: record, encoding: .utf8) {
            let lines = text.split(separator: "\n")
            if lines.first.map(String.init) == Self.header {
                for line in lines.dropFirst() {
                    let fields = line.split(separator: " ", maxSplits: 2)
                    guard fields.count == 3, fields[0].count == 64, fields[1].count == 64 else { continue }
                    published[String(fields[2])] = Published(key: String(fields[0]), sha256: String(fields[1]))
                }
            }
        }
        self.published = published
    }

    /// The key of a page rendered with `template` of `templates` from `context`.
    func key(template: String, templates: TemplateSet, context: [String: Any]) -> String? {
        PageKey.of(template: template, templates: generator + " " + templates.identity, context: context)
    }

    /// The published page at `path` when it was rendered from `key`, verified by its digest.
    func carriedOver(_ path: String, key: String) -> OutputFile? {
        guard let entry = published[path], entry.key == key else { return nil }
        let url = output.appendingPathComponent(path)
        // A regular file only: reading a pipe put there would never end.
        guard (try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) == .typeRegular,
              let data = FileManager.default.contents(atPath: url.path),
              Digest.sha256(data) == entry.sha256 else { return nil }
        return OutputFile(path: path, data: data, sha256: entry.sha256, pageKey: key)
    }

    /// The record of a site's pages: each page's key, SHA-256 and path, by path.
    static func record(_ pages: [(path: String, key: String, sha256: String)]) -> String {
        ([header] + pages.sorted { $0.path < $1.path }.map { "\($0.key) \($0.sha256) \($0.path)" }).joined(separator: "\n") + "\n"
    }
}
