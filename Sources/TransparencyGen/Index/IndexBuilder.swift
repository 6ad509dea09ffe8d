import Foundation
import PublicLog

/// What an index build found and wrote.
public struct IndexReport: Sendable {
    /// Each source: its id, its status, and why it failed (empty unless failed).
    public let sources: [(id: String, status: String, reason: String)]
    public let output: URL
    public let files: Int
    public let stages: [StageTiming]
}

/// Builds the statewide index (`transparency-gen index build`) from what agencies published,
/// never from any database: reads and verifies each source's portal, and publishes the tables
/// into a staging folder swapped in whole, as a portal is published (but with no ledger).
public struct IndexBuilder {
    public let sourcesFile: URL
    public let output: URL
    public let now: Instant
    /// An authority to trust for `https://` portals, besides the system's (`--ca-file`).
    public var caFile: URL?
    /// Called as each step ends.
    public var onStage: (StageTiming) -> Void = { _ in }

    public init(sourcesFile: URL, output: URL, now: Instant) {
        self.sourcesFile = sourcesFile.standardizedFileURL
        self.output = output.standardizedFileURL
        self.now = now
    }

    /// Where an index is published without `--output`: `public/` beside its sources file.
    public static func defaultOutput(of sourcesFile: URL) -> URL {
        sourcesFile.deletingLastPathComponent().appendingPathComponent("public")
    }

    public func build() throws(GeneratorError) -> IndexReport {
        var steps = BuildSteps(onStage: onStage)
        let sources = try steps.run("read sources") { () throws(GeneratorError) in try IndexSources.load(sourcesFile) }
        let publisher = Publisher(output: output, siteDirectory: sourcesFile.deletingLastPathComponent())
        let folders = sources.compactMap { source -> (name: String, url: URL)? in
            if case .folder(let url) = source.portal { return ("the portal of \(source.id)", url) }
            return nil
        }
        try publisher.checkOutput(inputs: [("the sources file", sourcesFile)] + folders)
        // The output is replaced whole: never an agency's published portal.
        if FileManager.default.fileExists(atPath: output.appendingPathComponent(DataFiles.publication.path).path) {
            throw GeneratorError(kind: .output, "The output folder \(output.path) holds an agency's published portal (it has \(DataFiles.publication.path)), which the index would replace. Choose another folder with --output.")
        }
        let lock = try BuildLock.acquire(.output(output))
        defer { lock.release() }
        let portals = try steps.run("read and verify portals") { () throws(GeneratorError) in
            sources.map { PublishedPortal.read($0, caFile: caFile) }
        }
        let today = SiteConfiguration.defaults().timeZone.localDate(of: now)
        let staging = try steps.run("write to staging folder") { () throws(GeneratorError) -> StagingFolder in
            let staging = try publisher.openStaging()
            do throws(GeneratorError) {
                try staging.write(IndexTables.agencies.file(portals.map { IndexTables.AgencyRow(portal: $0, today: today) }))
                try staging.write(IndexTables.sharing.file(IndexTables.sharingRows(portals)))
                _ = try staging.writeManifest(signer: nil)
                return staging
            } catch {
                staging.discard()
                throw error
            }
        }
        try steps.run("publish") { () throws(GeneratorError) in try publisher.publishUnrecorded() }
        return IndexReport(sources: portals.map { ($0.source.id, $0.status.rawValue, $0.reason) }, output: output,
                           files: staging.counts.files, stages: steps.timings)
    }
}
