/// Everything the public log is compiled from, as loaded from the operational database.
public struct OperationalSnapshot: Sendable {
    public var readers: [Reader]
    public var placements: [PlacementSpan]
    public var periods: [ActivePeriod]
    public var sources: [ComparisonSource]
    /// Figures computed from the reads, by period id; closed periods with no reads are absent.
    public var computedFigures: [Int64: PeriodFigures]
    /// Reads that fall in no period (open or closed) of their reader.
    public var unloggedReads: Int
    /// The agencies the data may be shared with, ordered by id.
    public var sharingAgencies: [SharingAgency]

    public init(readers: [Reader], placements: [PlacementSpan], periods: [ActivePeriod],
                sources: [ComparisonSource], computedFigures: [Int64: PeriodFigures], unloggedReads: Int = 0,
                sharingAgencies: [SharingAgency] = []) {
        self.readers = readers
        self.placements = placements
        self.periods = periods
        self.sources = sources
        self.computedFigures = computedFigures
        self.unloggedReads = unloggedReads
        self.sharingAgencies = sharingAgencies
    }
}

/// Applies the spec's aggregation semantics to a snapshot: which periods are published,
/// their local times, location, databases compared, and which figures stand.
public struct PublicLogCompiler: Sendable {
    public let timeZone: AgencyTimeZone
    public let retention: RetentionPolicy
    public let now: Instant

    public init(timeZone: AgencyTimeZone, retention: RetentionPolicy, now: Instant) {
        self.timeZone = timeZone
        self.retention = retention
        self.now = now
    }

    /// Figures recorded for a period in an earlier build (the ledger), if any.
    public typealias RecordedFigures = (ActivePeriod) -> PeriodFigures?

    /// The log, ordered by start instant, then period id.
    public func compile(_ snapshot: OperationalSnapshot, recorded: RecordedFigures = { _ in nil }) -> [LogEntry] {
        let readers = Dictionary(snapshot.readers.map { ($0.id, SharedReader($0)) }, uniquingKeysWith: { first, _ in first })
        let placementsByReader = Dictionary(grouping: snapshot.placements, by: \.readerID)
        let horizon = retention.horizon(now: now)
        let sources = snapshot.sources.sorted { $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars) }

        var entries: [LogEntry] = []
        entries.reserveCapacity(snapshot.periods.count)
        // Most periods compare the same few lists of databases: share one array per list.
        var compared: [[Bool]: [String]] = [:]
        for period in snapshot.periods {
            guard let endedAt = period.endedAt, let shared = readers[period.readerID] else { continue }
            let reader = shared.reader
            let startDate = timeZone.localDate(of: period.startedAt)
            let endDate = timeZone.localDate(of: endedAt)
            let figures: PeriodFigures?
            let provenance: FiguresProvenance
            if period.startedAt >= horizon {
                figures = snapshot.computedFigures[period.id] ?? .zero
                provenance = .operational
            } else if let frozen = recorded(period) {
                figures = frozen
                provenance = .recorded
            } else {
                figures = nil
                provenance = .unknown
            }
            let placement = placementInEffect(of: reader, on: startDate, placements: placementsByReader[reader.id] ?? [])
            entries.append(LogEntry(
                periodID: period.id, sharedReader: shared,
                location: placement?.placement?.description, locationWithheld: placement != nil && placement?.placement == nil,
                startedAt: period.startedAt, endedAt: endedAt,
                startOffsetSeconds: Int32(timeZone.offset(at: period.startedAt)),
                endOffsetSeconds: Int32(timeZone.offset(at: endedAt)),
                startDate: startDate, endDate: endDate, figures: figures, provenance: provenance,
                databasesCompared: {
                    let key = sources.map { $0.overlaps(startDate, endDate) }
                    if let shared = compared[key] { return shared }
                    let names = zip(sources, key).filter(\.1).map(\.0.name)
                    compared[key] = names
                    return names
                }()))
        }
        // The periods usually come in this order already (both sources read them so), and a sort
        // needs room for half the log besides it (25 MB at the reference size): check first.
        let inLogOrder = { (a: LogEntry, b: LogEntry) in (a.startedAt, a.periodID) < (b.startedAt, b.periodID) }
        if zip(entries, entries.dropFirst()).contains(where: { inLogOrder($1, $0) }) { entries.sort(by: inLogOrder) }
        return entries
    }

    /// The description of the placement in effect on `date`; nil for mobile readers, when
    /// there is none, and when it is security information. Should placements overlap, the
    /// one placed last (then the highest location id) is the one in effect.
    public func location(of reader: Reader, on date: LocalDate, placements: [PlacementSpan]) -> String? {
        placementInEffect(of: reader, on: date, placements: placements)?.placement?.description
    }

    /// The placement in effect on `date` (public or security information); nil for mobile
    /// readers and when there is none.
    func placementInEffect(of reader: Reader, on date: LocalDate, placements: [PlacementSpan]) -> PlacementSpan? {
        guard reader.kind.hasPlacements else { return nil }
        return placements.filter { $0.isInEffect(on: date) }.max { ($0.placedOn, $0.locationID) < ($1.placedOn, $1.locationID) }
    }
}
