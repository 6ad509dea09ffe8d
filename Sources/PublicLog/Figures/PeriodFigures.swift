/// The public figures of one closed period of active use, one count per `PeriodFigure`.
public struct PeriodFigures: Sendable, Equatable, Hashable {
    /// One lane per figure, by `PeriodFigure.rawValue`; a fixed-size value, so the hundreds of
    /// thousands of periods of a large agency's history cost no allocation each.
    private var counts: SIMD8<Int>

    /// How many figures the storage holds; the catalog may not have more.
    public static let capacity = SIMD8<Int>.scalarCount

    /// The catalog, checked once against the storage (`allCases` makes a new array per use,
    /// and a value is made per period).
    private static let figures: [PeriodFigure] = {
        precondition(PeriodFigure.allCases.count <= capacity, "PeriodFigures holds at most \(capacity) figures: widen its storage")
        return PeriodFigure.allCases
    }()

    private static let statutoryHitKinds = figures.filter(\.isStatutoryHit)

    /// The figures `count` gives for each figure of the catalog.
    public init(_ count: (PeriodFigure) -> Int) {
        var counts = SIMD8<Int>()
        for figure in Self.figures { counts[figure.rawValue] = count(figure) }
        self.counts = counts
    }

    /// The figures in `counts`; a figure it leaves out is 0.
    public init(_ counts: [PeriodFigure: Int]) {
        self.init { counts[$0] ?? 0 }
    }

    public subscript(figure: PeriodFigure) -> Int {
        get { counts[figure.rawValue] }
        set { counts[figure.rawValue] = newValue }
    }

    public static let zero = PeriodFigures { _ in 0 }

    /// Plates with a hit of one of the four kinds the law lists (a plate in two counts twice).
    public var statutoryHits: Int {
        Self.statutoryHitKinds.reduce(0) { $0 + self[$1] }
    }

    public static func + (a: PeriodFigures, b: PeriodFigures) -> PeriodFigures {
        var sum = a
        sum.counts &+= b.counts
        return sum
    }
}
