/// What kind of device a reader is (schema `reader.kind`).
public enum ReaderKind: String, Sendable, CaseIterable, Comparable {
    case fixed, portable, mobile

    /// Fixed and portable readers stand at a place; statutory item (4) applies to them.
    public var hasPlacements: Bool { self != .mobile }

    public static func < (a: ReaderKind, b: ReaderKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Who owns the reader: the agency, or a partner whose data are shared with it (subd. 1).
public enum ReaderOperator: String, Sendable, CaseIterable {
    case agency, partner
}

/// One ALPR device, with only its public attributes.
public struct Reader: Sendable, Equatable, Identifiable {
    public let id: String
    public let kind: ReaderKind
    public let label: String
    public let `operator`: ReaderOperator
    public let installedOn: LocalDate?
    public let decommissionedOn: LocalDate?
    public let bcaNotifiedOn: LocalDate?

    public init(id: String, kind: ReaderKind, label: String, operator: ReaderOperator,
                installedOn: LocalDate?, decommissionedOn: LocalDate?, bcaNotifiedOn: LocalDate?) {
        self.id = id
        self.kind = kind
        self.label = label
        self.operator = `operator`
        self.installedOn = installedOn
        self.decommissionedOn = decommissionedOn
        self.bcaNotifiedOn = bcaNotifiedOn
    }

    /// In service on `date`: installed (or no date recorded) and not yet decommissioned.
    public func isInService(on date: LocalDate) -> Bool {
        if let installedOn, installedOn > date { return false }
        if let decommissionedOn, decommissionedOn < date { return false }
        return true
    }
}
