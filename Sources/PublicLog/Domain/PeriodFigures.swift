/// The statutory counts of one closed period of active use (subd. 5(a)(2)-(3)).
public struct PeriodFigures: Sendable, Equatable, Hashable {
    /// Distinct plates (state, number) read.
    public var plates: Int
    /// Reads, counting repeats of the same plate.
    public var reads: Int
    /// Distinct plates with a hit: stolen vehicle or plate.
    public var stolen: Int
    /// ... a warrant for the owner's arrest.
    public var warrant: Int
    /// ... an owner with a suspended or revoked licence or similar.
    public var licenseSuspendedRevoked: Int
    /// ... active investigative data.
    public var activeInvestigation: Int
    /// ... any other hot-list category (missing person, AMBER alert, other).
    public var other: Int

    public init(plates: Int, reads: Int, stolen: Int, warrant: Int, licenseSuspendedRevoked: Int,
                activeInvestigation: Int, other: Int) {
        self.plates = plates
        self.reads = reads
        self.stolen = stolen
        self.warrant = warrant
        self.licenseSuspendedRevoked = licenseSuspendedRevoked
        self.activeInvestigation = activeInvestigation
        self.other = other
    }

    public static let zero = PeriodFigures(plates: 0, reads: 0, stolen: 0, warrant: 0,
                                           licenseSuspendedRevoked: 0, activeInvestigation: 0, other: 0)

    /// Plates with a hit in any of the four statutory categories (a plate in two counts twice).
    public var statutoryHits: Int { stolen + warrant + licenseSuspendedRevoked + activeInvestigation }

    public static func + (a: PeriodFigures, b: PeriodFigures) -> PeriodFigures {
        PeriodFigures(plates: a.plates + b.plates, reads: a.reads + b.reads, stolen: a.stolen + b.stolen,
                      warrant: a.warrant + b.warrant,
                      licenseSuspendedRevoked: a.licenseSuspendedRevoked + b.licenseSuspendedRevoked,
                      activeInvestigation: a.activeInvestigation + b.activeInvestigation, other: a.other + b.other)
    }
}
