import PublicLog

/// Searches and hit dispositions added up by local month, or over any span of local days.
struct MonthlyAccountability {
    let month: YearMonth
    var searches = SearchFigures()
    var dispositions: [HitDisposition: Int] = [:]
    /// Days of the month whose dispositions are unknown (reads destroyed before recording).
    var daysWithoutDispositions = 0

    var totalSearches: Int { searches.total }
    var forOtherAgencies: Int { searches.forOtherAgencies }
    var totalHits: Int { dispositions.values.reduce(0, +) }

    /// Hits an officer checked and reached a finding on: confirmed, misread or no longer current.
    /// "No action" and pending hits say nothing about whether the hit was right, so they are left out.
    var checkedHits: Int { HitDisposition.checked.reduce(0) { $0 + (dispositions[$1] ?? 0) } }

    /// Every month of the portal with a search, a hit or a day of unknown dispositions, oldest first.
    static func months(_ portal: Portal) -> [MonthlyAccountability] {
        months(portal.accountability, searches: portal.searchesByDay, unknownDays: portal.unknownDispositionDays)
    }

    /// Every month of `counts` and `searches` (see `SearchFigures.byDay`), oldest first.
    static func months(_ counts: AccountabilityCounts, searches: [LocalDate: SearchFigures],
                       unknownDays: Set<LocalDate>) -> [MonthlyAccountability] {
        var byMonth: [YearMonth: MonthlyAccountability] = [:]
        for (day, searches) in searches {
            byMonth[day.yearMonth, default: MonthlyAccountability(month: day.yearMonth)].searches += searches
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

    /// Totals of `counts` and `searches` over the local days from `first` through `last`.
    static func window(_ counts: AccountabilityCounts, searches: [LocalDate: SearchFigures] = [:],
                       from first: LocalDate, through last: LocalDate) -> MonthlyAccountability {
        var total = MonthlyAccountability(month: first.yearMonth)
        for (day, daySearches) in searches where day >= first && day <= last {
            total.searches += daySearches
        }
        for (day, daily) in counts.dispositions where day >= first && day <= last {
            for (disposition, n) in daily.hits { total.dispositions[disposition, default: 0] += n }
        }
        return total
    }
}
