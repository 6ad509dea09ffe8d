import CSQLite
import Foundation

/// The generator's own record of every public figure it has published, kept in the site
/// folder (never in the output) so that figures survive the operational system's purge.
///
/// It holds public data only: period figures, and publication records. All changes of one
/// build happen in one transaction, committed only after the site is published, so an
/// interrupted build leaves the ledger as the previous publication left it.
public final class Ledger {
    /// Bumped when the ledger's tables change; a newer ledger is refused, never downgraded.
    public static let schemaVersion: Int32 = 9
    public static let defaultFileName = "ledger.sqlite"

    public let path: String
    let connection: SQLiteConnection
    private var recorded: [Int64: RecordedPeriod] = [:]
    private var inTransaction = false
    /// The moment the open transaction's figures were staged at: its seal's time.
    private var stagedAt: String?
    /// False only for an older ledger opened read-only (`check`), whose digests the next build computes.
    private var sealed = true
    /// How many periods `loadRecorded` read, and the digest of their digests in id order.
    private var loadedPeriods: (count: Int64, digest: String) = (0, "")
    /// Whose figures the ledger holds; nil until the first build records it.
    public private(set) var owner: LedgerOwner?

    /// A period's figures as last recorded.
    public struct RecordedPeriod: Sendable, Equatable {
        public let readerID: String
        public let startedAt: Instant
        public let endedAt: Instant
        private let compact: CompactPeriodFigures

        public var figures: PeriodFigures { compact.figures }

        /// Nil when a figure does not fit in 32 bits (a damaged ledger); `figure` gives nil for
        /// a figure the period was recorded without.
        init?(readerID: String, startedAt: Instant, endedAt: Instant, figure: (PeriodFigure) -> Int64?) {
            var fits = true
            let figures = PeriodFigures.known { kind in
                guard let recorded = figure(kind) else { return nil }
                guard let value = Int(exactly: recorded) else { fits = false; return 0 }
                return value
            }
            guard fits, let compact = CompactPeriodFigures(figures) else { return nil }
            self.readerID = readerID
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.compact = compact
        }
    }

