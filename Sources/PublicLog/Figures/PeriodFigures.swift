/// The public figures of one closed period of active use, one count per `PeriodFigure`.
public struct PeriodFigures: Sendable, Equatable, Hashable {
    /// One lane per figure, by `PeriodFigure.rawValue`; a fixed-size value, so the hundreds of
    /// thousands of periods of a large agency's history cost no allocation each.
    private var counts: SIMD8<Int>
    /// How many periods lack each figure: 1 for a period recorded before the figure existed
    /// (see `PeriodFigure.isInEveryLedgerRecord`), added up in a sum. Their count is 0 in `counts`.
    private var unknown: SIMD8<Int>

    /// How many figures the storage holds; the catalog may not have more.
    public static let capacity = SIMD8<Int>.scalarCount

    /// The catalog, checked once against the storage (`allCases` makes a new array per use,
    /// and a value is made per period).
    static let figures: [PeriodFigure] = {
        precondition(PeriodFigure.allCases.count <= capacity, "PeriodFigures holds at most \(capacity) figures: widen its storage")
        return PeriodFigure.allCases
    }()

    /// The figures `count` gives for each figure of the catalog.
    public init(_ count: (PeriodFigure) -> Int) {
        var counts = SIMD8<Int>()
        for figure in Self.figures { counts[figure.rawValue] = count(figure) }
        self.counts = counts
        unknown = SIMD8<Int>()
    }

    /// The figures `count` gives, nil for a figure unknown for this period.
    public static func known(_ count: (PeriodFigure) -> Int?) -> PeriodFigures {
        var figures = PeriodFigures.zero
        for figure in Self.figures {
            if let value = count(figure) { figures.counts[figure.rawValue] = value } else { figures.unknown[figure.rawValue] = 1 }
        }
        return figures
    }

    /// How many of the periods added up lack `figure` (0 or 1 for one period): the sum of the
    /// others is then a lower bound, and when every period lacks it, it is unknown.
    public func unknownPeriods(_ figure: PeriodFigure) -> Int { unknown[figure.rawValue] }

    /// The figures in `counts`; a figure it leaves out is 0.
    public init(_ counts: [PeriodFigure: Int]) {
        self.init { counts[$0] ?? 0 }
    }

    public subscript(figure: PeriodFigure) -> Int {
        get { counts[figure.rawValue] }
        set { counts[figure.rawValue] = newValue }
    }

    public static let zero = PeriodFigures { _ in 0 }

    /// The same counts for every figure both know (a period's, recorded and recomputed).
    public func agreesWhereKnown(with other: PeriodFigures) -> Bool {
        let known = (unknown .== 0) .& (other.unknown .== 0)
        return !any(known .& (counts .!= other.counts))
    }

    public static func + (a: PeriodFigures, b: PeriodFigures) -> PeriodFigures {
        var sum = a
        sum.counts &+= b.counts
        sum.unknown &+= b.unknown
        return sum
    }
}

/// One period's figures as a large agency's history holds them by the hundred thousand: in
/// 32-bit lanes, with a bit per figure the period lacks (a stride of 48 bytes where
/// `PeriodFigures` takes 128). One period's counts are far below 2³¹; a value that is not (a
/// damaged ledger, a period of billions of reads) does not make one.
struct CompactPeriodFigures: Sendable, Equatable, Hashable {
    /// As many lanes as `PeriodFigures` has.
    private let lanes: SIMD8<Int32>
    /// A bit per figure, by `PeriodFigure.rawValue`, that the period lacks.
    private let missing: UInt8

    /// Nil when a count does not fit in 32 bits or `figures` is a sum of several periods.
    init?(_ figures: PeriodFigures) {
        precondition(PeriodFigures.capacity <= SIMD8<Int32>.scalarCount && PeriodFigures.capacity <= UInt8.bitWidth,
                     "CompactPeriodFigures holds fewer lanes than PeriodFigures: widen it")
        var lanes = SIMD8<Int32>()
        var missing: UInt8 = 0
        for figure in PeriodFigures.figures {
            switch figures.unknownPeriods(figure) {
            case 0:
                guard let value = Int32(exactly: figures[figure]) else { return nil }
                lanes[figure.rawValue] = value
            case 1 where figures[figure] == 0:
                missing |= 1 << figure.rawValue
            default:
                return nil
            }
        }
        self.lanes = lanes
        self.missing = missing
    }

    /// The figures as `PeriodFigures`, a lacking figure unknown.
    var figures: PeriodFigures {
        .known { missing & (1 << $0.rawValue) != 0 ? nil : Int(lanes[$0.rawValue]) }
    }

    /// `figures[figure]`, read from its lane (0 for a figure the period lacks, as there).
    subscript(figure: PeriodFigure) -> Int { Int(lanes[figure.rawValue]) }
}

