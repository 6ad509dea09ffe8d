import Foundation
import Testing
@testable import PublicLog
import TestSupport

/// Bad operational databases fail with a message naming the file, table and row.
@Suite("Bad operational databases")
struct DatabaseErrorTests {
    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch let error as PublicLogError {
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test func missingFile() {
        let text = message { _ = try OperationalDatabase(path: "/nonexistent/operational.sqlite") }
        #expect(text.contains("/nonexistent/operational.sqlite"))
        #expect(text.contains("Cannot open"))
    }

    @Test func corruptFile() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("garbage.sqlite").path
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        let text = message { _ = try OperationalDatabase(path: path) }
        #expect(text.contains(path))
        #expect(text.contains("could not be read as SQLite"))
    }

    @Test func truncatedFile() throws {
        let db = TemporaryDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            for n in 0..<2000 { f.read("SQ-1", "2024-06-10T13:00:00Z", plate: "P\(n)") }
        }
        db.fixture.close()
        let data = try #require(fileBytes(db.path))
        try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: db.path))
        let text = message { _ = try db.open().snapshot() }
        #expect(text.contains(db.path))
        #expect(text != "no error")
    }

    @Test func missingTable() {
        let db = TemporaryDatabase { f in f.exec("DROP TABLE hit") }
        let text = message { _ = try db.open() }
        #expect(text.contains("no table `hit`"))
    }

    @Test func missingColumn() {
        let db = TemporaryDatabase { f in f.exec("ALTER TABLE active_period DROP COLUMN ended_at") }
        let text = message { _ = try db.open() }
        #expect(text.contains("`active_period`"))
        #expect(text.contains("no column `ended_at`"))
    }

    /// The schema's CHECK constraints are not in every vendor export: rows are checked on reading.
    func looseDatabase(_ fill: (FixtureDatabase) -> Void) -> TemporaryDatabase {
        TemporaryDatabase { f in
            f.exec("PRAGMA ignore_check_constraints = 1")
            fill(f)
        }
    }

    @Test func unknownReaderKind() {
        let db = looseDatabase { f in f.reader("X-1", kind: "drone") }
        let text = message { _ = try db.open().snapshot() }
        #expect(text.contains("Table `reader`"))
        #expect(text.contains("reader_id 'X-1'"))
        #expect(text.contains("kind is 'drone'"))
        #expect(text.contains("'fixed', 'portable', 'mobile'"))
    }

    @Test func periodEndingBeforeItStarts() {
        let db = looseDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            f.period("SQ-1", "2024-06-10T20:00:00Z", "2024-06-10T12:00:00Z", id: 42)
        }
        let text = message { _ = try db.open().snapshot() }
        #expect(text.contains("Table `active_period`"))
        #expect(text.contains("period_id 42"))
        #expect(text.contains("before started_at"))
    }

    @Test func dateThatIsNotADate() {
        let db = looseDatabase { f in
            f.reader("FX-1", kind: "fixed")
            f.location("FX-1", "Corner", placedOn: "2024-02-30")
        }
        let text = message { _ = try db.open().snapshot() }
        #expect(text.contains("Table `reader_location`"))
        #expect(text.contains("placed_on '2024-02-30' is not a date"))
        #expect(text.contains("YYYY-MM-DD"))
    }

    @Test func timeThatIsNotUTC() {
        let db = looseDatabase { f in
            f.reader("SQ-1", kind: "mobile")
            f.period("SQ-1", "2024-06-10 12:00", nil, id: 3)
        }
        let text = message { _ = try db.open().snapshot() }
        #expect(text.contains("period_id 3"))
        #expect(text.contains("started_at '2024-06-10 12:00' is not a UTC time"))
    }

    @Test func errorsAboutSecretRowsDoNotQuoteThem() {
        let db = looseDatabase { f in
            f.reader("FX-1", kind: "fixed")
            f.location("FX-1", "SECRET-GATE", placedOn: "2024-01-05", removedOn: "2024-01-01", security: true)
            f.source("secret", "SECRET-LIST", isPublic: false, from: "not a date")
        }
        let text = message { _ = try db.open().snapshot() }
        #expect(text.contains("removed_on is before placed_on"))
        #expect(!text.contains("SECRET"))
    }
}