    /// Opens the ledger at `path`, creating it when absent; `readOnly` (for `check`) never
    /// creates or changes it, and requires the file to exist.
    public init(path: String, readOnly: Bool = false) throws(PublicLogError) {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        do {
            connection = try SQLiteConnection.open(
                path: path, flags: readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            try connection.execute("PRAGMA busy_timeout = 10000")
        } catch {
            throw Self.damaged(path, error.message)
        }
        try checkIntegrity()
        let version = try userVersion()
        if version > Self.schemaVersion {
            throw PublicLogError.ledger("""
                The ledger \(path) was written by a newer version of transparency-gen (ledger version \(version); \
                this one understands \(Self.schemaVersion)). Upgrade transparency-gen; the ledger was not changed.
                """)
        }
        if version == 0 {
            if exists, try hasTables() {
                throw Self.damaged(path, "it has tables but no ledger version")
            }
            if readOnly { return }
            try create()
        }
        // Nothing is built from the ledger before all it holds is verified. A ledger sealed
        // before (version 6 on, or one whose version was set back by hand: it still has a seal
        // or digests) is verified as it is, before an upgrade re-seals it, so that setting the
        // version back cannot make an edit pass as the upgrade's starting point.
        let wasSealed: Bool
        do {
            wasSealed = try version == 0 || version >= 6 || hasTable("ledger_seal") || hasColumn("period_figures", "row_digest")
        } catch {
            throw Self.damaged(path, Self.reason(error))
        }
        sealed = wasSealed
        if wasSealed {
            try loadRecorded()
            try verifyRecords()
        }
        if version > 0, version < Self.schemaVersion, !readOnly {
            try upgrade(from: version)
        }
        if !readOnly { try addMissingFigureColumns() }
        if !wasSealed {
            // An older ledger, trusted as it is: sealed by its upgrade, or read as it is by `check`.
            sealed = !readOnly
            try loadRecorded()
            if sealed { try verifyRecords() }
        }
    }

    /// SQLite's words for a failure, else the error's own.
    static func reason(_ error: any Error) -> String {
        (error as? SQLiteFailure)?.message ?? "\(error)"
    }

    private static func damaged(_ path: String, _ reason: String) -> PublicLogError {
        PublicLogError.ledger("""
            The ledger \(path) cannot be used: \(reason). It holds every figure published so far, so it is \
            not replaced automatically: restore it from your backup of the site folder, then build again. \
            Nothing was published.
            """)
    }

    private func checkIntegrity() throws(PublicLogError) {
        var result = ""
        do {
            try connection.forEachRow("PRAGMA quick_check") { row in result = row.text(0) ?? "" }
        } catch {
            throw Self.damaged(path, "\(error)")
        }
        if result != "ok" { throw Self.damaged(path, "SQLite's check found damage (\(result))") }
    }

    private func userVersion() throws(PublicLogError) -> Int32 {
        var version: Int32 = 0
        do {
            try connection.forEachRow("PRAGMA user_version") { row in version = Int32(row.integer(0) ?? 0) }
        } catch {
            throw Self.damaged(path, "\(error)")
        }
        return version
    }

    private func hasTables() throws(PublicLogError) -> Bool {
        var count = 0
        do {
            try connection.forEachRow("SELECT count(*) FROM sqlite_schema") { row in count = Int(row.integer(0) ?? 0) }
        } catch {
            throw Self.damaged(path, "\(error)")
        }
        return count > 0
    }

    private func create() throws(PublicLogError) {
        do {
            try connection.execute("""
                BEGIN;
                CREATE TABLE period_figures (
                    period_id INTEGER PRIMARY KEY,
                    reader_id TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    ended_at TEXT NOT NULL,
                    \(PeriodFigure.allCases.map { "\($0.name) INTEGER\($0.isInEveryLedgerRecord ? " NOT NULL" : "")," }.joined(separator: " "))
                    first_recorded_at TEXT NOT NULL,
                    last_changed_at TEXT NOT NULL,
                    row_digest TEXT
                );
                CREATE TABLE publication (
                    publication_id INTEGER PRIMARY KEY,
                    published_at TEXT NOT NULL,
                    content_digest TEXT NOT NULL,
                    figures_digest TEXT NOT NULL,
                    periods_added INTEGER NOT NULL,
                    periods_revised INTEGER NOT NULL,
                    changes TEXT NOT NULL,
                    audit_ids TEXT NOT NULL,
                    policy_ids TEXT NOT NULL,
                    record_digest TEXT
                );
                \(Self.accountabilityTables)
                \(Self.publishingTables)
                \(Self.searchGroupTables)
                \(LedgerSeal.tables)
                \(Self.agencyListTables)
                \(Self.searchScopeTables)
                \(Self.publishedAsTables)
                PRAGMA user_version = \(Self.schemaVersion);
                """)
            try LedgerSeal.seal(connection, at: Self.clock())
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw PublicLogError.ledger("Cannot create the ledger \(path): \(Self.reason(error)). Check that the site folder is writable.")
        }
    }

    /// Version 2: daily searches and hit dispositions, and the days whose dispositions were recorded.
    static let accountabilityTables = """
        CREATE TABLE daily_searches (
            day TEXT NOT NULL, purpose TEXT NOT NULL, searches INTEGER NOT NULL, for_other_agencies INTEGER NOT NULL,
            PRIMARY KEY (day, purpose));
        CREATE TABLE daily_dispositions (
            day TEXT NOT NULL, disposition TEXT NOT NULL, hits INTEGER NOT NULL, PRIMARY KEY (day, disposition));
        CREATE TABLE disposition_days (day TEXT PRIMARY KEY);
        """

    /// Version 3: the site a committed publication is being swapped in as (see `pendingSite`).
    static let publishingTables = """
        CREATE TABLE pending_site (site_digest TEXT NOT NULL);
        """

    /// Version 4: searches by day, purpose, requester, agency and whether a case number was
    /// recorded (`agency_id` empty unless the requester is a named agency).
    static let searchGroupTables = """
        CREATE TABLE daily_search_groups (
            day TEXT NOT NULL, purpose TEXT NOT NULL, requested_by TEXT NOT NULL, agency_id TEXT NOT NULL,
            case_number_recorded INTEGER NOT NULL, searches INTEGER NOT NULL,
            PRIMARY KEY (day, purpose, requested_by, agency_id, case_number_recorded));
        """

    /// Version 7: the agencies each publication listed as sharing the data, one row per
    /// publication as `Publication.ListedAgency` lines (`agencyListText`); a publication
    /// without a row was recorded before the list was kept.
    static let agencyListTables = """
        CREATE TABLE IF NOT EXISTS publication_agencies (publication_id INTEGER PRIMARY KEY, agencies TEXT NOT NULL);
        """

    /// Version 8: searches by day and how they were made (kind, networks band, window, reason
    /// group; empty where not recorded). A day with searches but no row here was recorded
    /// before this version: its searches are "not recorded in detail".
    static let searchScopeTables = """
        CREATE TABLE IF NOT EXISTS daily_search_scope (
            day TEXT NOT NULL, search_kind TEXT NOT NULL, networks TEXT NOT NULL, search_window TEXT NOT NULL,
            reason TEXT NOT NULL, searches INTEGER NOT NULL,
            PRIMARY KEY (day, search_kind, networks, search_window, reason));
        """

    /// Version 9: what each publication's files were made as, and the SHA-256 of its
    /// `SHA256SUMS` (`PublishedAs`), so that the chain of publications survives a rebuilt output
    /// folder. A publication without a row was recorded before this version.
    static let publishedAsTables = """
        CREATE TABLE IF NOT EXISTS publication_output (
            publication_id INTEGER PRIMARY KEY, as_of TEXT NOT NULL, generator TEXT NOT NULL, signing_key TEXT NOT NULL,
            sha256sums_sha256 TEXT NOT NULL);
        """

    /// The tables each version added, applied in order to upgrade an older ledger in place.
    private static let upgrades: [(version: Int32, sql: String)] = [
        (2, accountabilityTables), (3, publishingTables), (4, searchGroupTables),
        // Version 5 changes no table: new `publication.changes` lines are facts, not English
        // sentences, and an older generator would print them raw, so it must refuse the ledger.
        (5, ""),
        // Version 6: digests of every row and a seal of each commit (`LedgerSeal`), and the owner.
        (6, LedgerSeal.tables),
        (7, agencyListTables),
        (8, searchScopeTables),
        (9, publishedAsTables),
    ]

    private func upgrade(from version: Int32) throws(PublicLogError) {
        let steps = Self.upgrades.filter { $0.version > version }.map(\.sql).joined(separator: "\n")
        do {
            try connection.execute("BEGIN; \(steps)")
            if version < 6 {
                for (table, column) in LedgerSeal.digestColumns where try !hasColumn(table, column) {
                    try connection.execute("ALTER TABLE \(table) ADD COLUMN \(column) TEXT")
                }
                // What an older ledger holds is trusted at this moment, and protected from now on.
                try LedgerSeal.computeAll(connection, at: Self.clock())
            } else {
                // The seal covers the new table from now on.
                try LedgerSeal.seal(connection, at: Self.clock())
            }
            try connection.execute("PRAGMA user_version = \(Self.schemaVersion); COMMIT;")
        } catch {
            try? connection.execute("ROLLBACK")
            throw PublicLogError.ledger("Cannot upgrade the ledger \(path) from version \(version): \(Self.reason(error)). It was not changed.")
        }
    }

    private func hasColumn(_ table: String, _ column: String) throws -> Bool {
        var found = false
        try connection.forEachRow("PRAGMA table_info(\(table))") { row in
            if row.text(1) == column { found = true }
        }
        return found
    }

    /// The clock, for the seal's time only (a seal's time is not published).
    private static func clock() -> String {
        Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).description
    }

