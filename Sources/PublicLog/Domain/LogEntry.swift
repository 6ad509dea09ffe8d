/// Where a published period's figures came from.
public enum FiguresProvenance: String, Sendable {
    /// Computed from the operational database: the period started inside the retention horizon.
    case operational
    /// Recorded earlier and frozen: the period's reads may have been destroyed since.
    case recorded
    /// Never recorded before its reads could have been destroyed: published as unknown.
    case unknown
}

/// One row of the statutory public log: a closed period of active use (subd. 5(a)).
public struct LogEntry: Sendable, Equatable {
    public let periodID: Int64
    /// The reader, held once for all its periods (a reader is 96 bytes; a large agency's log
    /// has 196,000 periods of 120 readers).
    private let sharedReader: SharedReader
    public var reader: Reader { sharedReader.reader }
    /// Statutory item (4), for fixed and portable readers; nil when not applicable or withheld.
    public let location: String?
    /// The placement in effect is security information (Minn. Stat. 13.37): the log says the
    /// location is not published, rather than nothing, and never where.
    public let locationWithheld: Bool
    public let startedAt: Instant
    public let endedAt: Instant
    /// The agency's offset from UTC, in seconds, at the start and at the end. Kept instead of
    /// the local texts: a large agency's log holds 196,000 periods, and two texts each were
    /// 400,000 allocations held for the whole build.
    public let startOffsetSeconds: Int32
    public let endOffsetSeconds: Int32
    public let startDate: LocalDate
    public let endDate: LocalDate
    /// Nil when unknown: the period's reads were destroyed before the figures were recorded.
    public var figures: PeriodFigures? { storedFigures?.figures }

    /// `figures?[figure]`, without making the whole `PeriodFigures` (the public log's file asks
    /// for each figure of each of a large agency's hundreds of thousands of periods).
    public func count(_ figure: PeriodFigure) -> Int? { storedFigures?.count(figure) }
    private let storedFigures: StoredFigures?
    public let provenance: FiguresProvenance
    /// Public databases compared, sorted by name (code point order).
    public let databasesCompared: [String]

    public init(periodID: Int64, reader: Reader, location: String?, locationWithheld: Bool = false, startedAt: Instant, endedAt: Instant,
                startOffsetSeconds: Int32, endOffsetSeconds: Int32, startDate: LocalDate, endDate: LocalDate,
                figures: PeriodFigures?, provenance: FiguresProvenance, databasesCompared: [String]) {
        self.init(periodID: periodID, sharedReader: SharedReader(reader), location: location, locationWithheld: locationWithheld, startedAt: startedAt,
                  endedAt: endedAt, startOffsetSeconds: startOffsetSeconds, endOffsetSeconds: endOffsetSeconds,
                  startDate: startDate, endDate: endDate, figures: figures, provenance: provenance,
                  databasesCompared: databasesCompared)
    }

    /// An entry whose reader is held by `sharedReader`, with the reader's other entries.
    init(periodID: Int64, sharedReader: SharedReader, location: String?, locationWithheld: Bool = false, startedAt: Instant, endedAt: Instant,
                startOffsetSeconds: Int32, endOffsetSeconds: Int32, startDate: LocalDate, endDate: LocalDate,
                figures: PeriodFigures?, provenance: FiguresProvenance, databasesCompared: [String]) {
        self.periodID = periodID
        self.sharedReader = sharedReader
        self.location = location
        self.locationWithheld = locationWithheld
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.startOffsetSeconds = startOffsetSeconds
        self.endOffsetSeconds = endOffsetSeconds
        self.startDate = startDate
        self.endDate = endDate
        storedFigures = figures.map(StoredFigures.init)
        self.provenance = provenance
        self.databasesCompared = databasesCompared
    }

    /// Local start and end, ISO 8601 with the offset in force (`2024-11-03T01:30:00-06:00`).
    public var startLocal: String { AgencyTimeZone.localTimestamp(startedAt, offset: Int(startOffsetSeconds)) }
    public var endLocal: String { AgencyTimeZone.localTimestamp(endedAt, offset: Int(endOffsetSeconds)) }

    /// The statutory `databases_compared` field: names joined by `; `.
    public var databasesComparedText: String { databasesCompared.joined(separator: "; ") }

    /// Seconds of active use.
    public var durationSeconds: Int64 { endedAt.secondsSinceEpoch - startedAt.secondsSinceEpoch }
}

/// A reader held by reference, so that the log's entries of one reader share one copy; equal
/// when the readers are.
final class SharedReader: Sendable, Equatable {
    let reader: Reader
    init(_ reader: Reader) { self.reader = reader }

    static func == (a: SharedReader, b: SharedReader) -> Bool { a.reader == b.reader }
}

/// A log entry's figures as the log holds them: compact (`CompactPeriodFigures`), which all
/// but a period of billions of reads are, the hundreds of thousands of a large agency's
/// history taking a third of the memory; a period that does not fit keeps its figures whole.
private enum StoredFigures: Sendable, Equatable {
    case compact(CompactPeriodFigures)
    indirect case whole(PeriodFigures)

    init(_ figures: PeriodFigures) {
        self = CompactPeriodFigures(figures).map(Self.compact) ?? .whole(figures)
    }

    var figures: PeriodFigures {
        switch self {
        case .compact(let compact): compact.figures
        case .whole(let figures): figures
        }
    }

    func count(_ figure: PeriodFigure) -> Int {
        switch self {
        case .compact(let compact): compact[figure]
        case .whole(let figures): figures[figure]
        }
    }
}

