/// A database (hot list) whose existence is public and that reads are compared with.
/// Sources whose existence is not public are never loaded at all.
public struct ComparisonSource: Sendable, Equatable {
    public enum Jurisdiction: String, Sendable, CaseIterable {
        case state, federal, local
    }

    public let id: String
    public let name: String
    public let jurisdiction: Jurisdiction
    public let inUseFrom: LocalDate
    /// Last local date in use, inclusive; nil while still in use.
    public let inUseUntil: LocalDate?

    public init(id: String, name: String, jurisdiction: Jurisdiction, inUseFrom: LocalDate, inUseUntil: LocalDate?) {
        self.id = id
        self.name = name
        self.jurisdiction = jurisdiction
        self.inUseFrom = inUseFrom
        self.inUseUntil = inUseUntil
    }

    /// True when the source was in use on any date from `first` through `last`.
    public func overlaps(_ first: LocalDate, _ last: LocalDate) -> Bool {
        inUseFrom <= last && (inUseUntil.map { $0 >= first } ?? true)
    }

    public func isInUse(on date: LocalDate) -> Bool { overlaps(date, date) }
}
