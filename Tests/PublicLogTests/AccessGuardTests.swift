import Foundation
import Testing
@testable import PublicLog
import TestSupport

/// SQLite itself, not a convention, keeps PublicLog's connection read-only and away from
/// private tables except through the aggregate views.
@Suite("Read-only access through aggregate views")
struct AccessGuardTests {
    func database() -> TemporaryDatabase {
        TemporaryDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            f.period("SQ-1", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z")
            let read = f.read("SQ-1", "2024-06-10T13:00:00Z", plate: "CANARY-PLATE", imageRef: "CANARY-IMG")
            f.source("bca", "BCA")
            f.hit(read, "warrant", record: "CANARY-HOTLIST")
            f.insert("data_access", ["accessed_at": "2024-06-11T10:00:00Z", "user_name": "CANARY-USER",
                                     "purpose": "audit", "case_number": "CANARY-CASE"])
            f.insert("acp_request", ["received_on": "2024-06-01", "participant_ref": "CANARY-ACP"])
        }
    }

    @Test(arguments: [
        "SELECT plate FROM plate_read",
        "SELECT count(*) FROM plate_read",
        "SELECT hotlist_record FROM hit",
        "SELECT user_name FROM main.data_access",
        "SELECT * FROM acp_request",
        "SELECT count(*) FROM acp_request",
        "SELECT r.plate FROM active_period p JOIN plate_read r ON r.reader_id = p.reader_id",
        "SELECT * FROM (SELECT plate FROM plate_read)",
        // A CTE named like an aggregate view looks like that view to SQLite's authorizer.
        "WITH public_period_figures AS (SELECT plate FROM plate_read) SELECT * FROM public_period_figures",
        "SELECT * FROM sqlite_schema",
        "INSERT INTO reader (reader_id, kind, label) VALUES ('X', 'fixed', 'X')",
        "DELETE FROM plate_read",
        "UPDATE reader SET label = 'x'",
        "CREATE TABLE main.leak AS SELECT * FROM reader",
        "CREATE TEMP TABLE leak AS SELECT 1",
        "ATTACH DATABASE ':memory:' AS other",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA writable_schema = 1",
        "SELECT load_extension('x')",
    ])
    func refusesEverythingButPublicTablesAndViews(sql: String) throws {
        let db = database()
        let opened = try db.open()
        #expect(throws: PublicLogError.self) { try opened.prepareGuarded(sql) }
    }

    @Test(arguments: [
        "SELECT reader_id, label FROM reader",
        "SELECT period_id, reads FROM temp.public_period_reads",
        "SELECT hits FROM temp.public_hit_dispositions_by_minute",
        "SELECT name FROM comparison_source WHERE existence_public = 1",
    ])
    func allowsPublicTablesAndAggregateViews(sql: String) throws {
        let opened = try database().open()
        try opened.prepareGuarded(sql)
    }

    @Test func aggregateViewsExposeCountsOnly() throws {
        let opened = try database().open()
        let figures = try opened.periodFigures()
        #expect(figures.values.map { $0[.plates] } == [1])
        #expect(figures.values.map { $0[.warrant] } == [1])
    }

    @Test func theDatabaseFileIsByteIdenticalAfterReading() throws {
        let db = database()
        db.fixture.close()
        let before = try #require(fileBytes(db.path))
        _ = try db.log(now: "2024-06-30T00:00:00Z")
        _ = try db.open().unloggedReadCount()
        #expect(fileBytes(db.path) == before)
    }

    @Test func readsAConsistentSnapshotWhileTheOperationalSystemWritesInWALMode() throws {
        let db = TemporaryDatabase(wal: true) { f in
            f.reader("SQ-1", kind: "mobile")
            f.period("SQ-1", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z")
            f.read("SQ-1", "2024-06-10T13:00:00Z", plate: "COMMITTED")
        }
        // The operational system holds an open write transaction with an uncommitted read.
        let writer = FixtureDatabase(existing: db.path)
        writer.exec("BEGIN IMMEDIATE")
        writer.read("SQ-1", "2024-06-10T14:00:00Z", plate: "UNCOMMITTED")
        let log = try db.log(now: "2024-06-30T00:00:00Z")
        #expect(log.first?.figures?[.reads] == 1)
        writer.exec("COMMIT")
        #expect(try db.log(now: "2024-06-30T00:00:00Z").first?.figures?[.reads] == 2)
        writer.close()
    }

    /// A rollback-journal file: the plate tally is split between two connections, and both
    /// read the snapshot of the first: a writer's uncommitted read is in neither, and the
    /// writer can commit once the build has read.
    @Test func twoConnectionsShareOneSnapshotOfARollbackJournalFileWhileAWriterWaits() throws {
        let db = TemporaryDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            f.period("SQ-1", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z", id: 1)
            for minute in 10..<30 { f.read("SQ-1", "2024-06-10T13:\(minute):00Z", plate: "P\(minute % 15)") }
        }
        let writer = FixtureDatabase(existing: db.path)
        writer.exec("BEGIN IMMEDIATE")
        writer.read("SQ-1", "2024-06-10T14:00:00Z", plate: "UNCOMMITTED")
        let database = try db.open()
        database.splitTallyFromReadIDs = 0
        let figures = try #require(database.snapshot().computedFigures[1])
        #expect(database.lastTallyConnections == 2)
        #expect(figures[.reads] == 20 && figures[.plates] == 15)
        writer.exec("COMMIT")
        writer.close()
        let next = try db.open()
        next.splitTallyFromReadIDs = 0
        let after = try #require(next.snapshot().computedFigures[1])
        #expect(next.lastTallyConnections == 2)
        #expect(after[.reads] == 21 && after[.plates] == 16)
    }

    /// A WAL file gives each connection a snapshot of its own, which SQLite here cannot share:
    /// its reads are tallied on one connection, however many there are.
    @Test func aWALFileIsTalliedOnOneConnection() throws {
        let db = TemporaryDatabase(wal: true) { f in
            f.reader("SQ-1", kind: "mobile")
            f.period("SQ-1", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z", id: 1)
            for minute in 10..<30 { f.read("SQ-1", "2024-06-10T13:\(minute):00Z", plate: "P\(minute % 15)") }
        }
        let database = try db.open()
        database.splitTallyFromReadIDs = 0
        let figures = try #require(database.snapshot().computedFigures[1])
        #expect(database.lastTallyConnections == 1)
        #expect(figures[.reads] == 20 && figures[.plates] == 15)
    }
}
