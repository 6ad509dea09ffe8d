import Foundation
import PublicLog
import CMemory

/// What one build or check reads: the site folder, the database, the output, and "now".
public struct BuildOptions: Sendable {
    public var siteDirectory: URL
    /// Overrides the configured database; nil with none configured builds from the sample.
    public var database: DatabaseLocation?
    /// Defaults to `public` in the site folder.
    public var output: URL?
    public var now: Instant
    /// Reads in the sample database relative to a realistic agency (tests use less).
    public var sampleScale: Double
    /// Rebuild even when every input is as the published site was built from, and render
    /// every page anew rather than carry unchanged ones over from the published site.
    public var force = false
    /// Overrides the configured ledger (a preview builds against a copy of it).
    public var ledger: URL?
    /// Publish even though the content still holds starter text in `[[double brackets]]`.
    public var allowPlaceholders = false
    /// The agency renamed itself or its source moved: record this build's agency and source as
    /// the ledger's owner instead of refusing a ledger that names another (`LedgerOwner`).
    public var ledgerOwnerChanged = false
    /// Which renderer renders the templates (tests compare the compiled one with the library's).
    var templateEngine = TemplateSet.Engine.compiled

    public init(siteDirectory: URL, database: DatabaseLocation? = nil, output: URL? = nil, now: Instant, sampleScale: Double = 1) {
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
    /// What the new publication changed, in the site's main language, one sentence each.
    public var publicationChanges: [String] = []
    public let stages: [StageTiming]
    /// True when nothing was rebuilt: every input is as the published site was built from.
    public var upToDate = false
    /// Pages carried over from the published site because nothing they show had changed.
    public var pagesCarriedOver = 0
    /// The operational database read; nil for the generated sample agency.
    public var database: DatabaseLocation?
    /// The ledger the figures were recorded in.
    public var ledger: URL?
    /// Statutory warnings and starter text left, as `check` lists them.
    public var warnings: [String] = []
    /// The ledger's owner before this build, when `--ledger-owner-changed` recorded a new one.
    public var previousLedgerOwner: LedgerOwner?
    /// The ledger's owner as this build recorded it.
    public var ledgerOwner: LedgerOwner?
}

/// What a run of the builder is for.
public enum BuildMode: Sendable, Equatable {
    /// Reads everything, renders in memory, writes nothing (`transparency-gen check`).
    case check
    /// Publishes the output and records the publication in the ledger.
    case publish
    /// Publishes into the preview's own folder against a copy of the ledger, so that the real
    /// ledger and the published site are never touched; always a full rebuild.
    case preview
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
    /// Keeps a signal from cutting a write or the publishing step in half.
    public var publishingGuard: PublishingGuard = .shared

    public init(options: BuildOptions, onStage: @escaping (StageTiming) -> Void = { _ in }) {
        self.options = options
        self.onStage = onStage
    }

    private var siteDirectory: URL { options.siteDirectory.standardizedFileURL }

    /// The site folder's own inputs, loaded and checked.
    struct Site {
        let configuration: SiteConfiguration
        let templates: TemplateSet
        /// The templates of each other language the site is published in.
        let translations: [TemplateSet]
        /// The word catalogs of every language of the site.
        let catalogs: MessageCatalogs
        let content: SiteContent
        let inputs: BuildInputs
        /// The key that signs each publication (`signing_key:`); nil: unsigned.
        let signer: SSHSigningKey?
    }

    final class Timings {
        var stages: [StageTiming] = []
    }

    private func stage<T>(_ name: String, _ timings: Timings, _ body: () throws(GeneratorError) -> T) throws(GeneratorError) -> T {
        var steps = BuildSteps(onStage: onStage)
        defer { timings.stages += steps.timings }
        return try steps.run(name, body)
    }

    /// Where a sample build keeps its generated database and throwaway ledger (one per build).
    let sampleFolder = FileManager.default.temporaryDirectory
        .appendingPathComponent("transparency-gen-sample-\(UUID().uuidString)")

    /// The output folder this build publishes to.
    public var outputURL: URL { (options.output ?? Self.defaultOutput(of: siteDirectory)).standardizedFileURL }

    /// Where a site is published without `--output`: `public/` in its folder.
    public static func defaultOutput(of siteDirectory: URL) -> URL { siteDirectory.appendingPathComponent("public") }

