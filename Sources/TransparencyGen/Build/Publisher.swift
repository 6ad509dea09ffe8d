import CFileSystem
import Foundation
import PublicLog

/// Writes the site into a staging folder beside the output and publishes it so that the
/// published folder and the ledger always agree, whatever stops the build:
///
/// 1. every file of the new site is written into the staging folder;
/// 2. the ledger's transaction records the new figures, the publication and the digest of the
///    new site's manifest as *pending*, and commits. This commit is the moment of publication:
///    a failure before it (a full disk included) leaves the site and the ledger as they were;
/// 3. the staging folder and the output are exchanged in one step (`renameat2`), so the output
///    folder never disappears, and the pending mark is cleared;
/// 4. the old site, now in the staging folder's place, is removed.
///
/// A build stopped between 2 and 3 leaves a committed publication whose site is not yet in
/// place; `recover` finishes that swap first thing on the next run (build or preview), so no
/// command ever sees the two disagree.
struct Publisher {
    let output: URL
    let siteDirectory: URL
    var writer: FileWriter = .standard
    var hooks: PublishingHooks = .none
    var publishingGuard: PublishingGuard = .shared

    private var fileManager: FileManager { .default }

    func stagingURL() -> URL { sibling("staging") }

    /// Where an exchange-less file system's two-rename swap parks the old site.
    func previousURL() -> URL { sibling("previous") }

    /// The build stamp of the published site (`BuildStamp`): beside the output, not in it,
    /// because it describes where the site and its inputs are, which the site must not.
    func stampURL() -> URL { sibling("inputs") }

    /// The published pages' keys (`PageCache`): beside the output for the same reason.
    func pageKeysURL() -> URL { sibling("pages") }

