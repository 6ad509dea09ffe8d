import CSQLite
import Foundation
import Crypto

/// What the ledger records so that a change made outside transparency-gen is found before
/// anything is built from it (ledger version 6):
///
/// - each period row carries `row_digest`, the SHA-256 of its id, reader, times and figures,
///   so an edited row is named;
/// - each publication row carries `record_digest`, the SHA-256 of the previous one's and its
///   own fields: a hash chain, so an edited or deleted publication record is named;
/// - each commit adds a `ledger_seal` row: how many periods and publications there are, the
///   SHA-256 of every period's digest in id order, of the daily tables and the owner, and the
///   chain's last digest, so deleted or added rows are found.
///
/// Nobody but the tool writes the ledger, so these digests need no secret: they catch hand
/// edits, restored pieces and tools that "fix" a figure, not someone who recomputes them.
enum LedgerSeal {
    /// Version 6's tables (the digest columns are added by the upgrade, or made with the tables).
    static let tables = """
        CREATE TABLE IF NOT EXISTS ledger_seal (
            seal_id INTEGER PRIMARY KEY, sealed_at TEXT NOT NULL, periods INTEGER NOT NULL, period_digest TEXT NOT NULL,
            publications INTEGER NOT NULL, chain_head TEXT NOT NULL, records_digest TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS ledger_owner (
            owner_id INTEGER PRIMARY KEY, agency TEXT NOT NULL, source TEXT NOT NULL, source_path TEXT NOT NULL, since TEXT NOT NULL);
        """

    /// The columns version 6 adds to older tables.
    static let digestColumns = [("period_figures", "row_digest"), ("publication", "record_digest")]

    /// The bytes a row's digest is taken over: each field after a unit separator, integers in
    /// decimal. Reused from row to row, so that a large ledger's 190,000 periods cost no allocation each.
    struct Record {
        private(set) var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(256) }

        mutating func reset() { bytes.removeAll(keepingCapacity: true) }

        mutating func add(_ text: String) {
            bytes.append(0x1F)
            bytes.append(contentsOf: text.utf8)
        }

        mutating func add(_ value: Int64) {
            bytes.append(0x1F)
            FixedWidthText.appendDecimal(value, to: &bytes)
        }

        mutating func add(_ value: SQLValue) {
            switch value {
            case .null: bytes.append(contentsOf: [0x1F, 0])
            case .integer(let n): add(n)
            case .real(let x): add("real \(x)")
            case .text(let text): add(text)
            }
        }

        /// The period row's bytes: a figure left empty (added to the catalog after the row was
        /// recorded) is left out, so that adding a figure's column changes no digest.
        mutating func period(id: Int64, readerID: String, startedAt: String, endedAt: String,
                             figure: (PeriodFigure) -> Int64?) {
            reset()
            add(id)
            add(readerID)
            add(startedAt)
            add(endedAt)
            for kind in PeriodFigure.allCases {
                guard let value = figure(kind) else { continue }
                add(kind.name)
                add(value)
            }
        }

