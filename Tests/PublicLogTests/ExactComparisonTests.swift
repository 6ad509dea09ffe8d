import Foundation
import Testing
@testable import PublicLog
import TestSupport

/// An export whose columns compare loosely, or whose times are not exactly the contract's
/// `YYYY-MM-DDTHH:MM:SSZ`, is refused by name (table, row id, column), never read as something
/// it is not: an unknown agency passing for a known one under `COLLATE NOCASE`, a search of the
/// 31st at 04:00 in UTC-8 counted on the 30th because only its first 16 characters were read.
@Suite("Exact comparisons and times")
struct ExactComparisonTests {
    let chicago = AgencyTimeZone(identifier: "America/Chicago")!

    /// What opening and reading everything says: the first error's message, or "no error".
    func message(_ path: String) -> String {
        do {
            let database = try OperationalDatabase(path: path)
            _ = try database.snapshot()
            _ = try database.accountabilityCounts(timeZone: chicago)
            return "no error"
        } catch let error as PublicLogError {
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    /// A database of the contract with one column declared as `declaration` instead.
    func database(in folder: URL, replacing original: String, with declaration: String,
                  _ fill: (FixtureDatabase) -> Void) throws -> String {
        #expect(OperationalSchema.sql.contains(original), "the contract no longer declares \(original)")
        let path = folder.appendingPathComponent("loose.sqlite").path
        let fixture = FixtureDatabase(path: path, schema: OperationalSchema.sql.replacingOccurrences(of: original, with: declaration))
        fixture.exec("PRAGMA foreign_keys = OFF")
        fill(fixture)
        fixture.close()
        return path
    }

    static let agencyColumn = "requesting_agency_id TEXT REFERENCES sharing_agency(agency_id)"

    /// The three attacks: each id differs from the one agency listed ('hennepin-so', or
    /// '007'), and main published it with no name, left out of the agency's count.
    @Test(arguments: [
        ("requesting_agency_id TEXT COLLATE NOCASE REFERENCES sharing_agency(agency_id)", "hennepin-so", "HeNnEpIn-So", "COLLATE NOCASE"),
        ("requesting_agency_id TEXT COLLATE RTRIM REFERENCES sharing_agency(agency_id)", "hennepin-so", "hennepin-so   ", "COLLATE RTRIM"),
        ("requesting_agency_id INTEGER REFERENCES sharing_agency(agency_id)", "007", "007", "declared INTEGER"),
    ])
    func anAgencyIDThatComparesLooselyIsRefusedByItsColumn(declaration: String, listed: String, requested: String, problem: String) throws {
        let folder = temporaryFolder("loose-agency")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try database(in: folder, replacing: Self.agencyColumn, with: declaration) { f in
            f.insert("sharing_agency", ["agency_id": listed, "name": "Hennepin County Sheriff", "jurisdiction": "minnesota"])
            f.insert("data_access", ["accessed_at": "2024-11-03T15:00:00Z", "user_name": "CANARYUSER", "purpose": "audit",
                                     "requesting_agency_id": requested, "requesting_agency": "CANARYFREETEXT"])
        }
        let text = message(path)
        #expect(text.contains("column `data_access.requesting_agency_id`") && text.contains(problem), "\(text)")
        for value in ["HeNnEpIn", "CANARY", "hennepin-so   "] { #expect(!text.contains(value), "\(value) in: \(text)") }
    }

    /// The same for the columns the reads are matched on: a reader id that matches another
    /// reader's case-insensitively would lend one reader's reads to another's period.
    @Test func aReaderIDThatComparesLooselyIsRefused() throws {
        let folder = temporaryFolder("loose-reader")
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = "    reader_id        TEXT NOT NULL REFERENCES reader(reader_id),\n    read_at"
        let path = try database(in: folder, replacing: original,
                                with: "    reader_id        TEXT COLLATE NOCASE NOT NULL REFERENCES reader(reader_id),\n    read_at") { f in
            f.reader("FX-1", kind: "fixed")
            f.period("FX-1", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z")
            f.read("fx-1", "2024-06-10T13:00:00Z", plate: "CANARYPLATE")
        }
        let text = message(path)
        #expect(text.contains("column `plate_read.reader_id`") && text.contains("COLLATE NOCASE"), "\(text)")
        #expect(!text.contains("CANARY"))
    }

    /// A search made at 04:00 on May 31 in UTC-8 is 12:00 UTC on May 31 (07:00 in Chicago), never
    /// "May 30 at 04:00"; text after a time, fractions and impossible dates are refused too.
    @Test(arguments: ["2024-05-31T04:00:00-08:00", "2024-05-30T15:00 tomorrow", "2024-05-31T04:00:00.5Z",
                      "2024-02-30T04:00:00Z", "2024-05-31 04:00:00Z", "2024-05-31T24:00:00Z"])
    func aSearchTimeNotExactlyUTCIsNamedByTableIDAndColumn(time: String) throws {
        let db = TemporaryDatabase { f in
            f.insert("data_access", ["access_id": 7, "accessed_at": "2024-05-31T12:00:00Z", "user_name": "CANARYUSER", "purpose": "audit"])
            f.insert("data_access", ["access_id": 8, "accessed_at": time, "user_name": "CANARYUSER", "purpose": "audit"])
        }
        let text = message(db.path)
        #expect(text.contains("`data_access`") && text.contains("access_id 8") && text.contains("accessed_at is not a UTC time"), "\(text)")
        #expect(!text.contains(time) && !text.contains("CANARY"), "\(text)")
    }

    /// A read whose time is not exactly UTC: the tally would have compared it with the periods as
    /// text, and the hit dispositions cut it to its first 16 characters.
    @Test(arguments: ["2024-06-10T13:00:00+05:00", "2024-06-10T13:00:00.250Z", "2024-06-10T13:00"])
    func aReadTimeNotExactlyUTCIsNamedByItsReadID(time: String) throws {
        let db = TemporaryDatabase { f in
            f.reader("FX-1", kind: "fixed")
            f.source("bca", "BCA")
            f.period("FX-1", "2024-06-10T12:00:00Z", "2024-06-10T20:00:00Z")
            f.read("FX-1", "2024-06-10T12:30:00Z", plate: "CANARYPLATE1")
            let bad = f.read("FX-1", time, plate: "CANARYPLATE2")
            f.hit(bad, "stolen_vehicle")
        }
        let database = try db.open()
        let error = try #require(throws: PublicLogError.self) { try database.snapshot() }
        #expect(error.message.contains("`plate_read`") && error.message.contains("read_id 2") && error.message.contains("read_at is not a UTC time"),
                "\(error.message)")
        let dispositions = try #require(throws: PublicLogError.self) { try database.accountabilityCounts(timeZone: chicago) }
        #expect(dispositions.message.contains("`hit`") && dispositions.message.contains("hit_id 1")
                && dispositions.message.contains("read_at of its plate read is not a UTC time"), "\(dispositions.message)")
        for text in [error.message, dispositions.message] { #expect(!text.contains(time) && !text.contains("CANARY"), "\(text)") }
    }

    /// The one definition of a contract time, on bytes as the tally checks each read.
    @Test func onlyTheCanonicalFormIsATime() {
        func check(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { Instant.isCanonical(UnsafeRawBufferPointer($0)) }
        }
        #expect(check("2024-02-29T23:59:59Z") && check("0001-01-01T00:00:00Z"))
        for bad in ["2023-02-29T12:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T00:60:00Z", "2024-01-01T00:00:00z",
                    "2024-01-01T00:00:00", "2024-01-01T00:00:00.0Z", "+024-01-01T00:00:00Z", "2024-01-01T00:00:00Z "] {
            #expect(!check(bad), "\(bad)")
            #expect(Instant(iso: bad) == nil, "\(bad)")
        }
    }
}