    private func sibling(_ suffix: String) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).\(suffix)")
    }

    /// Makes the published folder agree with the ledger before anything else happens: a
    /// committed publication whose site is still in the staging folder is swapped in; an old
    /// site parked by a two-rename swap goes back when the output is missing; debris of an
    /// interrupted build is removed.
    func recover(ledgerPath: String?) throws(GeneratorError) {
        if let ledgerPath, let pending = Ledger.pendingSite(path: ledgerPath) {
            if Self.manifestDigest(of: stagingURL()) == pending, Self.manifestDigest(of: output) != pending {
                try swapIn(stagingURL())
            }
            // Otherwise the site is in place already, or the committed site is gone (removed by
            // hand): the build that follows publishes the ledger's figures anew either way.
            try? Ledger.clearPendingSite(path: ledgerPath)
        }
        let previous = previousURL()
        if fileManager.fileExists(atPath: previous.path), !fileManager.fileExists(atPath: output.path) {
            do {
                try fileManager.moveItem(at: previous, to: output)
            } catch {
                throw GeneratorError(kind: .output, "An earlier build was interrupted while publishing; the previous site is in \(previous.path) and could not be moved back to \(output.path) (\(error.localizedDescription)). Move it back by hand, then build again.")
            }
        }
        try? fileManager.removeItem(at: previous)
        try? fileManager.removeItem(at: stagingURL())
    }

    /// Refuses outputs that would overwrite the site itself, one of the build's inputs, or a
    /// folder the tool did not write. `inputs` are the build's own files and folders (the
    /// configuration, `content/`, `templates/`, the ledger, the database), by what to call them:
    /// the output may not be one of them, hold one, or lie inside one, since each build replaces
    /// the output whole.
    func checkOutput(inputs: [(name: String, url: URL)]) throws(GeneratorError) {
        let out = Self.resolved(output)
        let site = Self.resolved(siteDirectory)
        if out == site || site.hasPrefix(out + "/") || out == "/" {
            throw GeneratorError(kind: .output, "The output folder \(out) holds the site itself. Choose a separate folder with --output, e.g. \(site)/public.")
        }
        for input in inputs {
            let path = Self.resolved(input.url)
            let relation: String? = if out == path {
                "is"
            } else if path.hasPrefix(out + "/") {
                "holds"
            } else if out.hasPrefix(path + "/") {
                "is inside"
            } else {
                nil
            }
            if let relation {
                throw GeneratorError(kind: .output, "The output folder \(out) \(relation) \(input.name) \(path), which the build reads; publishing there would replace or change it. Choose a separate folder with --output, e.g. \(site)/public, and keep the ledger and the database outside it.")
            }
        }
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: out, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw GeneratorError(kind: .output, "The output path \(out) is a file, not a folder. Remove it or choose another --output.")
            }
            let entries = (try? fileManager.contentsOfDirectory(atPath: out)) ?? []
            if !entries.isEmpty, !entries.contains(PublicationOutputs.marker) {
                throw GeneratorError(kind: .output, "The output folder \(out) already holds files this tool did not publish. It replaces its output folder whole, so choose an empty or new folder with --output (or move those files away).")
            }
        }
    }

    /// The absolute path of `url` with every link in the part that exists resolved, so that
    /// two names for one place compare equal.
    static func resolved(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while existing.path != "/", !FileManager.default.fileExists(atPath: existing.path) {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        let base = existing.resolvingSymlinksInPath().path
        return rest.reduce(base) { ($0 == "/" ? "" : $0) + "/" + $1 }
    }

    /// A new, empty staging folder beside the output.
    func openStaging() throws(GeneratorError) -> StagingFolder {
        try StagingFolder(url: stagingURL(), writer: writer, publishingGuard: publishingGuard)
    }

    /// Publishes the complete staging folder whose manifest has `siteDigest`, committing the
    /// ledger's open transaction as the moment of publication (see the type's steps). Before
    /// the commit any failure discards the staging folder and rolls the ledger back; after it,
    /// a failure keeps the staging folder for `recover` to finish the swap.
    func publish(siteDigest: String, ledger: Ledger) throws(GeneratorError) {
        let staging = stagingURL()
        do {
            try hooks.reached(.siteStaged)
            // A stamp describes the published site; until the new one is in place there is none.
            try? fileManager.removeItem(at: stampURL())
            try ledger.stagePendingSite(siteDigest)
            try Self.checkRoomForCommit(ledger.path)
            try hooks.reached(.ledgerCommitting)
            try ledger.commit()
        } catch {
            ledger.rollback()
            try? fileManager.removeItem(at: staging)
            throw GeneratorError.from(error)
        }
        do {
            try hooks.reached(.ledgerCommitted)
            try swapIn(staging)
            try hooks.reached(.siteSwapped)
        } catch {
            throw GeneratorError(kind: .output, "The publication was recorded in the ledger, but the new site could not be moved into place at \(output.path) (\(GeneratorError.from(error).message)). The new site waits in \(staging.path): run the build again to finish publishing it.")
        }
        try? ledger.clearPendingSite()
    }

    /// Publishes the complete staging folder of a site no ledger records (the statewide index):
    /// the swap alone. A failure discards the staging folder and leaves the output as it was.
    func publishUnrecorded() throws(GeneratorError) {
        do {
            try swapIn(stagingURL())
        } catch {
            try? fileManager.removeItem(at: stagingURL())
            throw error
        }
    }

    /// Puts `staging` in the output's place: one exchange where the file system allows it (the
    /// old site is then where `staging` was, and is removed), else two renames. The folder
    /// above is synced, so that the new names survive a power cut.
    private func swapIn(_ staging: URL) throws(GeneratorError) {
        let parent = output.deletingLastPathComponent().path
        if !fileManager.fileExists(atPath: output.path) {
            guard rename(staging.path, output.path) == 0 else {
                throw GeneratorError(kind: .output, "Could not move the new site into place at \(output.path): \(String(cString: strerror(errno))).")
            }
            _ = tg_sync_directory(parent)
            return
        }
        if tg_exchange_paths(staging.path, output.path) == 0 {
            _ = tg_sync_directory(parent)
            try? hooks.reached(.removingOldSite)
            try? fileManager.removeItem(at: staging)
            return
        }
        guard errno == ENOSYS || errno == EINVAL else {
            throw GeneratorError(kind: .output, "Could not move the new site into place at \(output.path): \(String(cString: strerror(errno))).")
        }
        let previous = previousURL()
        try? fileManager.removeItem(at: previous)
        guard rename(output.path, previous.path) == 0 else {
            throw GeneratorError(kind: .output, "Could not move the old site aside from \(output.path): \(String(cString: strerror(errno))).")
        }
        guard rename(staging.path, output.path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(previous.path, output.path)
            throw GeneratorError(kind: .output, "Could not move the new site into place at \(output.path): \(reason).")
        }
        _ = tg_sync_directory(parent)
        try? fileManager.removeItem(at: previous)
    }

    /// Refuses to commit when the ledger's disk has less room than the commit may need (the
    /// pages its journal holds, and a margin). A commit that fails anyway is rolled back by
    /// SQLite, and nothing is published; this says why in plainer words.
    static func checkRoomForCommit(_ ledgerPath: String) throws(GeneratorError) {
        var info = statvfs()
        let folder = URL(fileURLWithPath: ledgerPath).deletingLastPathComponent().path
        guard statvfs(folder, &info) == 0 else { return }
        let free = Int64(info.f_bavail) * Int64(info.f_frsize)
        let journal = ((try? FileManager.default.attributesOfItem(atPath: ledgerPath + "-journal"))?[.size] as? NSNumber)?.int64Value ?? 0
        let needed = journal + (1 << 20)
        if free < needed {
            throw GeneratorError(kind: .output, "The disk holding the ledger \(ledgerPath) has \(free / 1024) KiB free; saving this publication needs about \(needed / 1024) KiB. Free some space and build again. Nothing was published.")
        }
    }

    /// SHA-256 of a site folder's `manifest.csv`, which lists every file with its digest; nil
    /// when the folder has none.
    static func manifestDigest(of folder: URL) -> String? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(Manifest.csvPath).path).map(Digest.sha256)
    }
}