    /// Removes the staging folder of a build that is being interrupted (a signal). The ledger
    /// needs nothing: its open transaction is rolled back by SQLite.
    /// Nothing is removed unless this process holds the output's lock: a build refused because
    /// another build of the site is running must not discard that build's staging folder.
    public static func discardStaging(output: URL) {
        guard BuildLock.isHeld(.output(output)) else { return }
        try? FileManager.default.removeItem(at: Publisher(output: output, siteDirectory: output).stagingURL())
    }

    /// Reads everything a build would, renders it in memory, writes nothing, and lists the
    /// statutory warnings.
    public func check() throws(GeneratorError) -> [String] {
        try run(.check).warnings
    }

    /// Builds the site and publishes it (see `Publisher`): the ledger's commit is the moment of
    /// publication, and any failure before it leaves the site and ledger as they were.
    public func build() throws(GeneratorError) -> BuildReport {
        try run(.publish)
    }

    /// Runs the build's steps for `mode`.
    public func run(_ mode: BuildMode) throws(GeneratorError) -> BuildReport {
        let timings = Timings()
        defer { try? FileManager.default.removeItem(at: sampleFolder) }
        let site = try loadSite(timings)
        let output = outputURL
        let publisher = Publisher(output: output, siteDirectory: siteDirectory, writer: writer, hooks: publishingHooks,
                                  publishingGuard: publishingGuard)
        let placeholders = site.configuration.placeholders + site.content.placeholders
        if mode == .publish, !options.allowPlaceholders, !placeholders.isEmpty {
            throw GeneratorError(kind: .siteFiles, """
                The site still holds starter text (in [[double brackets]], or the starter's own contact details), \
                which would be published as if it were the agency's own: \(placeholders.joined(separator: " ")) \
                Replace it, or publish anyway with `build --allow-placeholders`. Nothing was published.
                """)
        }
        var stamp: String?
        var contentDigest = ""
        // A preview needs no lock: it writes only its own temporary folder and a copy of the ledger.
        var locks: [BuildLock] = []
        defer { locks.forEach { $0.release() } }
        if mode != .check {
            try publisher.checkOutput(inputs: site.inputs.named)
            if mode == .publish {
                // One build per site and per ledger at a time, held until this build returns.
                locks.append(try BuildLock.acquire(.output(output)))
                if site.inputs.database != .sample { locks.append(try BuildLock.acquire(.ledger(site.inputs.ledger))) }
            }
            // The sample agency's throwaway ledger and the preview's copy have nothing to recover.
            if mode == .publish, site.inputs.database != .sample { try publisher.recover(ledgerPath: site.inputs.ledger.path) }
            (contentDigest, stamp) = try stage("compare inputs with the last build", timings) { () throws(GeneratorError) in
                let digest = try PublicationPlanner(siteDirectory: siteDirectory).contentDigest()
                return (digest, mode == .preview ? nil : BuildStamp.inputs(contentDigest: digest, database: site.inputs.database.file,
                                                                           output: output, configuration: site.configuration,
                                                                           signer: site.signer, now: options.now))
            }
        }
        if mode == .publish, !options.force, let stamp, isUpToDate(stamp, site: site, publisher: publisher) {
            return BuildReport(output: output, files: 0, pages: 0, periods: 0, usedSampleDatabase: false,
                               publication: nil, stages: timings.stages, upToDate: true)
        }
        let ledger = try stage("open ledger", timings) { () throws(GeneratorError) in try openLedger(site, mode: mode) }
        let portal = try stage("read figures", timings) { () throws(GeneratorError) in
            let portal = try readPortal(site, ledger: ledger, countReadsPastRetention: mode == .check)
            // The tally's sets and indexes are freed by now, but the allocator keeps their pages;
            // the rest of the build is smaller and would not reuse them all.
            tg_return_freed_memory()
            return portal
        }
        // Before anything is rendered or recorded, and after the source is read, so that a
        // source that cannot be read says so rather than that it is another one.
        var previousOwner: LedgerOwner?
        if let ledger {
            previousOwner = try site.inputs.checkLedgerOwner(ledger, agency: site.configuration.agencyName,
                                                             ownerChanged: mode == .publish && options.ledgerOwnerChanged)
        }
        if mode == .check {
            let published: Portal
            do { published = portal.with(publications: try ledger?.publications() ?? []) } catch { throw .from(error) }
            _ = try stage("render", timings) { () throws(GeneratorError) in
                try SiteRenderer(portal: published, templates: site.templates, translations: site.translations)
                    .render(signer: site.signer) { _ throws(GeneratorError) in }
            }
            var report = BuildReport(output: output, files: 0, pages: 0, periods: portal.log.count,
                                     usedSampleDatabase: site.inputs.database == .sample, publication: nil, stages: timings.stages)
            report.warnings = StatutoryWarnings(portal: published).all + site.configuration.placeholders + site.content.placeholders + site.content.warnings
                + site.templates.renderingWarnings
                + TranslationStatus(configuration: site.configuration, catalogs: site.catalogs, content: site.content).notes
            return report
        }
        guard let ledger else { throw GeneratorError("The ledger \(site.inputs.ledger.path) could not be opened.") }
        // A preview is a full rebuild into its own folder: it neither reads nor records page keys.
        let pageCache = mode == .publish
            ? PageCache(output: output, record: options.force ? nil : publisher.pageKeysURL(), generator: BuildStamp.executableIdentity)
            : nil
        var report = try publish(site, portal: portal, ledger: ledger, publisher: publisher, pageCache: pageCache,
                                 contentDigest: contentDigest, stamp: stamp, timings: timings)
        report.previousLedgerOwner = previousOwner
        return report
    }

