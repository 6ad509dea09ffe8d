/// On whose request a search of stored data was made (spec, "Searches and sharing").
public enum RequestedBy: String, Sendable, CaseIterable, Comparable {
    /// This agency's own search.
    case thisAgency = "this_agency"
    /// For an agency the export names by `requesting_agency_id`.
    case namedAgency = "named_agency"
    /// For another agency the export does not identify (free text only).
    case unnamedAgency = "unnamed_agency"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue.unicodeScalars.lexicographicallyPrecedes(b.rawValue.unicodeScalars) }

    /// A search is for another agency when it was not this agency's own.
    public var isForAnotherAgency: Bool { self != .thisAgency }
}

/// One group of `data/searches-by-day.csv`: searches of one local day with the same purpose,
/// requester and whether a case number was recorded. Never who searched, which case, or what.
public struct SearchGroup: Sendable, Hashable, Comparable {
    public let date: LocalDate
    public let purpose: SearchPurpose
    public let requestedBy: RequestedBy
    /// The sharing agency's id when `requestedBy` is `namedAgency`.
    public let agencyID: String?
    public let caseNumberRecorded: Bool

    public init(date: LocalDate, purpose: SearchPurpose, requestedBy: RequestedBy, agencyID: String?, caseNumberRecorded: Bool) {
        self.date = date
        self.purpose = purpose
        self.requestedBy = requestedBy
        self.agencyID = agencyID
        self.caseNumberRecorded = caseNumberRecorded
    }

    /// The spec's order: date, purpose, requested_by, agency_id, case_number_recorded, each by
    /// code point of its published text.
    public static func < (a: Self, b: Self) -> Bool {
        func key(_ g: Self) -> [String] {
            [g.date.description, g.purpose.rawValue, g.requestedBy.rawValue, g.agencyID ?? "", g.caseNumberRecorded ? "yes" : "no"]
        }
        return key(a).lexicographicallyPrecedes(key(b)) { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }
}