    /// The figure columns of `period_figures`, in catalog order.
    private static let figureColumns = PeriodFigure.allCases.map(\.name).joined(separator: ", ")

    /// A figure added to the catalog after a ledger was made gets its column, empty for the
    /// periods recorded before: those periods then count as not recorded, never as zero.
    private func addMissingFigureColumns() throws(PublicLogError) {
        var present: Set<String> = []
        do {
            try connection.forEachRow("PRAGMA table_info(period_figures)") { row in
                if let name = row.text(1) { present.insert(name) }
            }
            for figure in PeriodFigure.allCases where !present.contains(figure.name) {
                try connection.execute("ALTER TABLE period_figures ADD COLUMN \(figure.name) INTEGER")
            }
        } catch {
            throw PublicLogError.ledger("Cannot add the new figures' columns to the ledger \(path): \(error). It was not changed.")
        }
    }

    /// Reads every recorded period, verifying each against plain sense (whole numbers, none
    /// negative, plates at most reads, each hit count at most plates) and, once the ledger is
    /// sealed, against the digest recorded with it; the digests in id order are checked
    /// against the last seal by `verifyRecords`.
    private func loadRecorded() throws(PublicLogError) {
        // Each figure's column in the query below, after the four of the period itself.
        let figureColumns = PeriodFigure.allCases.map { Int32(4 + $0.rawValue) }
        let digestColumn = Int32(4 + PeriodFigure.allCases.count)
        var record = LedgerSeal.Record()
        var periodDigest = Digest.Stream()
        var periods: Int64 = 0
        let hitKinds = PeriodFigure.allCases.filter(\.isHitKind)
        do {
            // A ledger opened read-only (for `check`) may not have the columns of figures added
            // since it was written: they read as not recorded.
            var columns: Set<String> = []
            try connection.forEachRow("PRAGMA table_info(period_figures)") { row in
                if let name = row.text(1) { columns.insert(name) }
            }
            let selected = PeriodFigure.allCases.map { columns.contains($0.name) ? $0.name : "NULL AS \($0.name)" }
                .joined(separator: ", ")
            try connection.forEachRow("""
                SELECT period_id, reader_id, started_at, ended_at, \(selected)\(sealed ? ", row_digest" : "")
                FROM period_figures ORDER BY period_id
                """) { row in
                let id = row.integer(0) ?? 0
                func damage(_ problem: String) -> PublicLogError { Self.damaged(path, "period \(id) \(problem)") }
                guard let startText = row.text(2), let start = Instant(iso: startText),
                      let endText = row.text(3), let end = Instant(iso: endText) else {
                    throw damage("has an unreadable time")
                }
                guard row.storageClass(1) == SQLITE_TEXT, let readerID = row.text(1) else { throw damage("has no reader") }
                var values = SIMD8<Int64>()
                var present = SIMD8<Int64>()
                for kind in PeriodFigure.allCases {
                    let column = figureColumns[kind.rawValue]
                    switch row.storageClass(column) {
                    case SQLITE_NULL: continue
                    case SQLITE_INTEGER: break
                    default: throw damage("has a \(kind.name) figure that is not a whole number")
                    }
                    let value = row.integer(column) ?? 0
                    if value < 0 { throw damage("has a negative \(kind.name) figure") }
                    if value > Int64(Int32.max) { throw damage("has a figure of 2³¹ or more") }
                    values[kind.rawValue] = value
                    present[kind.rawValue] = 1
                }
                let plates = PeriodFigure.plates.rawValue
                if present[plates] == 1 {
                    let reads = PeriodFigure.reads.rawValue
                    if present[reads] == 1, values[plates] > values[reads] { throw damage("records more plates than reads") }
                    for kind in hitKinds where present[kind.rawValue] == 1 {
                        if values[kind.rawValue] > values[plates] { throw damage("records more \(kind.name) plates than plates") }
                    }
                }
                if sealed {
                    record.period(id: id, readerID: readerID, startedAt: startText, endedAt: endText) { kind in
                        present[kind.rawValue] == 1 ? values[kind.rawValue] : nil
                    }
                    let stored = sqlite3_column_text(row.statement, digestColumn)
                    guard let stored else { throw damage("was added outside transparency-gen (it has no digest)") }
                    guard LedgerSeal.matches(stored, count: sqlite3_column_bytes(row.statement, digestColumn), record.digest) else {
                        throw damage("was changed after transparency-gen recorded it: its reader, times or figures no longer match the digest recorded with them")
                    }
                    periodDigest.add(UnsafeRawBufferPointer(start: stored, count: 64))
                    periods += 1
                }
                // A period without one of the figures every ledger records has none at all; one
                // recorded before a figure was added lacks that figure alone.
                guard PeriodFigure.allCases.filter(\.isInEveryLedgerRecord).allSatisfy({ present[$0.rawValue] == 1 }) else { return }
                guard let period = RecordedPeriod(readerID: readerID, startedAt: start, endedAt: end,
                                                  figure: { present[$0.rawValue] == 1 ? values[$0.rawValue] : nil }) else {
                    throw damage("has a figure of 2³¹ or more")
                }
                recorded[id] = period
            }
        } catch let error as PublicLogError {
            throw error
        } catch {
            throw Self.damaged(path, "\(error)")
        }
        loadedPeriods = (periods, periodDigest.finish())
    }

