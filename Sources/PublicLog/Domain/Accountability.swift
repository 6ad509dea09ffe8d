/// Why stored data were searched (schema `data_access.purpose`).
public enum SearchPurpose: String, Sendable, CaseIterable, Comparable {
    case criminalInvestigation = "criminal_investigation"
    case missingPerson = "missing_person"
    case amberAlert = "amber_alert"
    case audit
    case other

    public static func < (a: SearchPurpose, b: SearchPurpose) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What an officer found when checking a hit (schema `hit.disposition`; NULL is pending).
public enum HitDisposition: String, Sendable, CaseIterable, Comparable {
    case confirmed
    case misread
    case notCurrent = "not_current"
    case noAction = "no_action"
    case pending

    /// The findings of an officer who checked the hit; the base of the accuracy figure.
    public static let checked: [HitDisposition] = [.confirmed, .misread, .notCurrent]

    public static func < (a: HitDisposition, b: HitDisposition) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Searches of stored data on one local day, by purpose.
public struct DailySearches: Sendable, Equatable {
    public var searches: [SearchPurpose: Int] = [:]
    /// Of those, searches made for (and data shared with) another law enforcement agency.
    public var forOtherAgencies: [SearchPurpose: Int] = [:]

    public init(searches: [SearchPurpose: Int] = [:], forOtherAgencies: [SearchPurpose: Int] = [:]) {
        self.searches = searches
        self.forOtherAgencies = forOtherAgencies
    }

    public var total: Int { searches.values.reduce(0, +) }
    public var totalForOtherAgencies: Int { forOtherAgencies.values.reduce(0, +) }
}

/// Hits of reads made on one local day, by disposition.
public struct DailyDispositions: Sendable, Equatable {
    public var hits: [HitDisposition: Int] = [:]

    public init(hits: [HitDisposition: Int] = [:]) { self.hits = hits }

    public var total: Int { hits.values.reduce(0, +) }
}

/// Counts by local day, as read from the aggregate views.
public struct AccountabilityCounts: Sendable, Equatable {
    public var searches: [LocalDate: DailySearches] = [:]
    public var dispositions: [LocalDate: DailyDispositions] = [:]
    /// Searches by local day, purpose, requester, agency and whether a case number was recorded.
    public var searchGroups: [SearchGroup: Int] = [:]
    /// Searches by local day, kind, networks reached, window and reason group.
    public var searchScope: [SearchScopeGroup: Int] = [:]
    /// Of those, the searches made for a federal or another state's agency (read from the
    /// operational database only, for `check`; not kept by the ledger).
    public var searchScopeOutsideMinnesota: [SearchScopeGroup: Int] = [:]

    public init(searches: [LocalDate: DailySearches] = [:], dispositions: [LocalDate: DailyDispositions] = [:],
                searchGroups: [SearchGroup: Int] = [:], searchScope: [SearchScopeGroup: Int] = [:]) {
        self.searches = searches
        self.dispositions = dispositions
        self.searchGroups = searchGroups
        self.searchScope = searchScope
    }

    /// The days the searches were counted for (every day with a search of any table).
    public var searchDays: Set<LocalDate> {
        Set(searches.keys).union(searchGroups.keys.map(\.date)).union(searchScope.keys.map(\.date))
    }

    /// The same counts, with each day that has searches but no search-scope groups (recorded
    /// before the ledger kept them) given one group of that day's searches, recorded in no detail.
    public func withUnrecordedScope() -> AccountabilityCounts {
        var counts = self
        let described = Set(searchScope.keys.map(\.date))
        for (day, daily) in searches where !described.contains(day) && daily.total > 0 {
            counts.searchScope[.unrecorded(on: day), default: 0] += daily.total
        }
        return counts
    }

    /// The counts of the local days up to and including `last`.
    public func through(_ last: LocalDate) -> AccountabilityCounts {
        AccountabilityCounts(searches: searches.filter { $0.key <= last }, dispositions: dispositions.filter { $0.key <= last },
                             searchGroups: searchGroups.filter { $0.key.date <= last },
                             searchScope: searchScope.filter { $0.key.date <= last })
    }
}
