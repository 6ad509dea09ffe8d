/// Everything the portal publishes that comes from the operational source and the ledger,
/// assembled by the statutory rules: the public log (live figures, or the ledger's once reads
/// may be destroyed), the public placements, the readers that should have one and do not, and
/// the searches and hit dispositions merged with the ledger's.
public struct PublicRecord: Sendable {
    public let log: [LogEntry]
    public let readers: [Reader]
    /// Public placements only, ordered by `placed_on`, then reader id, then location id.
    public let placements: [Placement]
    public let sources: [ComparisonSource]
    /// The agencies the data may be shared with (subds. 4 and 7), ordered by id.
    public let sharingAgencies: [SharingAgency]
    /// Reads that fall in no period of active use (not in the log).
    public let unloggedReads: Int
    /// Fixed and portable readers in service today with no placement (public or not) in effect.
    public let readersWithoutPlacement: [Reader]
    /// Fixed and portable readers in service today whose placement in effect today is security
    /// information: published by name only, with nothing about where or since when.
    public let readersWithUnpublishedLocation: [Reader]
    /// Searches and hit dispositions by local day (the ledger's merged with the source's).
    public let accountability: AccountabilityCounts
    /// Days whose hit dispositions are unknown: their reads were destroyed before recording.
    public let unknownDispositionDays: Set<LocalDate>
    /// Period ids the ledger knows with another reader or other times (a renumbered export).
    public let ledgerMismatches: [Int64]
    /// Reads older than the retention period still in the source; nil when not counted.
    public let readsPastRetention: Int?
    /// The source's own accountability counts, for the ledger to record.
    public let liveAccountability: AccountabilityCounts

    public init(log: [LogEntry], readers: [Reader], placements: [Placement], sources: [ComparisonSource],
                sharingAgencies: [SharingAgency] = [],
                unloggedReads: Int = 0, readersWithoutPlacement: [Reader] = [], readersWithUnpublishedLocation: [Reader] = [],
                accountability: AccountabilityCounts = AccountabilityCounts(), unknownDispositionDays: Set<LocalDate> = [],
                ledgerMismatches: [Int64] = [], readsPastRetention: Int? = nil,
                liveAccountability: AccountabilityCounts = AccountabilityCounts()) {
        self.log = log
        self.readers = readers
        self.placements = placements.sorted { ($0.placedOn, $0.readerID, $0.locationID) < ($1.placedOn, $1.readerID, $1.locationID) }
        self.sources = sources
        self.sharingAgencies = sharingAgencies
        self.unloggedReads = unloggedReads
        self.readersWithoutPlacement = readersWithoutPlacement
        self.readersWithUnpublishedLocation = readersWithUnpublishedLocation
        self.accountability = accountability
        self.unknownDispositionDays = unknownDispositionDays
        self.ledgerMismatches = ledgerMismatches
        self.readsPastRetention = readsPastRetention
        self.liveAccountability = liveAccountability
    }

    /// Reads `source` in one snapshot and applies the rules at `now`. `ledger` (nil when none
    /// exists yet, for `check`) supplies the figures of periods whose reads may be destroyed.
    public static func assemble(from source: OperationalSource, ledger: Ledger?, timeZone: AgencyTimeZone,
                                retention: RetentionPolicy, now: Instant,
                                countReadsPastRetention: Bool = false) throws(PublicLogError) -> PublicRecord {
        let snapshot = try source.snapshot()
        let compiler = PublicLogCompiler(timeZone: timeZone, retention: retention, now: now)
        let log = compiler.compile(snapshot) { ledger?.recordedFigures(for: $0) }
        let today = timeZone.localDate(of: now)
        let placedToday = snapshot.readers.filter { $0.kind.hasPlacements && $0.isInService(on: today) }.map { reader in
            (reader, snapshot.placements.filter { $0.readerID == reader.id && $0.isInEffect(on: today) })
        }
        let unplaced = placedToday.filter { $0.1.isEmpty }.map(\.0)
        let unpublished = placedToday.filter { !$0.1.isEmpty && $0.1.allSatisfy { $0.placement == nil } }.map(\.0)
        let live = try source.accountabilityCounts(timeZone: timeZone)
        let liveFrom = retention.firstLiveDay(now: now, timeZone: timeZone)
        let firstDay = log.first.map { min($0.startDate, liveFrom) } ?? liveFrom
        let accountability: AccountabilityCounts
        let unknownDays: Set<LocalDate>
        if let ledger {
            (accountability, unknownDays) = try ledger.accountability(merging: live, liveFrom: liveFrom, firstDay: firstDay)
        } else {
            accountability = AccountabilityCounts(searches: live.searches, dispositions: live.dispositions.filter { $0.key >= liveFrom },
                                                  searchGroups: live.searchGroups, searchScope: live.searchScope)
            unknownDays = Set((firstDay.dayNumber..<liveFrom.dayNumber).map(LocalDate.init(dayNumber:)))
        }
        let horizon = retention.horizon(now: now)
        let mismatches = ledger.map { ledger in
            snapshot.periods.filter { $0.endedAt != nil && $0.startedAt < horizon && ledger.isMismatched($0) }.map(\.id).sorted()
        } ?? []
        return PublicRecord(
            log: log, readers: snapshot.readers, placements: snapshot.placements.compactMap(\.placement),
            sources: snapshot.sources, sharingAgencies: snapshot.sharingAgencies, unloggedReads: snapshot.unloggedReads, readersWithoutPlacement: unplaced,
            readersWithUnpublishedLocation: unpublished,
            accountability: accountability.withUnrecordedScope(), unknownDispositionDays: unknownDays, ledgerMismatches: mismatches,
            readsPastRetention: countReadsPastRetention ? try source.readCountPastRetention() : nil,
            liveAccountability: live)
    }
}