    /// Verifies what `loadRecorded` did not: the daily tables against plain sense, the
    /// publication records' hash chain, and the periods, publications, daily tables and owner
    /// against the seal of the last commit, so that a row deleted or added is found too.
    private func verifyRecords() throws(PublicLogError) {
        do {
            let counts = [("daily_searches", "searches"), ("daily_searches", "for_other_agencies"),
                          ("daily_dispositions", "hits"), ("daily_search_groups", "searches"),
                          ("daily_search_groups", "case_number_recorded"),
                          ("daily_search_scope", "searches")]
            let tables = try connection.tableNames()
            for (table, column) in counts where tables.contains(table) {
                try connection.forEachRow("""
                    SELECT day FROM \(table) WHERE typeof(\(column)) != 'integer' OR \(column) < 0 ORDER BY day LIMIT 1
                    """) { row in
                    throw Self.damaged(path, "the \(column) counted on \(row.text(0) ?? "a day") (\(table)) is not a whole number of zero or more")
                }
            }
            var previous = ""
            var expected: Int64 = 1
            try connection.forEachRow("SELECT \(LedgerSeal.publicationColumns), record_digest FROM publication ORDER BY publication_id") { row in
                let number = row.integer(0) ?? 0
                if number != expected {
                    throw Self.damaged(path, number > expected
                        ? "the record of publication \(expected) is missing (deleted)"
                        : "publication \(number) was added outside transparency-gen")
                }
                previous = LedgerSeal.chainDigest(previous: previous, LedgerSeal.publicationValues(row))
                if row.text(9) != previous {
                    throw Self.damaged(path, "the record of publication \(number) was changed after transparency-gen recorded it (it no longer matches its digest)")
                }
                expected += 1
            }
            let publications = expected - 1
            guard let seal = try LedgerSeal.latest(connection) else {
                throw Self.damaged(path, "the record of its last save (its seal) is missing")
            }
            if seal.publications > publications {
                throw Self.damaged(path, seal.publications - publications == 1
                    ? "the record of publication \(seal.publications) is missing (deleted)"
                    : "the records of publications \(publications + 1) to \(seal.publications) are missing (deleted)")
            }
            if seal.publications != publications || seal.chainHead != previous {
                throw Self.damaged(path, "its publication records do not match the record of its last save")
            }
            let (periods, digest) = loadedPeriods
            if periods < seal.periods {
                let missing = seal.periods - periods
                throw Self.damaged(path, "\(missing) recorded period\(missing == 1 ? " is" : "s are") missing: its last save recorded \(seal.periods) periods, it holds \(periods) (rows were deleted)")
            }
            if periods > seal.periods {
                let added = periods - seal.periods
                throw Self.damaged(path, "it holds \(added) period\(added == 1 ? "" : "s") more than its last save recorded (rows were added outside transparency-gen)")
            }
            if digest != seal.periodDigest {
                throw Self.damaged(path, "its recorded periods are not the ones of its last save (rows were deleted and others added)")
            }
            if try LedgerSeal.recordsDigest(connection) != seal.recordsDigest {
                throw Self.damaged(path, "its daily counts of searches or hit dispositions, its owner, or the agency lists of its publications were changed after transparency-gen recorded them")
            }
            try connection.forEachRow("SELECT agency, source, source_path FROM ledger_owner ORDER BY owner_id DESC LIMIT 1") { row in
                owner = LedgerOwner(agency: row.text(0) ?? "", source: row.text(1) ?? "", sourcePath: row.text(2))
            }
        } catch let error as PublicLogError {
            throw error
        } catch {
            throw Self.damaged(path, "\(error)")
        }
    }

    /// Figures recorded for `periodID`, if any.
    public func recordedFigures(_ periodID: Int64) -> PeriodFigures? { recorded[periodID]?.figures }

