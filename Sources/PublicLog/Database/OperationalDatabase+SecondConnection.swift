import CSQLite
import Foundation

extension OperationalDatabase {
    /// A second connection to the operational file that reads the same snapshot as this one,
    /// and the `read_id` from which it tallies the reads; nil when the reads are few, when
    /// this connection is not inside its snapshot, or when the same snapshot cannot be proved.
    ///
    /// The proof, for a rollback-journal database: this connection's read transaction has read
    /// the file, so it holds SQLite's shared lock until `endSnapshot`, and no writer can commit
    /// while any shared lock is held. The second connection takes its own shared lock inside
    /// that time, so both see the file as it was when this one took its lock. The file
    /// header's change counter, which every commit increments, is read before and after the
    /// second lock is taken and must not have moved. A WAL database gives each reader a
    /// snapshot of its own, and SQLite 3.40 here has no `sqlite3_snapshot_open` to share one,
    /// so it is tallied on one connection. Any doubt (a writer waiting to commit, so that the
    /// second lock is refused at once; a header that moved) means one connection too: the
    /// figures never depend on the second.
    func secondTallyConnection() throws(PublicLogError) -> (OperationalDatabase, split: Int64)? {
        guard inSnapshot else { return nil }
        var range: (first: Int64, last: Int64)?
        try query("the range of read ids", "SELECT first_read_id, last_read_id FROM temp.\(AggregateViews.readIDRange)") { row in
            if let first = row.integer(0), let last = row.integer(1) { range = (first, last) }
        }
        guard let range, range.last - range.first >= splitTallyFromReadIDs,
              let before = DatabaseHeader(path: path), !before.isWAL else { return nil }
        guard let second = try? OperationalDatabase(path: path, retentionHorizon: nil, scope: scope, busyTimeoutMilliseconds: 0) else {
            return nil
        }
        var secondRange: (first: Int64, last: Int64)?
        do {
            try second.beginSnapshot()
            try second.query("the range of read ids", "SELECT first_read_id, last_read_id FROM temp.\(AggregateViews.readIDRange)") { row in
                if let first = row.integer(0), let last = row.integer(1) { secondRange = (first, last) }
            }
        } catch {
            second.endSnapshot()
            return nil
        }
        guard let after = DatabaseHeader(path: path), after == before, secondRange.map({ $0 == range }) == true else {
            second.endSnapshot()
            return nil
        }
        return (second, range.first + (range.last - range.first) / 2 + 1)
    }

    /// Runs `body` on `first` (on this thread) and `second` (on another) at once; each
    /// connection is used by one thread only. The first error is thrown after both finish.
    static func inParallel(_ first: OperationalDatabase, _ second: OperationalDatabase,
                           _ body: (OperationalDatabase, _ isSecond: Bool) throws(PublicLogError) -> Void) throws(PublicLogError) {
        let results = ParallelResults(first, second)
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedBody(body)
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                do throws(PublicLogError) {
                    try shared.body(results.databases[index], index == 1)
                } catch {
                    results.set(index, error)
                }
            }
        }
        if let error = results.firstError { throw error }
    }

    /// The two connections and their errors. `@unchecked`: each index is one thread's.
    private final class ParallelResults: @unchecked Sendable {
        let databases: [OperationalDatabase]
        private let lock = NSLock()
        private var errors: [PublicLogError?] = [nil, nil]
        init(_ first: OperationalDatabase, _ second: OperationalDatabase) { databases = [first, second] }
        func set(_ index: Int, _ error: PublicLogError) { lock.withLock { errors[index] = error } }
        var firstError: PublicLogError? { lock.withLock { errors.compactMap { $0 }.first } }
    }

    /// The body, handed to both threads; each calls it with its own connection.
    private struct UncheckedBody: @unchecked Sendable {
        let body: (OperationalDatabase, Bool) throws(PublicLogError) -> Void
        init(_ body: @escaping (OperationalDatabase, Bool) throws(PublicLogError) -> Void) { self.body = body }
    }
}

/// The first 28 bytes of an SQLite file's header that say how it journals and how often it
/// was committed to (https://sqlite.org/fileformat.html#the_database_header).
struct DatabaseHeader: Equatable {
    /// Bytes 18 and 19: 2 for WAL, 1 for a rollback journal.
    let isWAL: Bool
    /// Bytes 24 to 27: incremented by every commit in rollback-journal mode.
    let changeCounter: UInt32

    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let bytes = try? handle.read(upToCount: 28), bytes.count == 28 else { return nil }
        let header = [UInt8](bytes)
        isWAL = header[18] == 2 || header[19] == 2
        changeCounter = header[24..<28].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
