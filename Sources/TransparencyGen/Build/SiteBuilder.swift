import Foundation
import PublicLog

/// What one build or check reads: the site folder, the database, the output, and "now".
public struct BuildOptions: Sendable {
    public var siteDirectory: URL
    /// Overrides the configured database; nil with none configured builds from the sample.
    public var database: URL?
    /// Defaults to `public` in the site folder.
    public var output: URL?
    public var now: Instant
    /// Reads in the sample database relative to a realistic agency (tests use less).
    public var sampleScale: Double
    /// Rebuild even when every input is as the published site was built from.
    public var force = false
    /// Overrides the configured ledger (a preview builds against a copy of it).
    public var ledger: URL?

    public init(siteDirectory: URL, database: URL? = nil, output: URL? = nil, now: Instant, sampleScale: Double = 1) {
        self.siteDirectory = siteDirectory
        self.database = database
        self.output = output
        self.now = now
        self.sampleScale = sampleScale
    }

    /// "Now" from `SOURCE_DATE_EPOCH` when set (reproducible builds), else the clock.
    public static func now(environment: [String: String] = ProcessInfo.processInfo.environment) throws(GeneratorError) -> Instant {
        guard let text = environment["SOURCE_DATE_EPOCH"] else {
            return Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        }
        guard let seconds = Int64(text.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
            throw GeneratorError("SOURCE_DATE_EPOCH is '\(text)', which is not a whole number of seconds since 1970. Set it to e.g. $(date +%s), or unset it to use the clock.")
        }
        return Instant(secondsSinceEpoch: seconds)
    }
}

/// How long a stage took, for progress output.
public struct StageTiming: Sendable {
    public let name: String
    public let seconds: Double
}

/// The result of a successful build.
public struct BuildReport: Sendable {
    public let output: URL
    public let files: Int
    public let pages: Int
    public let periods: Int
    public let usedSampleDatabase: Bool
    /// The new publication, or nil when the inputs were those of the last one.
    public let publication: Publication?
    public let stages: [StageTiming]
    /// True when nothing was rebuilt: every input is as the published site was built from.
    public var upToDate = false
    /// The operational database read; nil for the generated sample agency.
    public var database: URL?
    /// The ledger the figures were recorded in.
    public var ledger: URL?
    /// Statutory warnings and starter text left, as `check` lists them.
    public var warnings: [String] = []
}

/// Runs the build as a list of named, timed stages; an error names the stage it stopped in.
public struct SiteBuilder {
    public let options: BuildOptions
    /// Called as each stage ends.
    public var onStage: (StageTiming) -> Void
    /// Called from any thread as pages are written (for a progress line).
    public var onPageProgress: @Sendable (SiteRenderer.Progress) -> Void = { _ in }
    /// Writes one file of the staging folder; tests inject failures here (a full disk).
    var writer: FileWriter = .standard
    /// Called at each step of publishing; tests stop the build there as a crash would.
    var publishingHooks: PublishingHooks = .none

    public init(options: BuildOptions, onStage: @escaping (StageTiming) -> Void = { _ in }) {
        self.options = options
        self.onStage = onStage
    }

    private var siteDirectory: URL { options.siteDirectory.standardizedFileURL }

    /// The loaded inputs of a build, before rendering.
    struct Inputs {
        let configuration: SiteConfiguration
        let templates: TemplateSet
        let content: SiteContent
        var portal: Portal
        /// The database's own accountability counts, for the ledger to record.
        let liveAccountability: AccountabilityCounts
        let usedSample: Bool
        /// Nil only for `check` on a site that has never been built.
        let ledger: Ledger?
    }

    final class Timings {
        var stages: [StageTiming] = []
    }

