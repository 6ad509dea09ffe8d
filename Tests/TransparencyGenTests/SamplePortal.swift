import Foundation
import PublicLog
import TestSupport
@testable import TransparencyGen

/// The shipped sample portal as the issue 26 tests read it: built once, at the instant the issue's
/// observations were made (SOURCE_DATE_EPOCH=1795000000), in every language it publishes.
enum SamplePortal {
    static let now = Instant(secondsSinceEpoch: 1_795_000_000)

    static let output: URL = {
        let output = temporaryFolder("sample-portal").appendingPathComponent("public")
        _ = try? SiteBuilder(options: BuildOptions(siteDirectory: Project.root, output: output, now: now)).build()
        return output
    }()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// The rows of `data/NAME` by column name.
    static func csv(_ name: String) throws -> [[String: String]] {
        let rows = parseCSV(try text("data/\(name)"))
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
