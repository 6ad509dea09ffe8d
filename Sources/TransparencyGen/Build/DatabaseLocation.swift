import Foundation
import PublicLog
import Samples

/// Where a build's operational data are: an SQLite file, a schema on a PostgreSQL server, or
/// the made-up sample agency the tool writes itself so that a new site shows a whole portal at once.
public enum DatabaseLocation: Sendable, Equatable {
    case file(URL)
    case postgresql(PostgreSQLAddress)
    case sample

    /// `database:` or `--database` as written: a PostgreSQL address, else a file path relative to `folder`.
    public static func parse(_ text: String, relativeTo folder: URL) throws(GeneratorError) -> DatabaseLocation {
        guard PostgreSQLAddress.looksLikeAddress(text) else {
            return .file(URL(fileURLWithPath: text, relativeTo: folder).standardizedFileURL)
        }
        do { return .postgresql(try PostgreSQLAddress(parsing: text)) } catch { throw GeneratorError(error) }
    }

    /// A path that names no file, as a message may repeat it: not at all when it holds what an
    /// address's password or a connection string would (`@`, `:`, `=`, white space).
    static func shown(_ path: String) -> String {
        path.contains(where: { "@:=".contains($0) || $0.isWhitespace })
            ? "named there (not repeated here: it holds characters of an address, which could hold a password)" : path
    }

    /// As messages and the build's report name it.
    public var displayName: String {
        switch self {
        case .file(let url): url.path
        case .postgresql(let address): address.description
        case .sample: "the generated sample agency"
        }
    }

    /// The file, or nil for the sample.
    public var file: URL? {
        if case .file(let url) = self { return url }
        return nil
    }

    /// Opens the source read-only. The sample is written first into `sampleFolder` (its reads
    /// scaled by `sampleScale`), with the clock and time zone of the build.
    func open(horizon: Instant, scope: SearchScopeSettings, now: Instant, timeZone: AgencyTimeZone, sampleFolder: URL,
              sampleScale: Double) throws(GeneratorError) -> OperationalSource {
        switch self {
        case .file(let url):
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw GeneratorError(kind: .operationalData, "The operational database \(Self.shown(url.path)) does not exist. Check --database or `database:` in site.yaml.")
            }
            do { return try OperationalDatabase(path: url.path, retentionHorizon: horizon, scope: scope) } catch { throw GeneratorError(error) }
        case .postgresql(let address):
            do { return try PostgreSQLDatabase(address: address, retentionHorizon: horizon, scope: scope) } catch { throw GeneratorError(error) }
        case .sample:
            do {
                try FileManager.default.createDirectory(at: sampleFolder, withIntermediateDirectories: true)
                let path = sampleFolder.appendingPathComponent("sample-operational.sqlite").path
                try SampleDatabaseWriter(now: now, timeZone: timeZone, scale: sampleScale).write(to: path)
                return try OperationalDatabase(path: path, retentionHorizon: horizon, scope: scope)
            } catch {
                throw .from(error)
            }
        }
    }
}
