import Foundation
import PublicLog
import TestSupport

/// A fixture database in a temporary folder, removed when the value is released.
final class TemporaryDatabase {
    let folder = temporaryFolder("db")
    let fixture: FixtureDatabase

    init(wal: Bool = false, _ fill: (FixtureDatabase) -> Void = { _ in }) {
        fixture = FixtureDatabase(path: folder.appendingPathComponent("operational.sqlite").path, wal: wal)
        fill(fixture)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var path: String { fixture.path }

    func open() throws -> OperationalDatabase { try OperationalDatabase(path: path) }

    /// The log as the spec defines it, at `now`, with the default Chicago zone and 60 days.
    func log(now: String, retentionDays: Int = 60, recorded: PublicLogCompiler.RecordedFigures = { _ in nil }) throws -> [LogEntry] {
        let snapshot = try open().snapshot()
        return PublicLogCompiler(timeZone: AgencyTimeZone(identifier: "America/Chicago")!,
                                 retention: RetentionPolicy(days: retentionDays), now: Instant(iso: now)!)
            .compile(snapshot, recorded: recorded)
    }
}
