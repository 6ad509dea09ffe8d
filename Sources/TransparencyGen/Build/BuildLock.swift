import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock(2)` lock on a lock file, held from `acquire` until `release()` or the
/// end of the process. One build of a site at a time: two builds sharing the staging folder
/// or the ledger publish a mutilated site. The operating system releases the lock when the
/// process ends, however it ends, so there is never a stale lock to delete; the empty lock
/// file itself stays (removing it while a build runs would let a second build lock a new file).
final class BuildLock {
    /// What a lock protects, for the message a second build prints.
    enum Subject {
        /// The output folder (its staging folder, build stamp and page keys beside it).
        case output(URL)
        /// The ledger, which one site or several (one `ledger:`) may name.
        case ledger(URL)

        /// The lock file: beside the place, after every link in its path is resolved, so that
        /// two names of one folder or ledger take the same lock.
        var lockFile: URL {
            switch self {
            case .output(let url):
                let resolved = URL(fileURLWithPath: Publisher.resolved(url))
                return resolved.deletingLastPathComponent().appendingPathComponent(".\(resolved.lastPathComponent).lock")
            case .ledger(let url):
                return URL(fileURLWithPath: Publisher.resolved(url) + ".lock")
            }
        }

        fileprivate var busy: String {
            switch self {
            case .output(let url):
                "Another build of this site is running: it is publishing to the output folder \(Publisher.resolved(url)) (locked by \(lockFile.path))."
            case .ledger(let url):
                "Another build is using the ledger \(Publisher.resolved(url)) (locked by \(lockFile.path)): a build of this site, or of another site whose site.yaml names the same ledger, is running."
            }
        }
    }

    private var descriptor: Int32
    private let file: String

    /// The lock files this process holds, so that a signal only cleans up after its own build.
    private static let held = Held()

    private final class Held: @unchecked Sendable {
        let lock = NSLock()
        var files: Set<String> = []
    }

    private init(descriptor: Int32, file: String) {
        self.descriptor = descriptor
        self.file = file
        Self.held.lock.withLock { _ = Self.held.files.insert(file) }
    }

    /// True when this process holds the lock of `subject`.
    static func isHeld(_ subject: Subject) -> Bool {
        let file = subject.lockFile.path
        return held.lock.withLock { held.files.contains(file) }
    }

    deinit { release() }

    /// Takes the lock of `subject` at once, or stops: a second build never waits, since the
    /// first may take minutes and the second would then publish stale inputs anyway.
    static func acquire(_ subject: Subject) throws(GeneratorError) -> BuildLock {
        let file = subject.lockFile
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw GeneratorError(kind: .output, "Cannot create the lock file \(file.path), which keeps two builds of one site from running at once: \(String(cString: strerror(errno))). Check that its folder is writable. Nothing was published.")
        }
        // Each open file description is a lock of its own, so two builds in one process exclude each other too.
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(descriptor)
            if reason == EWOULDBLOCK {
                throw GeneratorError(kind: .output, """
                    \(subject.busy) Only one build of a site runs at a time. Wait for the other build to finish, \
                    then build again if you still need to. Nothing was published by this run. The lock is released \
                    when the other build ends, even if it crashes, so there is no lock file to delete.
                    """)
            }
            throw GeneratorError(kind: .output, "Cannot lock \(file.path): \(String(cString: strerror(reason))). Nothing was published.")
        }
        return BuildLock(descriptor: descriptor, file: file.path)
    }

    /// Lets the next build run.
    func release() {
        guard descriptor >= 0 else { return }
        Self.held.lock.withLock { _ = Self.held.files.remove(file) }
        close(descriptor)
        descriptor = -1
    }
}
