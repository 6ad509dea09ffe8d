import Foundation
import PublicLog

/// Writes a starter statewide index folder (`transparency-gen index init`): a commented
/// `sources.yaml` listing two example agencies, the index's templates and word catalogs, the
/// portal's stylesheet and icon, a county base layer of three invented counties, and the two
/// example agencies' portals, published from the made-up sample agency into `portals/`, so
/// that the folder builds at once.
public struct IndexScaffold: Sendable {
    /// The example agencies of the starter `sources.yaml`: their ids and names.
    static let examples = [("cedar-falls", "Cedar Falls Police Department"), ("elm-creek", "Elm Creek Police Department")]
    /// The folder of the example portals, inside the index folder.
    static let portalsFolder = "portals"

    public let now: Instant
    /// The sample agency's size (tests use a small one).
    public var sampleScale: Double = 0.1

    public init(now: Instant) { self.now = now }

    /// Every file of the starter, by path (the example portals are published by `write`).
    public func files() -> [(path: String, data: Data)] {
        let assets = EmbeddedSiteFiles.templates.filter { $0.path.hasPrefix("assets/") }.map { (path: "templates/" + $0.path, data: $0.data) }
        return (EmbeddedSiteFiles.indexStarter.map { (path: $0.path, data: $0.data) } + assets).sorted { $0.path < $1.path }
    }

    /// Writes the starter into `directory` (new or empty) and publishes the example portals.
    @discardableResult
    public func write(to directory: URL) throws(GeneratorError) -> [String] {
        let written = try SiteScaffold.write(files(), to: directory, command: "transparency-gen index init alpr-index")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("transparency-gen-index-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        for (id, name) in Self.examples {
            let site = work.appendingPathComponent(id)
            try SiteScaffold(agencyName: name).write(to: site)
            var options = BuildOptions(siteDirectory: site, output: directory.appendingPathComponent("\(Self.portalsFolder)/\(id)"), now: now,
                                       sampleScale: sampleScale)
            options.allowPlaceholders = true
            _ = try SiteBuilder(options: options).build()
        }
        return written + Self.examples.map { "\(Self.portalsFolder)/\($0.0)/" }
    }
}
