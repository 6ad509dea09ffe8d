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
    public static let schemaVersion: Int32 = 5
    public static let defaultFileName = "ledger.sqlite"

    public let path: String
    private let connection: SQLiteConnection
    private var recorded: [Int64: RecordedPeriod] = [:]
    private var inTransaction = false

    /// A period's figures as last recorded.
    public struct RecordedPeriod: Sendable, Equatable {
        public let readerID: String
        public let startedAt: Instant
        public let endedAt: Instant
        /// The figures in 32-bit lanes, by `PeriodFigure.rawValue`: one period's counts are far
        /// below 2³¹, and a large agency's ledger holds 190,000 periods (8 MB less than `Int`s).
        private let lanes: SIMD8<Int32>

        public var figures: PeriodFigures { PeriodFigures { Int(lanes[$0.rawValue]) } }

        /// Nil when a figure does not fit in 32 bits (a damaged ledger).
        init?(readerID: String, startedAt: Instant, endedAt: Instant, figure: (PeriodFigure) -> Int64) {
            var lanes = SIMD8<Int32>()
            for kind in PeriodFigure.allCases {
                guard let value = Int32(exactly: figure(kind)) else { return nil }
                lanes[kind.rawValue] = value
            }
            self.readerID = readerID
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.lanes = lanes
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
        } else if version < Self.schemaVersion, !readOnly {
            try upgrade(from: version)
        }
        if !readOnly { try addMissingFigureColumns() }
        try loadRecorded()
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
                    \(PeriodFigure.allCases.map { "\($0.name) INTEGER NOT NULL," }.joined(separator: " "))
                    first_recorded_at TEXT NOT NULL,
                    last_changed_at TEXT NOT NULL
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
                    policy_ids TEXT NOT NULL
                );
                \(Self.accountabilityTables)
                \(Self.publishingTables)
                \(Self.searchGroupTables)
                PRAGMA user_version = \(Self.schemaVersion);
                COMMIT;
                """)
        } catch {
            try? connection.execute("ROLLBACK")
            throw PublicLogError.ledger("Cannot create the ledger \(path): \(error.message). Check that the site folder is writable.")
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

    /// The tables each version added, applied in order to upgrade an older ledger in place.
    private static let upgrades: [(version: Int32, sql: String)] = [
        (2, accountabilityTables), (3, publishingTables), (4, searchGroupTables),
        // Version 5 changes no table: new `publication.changes` lines are facts, not English
        // sentences, and an older generator would print them raw, so it must refuse the ledger.
        (5, ""),
    ]

    private func upgrade(from version: Int32) throws(PublicLogError) {
        let steps = Self.upgrades.filter { $0.version > version }.map(\.sql).joined(separator: "\n")
        do {
            try connection.execute("BEGIN; \(steps) PRAGMA user_version = \(Self.schemaVersion); COMMIT;")
        } catch {
            try? connection.execute("ROLLBACK")
            throw PublicLogError.ledger("Cannot upgrade the ledger \(path) from version \(version): \(error.message). It was not changed.")
        }
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

    private func loadRecorded() throws(PublicLogError) {
        // Each figure's column in the query below, after the four of the period itself.
        let figureColumns = PeriodFigure.allCases.map { Int32(4 + $0.rawValue) }
        do {
            try connection.forEachRow("""
                SELECT period_id, reader_id, started_at, ended_at, \(Self.figureColumns) FROM period_figures
                """) { row in
                guard let start = row.text(2).flatMap(Instant.init(iso:)), let end = row.text(3).flatMap(Instant.init(iso:)) else {
                    throw Self.damaged(path, "period \(row.integer(0) ?? 0) has an unreadable time")
                }
                guard !figureColumns.contains(where: row.isNull) else { return }
                guard let period = RecordedPeriod(readerID: row.text(1) ?? "", startedAt: start, endedAt: end, figure: {
                    row.integer(figureColumns[$0.rawValue]) ?? 0
                }) else {
                    throw Self.damaged(path, "period \(row.integer(0) ?? 0) has a figure of 2³¹ or more")
                }
                recorded[row.integer(0) ?? 0] = period
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
        do {
            try connection.forEachRow("""
                SELECT publication_id, published_at, content_digest, figures_digest, periods_added, periods_revised, changes,
                       audit_ids, policy_ids
                FROM publication ORDER BY publication_id
                """) { row in
                publications.append(Publication(
                    number: Int(row.integer(0) ?? 0), publishedAt: row.text(1).flatMap(Instant.init(iso:)) ?? Instant(secondsSinceEpoch: 0),
                    contentDigest: row.text(2) ?? "", figuresDigest: row.text(3) ?? "",
                    periodsAdded: Int(row.integer(4) ?? 0), periodsRevised: Int(row.integer(5) ?? 0),
                    changes: Self.lines(row.text(6)).map(PublicationChange.init(recorded:)), auditIDs: Self.lines(row.text(7)), policyIDs: Self.lines(row.text(8))))
            }
        } catch {
            throw Self.damaged(path, "\(error)")
        }
        return publications
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
                if old.figures != figures { revised += 1 }
            } else {
                added += 1
            }
        }
        return (added, revised)
    }

    /// Starts the build's transaction, records the figures of every period computed from the
    /// operational database, and (when `publication` is given) the publication.
    /// Nothing is durable until `commit()`.
    public func stage(_ entries: [LogEntry], accountability: AccountabilityCounts? = nil, liveFrom: LocalDate? = nil,
                      at now: Instant, publication: Publication?) throws(PublicLogError) {
        do {
            try connection.execute("BEGIN IMMEDIATE")
            inTransaction = true
            let names = PeriodFigure.allCases.map(\.name)
            let excluded = names.map { "excluded.\($0)" }.joined(separator: ", ")
            let upsert = try connection.prepare("""
                INSERT INTO period_figures (period_id, reader_id, started_at, ended_at, \(Self.figureColumns),
                    first_recorded_at, last_changed_at)
                VALUES (?, ?, ?, ?, \(names.map { _ in "?, " }.joined())?, ?)
                ON CONFLICT (period_id) DO UPDATE SET
                    reader_id = excluded.reader_id, started_at = excluded.started_at, ended_at = excluded.ended_at,
                    \(names.map { "\($0) = excluded.\($0)," }.joined(separator: " "))
                    last_changed_at = excluded.last_changed_at
                WHERE (\(Self.figureColumns)) IS NOT (\(excluded))
                """)
            for entry in entries where entry.provenance == .operational {
                guard let f = entry.figures else { continue }
                try upsert.run([.integer(entry.periodID), .text(entry.reader.id), .text(entry.startedAt.description),
                                .text(entry.endedAt.description)]
                               + PeriodFigure.allCases.map { .integer(Int64(f[$0])) }
                               + [.text(now.description), .text(now.description)])
            }
            if let accountability, let liveFrom {
                try record(accountability, liveFrom: liveFrom)
            }
            if let publication {
                try connection.prepare("""
                    INSERT INTO publication (publication_id, published_at, content_digest, figures_digest, periods_added,
                        periods_revised, changes, audit_ids, policy_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).run([
                        .integer(Int64(publication.number)), .text(publication.publishedAt.description),
                        .text(publication.contentDigest), .text(publication.figuresDigest),
                        .integer(Int64(publication.periodsAdded)), .integer(Int64(publication.periodsRevised)),
                        .text(publication.changes.map(\.recorded).joined(separator: "\n")),
                        .text(publication.auditIDs.joined(separator: "\n")),
                        .text(publication.policyIDs.joined(separator: "\n")),
                    ])
            }
        } catch {
            rollback()
            throw PublicLogError.ledger("Cannot record figures in the ledger \(path): \(error.message). Check that the site folder is writable and the disk has room. Nothing was published.")
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
        let liveDays = Set(counts.searches.keys).union(counts.searchGroups.keys.map(\.date))
        let deleteGroups = try connection.prepare("DELETE FROM daily_search_groups WHERE day = ?")
        for day in liveDays.sorted() { try deleteGroups.run([.text(day.description)]) }
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
        let liveDays = Set(live.searches.keys).union(live.searchGroups.keys.map(\.date))
        merged.searchGroups = merged.searchGroups.filter { !liveDays.contains($0.key.date) }
            .merging(live.searchGroups) { _, new in new }
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

    /// Makes the staged figures and publication durable.
    public func commit() throws(PublicLogError) {
        guard inTransaction else { return }
        do {
            try connection.execute("COMMIT")
            inTransaction = false
        } catch {
            rollback()
            throw PublicLogError.ledger("Cannot save the ledger \(path): \(error.message).")
        }
    }

    /// Abandons the staged changes.
    public func rollback() {
        if inTransaction { try? connection.execute("ROLLBACK") }
        inTransaction = false
    }
}
