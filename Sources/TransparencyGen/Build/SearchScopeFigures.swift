import PublicLog

/// How the searches of some local days were made (spec, "How searches were made, and why"):
/// counts by kind, by how many agencies' data they reached, by window and by reason group,
/// each with the searches for which it was not recorded (nil keys), so that every breakdown
/// adds up to the same total.
struct SearchScopeFigures: Equatable, Sendable {
    var byKind: [SearchKind?: Int] = [:]
    var byNetworks: [NetworkReach?: Int] = [:]
    var byWindow: [SearchWindow?: Int] = [:]
    var byReason: [ReasonGroup?: Int] = [:]
    var total = 0

    /// The figures of the groups dated from `first` through `last`.
    init(_ groups: [SearchScopeGroup: Int], from first: LocalDate, through last: LocalDate) {
        for (group, count) in groups where group.date >= first && group.date <= last {
            byKind[group.kind, default: 0] += count
            byNetworks[group.networks, default: 0] += count
            byWindow[group.window, default: 0] += count
            byReason[group.reason, default: 0] += count
            total += count
        }
    }

    /// Searches that reached data of agencies other than this one.
    var reachingOtherAgencies: Int {
        byNetworks.filter { $0.key?.reachesOtherAgencies == true }.values.reduce(0, +)
    }

    var beyondRetention: Int { byWindow[.beyondRetention] ?? 0 }
    var blankReasons: Int { byReason[.blank] ?? 0 }
    /// Searches whose reason was recorded (blank or not): the base of the share of blanks.
    var reasonsRecorded: Int { total - (byReason[nil] ?? 0) }
    var networksRecorded: Int { total - (byNetworks[nil] ?? 0) }
    var windowsRecorded: Int { total - (byWindow[nil] ?? 0) }
}