    /// Figures recorded for `period`, only when the ledger's period is the same one: same id,
    /// reader, start and end. A renumbered export must never lend one period another's figures.
    public func recordedFigures(for period: ActivePeriod) -> PeriodFigures? {
        guard let old = recorded[period.id], !isMismatched(period) else { return nil }
        return old.figures
    }

    /// True when the ledger knows `period`'s id with another reader or other times.
    public func isMismatched(_ period: ActivePeriod) -> Bool {
        guard let old = recorded[period.id] else { return false }
        return old.readerID != period.readerID || old.startedAt != period.startedAt || old.endedAt != period.endedAt
    }

    public var recordedPeriodCount: Int { recorded.count }

    /// Every publication, oldest first.
    public func publications() throws(PublicLogError) -> [Publication] {
        var publications: [Publication] = []
        let hasOutputs = hasTable("publication_output")
        do {
            try connection.forEachRow("""
                SELECT p.publication_id, published_at, content_digest, figures_digest, periods_added, periods_revised, changes,
                       audit_ids, policy_ids, \(hasTable("publication_agencies") ? "(SELECT agencies FROM publication_agencies a WHERE a.publication_id = p.publication_id)" : "NULL"),
                       \(hasOutputs ? "o.publication_id, o.as_of, o.generator, o.signing_key, o.sha256sums_sha256" : "NULL, NULL, NULL, NULL, NULL")
                FROM publication p\(hasOutputs ? " LEFT JOIN publication_output o ON o.publication_id = p.publication_id" : "")
                ORDER BY p.publication_id
                """) { row in
                var publication = Publication(
                    number: Int(row.integer(0) ?? 0), publishedAt: row.text(1).flatMap(Instant.init(iso:)) ?? Instant(secondsSinceEpoch: 0),
                    contentDigest: row.text(2) ?? "", figuresDigest: row.text(3) ?? "",
                    periodsAdded: Int(row.integer(4) ?? 0), periodsRevised: Int(row.integer(5) ?? 0),
                    changes: Self.lines(row.text(6)).map(PublicationChange.init(recorded:)), auditIDs: Self.lines(row.text(7)),
                    policyIDs: Self.lines(row.text(8)), sharingAgencies: row.text(9).map(Self.agencies(listed:)))
                if row.integer(10) != nil {
                    publication.publishedAs = PublishedAs(asOf: row.text(11) ?? "", generator: row.text(12) ?? "",
                                                          signingKey: row.text(13) ?? "", sha256sums: row.text(14) ?? "")
                }
                publications.append(publication)
            }
        } catch {
            throw Self.damaged(path, "\(error)")
        }
        return publications
    }

    /// Whether the ledger has the table `name` (an older one opened read-only lacks the newer tables).
    private func hasTable(_ name: String) -> Bool {
        (try? connection.tableNames().contains(name)) ?? false
    }

    /// A publication's agency list as the ledger holds it: a line per agency, its id and name
    /// percent-encoded (`PublicationChange.encode`) so that no name can split or forge a line.
    static func agencyListText(_ agencies: [Publication.ListedAgency]) -> String {
        agencies.map { "\(PublicationChange.encode($0.id)) \(PublicationChange.encode($0.name))" }.joined(separator: "\n")
    }