    /// Step "load configuration": site.yaml, the templates and the content.
    func loadSite(_ timings: Timings) throws(GeneratorError) -> Site {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: siteDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GeneratorError("The site folder \(siteDirectory.path) does not exist. Pass the folder holding site.yaml, content/ and templates/ with --site.")
        }
        return try stage("load configuration", timings) { () throws(GeneratorError) in
            let configuration = try SiteConfiguration.load(siteDirectory: siteDirectory)
            let templatesFolder = siteDirectory.appendingPathComponent("templates")
            let sets = try SiteTemplates(folder: templatesFolder, languages: configuration.languages,
                                         publishPartly: configuration.publishPartly, kind: .portal,
                                         engine: options.templateEngine)
            let (catalogs, templates, translations) = (sets.catalogs, sets.main, sets.translations)
            let content = try SiteContent.load(from: siteDirectory.appendingPathComponent("content"), siteDirectory: siteDirectory,
                                               languages: configuration.languages)
            let inputs = BuildInputs(siteDirectory: siteDirectory, configuration: configuration,
                                     database: options.database, ledger: options.ledger)
            // Before anything opens or reads the database (the build stamp reads its header): a pipe would hang.
            if let file = inputs.database.file {
                try SiteFile.requireRegularFile(file, what: "The operational database", kind: .operationalData)
            }
            let signer = try SigningKeyFile.load(configuration, siteDirectory: siteDirectory, output: outputURL)
            return Site(configuration: configuration, templates: templates, translations: translations, catalogs: catalogs,
                        content: content, inputs: inputs, signer: signer)
        }
    }

    /// True when the stamp of the published site says every input is as it was built from.
    private func isUpToDate(_ stampInputs: String, site: Site, publisher: Publisher) -> Bool {
        guard let stamp = BuildStamp.read(from: publisher.stampURL()),
              let ledgerSummary = Ledger.summary(path: site.inputs.ledger.path) else { return false }
        return BuildStamp(inputs: stampInputs, ledgerSummary: ledgerSummary) == stamp && BuildStamp.outputIsIntact(outputURL)
            && signatureIsIntact(site.signer)
    }

    /// A ledger restored from a backup older than the published site would publish a second,
    /// different publication under a number already published: two histories. Refused.
    private func checkLedgerIsNotBehindTheSite(_ publications: [Publication], site: Site) throws(GeneratorError) {
        guard site.inputs.database != .sample, let published = PublishedCopyVerifier.Identity.of(outputURL).publication else { return }
        let last = publications.last?.number ?? 0
        guard published > last else { return }
        throw GeneratorError(kind: .ledger, """
            The published site \(outputURL.path) is publication \(published), but the ledger \(site.inputs.ledger.path) records \
            \(last == 0 ? "no publication" : "publications up to \(last) only"): it seems to have been restored from an older \
            backup. Publishing now would publish another publication \(last + 1) than the one already published, and anyone \
            keeping copies would see two histories. Restore the newest backup of the ledger (one that records publication \
            \(published)). If that ledger is truly lost, move the published folder aside and build: the portal then starts a \
            new history, which its readers will see. Nothing was published.
            """)
    }

