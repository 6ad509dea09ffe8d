/// The catalog of a period's public figures (Minn. Stat. 13.824 subd. 5(a)(2)-(3)): each
/// figure is declared here once, with everything the rest of the code derives from it: its
/// name in the CSV files, `summary.json` and the ledger, its labels, unit and meaning, the law
/// that requires it, and for the kinds of hits the operational categories it counts. The
/// tally's grouping, the ledger's columns, every data file, the data dictionary, the log
/// tables and the charts are made from `allCases`, so a new figure is one new case here and
/// the code that computes it.
public enum PeriodFigure: Int, CaseIterable, Sendable, Hashable {
    case plates, reads, stolen, warrant, licenseSuspendedRevoked, activeInvestigation, other

    /// Its column in `public-log.csv`, its key in `summary.json` and its column in the ledger.
    public var name: String {
        switch self {
        case .plates: "plates"
        case .reads: "reads"
        case .stolen: "stolen"
        case .warrant: "warrant"
        case .licenseSuspendedRevoked: "license_suspended_revoked"
        case .activeInvestigation: "active_investigation"
        case .other: "other"
        }
    }

    /// Its column heading in the log tables.
    public var label: String {
        switch self {
        case .plates: "Plates read"
        case .reads: "Reads"
        case .stolen: "Stolen"
        case .warrant: "Warrant"
        case .licenseSuspendedRevoked: "License suspended or revoked"
        case .activeInvestigation: "Active investigation"
        case .other: "Other"
        }
    }

    /// The word that names a cell of it where a table is stacked on a phone.
    public var shortLabel: String {
        switch self {
        case .plates: "Plates"
        case .reads: "Reads"
        case .stolen: "Stolen"
        case .warrant: "Warrant"
        case .licenseSuspendedRevoked: "License"
        case .activeInvestigation: "Investigation"
        case .other: "Other"
        }
    }

    /// What it counts, in a resident's words (the rows of the home page's table of hits, chart titles).
    public var plainLabel: String {
        switch self {
        case .plates: "Plates read"
        case .reads: "Reads, counting repeats"
        case .stolen: "Stolen vehicle or plate"
        case .warrant: "Warrant for the owner’s arrest"
        case .licenseSuspendedRevoked: "License suspended or revoked"
        case .activeInvestigation: "Active investigation"
        case .other: "Other (missing person, AMBER alert, other)"
        }
    }

    /// What one count is of.
    public var unit: String { self == .reads ? "reads" : "plates" }

    /// Its meaning for one period, for the data dictionary (one sentence, ending with a period).
    public var meaning: String {
        switch self {
        case .plates: "Distinct license plates read."
        case .reads: "All reads, counting repeat reads of the same plate."
        case .stolen: "Plates matching a stolen vehicle or stolen plate record."
        case .warrant: "Plates matching a warrant for the owner's arrest."
        case .licenseSuspendedRevoked: "Plates whose owner's driver's license is suspended, revoked or similar."
        case .activeInvestigation: "Plates matching active investigative data."
        case .other: "Plates matching any other list (missing person, AMBER alert, other). Not a statutory category."
        }
    }

    /// Its column where it is added up over many periods (`monthly-summary.csv`). Distinct
    /// plates added up are no longer distinct plates, so that sum has a name of its own.
    public var sumName: String { self == .plates ? "period_plates" : name }

    /// What its sum over many periods means, for the data dictionary.
    public var sumMeaning: String {
        if self == .plates { return "Sum of each period's distinct plates. A plate read in two periods counts twice." }
        return "Sum of the periods' counts: \(meaning.prefix(1).lowercased())\(meaning.dropFirst())"
    }

    /// The part of 13.824 that requires it; nil when the agency publishes it by choice.
    public var law: String? {
        switch self {
        case .plates: "13.824 subd. 5(a)(2)"
        case .reads, .other: nil
        case .stolen, .warrant, .licenseSuspendedRevoked, .activeInvestigation: "13.824 subd. 5(a)(3)"
        }
    }

    /// For a kind of hit, the operational `hit.category` values it counts (distinct plates with
    /// at least one hit in one of them); empty for the figures that are not hits.
    public var hitCategories: [String] {
        switch self {
        case .plates, .reads: []
        case .stolen: ["stolen_vehicle", "stolen_plate"]
        case .warrant: ["warrant"]
        case .licenseSuspendedRevoked: ["license_status"]
        case .activeInvestigation: ["active_investigation"]
        case .other: ["missing_person", "amber_alert", "other"]
        }
    }

    /// Shown as a column of the log tables (the reads count is in the data files only).
    public var inLogTables: Bool { self != .reads }

    /// A kind of hit: counts plates with a hit in `hitCategories`.
    public var isHitKind: Bool { !hitCategories.isEmpty }

    /// One of the four kinds of hit the law lists (subd. 5(a)(3)).
    public var isStatutoryHit: Bool { isHitKind && law != nil }

    /// The kinds of hit, in catalog order.
    public static let hitKinds = allCases.filter(\.isHitKind)

    /// Each operational hit category with the kind of hit it counts in.
    public static let kindOfHitCategory: [String: PeriodFigure] = Dictionary(
        uniqueKeysWithValues: hitKinds.flatMap { kind in kind.hitCategories.map { ($0, kind) } })
}
