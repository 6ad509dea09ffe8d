import PublicLog

/// Searches of stored data (the subd. 7 audit trail) added up over some local days: by purpose,
/// whether a case number was recorded, and for whom. A day's figures come from its search
/// groups; a day a ledger recorded before it kept groups (version 3 and older) has its totals by
/// purpose only, so its searches count in `total` and `forOtherAgencies` but not `inDetail`.
struct SearchFigures: Equatable, Sendable {
    var byPurpose: [SearchPurpose: Int] = [:]
    var forOtherAgencies = 0
    /// Searches whose case number and requester were recorded: the base of `withCaseNumber`.
    var inDetail = 0
    var withCaseNumber = 0
    /// Searches for agencies the export names, by the agency's jurisdiction.
    var byJurisdiction: [SharingAgency.Jurisdiction: Int] = [:]
    /// Searches for another agency that the export does not name (free text only).
    var forUnnamedAgencies = 0
    /// Searches by the id of the agency they were made for.
    var byAgency: [String: Int] = [:]

    var total: Int { byPurpose.values.reduce(0, +) }
    var withoutCaseNumber: Int { inDetail - withCaseNumber }
    /// Searches whose case number and requester are unknown (recorded before the ledger kept them).
    var withoutDetail: Int { total - inDetail }
    var forThisAgency: Int { total - forOtherAgencies }
    /// Searches for another agency whose jurisdiction is unknown: recorded without detail, or
    /// for an agency id that the export's `sharing_agency` no longer lists.
    var forOtherAgenciesNotRecorded: Int {
        forOtherAgencies - byJurisdiction.values.reduce(0, +) - forUnnamedAgencies
    }

    static func + (a: SearchFigures, b: SearchFigures) -> SearchFigures {
        func add<Key>(_ x: [Key: Int], _ y: [Key: Int]) -> [Key: Int] { x.merging(y, uniquingKeysWith: +) }
        return SearchFigures(byPurpose: add(a.byPurpose, b.byPurpose), forOtherAgencies: a.forOtherAgencies + b.forOtherAgencies,
                             inDetail: a.inDetail + b.inDetail, withCaseNumber: a.withCaseNumber + b.withCaseNumber,
                             byJurisdiction: add(a.byJurisdiction, b.byJurisdiction),
                             forUnnamedAgencies: a.forUnnamedAgencies + b.forUnnamedAgencies, byAgency: add(a.byAgency, b.byAgency))
    }

    static func += (a: inout SearchFigures, b: SearchFigures) { a = a + b }

    /// Each local day's figures. `agencies` gives a named agency's jurisdiction.
    static func byDay(_ counts: AccountabilityCounts, agencies: [String: SharingAgency]) -> [LocalDate: SearchFigures] {
        var days: [LocalDate: SearchFigures] = [:]
        for (group, count) in counts.searchGroups {
            var day = days[group.date] ?? SearchFigures()
            day.byPurpose[group.purpose, default: 0] += count
            day.inDetail += count
            if group.caseNumberRecorded { day.withCaseNumber += count }
            switch group.requestedBy {
            case .thisAgency: break
            case .unnamedAgency:
                day.forOtherAgencies += count
                day.forUnnamedAgencies += count
            case .namedAgency:
                day.forOtherAgencies += count
                if let id = group.agencyID {
                    day.byAgency[id, default: 0] += count
                    if let agency = agencies[id] { day.byJurisdiction[agency.jurisdiction, default: 0] += count }
                }
            }
            days[group.date] = day
        }
        // Days without groups: a ledger of version 3 or older kept their totals by purpose only.
        for (date, daily) in counts.searches where days[date] == nil && daily.total > 0 {
            days[date] = SearchFigures(byPurpose: daily.searches.filter { $0.value > 0 }, forOtherAgencies: daily.totalForOtherAgencies)
        }
        return days
    }
}
