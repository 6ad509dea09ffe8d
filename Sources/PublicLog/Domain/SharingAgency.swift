/// A law enforcement agency the data may be shared with on written request (schema
/// `sharing_agency`, Minn. Stat. 13.824 subds. 4 and 7): public, with its agreement's dates.
public struct SharingAgency: Sendable, Equatable {
    public enum Jurisdiction: String, Sendable, CaseIterable {
        case minnesota, otherState = "other_state", federal, tribal

        /// Federal and out-of-state agencies: residents ask about these first, so pages mark them in words.
        public var isOutsideMinnesotaGovernment: Bool { self == .federal || self == .otherState }
    }

    /// Where the agreement stands on a given day.
    public enum Status: String, Sendable, CaseIterable {
        case current, previous, upcoming, noAgreement = "no_agreement"
    }

    public let id: String
    public let name: String
    public let jurisdiction: Jurisdiction
    /// First local date of a standing agreement; nil when searches are made case by case.
    public let agreementFrom: LocalDate?
    /// Last local date of the agreement, inclusive; nil while it is in force (or there is none).
    public let agreementUntil: LocalDate?

    public init(id: String, name: String, jurisdiction: Jurisdiction, agreementFrom: LocalDate?, agreementUntil: LocalDate?) {
        self.id = id
        self.name = name
        self.jurisdiction = jurisdiction
        self.agreementFrom = agreementFrom
        self.agreementUntil = agreementUntil
    }

    /// The spec's rule: no agreement without `agreement_from`; upcoming before it; previous
    /// after `agreement_until`; otherwise current.
    public func status(on date: LocalDate) -> Status {
        guard let from = agreementFrom else { return .noAgreement }
        if from > date { return .upcoming }
        if let until = agreementUntil, until < date { return .previous }
        return .current
    }
}
