/// What kind of search of stored data it was (`data_access.search_kind`).
public enum SearchKind: String, Sendable, CaseIterable, Comparable {
    case plateLookup = "plate_lookup", vehicleSearch = "vehicle_search", convoy, freeform
    case multiLocation = "multi_location", visual, api, other

    public static func < (a: Self, b: Self) -> Bool { a.rawValue.unicodeScalars.lexicographicallyPrecedes(b.rawValue.unicodeScalars) }
}

/// How many agencies' data sets a search reached (`data_access.networks_searched`), in the
/// spec's bands; `1` is this agency's own data only.
public enum NetworkReach: String, Sendable, CaseIterable, Comparable {
    case own = "1", upTo10 = "2-10", upTo100 = "11-100", upTo1000 = "101-1000", beyond1000 = "1001+"

    /// The band of `networks` data sets; nil below 1.
    public init?(networks: Int64) {
        switch networks {
        case ..<1: return nil
        case 1: self = .own
        case 2...10: self = .upTo10
        case 11...100: self = .upTo100
        case 101...1000: self = .upTo1000
        default: self = .beyond1000
        }
    }

    /// Each band's lower and upper bound (nil: none), for the SQL that computes the bands.
    public var bounds: (low: Int64, high: Int64?) {
        switch self {
        case .own: (1, 1)
        case .upTo10: (2, 10)
        case .upTo100: (11, 100)
        case .upTo1000: (101, 1000)
        case .beyond1000: (1001, nil)
        }
    }

    /// True when the search reached data beyond this agency's own.
    public var reachesOtherAgencies: Bool { self != .own }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue.unicodeScalars.lexicographicallyPrecedes(b.rawValue.unicodeScalars) }
}

/// Whether a search reached back past the retention period (`data_access.window_start_at`).
public enum SearchWindow: String, Sendable, CaseIterable, Comparable {
    case beyondRetention = "beyond_retention", withinRetention = "within_retention"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue.unicodeScalars.lexicographicallyPrecedes(b.rawValue.unicodeScalars) }
}

/// What a search's stated reason was, as a group: blank, the first reason rule it matched,
/// or given (none matched). Never the reason itself.
public enum ReasonGroup: Sendable, Hashable, Comparable {
    case blank
    case rule(String)
    case given

    public static let blankCode = "blank"
    public static let givenCode = "given"

    /// Its code in `data/search-scope-by-day.csv`.
    public var code: String {
        switch self {
        case .blank: Self.blankCode
        case .rule(let id): id
        case .given: Self.givenCode
        }
    }

    /// The group a code names, when it is `blank`, `given` or one of `ruleIDs`.
    public init?(code: String, ruleIDs: Set<String>) {
        switch code {
        case Self.blankCode: self = .blank
        case Self.givenCode: self = .given
        case _ where ruleIDs.contains(code): self = .rule(code)
        default: return nil
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.code.unicodeScalars.lexicographicallyPrecedes(b.code.unicodeScalars) }
}

/// One group of `data/search-scope-by-day.csv`: searches of one local day of the same kind,
/// reach, window and reason group. Each is nil when the export did not record it.
public struct SearchScopeGroup: Sendable, Hashable, Comparable {
    public let date: LocalDate
    public let kind: SearchKind?
    public let networks: NetworkReach?
    public let window: SearchWindow?
    public let reason: ReasonGroup?

    public init(date: LocalDate, kind: SearchKind?, networks: NetworkReach?, window: SearchWindow?, reason: ReasonGroup?) {
        self.date = date
        self.kind = kind
        self.networks = networks
        self.window = window
        self.reason = reason
    }

    /// The group whose published texts after the date are `codes` (kind, networks, window,
    /// reason; empty: not recorded). `ruleIDs`: the reason rules a reason group may name; nil
    /// for groups the ledger recorded, which may name a rule no longer in force.
    public init?(date: LocalDate, codes: [String], ruleIDs: Set<String>?) {
        guard codes.count == 4 else { return nil }
        func optional<T>(_ text: String, _ make: (String) -> T?) -> T?? { text.isEmpty ? .some(nil) : make(text).map { .some($0) } }
        guard let kind = optional(codes[0], SearchKind.init(rawValue:)),
              let networks = optional(codes[1], NetworkReach.init(rawValue:)),
              let window = optional(codes[2], SearchWindow.init(rawValue:)),
              let reason = optional(codes[3], { ReasonGroup(code: $0, ruleIDs: ruleIDs ?? Set([$0].filter(ReasonRules.isPlainID))) })
        else { return nil }
        self.init(date: date, kind: kind, networks: networks, window: window, reason: reason)
    }

    /// A day's searches of which nothing is recorded in detail (recorded before this version).
    public static func unrecorded(on date: LocalDate) -> Self {
        Self(date: date, kind: nil, networks: nil, window: nil, reason: nil)
    }

    /// The published texts of its columns after the date, empty when not recorded.
    public var codes: [String] {
        [kind?.rawValue ?? "", networks?.rawValue ?? "", window?.rawValue ?? "", reason?.code ?? ""]
    }

    /// The spec's order: date, search_kind, networks, window, reason, each by code point of its
    /// published text (so `1` < `1001+` < `101-1000` < `11-100` < `2-10`).
    public static func < (a: Self, b: Self) -> Bool {
        ([a.date.description] + a.codes).lexicographicallyPrecedes([b.date.description] + b.codes) {
            $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars)
        }
    }
}