    /// Records the SHA-256 of a new publication's `SHA256SUMS` in the ledger (the link the next
    /// publication names), or, for a build that republishes the last publication, checks that
    /// its `SHA256SUMS` is the one recorded: a copy that is in no chain is never published.
    private func recordChainLink(_ publication: Publication?, sums: String, portal: Portal, ledger: Ledger) throws(GeneratorError) {
        if let publication, var published = publication.publishedAs {
            published.sha256sums = sums
            do { try ledger.recordPublished(publication.number, as: published) } catch { throw .from(error) }
        } else if let last = portal.publications.last, let recorded = last.publishedAs?.sha256sums, recorded != sums {
            throw GeneratorError(kind: .output, """
                This build republishes publication \(last.number) (nothing it is made from changed), but its SHA256SUMS \
                differs from the one publication \(last.number) was published with, so a copy of it could not be verified \
                against the chain of publications. Nothing was published. This is a fault in transparency-gen: report it \
                with the output of `transparency-gen --version`.
                """)
        }
    }

    /// With a signing key, the published signature is the key's signature of the published
    /// `SHA256SUMS` (it is in no manifest, so `outputIsIntact` cannot see a deleted or cut one).
    private func signatureIsIntact(_ signer: SSHSigningKey?) -> Bool {
        guard let signer else { return true }
        let output = outputURL
        guard let sums = FileManager.default.contents(atPath: output.appendingPathComponent(Manifest.sumsPath).path),
              let published = FileManager.default.contents(atPath: output.appendingPathComponent(PublicationOutputs.signature).path),
              let expected = try? SSHSignature.armored(sums, key: signer) else { return false }
        return published == Data(expected.utf8)
    }

    /// Step "open ledger": the site's ledger (read-only for `check`, nil when it has none yet),
    /// a throwaway one for the sample agency, or a copy of the site's for a preview.
    private func openLedger(_ site: Site, mode: BuildMode) throws(GeneratorError) -> Ledger? {
        let url: URL
        if site.inputs.database == .sample {
            // The sample agency's figures are not the agency's: they never touch the site's ledger.
            try? FileManager.default.createDirectory(at: sampleFolder, withIntermediateDirectories: true)
            url = sampleFolder.appendingPathComponent("sample-ledger.sqlite")
        } else if mode == .preview {
            url = try previewLedgerCopy(of: site.inputs.ledger)
        } else {
            url = site.inputs.ledger
        }
        if mode == .check, !FileManager.default.fileExists(atPath: url.path) { return nil }
        try SiteFile.requireRegularFile(url, what: "The ledger", kind: .ledger)
        do { return try Ledger(path: url.path, readOnly: mode == .check) } catch { throw .from(error) }
    }

