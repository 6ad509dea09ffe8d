import Foundation

/// What a preview watches, as (path, size, modification time, file id) of every file: the
/// site's `site.yaml`, `content/` and `templates/`, the operational database with its WAL,
/// and the ledger. Polling this twice a second costs little for a site's few hundred files,
/// works the same on every file system, and sees a database written by another process.
struct InputFingerprint: Equatable, Sendable {
    struct Stamp: Equatable, Sendable {
        let size: Int64
        let modified: Int64
        let inode: UInt64
    }

    private(set) var files: [String: Stamp] = [:]

    /// `folders` are walked; `files` are looked at themselves (absent ones count as absent).
    init(folders: [URL], files: [URL]) {
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let path = folder.appendingPathComponent(relative).path
                if let stamp = Self.stamp(path), stamp.size >= 0 { self.files[path] = stamp }
            }
        }
        for file in files {
            for path in [file.path, file.path + "-wal"] {
                if let stamp = Self.stamp(path) { self.files[path] = stamp }
            }
        }
    }

    /// The first path (by name) that differs between two fingerprints, to tell staff what changed.
    func firstDifference(from other: InputFingerprint) -> String? {
        Set(files.keys).union(other.files.keys).sorted().first { files[$0] != other.files[$0] }
    }

    /// Nil for a folder or a missing file; only regular files carry a stamp.
    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return Stamp(size: Int64(info.st_size), modified: modified, inode: UInt64(info.st_ino))
    }
}
