import Foundation
import PublicLog
import TransparencyGen

/// Builds a site for preview, and again whenever its inputs change. It builds into its own
/// temporary folder, against a copy of the ledger, so a preview never changes the site's
/// `public/` folder nor records a publication in its ledger.
public final class PreviewSession: @unchecked Sendable {
    public enum State: Sendable, Equatable {
        /// The first build has not finished.
        case building
        /// The last build succeeded; its site is in `output`.
        case ready
        /// The last build failed, with this message; the site is not served.
        case failed(String)
    }

    public let siteDirectory: URL
    /// Overrides the configured database (`--database`).
    public let database: DatabaseLocation?
    /// A fresh temporary folder holding the preview's site and ledger copy.
    public let workFolder: URL
    /// The folder served.
    public var output: URL { workFolder.appendingPathComponent("public") }
    /// How often the inputs are looked at.
    public var pollInterval: Duration = .milliseconds(400)
    /// Sample agency size (tests use a small one).
    public var sampleScale: Double = 1

    private let now: @Sendable () throws(GeneratorError) -> Instant
    private let report: @Sendable (String) -> Void
    private let lock = NSLock()
    private var currentState = State.building
    private var builds = 0

    /// - Parameters:
    ///   - now: "now" of each build (`SOURCE_DATE_EPOCH` or the clock).
    ///   - report: receives one line per build, for the terminal.
    public init(siteDirectory: URL, database: DatabaseLocation?, now: @escaping @Sendable () throws(GeneratorError) -> Instant,
                report: @escaping @Sendable (String) -> Void) {
        self.siteDirectory = siteDirectory.standardizedFileURL
        self.database = database
        self.now = now
        self.report = report
        workFolder = FileManager.default.temporaryDirectory.appendingPathComponent("transparency-gen-preview-\(UUID().uuidString)")
    }

    public var state: State { lock.withLock { currentState } }

    /// How many builds have finished, successful or not.
    public var buildCount: Int { lock.withLock { builds } }

    /// Refuses a site folder that cannot be previewed at all: missing, not a folder, or unreadable.
    public func checkSiteFolder() throws(GeneratorError) {
        var isDirectory: ObjCBool = false
        let path = siteDirectory.path
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GeneratorError("There is no site folder at \(path). Run `transparency-gen serve` in the folder holding site.yaml, content/ and templates/, pass it with --site, or create one with `transparency-gen init`.")
        }
        guard isDirectory.boolValue else {
            throw GeneratorError("\(path) is a file, not a site folder. Pass the folder holding site.yaml, content/ and templates/ with --site.")
        }
        guard FileManager.default.isReadableFile(atPath: path), (try? FileManager.default.contentsOfDirectory(atPath: path)) != nil else {
            throw GeneratorError("The site folder \(path) cannot be read. Check its permissions (ls -ld \(path)), or run serve as a user who may read it.")
        }
    }

    /// Removes the temporary folder.
    public func discard() {
        try? FileManager.default.removeItem(at: workFolder)
    }

    /// Builds now, then again after every change, until the task is cancelled.
    public func run() async {
        var seen = fingerprint()
        await buildInBackground(after: nil)
        while !Task.isCancelled {
            try? await Task.sleep(for: pollInterval)
            guard fingerprint() != seen else { continue }
            // Editors often write a file in several steps: let the save settle first.
            try? await Task.sleep(for: .milliseconds(150))
            let current = fingerprint()
            let changed = current.firstDifference(from: seen)
            seen = current
            await buildInBackground(after: changed)
        }
    }

    /// The build is synchronous and uses every core: it runs on its own thread, not on one
    /// of the few threads Swift's concurrency shares among tasks.
    private func buildInBackground(after change: String?) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread { [self] in
                buildNow(after: change)
                done.resume()
            }
        }
    }

    /// One preview build; updates `state` and reports the outcome.
    public func buildNow(after change: String? = nil) {
        let start = DispatchTime.now().uptimeNanoseconds
        let cause = change.map { " after a change to \(display($0))" } ?? ""
        let result: State
        do {
            let built = try build()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            report(String(format: "%@ in %.1f s%@: %@.", change == nil ? "Built" : "Rebuilt", seconds, cause, built))
            result = .ready
        } catch {
            report("The build failed\(cause). The preview shows this error until it is fixed:\n  \(error.description)")
            result = .failed(error.description)
        }
        lock.withLock {
            currentState = result
            builds += 1
        }
    }

    /// True for a statewide index's folder (`sources.yaml`), previewed as `index build` builds it.
    public var isIndex: Bool { IndexBuilder.isIndexFolder(siteDirectory) }

    /// One build; what it made, in words for the terminal.
    private func build() throws(GeneratorError) -> String {
        do {
            try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError("Cannot create the preview's temporary folder \(workFolder.path) (\(error.localizedDescription)). Check that the temporary folder has room (TMPDIR).")
        }
        if isIndex {
            let report = try indexBuilder(now: try now()).build()
            let failed = report.sources.filter { $0.status == "failed" }.map(\.id)
            return "\(report.files) files of the index, \(report.sources.count) agencies" + (failed.isEmpty ? "" : " (failed: \(failed.joined(separator: ", ")))")
        }
        let options = BuildOptions(siteDirectory: siteDirectory, database: database, output: output, now: try now(),
                                   sampleScale: sampleScale)
        let built = try SiteBuilder(options: options).run(.preview)
        return "\(built.pages) pages" + (built.usedSampleDatabase ? " from the made-up sample agency (set `database:` in site.yaml for yours)" : "")
    }

    private func indexBuilder(now: Instant) -> IndexBuilder {
        IndexBuilder(sourcesFile: siteDirectory.appendingPathComponent(IndexSources.fileName), output: output, now: now)
    }

    /// Everything a preview watches (`BuildInputs.watched`, or an index's); see `InputFingerprint`.
    func fingerprint() -> InputFingerprint {
        if isIndex {
            let watched = indexBuilder(now: Instant(secondsSinceEpoch: 0)).watched
            return InputFingerprint(folders: watched.folders, files: watched.files)
        }
        let configuration = (try? SiteConfiguration.load(siteDirectory: siteDirectory)) ?? .defaults()
        let watched = BuildInputs(siteDirectory: siteDirectory, configuration: configuration, database: database).watched
        return InputFingerprint(folders: watched.folders, files: watched.files)
    }

    private func display(_ path: String) -> String {
        path.hasPrefix(siteDirectory.path + "/") ? String(path.dropFirst(siteDirectory.path.count + 1)) : path
    }
}