    /// A fresh copy of the site's ledger beside the preview's output, so the preview shows the
    /// figures a real build would and records nothing in the real ledger.
    private func previewLedgerCopy(of ledger: URL) throws(GeneratorError) -> URL {
        let copy = outputURL.deletingLastPathComponent().appendingPathComponent("ledger-copy.sqlite")
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy.path + suffix) }
        if FileManager.default.fileExists(atPath: ledger.path) {
            do { try Ledger.copy(path: ledger.path, to: copy.path) } catch { throw GeneratorError(error) }
        }
        return copy
    }

    /// Step "read figures": the public record from the operational source and the ledger.
    private func readPortal(_ site: Site, ledger: Ledger?, countReadsPastRetention: Bool) throws(GeneratorError) -> Portal {
        let configuration = site.configuration
        let source = try site.inputs.database.open(
            horizon: configuration.retention.horizon(now: options.now), scope: configuration.searchScope, now: options.now,
            timeZone: configuration.timeZone,
            sampleFolder: sampleFolder, sampleScale: options.sampleScale)
        do {
            let record = try PublicRecord.assemble(from: source, ledger: ledger, timeZone: configuration.timeZone,
                                                   retention: configuration.retention, now: options.now,
                                                   countReadsPastRetention: countReadsPastRetention)
            return Portal(configuration: configuration, now: options.now, content: site.content, record: record,
                          isSample: site.inputs.database == .sample)
        } catch {
            throw .from(error)
        }
    }

    /// The steps that write: data files, the ledger's changes, the pages, then publishing.
    private func publish(_ site: Site, portal unpublished: Portal, ledger: Ledger, publisher: Publisher, pageCache: PageCache?,
                         contentDigest: String, stamp: String?, timings: Timings) throws(GeneratorError) -> BuildReport {
        let output = outputURL
        // The data files are the figures' published form: their digest says whether figures changed.
        // Each is made, added to the digest and written a piece at a time, so that the largest of
        // them (the public log, 54 MB for the reference agency) is never held whole.
        let (staging, figuresDigest) = try stage("write data files to staging folder", timings) {
            () throws(GeneratorError) -> (StagingFolder, String) in
            let staging = try publisher.openStaging()
            do throws(GeneratorError) {
                var digest = PublicationPlanner.FiguresDigest()
                for declared in PublicationOutputs.figureFiles {
                    digest.begin(declared)
                    if let file = declared.file(unpublished) {
                        try staging.write(file) { digest.add($0, of: declared) }
                    }
                }
                return (staging, digest.value)
            } catch {
                staging.discard()
                throw error
            }
        }
        let liveFrom = site.configuration.retention.firstLiveDay(now: options.now, timeZone: site.configuration.timeZone)
        let (portal, publication) = try stage("update ledger", timings) { () throws(GeneratorError) -> (Portal, Publication?) in
            do {
                let previous = try ledger.publications()
                try checkLedgerIsNotBehindTheSite(previous, site: site)
                let publishedAs = PublishedAs(asOf: unpublished.asOf.description, generator: BuildInfo.description,
                                              signingKey: site.signer?.publicKeyLine ?? "")
                let publication = PublicationPlanner.plan(portal: unpublished, ledger: ledger, previous: previous,
                                                          contentDigest: contentDigest, figuresDigest: figuresDigest,
                                                          publishedAs: publishedAs)
                try ledger.stage(unpublished.record.log, accountability: unpublished.record.liveAccountability, liveFrom: liveFrom,
                                 at: options.now, publication: publication,
                                 owner: site.inputs.ledgerOwner(agency: site.configuration.agencyName))
                return (unpublished.with(publications: previous + (publication.map { [$0] } ?? [])), publication)
            } catch {
                staging.discard()
                throw .from(error)
            }
        }
        do throws(GeneratorError) {
            let (siteDigest, rendered) = try stage("render and write to staging folder", timings) {
                () throws(GeneratorError) -> (String, SiteRenderer.RenderSummary) in
                do throws(GeneratorError) {
                    let renderer = SiteRenderer(portal: portal, templates: site.templates, translations: site.translations)
                    let rendered = try renderer.render(
                        includeDataFiles: false, pageCache: pageCache, signer: site.signer, progress: onPageProgress
                    ) { (file) throws(GeneratorError) in try staging.write(file) }
                    try staging.writeCatalogs(portal: portal, renderer: renderer)
                    let manifest = try staging.writeManifest(signer: site.signer)
                    try recordChainLink(publication, sums: manifest.sums, portal: portal, ledger: ledger)
                    return (manifest.site, rendered)
                } catch {
                    staging.discard()
                    throw error
                }
            }
            // The ledger's commit and the swap run as one step that a signal waits for.
            try stage("publish", timings) { () throws(GeneratorError) in
                do {
                    try publishingGuard.perform { try publisher.publish(siteDigest: siteDigest, ledger: ledger) }
                } catch {
                    throw .from(error)
                }
                if let stamp {
                    let text = BuildStamp(inputs: stamp, ledgerSummary: ledger.summary()).text
                    // Without a stamp the next build is a full one: never wrong, only slower.
                    try? Data(text.utf8).write(to: publisher.stampURL())
                }
                // Likewise without the page record: the next build renders every page.
                if pageCache != nil { try? Data(staging.pageRecord.utf8).write(to: publisher.pageKeysURL()) }
            }
            let counts = staging.counts
            let sample = site.inputs.database == .sample
            var report = BuildReport(output: output, files: counts.files, pages: counts.pages, periods: portal.log.count,
                                     usedSampleDatabase: sample, publication: publication, stages: timings.stages)
            report.pagesCarriedOver = rendered.carriedOver
            report.database = site.inputs.database == .sample ? nil : site.inputs.database
            report.ledger = sample ? nil : site.inputs.ledger
            report.ledgerOwner = site.inputs.ledgerOwner(agency: site.configuration.agencyName)
            let messages = site.templates.messages
            report.publicationChanges = (publication?.changes ?? []).map { $0.text(messages, Format(language: messages.language)) }
            report.warnings = StatutoryWarnings(portal: portal).all + site.configuration.placeholders + site.content.placeholders + site.content.warnings
                + site.templates.renderingWarnings
            return report
        } catch {
            ledger.rollback()
            throw error
        }
    }
}
