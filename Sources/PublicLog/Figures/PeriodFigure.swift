/// The catalog of a period's public figures (Minn. Stat. 13.824 subd. 5(a)(2)-(3)): each
/// figure is declared here once, with everything the rest of the code derives from it: its
/// name in the CSV files, `summary.json` and the ledger (its words, in every language, are the
/// catalogs' messages `figure.NAME.*` and the data dictionary's), its unit, the law that requires it, and for the kinds of hits the operational categories it counts. The
/// tally's grouping, the ledger's columns, every data file, the data dictionary, the log
/// tables and the charts are made from `allCases`, so a new figure is one new case here and
/// the code that computes it.
public enum PeriodFigure: Int, CaseIterable, Sendable, Hashable {
    case plates, reads, stolen, warrant, licenseSuspendedRevoked, activeInvestigation, other, platesWithHits

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
        case .platesWithHits: "plates_with_hits"
        }
    }

    /// What one count is of (the data dictionary's unit, the message `data.unit.UNIT`).
    public var unit: String { self == .reads ? "reads" : "plates" }

    /// Its column where it is added up over many periods (`monthly-summary.csv`). Distinct
    /// plates added up are no longer distinct plates, so that sum has a name of its own.
    public var sumName: String {
        switch self {
        case .plates: "period_plates"
        case .platesWithHits: "period_plates_with_hits"
        default: name
        }
    }

    /// The part of 13.824 that requires it; nil when the agency publishes it by choice.
    public var law: String? {
        switch self {
        case .plates: "13.824 subd. 5(a)(2)"
        case .reads, .other, .platesWithHits: nil
        case .stolen, .warrant, .licenseSuspendedRevoked, .activeInvestigation: "13.824 subd. 5(a)(3)"
        }
    }

    /// For a kind of hit, the operational `hit.category` values it counts (distinct plates with
    /// at least one hit in one of them); empty for the figures that are not hits.
    public var hitCategories: [String] {
        switch self {
        case .plates, .reads, .platesWithHits: []
        case .stolen: ["stolen_vehicle", "stolen_plate"]
        case .warrant: ["warrant"]
        case .licenseSuspendedRevoked: ["license_status"]
        case .activeInvestigation: ["active_investigation"]
        case .other: ["missing_person", "amber_alert", "other"]
        }
    }

    /// Shown as a column of the log tables (the reads count is in the data files only; plates
    /// with hits is the kinds' own summary, shown where periods are added up).
    public var inLogTables: Bool { self != .reads && self != .platesWithHits }

    /// A column of `public-log.csv`, whose columns the spec fixes.
    public var inPublicLog: Bool { self != .platesWithHits }

    /// Every ledger has recorded it for every period. A figure added to the catalog later (plates
    /// with hits, in version 7) is empty for the periods recorded before it: unknown for those
    /// periods alone, never zero, while their other figures stand.
    public var isInEveryLedgerRecord: Bool { self != .platesWithHits }

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
