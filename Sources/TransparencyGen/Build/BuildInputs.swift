import Foundation
import PublicLog

/// What a build reads, declared once: the site's own files, the operational data and the
/// ledger. The publication's content digest, the unchanged-rebuild stamp, the output check and
/// the preview's watcher all take their lists from here.
public struct BuildInputs: Sendable {
    /// The site's own inputs, by their names in the site folder: the configuration, and the
    /// folders of content and templates.
    public static let siteEntries = [SiteConfiguration.fileName, "content", "templates"]

    public let siteDirectory: URL
    public let database: DatabaseLocation
    /// The ledger of published figures; the sample agency's builds use a throwaway one instead.
    public let ledger: URL

    /// The inputs of a build of `siteDirectory` with `configuration`, `database` overriding the
    /// configured source and `ledger` the configured ledger.
    public init(siteDirectory: URL, configuration: SiteConfiguration, database: DatabaseLocation? = nil, ledger: URL? = nil) {
        self.siteDirectory = siteDirectory.standardizedFileURL
        self.database = database ?? configuration.database
        self.ledger = ledger ?? configuration.ledger ?? self.siteDirectory.appendingPathComponent(Ledger.defaultFileName)
    }

    /// The site's own files and folders.
    public var siteURLs: [URL] { Self.siteEntries.map { siteDirectory.appendingPathComponent($0) } }

    /// Every input as a place on disk with what to call it in messages.
    var named: [(name: String, url: URL)] {
        var named: [(name: String, url: URL)] = [
            ("the site configuration", siteURLs[0]), ("the content folder", siteURLs[1]), ("the templates folder", siteURLs[2]),
            ("the ledger", ledger),
        ]
        if let file = database.file { named.append(("the operational database", file)) }
        return named
    }

    /// What a preview watches: folders walked, files looked at (with their `-wal`).
    public var watched: (folders: [URL], files: [URL]) {
        (Array(siteURLs.dropFirst()), [siteURLs[0]] + (database.file.map { [$0] } ?? []) + [ledger])
    }
}
