import Foundation
import PublicLog

/// The folder a build writes the new site into, file by file as each is rendered (from any
/// thread), recording every file's size and SHA-256 for the manifest.
final class StagingFolder: @unchecked Sendable {
    let url: URL
    private let writer: FileWriter
    private let publishingGuard: PublishingGuard
    private let lock = NSLock()
    private var entries: [Manifest.Entry] = []
    private var pageKeys: [(path: String, key: String, sha256: String)] = []
    private var folders: Set<String> = []
    /// Every path written so far, and every folder above one: a second file at a path, or a
    /// file where a folder is, would silently replace published content.
    private var writtenPaths: Set<String> = []
    private var writtenFolders: Set<String> = []

    /// Creates the folder (replacing debris of an earlier attempt) with the output marker in it.
    init(url: URL, writer: FileWriter, publishingGuard: PublishingGuard) throws(GeneratorError) {
        self.url = url
        self.writer = writer
        self.publishingGuard = publishingGuard
        try? FileManager.default.removeItem(at: url)
        try attempt {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for output in PublicationOutputs.outputs(in: .staging) {
                guard case .staging(let text) = output.maker else { continue }
                for name in output.takes { try writer.write(Data(text.utf8), url.appendingPathComponent(name), false) }
            }
        }
    }

    /// Writes one file of the site; `observe` sees its bytes, piece by piece for a stream.
    func write(_ file: OutputFile, observe: (Data) -> Void = { _ in }) throws(GeneratorError) {
        try claim(file.path)
        let target = url.appendingPathComponent(file.path)
        let folder = target.deletingLastPathComponent()
        try attempt {
            if needsFolder(folder.path) {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
        }
        let bytes: Int
        let sha256: String
        switch file.body {
        case .data(let data):
            try attempt { try writer.write(data, target, false) }
            observe(data)
            (bytes, sha256) = (data.count, file.sha256 ?? Digest.sha256(data))
        case .copy(let source):
            let data = try SiteFile.read(source.url, inside: source.root, kind: source.kind, name: source.name)
            try attempt { try writer.write(data, target, false) }
            (bytes, sha256) = (data.count, Digest.sha256(data))
        case .stream(let produce):
            var digest = Digest.Stream()
            var count = 0
            do {
                // Each piece is one write: a signal waits for a piece, not for the whole file.
                try produce { (piece: Data) throws in
                    try attempt { try writer.write(piece, target, count > 0) }
                    digest.add(piece)
                    count += piece.count
                    observe(piece)
                }
                if count == 0 { try attempt { try writer.write(Data(), target, false) } }
            } catch let error as GeneratorError {
                throw error
            } catch {
                throw GeneratorError(kind: .output, "Could not make \(file.path): \(error). Nothing was published.")
            }
            (bytes, sha256) = (count, digest.finish())
        }
        let entry = Manifest.Entry(path: file.path, bytes: bytes, sha256: sha256)
        lock.lock()
        entries.append(entry)
        if let key = file.pageKey { pageKeys.append((file.path, key, entry.sha256)) }
        lock.unlock()
    }

    /// Writes the catalogs of the data files written so far (`OpenDataCatalogs`).
    func writeCatalogs(portal: Portal, renderer: SiteRenderer) throws(GeneratorError) {
        let inputs = OpenDataCatalogs.Inputs(portal: portal, renderer: renderer, entries: lock.withLock { entries })
        for output in PublicationOutputs.outputs(in: .catalogs) {
            guard case .catalogs(let make) = output.maker else { continue }
            for file in try make(inputs) { try write(file) }
        }
    }

    /// Writes the manifest of every file written so far; returns the SHA-256 of `manifest.csv`,
    /// which identifies the whole site (see `Publisher.manifestDigest`), and of `SHA256SUMS`,
    /// the link of the chain of publications.
    func writeManifest(signer: SSHSigningKey?) throws(GeneratorError) -> (site: String, sums: String) {
        lock.lock()
        let all = entries
        lock.unlock()
        var digest = ""
        let inputs = PublicationOutputs.ManifestInputs(entries: all, signer: signer)
        for output in PublicationOutputs.outputs(in: .manifest) {
            guard case .manifest(let make) = output.maker else { continue }
            for file in try make(inputs) {
                try write(file)
                if file.path == Manifest.csvPath, case .data(let bytes) = file.body { digest = Digest.sha256(bytes) }
            }
        }
        return (digest, Digest.sha256(inputs.sums))
    }

    /// Files written so far, HTML pages among them.
    var counts: (files: Int, pages: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (entries.count, entries.filter { $0.path.hasSuffix(".html") }.count)
    }

    /// The record of the pages written with their keys, for the next build (`PageCache`).
    var pageRecord: String {
        lock.withLock { PageCache.record(pageKeys) }
    }

    func discard() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Records `path` as written, refusing a path already written and a file where a folder is.
    private func claim(_ path: String) throws(GeneratorError) {
        // SHA256SUMS holds a path per line: a line end or other control character in a name
        // would make a manifest that neither `sha256sum -c` nor `verify` can read.
        if path.unicodeScalars.contains(where: \.isControlCharacter) {
            throw GeneratorError("The site cannot be written: the name \(path.debugDescription) holds a line end or another control character, which no list of published files can hold. Rename the file in content/ it comes from. Nothing was published.")
        }
        let parts = path.split(separator: "/").map(String.init)
        let ancestors = (1..<max(parts.count, 1)).map { parts[0..<$0].joined(separator: "/") }
        let clash: String? = lock.withLock {
            if writtenPaths.contains(path) { return "two files would be published at \(path)" }
            if writtenFolders.contains(path) { return "\(path) would be a file where other published files need a folder" }
            if let file = ancestors.first(where: writtenPaths.contains) {
                return "\(path) needs a folder \(file), where another file is published"
            }
            writtenPaths.insert(path)
            writtenFolders.formUnion(ancestors)
            return nil
        }
        if let clash {
            throw GeneratorError("The site cannot be written: \(clash). A name in content/ (a page, a policy or audit file, a report) or in templates/assets/ takes a place the portal uses: rename it. Nothing was published.")
        }
    }

    private func needsFolder(_ path: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return folders.insert(path).inserted
    }

    /// Each write is one step a signal waits for (see `PublishingGuard`).
    private func attempt(_ body: () throws -> Void) throws(GeneratorError) {
        do {
            try publishingGuard.perform(body)
        } catch let error as GeneratorError {
            throw error
        } catch {
            throw GeneratorError(kind: .output, "Could not write the new site into \(url.path): \(error.localizedDescription). Check that the folder above the output is writable and the disk has room. The published site was not changed.")
        }
    }
}

extension Unicode.Scalar {
    /// C0 and C1 control characters and DEL: what a published name may not hold (a line of
    /// `SHA256SUMS` is a name) and what `verify` never prints raw.
    var isControlCharacter: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }
}
