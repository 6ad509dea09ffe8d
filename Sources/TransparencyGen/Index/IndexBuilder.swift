import Foundation
import PublicLog

/// What an index build found and wrote.
public struct IndexReport: Sendable {
    /// Each source: its id, its status, and why it failed (empty unless failed).
    public let sources: [(id: String, status: String, reason: String)]
    public let output: URL
    public let files: Int
    public let stages: [StageTiming]
    /// What the maintainer should know (a county the map cannot show).
    public var notes: [String] = []
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
    /// Which renderer renders the templates (tests compare the compiled one with the library's).
    var templateEngine = TemplateSet.Engine.compiled

    public init(sourcesFile: URL, output: URL, now: Instant) {
        self.sourcesFile = sourcesFile.standardizedFileURL
        self.output = output.standardizedFileURL
        self.now = now
    }

    /// Where an index is published without `--output`: `public/` beside its sources file.
    public static func defaultOutput(of sourcesFile: URL) -> URL {
        sourcesFile.deletingLastPathComponent().appendingPathComponent("public")
    }

    /// The index's folder: its sources file, `templates/` and `counties.geojson`.
    var folder: URL { sourcesFile.deletingLastPathComponent() }

    /// True when `folder` is an index's folder (a sources file and no agency's `site.yaml`).
    public static func isIndexFolder(_ folder: URL) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: folder.appendingPathComponent(IndexSources.fileName).path)
            && !fm.fileExists(atPath: folder.appendingPathComponent(SiteConfiguration.fileName).path)
    }

    /// What a build reads, for a preview to watch: the folders walked, the files looked at.
    public var watched: (folders: [URL], files: [URL]) {
        let portals = ((try? IndexSources.load(sourcesFile)) ?? []).compactMap { source -> URL? in
            if case .folder(let url) = source.portal { return url }
            return nil
        }
        return ([folder.appendingPathComponent("templates")] + portals, [sourcesFile, folder.appendingPathComponent(IndexRenderer.countiesFile)])
    }

    public func build() throws(GeneratorError) -> IndexReport {
        var steps = BuildSteps(onStage: onStage)
        let (settings, sources, templates, counties) = try steps.run("read sources and templates") {
            () throws(GeneratorError) -> (IndexSettings, [IndexSource], SiteTemplates, BaseLayer?) in
            let (settings, sources) = try IndexSources.loadWithSettings(sourcesFile)
            let templatesFolder = folder.appendingPathComponent("templates")
            guard FileManager.default.fileExists(atPath: templatesFolder.path) else {
                throw GeneratorError("The index folder \(folder.path) has no templates/ folder. Run `\(SiteKind.index.starterCommand) FOLDER` to write a starter index folder, and copy its templates/ here.")
            }
            let templates = try SiteTemplates(folder: templatesFolder, languages: settings.languages,
                                              publishPartly: settings.publishPartly, kind: .index, engine: templateEngine)
            let layerFile = folder.appendingPathComponent(IndexRenderer.countiesFile)
            let counties = FileManager.default.fileExists(atPath: layerFile.path)
                ? try BaseLayer(text: try SiteFile.text(layerFile, inside: folder, name: IndexRenderer.countiesFile), file: IndexRenderer.countiesFile)
                : nil
            return (settings, sources, templates, counties)
        }
        let publisher = Publisher(output: output, siteDirectory: folder)
        let folders = sources.compactMap { source -> (name: String, url: URL)? in
            if case .folder(let url) = source.portal { return ("the portal of \(source.id)", url) }
            return nil
        }
        try publisher.checkOutput(inputs: [("the sources file", sourcesFile)] + folders)
        // The output is replaced whole: never an agency's published portal (of any version: every
        // one has summary.json, which an index never publishes).
        for file in [DataFiles.publication.path, DataFiles.summary.path]
        where FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path) {
            throw GeneratorError(kind: .output, "The output folder \(output.path) holds an agency's published portal (it has \(file)), which the index would replace. Choose another folder with --output.")
        }
        let lock = try BuildLock.acquire(.output(output))
        defer { lock.release() }
        let published = try steps.run("read the published index") { () throws(GeneratorError) in try PublishedIndex.read(output) }
        let portals = try steps.run("read and verify portals") { () throws(GeneratorError) in
            sources.map { PublishedPortal.read($0, caFile: caFile) }
        }
        let today = SiteConfiguration.defaults().timeZone.localDate(of: now)
        // A first build is the ground of the next: it finds no change.
        let state = IndexState(portals: portals, today: today)
        let changes = (published?.changes ?? []) + (published.map { state.changes(since: $0.state, on: today) } ?? [])
        let renderer = IndexRenderer(portals: portals, changes: changes, settings: settings, templates: templates,
                                     counties: counties, today: today, now: now)
        let files = try steps.run("render") { () throws(GeneratorError) in try renderer.files() }
        let staging = try steps.run("write to staging folder") { () throws(GeneratorError) -> StagingFolder in
            let staging = try publisher.openStaging()
            do throws(GeneratorError) {
                for file in files { try staging.write(file) }
                _ = try staging.writeManifest(signer: nil)
                return staging
            } catch {
                staging.discard()
                throw error
            }
        }
        try steps.run("publish") { () throws(GeneratorError) in try publisher.publishUnrecorded() }
        var report = IndexReport(sources: portals.map { ($0.source.id, $0.status.rawValue, $0.reason) }, output: output,
                                 files: staging.counts.files, stages: steps.timings)
        if let counties {
            for source in Dictionary(grouping: sources, by: \.countyFIPS).values.compactMap(\.first).sorted(by: { $0.countyFIPS < $1.countyFIPS })
            where IndexRenderer.outline(of: source, in: counties) == nil {
                report.notes.append("\(IndexRenderer.countiesFile) has no outline for \(source.county) (FIPS \(source.countyFIPS)): the map does not show it. Add the county with properties.fips \"\(source.countyFIPS)\".")
            }
        }
        return report
    }
}