    private func stage<T>(_ name: String, _ timings: Timings, _ body: () throws(GeneratorError) -> T) throws(GeneratorError) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let value = try body()
            let timing = StageTiming(name: name, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            timings.stages.append(timing)
            onStage(timing)
            return value
        } catch {
            var failure = error
            if failure.stage == nil { failure.stage = name }
            throw failure
        }
    }

    /// Where a sample build keeps its generated database and throwaway ledger (one per build).
    let sampleFolder = FileManager.default.temporaryDirectory
        .appendingPathComponent("transparency-gen-sample-\(UUID().uuidString)")

    func ledgerURL(_ configuration: SiteConfiguration) -> URL {
        options.ledger ?? configuration.ledger ?? siteDirectory.appendingPathComponent(Ledger.defaultFileName)
    }

    /// Loads and checks every input (used by both `build` and `check`). `check` opens the
    /// ledger read-only and only when it exists.
    /// The site folder's own inputs: configuration, templates and content.
    struct Site {
        let configuration: SiteConfiguration
        let templates: TemplateSet
        let content: SiteContent
    }

    func loadSite(_ timings: Timings) throws(GeneratorError) -> Site {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: siteDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GeneratorError("The site folder \(siteDirectory.path) does not exist. Pass the folder holding site.yaml, content/ and templates/ with --site.")
        }
        return try stage("load configuration", timings) { () throws(GeneratorError) in
            let configuration = try SiteConfiguration.load(siteDirectory: siteDirectory)
            let templates = try TemplateSet(directory: siteDirectory.appendingPathComponent("templates"))
            let content = try SiteContent.load(from: siteDirectory.appendingPathComponent("content"), siteDirectory: siteDirectory,
                                               languages: configuration.languages)
            return Site(configuration: configuration, templates: templates, content: content)
        }
    }

    /// The operational database this build reads; nil for the generated sample agency.
    func databaseURL(_ configuration: SiteConfiguration) -> URL? {
        options.database ?? configuration.database
    }

    func loadInputs(_ timings: Timings, forCheck: Bool = false, site loaded: Site? = nil) throws(GeneratorError) -> Inputs {
        let site: Site
        if let loaded { site = loaded } else { site = try loadSite(timings) }
        let (configuration, templates, content) = (site.configuration, site.templates, site.content)
        let databaseURL = databaseURL(configuration)
        let ledger = try stage("open ledger", timings) { () throws(GeneratorError) -> Ledger? in
            // The sample agency's figures are not the agency's: they never touch the site's ledger.
            let url = databaseURL == nil ? sampleFolder.appendingPathComponent("sample-ledger.sqlite") : ledgerURL(configuration)
            if databaseURL == nil { try? FileManager.default.createDirectory(at: sampleFolder, withIntermediateDirectories: true) }
            if forCheck, !FileManager.default.fileExists(atPath: url.path) { return nil }
            try SiteFile.requireRegularFile(url, what: "The ledger")
            do { return try Ledger(path: url.path, readOnly: forCheck) } catch { throw .from(error) }
        }
        let (portal, live) = try stage("read figures", timings) { () throws(GeneratorError) in
            try withDatabase(databaseURL, configuration: configuration) { (database) throws(GeneratorError) in
                do {
                    let snapshot = try database.snapshot()
                    let compiler = PublicLogCompiler(timeZone: configuration.timeZone, retention: configuration.retention,
                                                     now: options.now)
                    let today = configuration.timeZone.localDate(of: options.now)
                    let unplaced = snapshot.readers.filter { reader in
                        reader.kind.hasPlacements && reader.isInService(on: today)
                            && !snapshot.placements.contains { $0.readerID == reader.id && $0.isInEffect(on: today) }
                    }
                    var portal = Portal(
                        configuration: configuration, now: options.now,
                        log: compiler.compile(snapshot) { ledger?.recordedFigures(for: $0) },
                        readers: snapshot.readers, placements: snapshot.placements.compactMap(\.placement),
                        sources: snapshot.sources, content: content, unloggedReads: snapshot.unloggedReads,
                        readersWithoutPlacement: unplaced)
                    portal.ledgerMismatches = ledger?.mismatched.sorted() ?? []
                    let live = try database.accountabilityCounts(timeZone: configuration.timeZone)
                    let liveFrom = configuration.retention.firstLiveDay(now: options.now, timeZone: configuration.timeZone)
                    let firstDay = portal.log.first.map { min($0.startDate, liveFrom) } ?? liveFrom
                    if let ledger {
                        (portal.accountability, portal.unknownDispositionDays) =
                            try ledger.accountability(merging: live, liveFrom: liveFrom, firstDay: firstDay)
                    } else {
                        portal.accountability = AccountabilityCounts(
                            searches: live.searches, dispositions: live.dispositions.filter { $0.key >= liveFrom })
                        portal.unknownDispositionDays = Set((firstDay.dayNumber..<liveFrom.dayNumber).map(LocalDate.init(dayNumber:)))
                    }
                    if forCheck {
                        portal.readsPastRetention = try database.readCountPastRetention()
                    }
                    return (portal, live)
                } catch {
                    throw .from(error)
                }
            }
        }
        return Inputs(configuration: configuration, templates: templates, content: content, portal: portal,
                      liveAccountability: live, usedSample: databaseURL == nil, ledger: ledger)
    }

    /// Opens the configured database, or writes the sample agency's into a temporary folder.
    private func withDatabase<T>(_ url: URL?, configuration: SiteConfiguration,
                                 _ body: (OperationalDatabase) throws(GeneratorError) -> T) throws(GeneratorError) -> T {
        let horizon = configuration.retention.horizon(now: options.now)
        if let url {
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw GeneratorError("The operational database \(url.path) does not exist. Check --database or `database:` in site.yaml.")
            }
            try SiteFile.requireRegularFile(url, what: "The operational database")
            do { return try body(try OperationalDatabase(path: url.path, retentionHorizon: horizon)) } catch { throw .from(error) }
        }
        let folder = sampleFolder
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("sample-operational.sqlite").path
            try SampleDatabaseWriter(now: options.now, timeZone: configuration.timeZone, scale: options.sampleScale)
                .write(to: path)
            return try body(try OperationalDatabase(path: path, retentionHorizon: horizon))
        } catch {
            throw .from(error)
        }
    }

    /// Reads everything a build would, renders it in memory, writes nothing, and lists
    /// the statutory warnings.
    public func check() throws(GeneratorError) -> [String] {
        let timings = Timings()
        defer { try? FileManager.default.removeItem(at: sampleFolder) }
        var inputs = try loadInputs(timings, forCheck: true)
        do { inputs.portal.publications = try inputs.ledger?.publications() ?? [] } catch { throw .from(error) }
        try stage("render", timings) { () throws(GeneratorError) in
            try SiteRenderer(portal: inputs.portal, templates: inputs.templates).render { _ throws(GeneratorError) in }
        }
        return StatutoryWarnings(portal: inputs.portal).all + inputs.content.placeholders
    }

    /// The output folder this build publishes to.
    public var outputURL: URL { (options.output ?? siteDirectory.appendingPathComponent("public")).standardizedFileURL }

    /// Removes the staging folder of a build that is being interrupted (a signal). The ledger
    /// needs nothing: its open transaction is rolled back by SQLite.
    public static func discardStaging(output: URL) {
        try? FileManager.default.removeItem(at: Publisher(output: output, siteDirectory: output).stagingURL())
    }

    /// The build's own files and folders, which no output may replace, hold or lie inside.
    func inputPaths(_ configuration: SiteConfiguration) -> [(name: String, url: URL)] {
        var paths: [(name: String, url: URL)] = [
            ("the site configuration", siteDirectory.appendingPathComponent(SiteConfiguration.fileName)),
            ("the content folder", siteDirectory.appendingPathComponent("content")),
            ("the templates folder", siteDirectory.appendingPathComponent("templates")),
            ("the ledger", ledgerURL(configuration)),
        ]
        if let database = databaseURL(configuration) { paths.append(("the operational database", database)) }
        return paths
    }

    /// Builds the site and publishes it atomically (see `Publisher`): the ledger's commit is
    /// the moment of publication, and any failure before it leaves the site and ledger as they were.
    public func build() throws(GeneratorError) -> BuildReport {
        let timings = Timings()
        defer { try? FileManager.default.removeItem(at: sampleFolder) }
        let output = outputURL
        let publisher = Publisher(output: output, siteDirectory: siteDirectory, writer: writer, hooks: publishingHooks)
        let site = try loadSite(timings)
        try publisher.checkOutput(inputs: inputPaths(site.configuration))
        if let database = databaseURL(site.configuration) {
            try SiteFile.requireRegularFile(database, what: "The operational database")
        }
        // The sample agency's throwaway ledger has nothing to recover.
        try publisher.recover(ledgerPath: databaseURL(site.configuration) == nil ? nil : ledgerURL(site.configuration).path)
        let (contentDigest, stampInputs) = try stage("compare inputs with the last build", timings) {
            () throws(GeneratorError) -> (String, String?) in
            let contentDigest = try PublicationPlanner(siteDirectory: siteDirectory).contentDigest()
            return (contentDigest, BuildStamp.inputs(contentDigest: contentDigest, database: databaseURL(site.configuration),
                                                     output: output, configuration: site.configuration, now: options.now))
        }
        if !options.force, let stampInputs, let stamp = BuildStamp.read(from: publisher.stampURL()),
           let ledgerSummary = Ledger.summary(path: ledgerURL(site.configuration).path),
           BuildStamp(inputs: stampInputs, ledgerSummary: ledgerSummary) == stamp,
           BuildStamp.outputIsIntact(output) {
            return BuildReport(output: output, files: 0, pages: 0, periods: 0, usedSampleDatabase: false,
                               publication: nil, stages: timings.stages, upToDate: true)
        }
        var inputs = try loadInputs(timings, site: site)
        guard let ledger = inputs.ledger else { throw GeneratorError("The ledger could not be opened.") }
        // The data files are the figures' published form: their digest says whether figures changed.
        // They go into the staging folder at once, so the largest of them is not held while pages render.
        let (staging, figuresDigest) = try stage("write data files to staging folder", timings) {
            () throws(GeneratorError) -> (StagingFolder, String) in
            let staging = try publisher.openStaging()
            do throws(GeneratorError) {
                let dataFiles = DataFiles.files(inputs.portal)
                for file in dataFiles { try staging.write(file) }
                return (staging, PublicationPlanner.figuresDigest(dataFiles))
            } catch {
                staging.discard()
                throw error
            }
        }
        let publication = try stage("update ledger", timings) { () throws(GeneratorError) -> Publication? in
            do {
                let previous = try ledger.publications()
                let publication = PublicationPlanner.plan(portal: inputs.portal, ledger: ledger, previous: previous,
                                                          contentDigest: contentDigest, figuresDigest: figuresDigest)
                try ledger.stage(inputs.portal.log, accountability: inputs.liveAccountability,
                                 liveFrom: inputs.configuration.retention.firstLiveDay(now: options.now,
                                                                                       timeZone: inputs.configuration.timeZone),
                                 at: options.now, publication: publication)
                inputs.portal.publications = previous + (publication.map { [$0] } ?? [])
                return publication
            } catch {
                staging.discard()
                throw .from(error)
            }
        }
        do throws(GeneratorError) {
            let portal = inputs.portal
            let siteDigest = try stage("render and write to staging folder", timings) { () throws(GeneratorError) -> String in
                do throws(GeneratorError) {
                    try SiteRenderer(portal: portal, templates: inputs.templates).render(
                        includeDataFiles: false, progress: onPageProgress
                    ) { (file) throws(GeneratorError) in try staging.write(file) }
                    return try staging.writeManifest()
                } catch {
                    staging.discard()
                    throw error
                }
            }
            // The ledger's commit and the swap run as one step that a signal waits for.
            try stage("publish", timings) { () throws(GeneratorError) in
                do {
                    try PublishingGuard.shared.perform {
                        try publisher.publish(siteDigest: siteDigest, ledger: ledger)
                    }
                } catch {
                    throw .from(error)
                }
                if let stampInputs {
                    let stamp = BuildStamp(inputs: stampInputs, ledgerSummary: ledger.summary())
                    // Without a stamp the next build is a full one: never wrong, only slower.
                    try? Data(stamp.text.utf8).write(to: publisher.stampURL())
                }
            }
            let counts = staging.counts
            var report = BuildReport(output: output, files: counts.files, pages: counts.pages,
                                     periods: inputs.portal.log.count, usedSampleDatabase: inputs.usedSample,
                                     publication: publication, stages: timings.stages)
            report.database = databaseURL(inputs.configuration)
            report.ledger = inputs.usedSample ? nil : ledgerURL(inputs.configuration)
            report.warnings = StatutoryWarnings(portal: portal).all + inputs.content.placeholders
            return report
        } catch {
            ledger.rollback()
            throw error
        }
    }
}