    static func agencies(listed text: String) -> [Publication.ListedAgency] {
        lines(text).compactMap { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: false)
            guard words.count == 2, let id = words[0].removingPercentEncoding, let name = words[1].removingPercentEncoding else { return nil }
            return Publication.ListedAgency(id: id, name: name)
        }
    }

    private static func lines(_ text: String?) -> [String] {
        (text ?? "").split(separator: "\n").map(String.init)
    }

    /// What recording `entries` would change: periods first seen, and periods whose figures differ.
    public func changes(recording entries: [LogEntry]) -> (added: Int, revised: Int) {
        var added = 0
        var revised = 0
        for entry in entries where entry.provenance == .operational {
            guard let figures = entry.figures else { continue }
            if let old = recorded[entry.periodID] {
                // A figure the period was recorded without is not a revision once it is known.
                if !old.figures.agreesWhereKnown(with: figures) { revised += 1 }
            } else {
                added += 1
            }
        }
        return (added, revised)
    }

    /// Starts the build's transaction, records the figures of every period computed from the
    /// operational database, (when `publication` is given) the publication, `owner` when it
    /// is not the ledger's owner already, and the seal of it all (`LedgerSeal`).
    /// Nothing is durable until `commit()`.
    public func stage(_ entries: [LogEntry], accountability: AccountabilityCounts? = nil, liveFrom: LocalDate? = nil,
                      at now: Instant, publication: Publication?, owner: LedgerOwner? = nil) throws(PublicLogError) {
        do {
            try connection.execute("BEGIN IMMEDIATE")
            inTransaction = true
            stagedAt = now.description
            let names = PeriodFigure.allCases.map(\.name)
            let excluded = names.map { "excluded.\($0)" }.joined(separator: ", ")
            let upsert = try connection.prepare("""
                INSERT INTO period_figures (period_id, reader_id, started_at, ended_at, \(Self.figureColumns),
                    first_recorded_at, last_changed_at, row_digest)
                VALUES (?, ?, ?, ?, \(names.map { _ in "?, " }.joined())?, ?, ?)
                ON CONFLICT (period_id) DO UPDATE SET
                    reader_id = excluded.reader_id, started_at = excluded.started_at, ended_at = excluded.ended_at,
                    \(names.map { "\($0) = excluded.\($0)," }.joined(separator: " "))
                    last_changed_at = excluded.last_changed_at, row_digest = excluded.row_digest
                WHERE (\(Self.figureColumns)) IS NOT (\(excluded))
                """)
            var rowBytes = LedgerSeal.Record()
            for entry in entries where entry.provenance == .operational {
                guard let f = entry.figures else { continue }
                let (start, end) = (entry.startedAt.description, entry.endedAt.description)
                // A figure unknown for the period is written empty, never as 0, and left out of its digest.
                func value(_ figure: PeriodFigure) -> Int64? { f.unknownPeriods(figure) > 0 ? nil : Int64(f[figure]) }
                rowBytes.period(id: entry.periodID, readerID: entry.reader.id, startedAt: start, endedAt: end, figure: value)
                try upsert.run([.integer(entry.periodID), .text(entry.reader.id), .text(start), .text(end)]
                               + PeriodFigure.allCases.map { value($0).map(SQLValue.integer) ?? .null }
                               + [.text(now.description), .text(now.description), .text(Digest.hex(rowBytes.digest))])
            }
            if let accountability, let liveFrom {
                try record(accountability, liveFrom: liveFrom)
            }
            if let publication {
                let values: [SQLValue] = [
                    .integer(Int64(publication.number)), .text(publication.publishedAt.description),
                    .text(publication.contentDigest), .text(publication.figuresDigest),
                    .integer(Int64(publication.periodsAdded)), .integer(Int64(publication.periodsRevised)),
                    .text(publication.changes.map(\.recorded).joined(separator: "\n")),
                    .text(publication.auditIDs.joined(separator: "\n")),
                    .text(publication.policyIDs.joined(separator: "\n")),
                ]
                var previous = ""
                try connection.forEachRow("SELECT record_digest FROM publication ORDER BY publication_id DESC LIMIT 1") { row in
                    previous = row.text(0) ?? ""
                }
                try connection.prepare("""
                    INSERT INTO publication (\(LedgerSeal.publicationColumns), record_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).run(values + [.text(LedgerSeal.chainDigest(previous: previous, values))])
                if let agencies = publication.sharingAgencies {
                    try connection.prepare("INSERT INTO publication_agencies VALUES (?, ?)")
                        .run([.integer(Int64(publication.number)), .text(Self.agencyListText(agencies))])
                }
            }
            if let owner, self.owner.map({ !owner.isSame(as: $0) }) ?? true {
                try connection.prepare("INSERT INTO ledger_owner (agency, source, source_path, since) VALUES (?, ?, ?, ?)")
                    .run([.text(owner.agency), .text(owner.source), .text(owner.sourcePath), .text(now.description)])
            }
        } catch {
            rollback()
            throw PublicLogError.ledger("Cannot record figures in the ledger \(path): \(Self.reason(error)). Check that the site folder is writable and the disk has room. Nothing was published.")
        }
    }

    /// Searches: every day the operational database has replaces the ledger's. Dispositions:
    /// days from `liveFrom` on (whose reads are all still kept) replace the ledger's and are
    /// marked recorded; earlier days stay as recorded.
    private func record(_ counts: AccountabilityCounts, liveFrom: LocalDate) throws(SQLiteFailure) {
        let deleteSearches = try connection.prepare("DELETE FROM daily_searches WHERE day = ?")
        let insertSearches = try connection.prepare("INSERT INTO daily_searches VALUES (?, ?, ?, ?)")
        for (day, daily) in counts.searches.sorted(by: { $0.key < $1.key }) {
            try deleteSearches.run([.text(day.description)])
            for purpose in SearchPurpose.allCases {
                guard let n = daily.searches[purpose] else { continue }
                try insertSearches.run([.text(day.description), .text(purpose.rawValue), .integer(Int64(n)),
                                        .integer(Int64(daily.forOtherAgencies[purpose] ?? 0))])
            }
        }
        let liveDays = counts.searchDays
        let deleteGroups = try connection.prepare("DELETE FROM daily_search_groups WHERE day = ?")
        let deleteScope = try connection.prepare("DELETE FROM daily_search_scope WHERE day = ?")
        for day in liveDays.sorted() {
            try deleteGroups.run([.text(day.description)])
            try deleteScope.run([.text(day.description)])
        }
        let insertScope = try connection.prepare("INSERT INTO daily_search_scope VALUES (?, ?, ?, ?, ?, ?)")
        for (group, n) in counts.searchScope.sorted(by: { $0.key < $1.key }) {
            try insertScope.run([.text(group.date.description)] + group.codes.map(SQLValue.text) + [.integer(Int64(n))])
        }
        let insertGroup = try connection.prepare("INSERT INTO daily_search_groups VALUES (?, ?, ?, ?, ?, ?)")
        for (group, n) in counts.searchGroups.sorted(by: { $0.key < $1.key }) {
            try insertGroup.run([.text(group.date.description), .text(group.purpose.rawValue), .text(group.requestedBy.rawValue),
                                 .text(group.agencyID ?? ""), .integer(group.caseNumberRecorded ? 1 : 0), .integer(Int64(n))])
        }
        try connection.prepare("DELETE FROM daily_dispositions WHERE day >= ?").run([.text(liveFrom.description)])
        let insertDispositions = try connection.prepare("INSERT INTO daily_dispositions VALUES (?, ?, ?)")
        for (day, daily) in counts.dispositions.sorted(by: { $0.key < $1.key }) where day >= liveFrom {
            for disposition in HitDisposition.allCases {
                guard let n = daily.hits[disposition] else { continue }
                try insertDispositions.run([.text(day.description), .text(disposition.rawValue), .integer(Int64(n))])
            }
        }
        let markDay = try connection.prepare("INSERT OR IGNORE INTO disposition_days VALUES (?)")
        let lastDay = counts.dispositions.keys.max().map { max($0, liveFrom) } ?? liveFrom
        var day = liveFrom
        while day <= lastDay {
            try markDay.run([.text(day.description)])
            day = day.adding(days: 1)
        }
    }

    /// The counts to publish: the ledger's merged with the operational database's by the
    /// same rules as `record`. Days before `liveFrom` whose dispositions were never recorded
    /// are listed in `unknownDispositionDays` from `firstDay` on.
    public func accountability(merging live: AccountabilityCounts, liveFrom: LocalDate,
                               firstDay: LocalDate) throws(PublicLogError) -> (counts: AccountabilityCounts, unknownDispositionDays: Set<LocalDate>) {
        var merged = AccountabilityCounts()
        var recordedDays: Set<LocalDate> = []
        do {
            try connection.forEachRow("SELECT day, purpose, searches, for_other_agencies FROM daily_searches") { row in
                guard let day = row.text(0).flatMap(LocalDate.init(iso:)), let purpose = row.text(1).flatMap(SearchPurpose.init(rawValue:)) else { return }
                merged.searches[day, default: DailySearches()].searches[purpose] = Int(row.integer(2) ?? 0)
                merged.searches[day, default: DailySearches()].forOtherAgencies[purpose] = Int(row.integer(3) ?? 0)
            }
            try connection.forEachRow("""
                SELECT day, purpose, requested_by, agency_id, case_number_recorded, searches FROM daily_search_groups
                """) { row in
                guard let day = row.text(0).flatMap(LocalDate.init(iso:)), let purpose = row.text(1).flatMap(SearchPurpose.init(rawValue:)),
                      let requestedBy = row.text(2).flatMap(RequestedBy.init(rawValue:)) else { return }
                let id = row.text(3).flatMap { $0.isEmpty ? nil : $0 }
                merged.searchGroups[SearchGroup(date: day, purpose: purpose, requestedBy: requestedBy, agencyID: id,
                                                caseNumberRecorded: (row.integer(4) ?? 0) != 0)] = Int(row.integer(5) ?? 0)
            }
            try connection.forEachRow(hasTable("daily_search_scope") ? """
                SELECT day, search_kind, networks, search_window, reason, searches FROM daily_search_scope
                """ : "SELECT NULL WHERE 0") { row in
                guard let day = row.text(0).flatMap(LocalDate.init(iso:)), let group = SearchScopeGroup(
                    date: day, codes: (1...4).map { row.text(Int32($0)) ?? "" }, ruleIDs: nil) else { return }
                merged.searchScope[group, default: 0] += Int(row.integer(5) ?? 0)
            }
            try connection.forEachRow("SELECT day, disposition, hits FROM daily_dispositions WHERE day < ?", [.text(liveFrom.description)]) { row in
                guard let day = row.text(0).flatMap(LocalDate.init(iso:)), let disposition = row.text(1).flatMap(HitDisposition.init(rawValue:)) else { return }
                merged.dispositions[day, default: DailyDispositions()].hits[disposition] = Int(row.integer(2) ?? 0)
            }
            try connection.forEachRow("SELECT day FROM disposition_days WHERE day < ?", [.text(liveFrom.description)]) { row in
                if let day = row.text(0).flatMap(LocalDate.init(iso:)) { recordedDays.insert(day) }
            }
        } catch {
            throw Self.damaged(path, "\(error)")
        }
        for (day, daily) in live.searches { merged.searches[day] = daily }
        // Every day the operational database has replaces the ledger's, as for the daily counts.
        let liveDays = live.searchDays
        merged.searchGroups = merged.searchGroups.filter { !liveDays.contains($0.key.date) }
            .merging(live.searchGroups) { _, new in new }
        merged.searchScope = merged.searchScope.filter { !liveDays.contains($0.key.date) }
            .merging(live.searchScope) { _, new in new }
        for (day, daily) in live.dispositions where day >= liveFrom { merged.dispositions[day] = daily }
        var unknown: Set<LocalDate> = []
        var day = firstDay
        while day < liveFrom {
            if !recordedDays.contains(day) { unknown.insert(day) }
            day = day.adding(days: 1)
        }
        return (merged, unknown)
    }

    /// A short description of what the ledger holds (publications, the last one's digests, and
    /// recorded periods), as this connection sees it: inside a build, with its staged changes.
    public func summary() -> String {
        Self.summary(of: connection)
    }

    /// The same summary, read without opening the ledger for a build; nil when it cannot be read.
    public static func summary(path: String) -> String? {
        guard FileManager.default.fileExists(atPath: path),
              let connection = try? SQLiteConnection.open(path: path, flags: SQLITE_OPEN_READONLY) else { return nil }
        try? connection.execute("PRAGMA busy_timeout = 10000")
        let summary = summary(of: connection)
        return summary.isEmpty ? nil : summary
    }

    /// Writes a consistent copy of the ledger at `path` to `destination` (replaced if present),
    /// without changing the original, even while a build is writing to it. A preview builds
    /// against such a copy, so that it never records a publication in the real ledger.
    public static func copy(path: String, to destination: String) throws(PublicLogError) {
        try? FileManager.default.removeItem(atPath: destination)
        do {
            let connection = try SQLiteConnection.open(path: path, flags: SQLITE_OPEN_READONLY)
            try connection.execute("PRAGMA busy_timeout = 10000")
            try connection.execute("VACUUM INTO '\(destination.replacingOccurrences(of: "'", with: "''"))'")
        } catch {
            throw PublicLogError.ledger("The ledger \(path) could not be copied for the preview (\(error.message)). Check that it is readable, and that the temporary folder has room.")
        }
    }

    private static func summary(of connection: SQLiteConnection) -> String {
        var parts: [String] = []
        try? connection.forEachRow("""
            SELECT (SELECT count(*) FROM publication),
                   (SELECT figures_digest || ' ' || content_digest FROM publication ORDER BY publication_id DESC LIMIT 1),
                   (SELECT count(*) FROM period_figures), (SELECT max(last_changed_at) FROM period_figures)
            """) { row in
            parts = (0..<4).map { row.text(Int32($0)) ?? "-" }
        }
        return parts.joined(separator: " ")
    }

    /// The digest of the site (its `manifest.csv`) that the last committed publication is
    /// being swapped in as, or nil when no swap is pending. The ledger's commit is the moment a
    /// publication happens; a build stopped before its site is in place finishes the swap
    /// first thing on the next run, so that the site and the ledger always agree.
    public func pendingSite() -> String? {
        Self.pendingSite(of: connection)
    }

    /// The pending site of the ledger at `path`, read without loading the ledger; nil when
    /// there is none or no ledger (opening it rolls back a transaction a crash left).
    public static func pendingSite(path: String) -> String? {
        guard FileManager.default.fileExists(atPath: path),
              let connection = try? SQLiteConnection.open(path: path, flags: SQLITE_OPEN_READWRITE) else { return nil }
        try? connection.execute("PRAGMA busy_timeout = 10000")
        return pendingSite(of: connection)
    }

    /// Marks the pending site of the ledger at `path` as in place.
    public static func clearPendingSite(path: String) throws(PublicLogError) {
        do {
            let connection = try SQLiteConnection.open(path: path, flags: SQLITE_OPEN_READWRITE)
            try connection.execute("PRAGMA busy_timeout = 10000")
            try connection.execute("DELETE FROM pending_site")
        } catch {
            throw PublicLogError.ledger("Cannot update the ledger \(path): \(error.message).")
        }
    }

    private static func pendingSite(of connection: SQLiteConnection) -> String? {
        var digest: String?
        try? connection.forEachRow("SELECT site_digest FROM pending_site LIMIT 1") { row in digest = row.text(0) }
        return digest
    }

    /// Records, inside the build's transaction, the site that its commit publishes.
    public func stagePendingSite(_ digest: String) throws(PublicLogError) {
        do {
            try connection.execute("DELETE FROM pending_site")
            try connection.prepare("INSERT INTO pending_site VALUES (?)").run([.text(digest)])
        } catch {
            rollback()
            throw PublicLogError.ledger("Cannot record the publication in the ledger \(path): \(error.message). Nothing was published.")
        }
    }

    /// Marks the pending site as in place (outside any build transaction).
    public func clearPendingSite() throws(PublicLogError) {
        do {
            try connection.execute("DELETE FROM pending_site")
        } catch {
            throw PublicLogError.ledger("Cannot update the ledger \(path): \(error.message).")
        }
    }

    /// Records, inside the build's transaction, what publication `number` (staged by `stage`)
    /// was published as, with the SHA-256 of its `SHA256SUMS`: known only once its files are made.
    public func recordPublished(_ number: Int, as published: PublishedAs) throws(PublicLogError) {
        do {
            try connection.prepare("INSERT INTO publication_output VALUES (?, ?, ?, ?, ?)").run([
                .integer(Int64(number)), .text(published.asOf), .text(published.generator), .text(published.signingKey),
                .text(published.sha256sums),
            ])
        } catch {
            rollback()
            throw PublicLogError.ledger("Cannot record the publication in the ledger \(path): \(error.message). Nothing was published.")
        }
    }

    /// Seals (`LedgerSeal`) and makes durable what was staged: the figures, the publication and what it was published as.
    public func commit() throws(PublicLogError) {
        guard inTransaction else { return }
        do {
            if let stagedAt { try LedgerSeal.seal(connection, at: stagedAt) }
            try connection.execute("COMMIT")
            inTransaction = false
            stagedAt = nil
        } catch {
            rollback()
            throw PublicLogError.ledger("Cannot save the ledger \(path): \(Self.reason(error)).")
        }
    }

    /// Abandons the staged changes.
    public func rollback() {
        if inTransaction { try? connection.execute("ROLLBACK") }
        inTransaction = false
        stagedAt = nil
    }
}