        var digest: SHA256.Digest { SHA256.hash(data: bytes) }
    }

    /// True when the text at `pointer` (`count` bytes) is `digest` in lowercase hex.
    static func matches(_ pointer: UnsafePointer<UInt8>?, count: Int32, _ digest: SHA256.Digest) -> Bool {
        guard let pointer, count == 64 else { return false }
        var index = 0
        return digest.withUnsafeBytes { bytes in
            for byte in bytes {
                guard pointer[index] == hexDigits[Int(byte >> 4)], pointer[index + 1] == hexDigits[Int(byte & 15)] else {
                    return false
                }
                index += 2
            }
            return true
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The daily tables, the owner and the publications' agency lists, each row as `quote()`
    /// writes its values, in key order. A table added by a later version (`since`) counts only
    /// where it exists, so that an older ledger opened read-only keeps the digest it was sealed with.
    static let recordsQueries: [(table: String, since: Int32, query: String)] = [
        ("daily_searches", 6, "SELECT quote(day), quote(purpose), quote(searches), quote(for_other_agencies) FROM daily_searches ORDER BY day, purpose"),
        ("daily_dispositions", 6, "SELECT quote(day), quote(disposition), quote(hits) FROM daily_dispositions ORDER BY day, disposition"),
        ("disposition_days", 6, "SELECT quote(day) FROM disposition_days ORDER BY day"),
        ("daily_search_groups", 6, """
        SELECT quote(day), quote(purpose), quote(requested_by), quote(agency_id), quote(case_number_recorded), quote(searches)
        FROM daily_search_groups ORDER BY day, purpose, requested_by, agency_id, case_number_recorded
        """),
        ("ledger_owner", 6, "SELECT quote(owner_id), quote(agency), quote(source), quote(source_path), quote(since) FROM ledger_owner ORDER BY owner_id"),
        ("publication_agencies", 7, "SELECT quote(publication_id), quote(agencies) FROM publication_agencies ORDER BY publication_id"),
        ("daily_search_scope", 8, """
        SELECT quote(day), quote(search_kind), quote(networks), quote(search_window), quote(reason), quote(searches)
        FROM daily_search_scope ORDER BY day, search_kind, networks, search_window, reason
        """),
        ("publication_output", 9, """
        SELECT quote(publication_id), quote(as_of), quote(generator), quote(signing_key), quote(sha256sums_sha256)
        FROM publication_output ORDER BY publication_id
        """),
    ]

    /// The digest of those tables as `connection` sees them.
    static func recordsDigest(_ connection: SQLiteConnection) throws -> String {
        let tables = try connection.tableNames()
        var stream = Digest.Stream()
        var record = Record()
        for (index, (table, since, query)) in recordsQueries.enumerated() {
            // A table of version 6 that is gone is damage, which the query itself reports.
            if since > 6, !tables.contains(table) { continue }
            record.reset()
            record.add(Int64(index))
            stream.add(record.bytes)
            let columns = Int32(query.components(separatedBy: "quote(").count - 1)
            try connection.forEachRow(query) { row in
                record.reset()
                for column in 0..<columns { record.add(row.text(column) ?? "") }
                stream.add(record.bytes)
            }
        }
        return stream.finish()
    }

    /// The chain digest of a publication row whose fields are `values`, after `previous`.
    static func chainDigest(previous: String, _ values: [SQLValue]) -> String {
        var record = Record()
        record.add(previous)
        for value in values { record.add(value) }
        return Digest.hex(record.digest)
    }

    /// What the latest seal says, or nil when the ledger has none.
    struct Seal {
        var periods: Int64
        var periodDigest: String
        var publications: Int64
        var chainHead: String
        var recordsDigest: String
    }

    static func latest(_ connection: SQLiteConnection) throws -> Seal? {
        var seal: Seal?
        try connection.forEachRow("""
            SELECT periods, period_digest, publications, chain_head, records_digest FROM ledger_seal ORDER BY seal_id DESC LIMIT 1
            """) { row in
            seal = Seal(periods: row.integer(0) ?? -1, periodDigest: row.text(1) ?? "", publications: row.integer(2) ?? -1,
                        chainHead: row.text(3) ?? "", recordsDigest: row.text(4) ?? "")
        }
        return seal
    }

    /// The seal of the ledger as `connection` sees it (inside a build, with its staged changes).
    static func current(_ connection: SQLiteConnection) throws -> Seal {
        var periods: Int64 = 0
        var stream = Digest.Stream()
        try connection.forEachRow("SELECT row_digest FROM period_figures ORDER BY period_id") { row in
            periods += 1
            stream.add(Array((row.text(0) ?? "").utf8))
        }
        var publications: Int64 = 0
        var head = ""
        try connection.forEachRow("SELECT count(*), (SELECT record_digest FROM publication ORDER BY publication_id DESC LIMIT 1) FROM publication") { row in
            publications = row.integer(0) ?? 0
            head = row.text(1) ?? ""
        }
        return Seal(periods: periods, periodDigest: stream.finish(), publications: publications, chainHead: head,
                    recordsDigest: try recordsDigest(connection))
    }

    /// Records the seal of the ledger as it is now, in the open transaction.
    static func seal(_ connection: SQLiteConnection, at now: String) throws {
        let seal = try current(connection)
        try connection.prepare("""
            INSERT INTO ledger_seal (sealed_at, periods, period_digest, publications, chain_head, records_digest)
            VALUES (?, ?, ?, ?, ?, ?)
            """).run([.text(now), .integer(seal.periods), .text(seal.periodDigest), .integer(seal.publications),
                      .text(seal.chainHead), .text(seal.recordsDigest)])
    }

    /// Computes every digest of a ledger upgraded from an older version, trusting what it
    /// holds at that moment, and seals it: inside the upgrade's transaction.
    static func computeAll(_ connection: SQLiteConnection, at now: String) throws {
        var present: Set<String> = []
        try connection.forEachRow("PRAGMA table_info(period_figures)") { row in
            if let name = row.text(1) { present.insert(name) }
        }
        let kinds = PeriodFigure.allCases.filter { present.contains($0.name) }
        let update = try connection.prepare("UPDATE period_figures SET row_digest = ? WHERE period_id = ?")
        var rows: [(Int64, String)] = []
        var record = Record()
        try connection.forEachRow("""
            SELECT period_id, reader_id, started_at, ended_at\(kinds.map { ", \($0.name)" }.joined()) FROM period_figures
            """) { row in
            let id = row.integer(0) ?? 0
            record.period(id: id, readerID: row.text(1) ?? "", startedAt: row.text(2) ?? "", endedAt: row.text(3) ?? "") { kind in
                kinds.firstIndex(of: kind).flatMap { row.integer(Int32(4 + $0)) }
            }
            rows.append((id, Digest.hex(record.digest)))
        }
        for (id, digest) in rows { try update.run([.text(digest), .integer(id)]) }
        var previous = ""
        var chain: [(Int64, String)] = []
        try connection.forEachRow("SELECT \(publicationColumns) FROM publication ORDER BY publication_id") { row in
            previous = chainDigest(previous: previous, publicationValues(row))
            chain.append((row.integer(0) ?? 0, previous))
        }
        let link = try connection.prepare("UPDATE publication SET record_digest = ? WHERE publication_id = ?")
        for (id, digest) in chain { try link.run([.text(digest), .integer(id)]) }
        try seal(connection, at: now)
    }

    /// A publication row's recorded fields, in the chain's order.
    static let publicationColumns = """
        publication_id, published_at, content_digest, figures_digest, periods_added, periods_revised, changes, audit_ids, policy_ids
        """

    /// The values of `publicationColumns` in `row`, by their storage class.
    static func publicationValues(_ row: SQLiteRow) -> [SQLValue] {
        (0..<Int32(9)).map { column in
            switch row.storageClass(column) {
            case SQLITE_INTEGER: .integer(row.integer(column) ?? 0)
            case SQLITE_NULL: .null
            case SQLITE_FLOAT: .real(row.real(column) ?? 0)
            default: .text(row.text(column) ?? "")
            }
        }
    }
}
