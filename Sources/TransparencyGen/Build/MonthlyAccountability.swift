import PublicLog

/// Searches and hit dispositions added up by local month.
struct MonthlyAccountability {
    let month: YearMonth
    var searches: [SearchPurpose: Int] = [:]
    var forOtherAgencies = 0
    var dispositions: [HitDisposition: Int] = [:]
    /// Days of the month whose dispositions are unknown (reads destroyed before recording).
    var daysWithoutDispositions = 0

    var totalSearches: Int { searches.values.reduce(0, +) }
    var totalHits: Int { dispositions.values.reduce(0, +) }

    /// Hits an officer checked and reached a finding on: confirmed, misread or no longer current.
    /// "No action" and pending hits say nothing about whether the hit was right, so they are left out.
    var checkedHits: Int { HitDisposition.checked.reduce(0) { $0 + (dispositions[$1] ?? 0) } }

    static func months(_ counts: AccountabilityCounts, unknownDays: Set<LocalDate>) -> [MonthlyAccountability] {
        var byMonth: [YearMonth: MonthlyAccountability] = [:]
        for (day, daily) in counts.searches {
            var month = byMonth[day.yearMonth] ?? MonthlyAccountability(month: day.yearMonth)
            for (purpose, n) in daily.searches { month.searches[purpose, default: 0] += n }
            month.forOtherAgencies += daily.totalForOtherAgencies
            byMonth[day.yearMonth] = month
        }
        for (day, daily) in counts.dispositions {
            var month = byMonth[day.yearMonth] ?? MonthlyAccountability(month: day.yearMonth)
            for (disposition, n) in daily.hits { month.dispositions[disposition, default: 0] += n }
            byMonth[day.yearMonth] = month
        }
        for day in unknownDays {
            byMonth[day.yearMonth, default: MonthlyAccountability(month: day.yearMonth)].daysWithoutDispositions += 1
        }
        return byMonth.values.sorted { $0.month < $1.month }
    }

    /// Totals over the local days from `first` through `last`.
    static func window(_ counts: AccountabilityCounts, from first: LocalDate, through last: LocalDate) -> MonthlyAccountability {
        var total = MonthlyAccountability(month: first.yearMonth)
        for (day, daily) in counts.searches where day >= first && day <= last {
            for (purpose, n) in daily.searches { total.searches[purpose, default: 0] += n }
            total.forOtherAgencies += daily.totalForOtherAgencies
        }
        for (day, daily) in counts.dispositions where day >= first && day <= last {
            for (disposition, n) in daily.hits { total.dispositions[disposition, default: 0] += n }
        }
        return total
    }
}
