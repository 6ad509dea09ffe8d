import PublicLog

/// The figures the home page leads with and `data/summary.json` carries: readers in service,
/// the last 30 days, audits and the policy. Computed once, used by both.
struct HeadlineFigures {
    let today: LocalDate
    let readersInService: [ReaderKind: Int]
    let partnerReaders: Int
    /// The 30 local dates before today.
    let windowStart: LocalDate
    let windowEnd: LocalDate
    let recentPeriods: Int
    let recentUnknownPeriods: Int
    let recentFigures: PeriodFigures
    let recentAccountability: MonthlyAccountability

    init(portal: Portal) {
        today = portal.today
        let inService = portal.readers.filter { $0.isInService(on: portal.today) }
        readersInService = Dictionary(grouping: inService, by: \.kind).mapValues(\.count)
        partnerReaders = inService.filter { $0.operator == .partner }.count
        let first = portal.today.adding(days: -30)
        let last = portal.today.adding(days: -1)
        windowStart = first
        windowEnd = last
        let recent = portal.log.filter { $0.startDate >= first && $0.startDate <= last }
        let known = recent.compactMap(\.figures)
        recentPeriods = recent.count
        recentUnknownPeriods = recent.count - known.count
        recentFigures = known.reduce(PeriodFigures.zero, +)
        recentAccountability = MonthlyAccountability.window(portal.accountability, from: first, through: last)
    }

    func readers(_ kind: ReaderKind) -> Int { readersInService[kind] ?? 0 }

    var confirmedHits: Int { recentAccountability.dispositions[.confirmed] ?? 0 }
}

/// `data/summary.json`: the headline figures for other sites and tools, keys in a fixed order.
enum SummaryJSON {
    static func text(_ portal: Portal, _ headline: HeadlineFigures) -> String {
        func string(_ value: String?) -> String { value.map(JSONText.string) ?? "null" }
        let f = headline.recentFigures
        let a = headline.recentAccountability
        let audit = portal.latestAudit?.audit
        let lines = [
            "\"agency\": \(string(portal.configuration.agencyName))",
            "\"as_of\": \(string(headline.today.description))",
            "\"retention_days\": \(portal.configuration.retention.days)",
            "\"readers_in_service\": {\"fixed\": \(headline.readers(.fixed)), \"portable\": \(headline.readers(.portable)), \"mobile\": \(headline.readers(.mobile)), \"partner_owned\": \(headline.partnerReaders)}",
            "\"last_30_days\": {\"from\": \(string(headline.windowStart.description)), \"to\": \(string(headline.windowEnd.description)), "
                + "\"periods\": \(headline.recentPeriods), \"periods_not_recorded\": \(headline.recentUnknownPeriods), "
                + "\"plates\": \(f.plates), \"reads\": \(f.reads), \"stolen\": \(f.stolen), \"warrant\": \(f.warrant), "
                + "\"license_suspended_revoked\": \(f.licenseSuspendedRevoked), \"active_investigation\": \(f.activeInvestigation), "
                + "\"other\": \(f.other), \"hits\": \(a.totalHits), \"hits_checked\": \(a.checkedHits), "
                + "\"hits_confirmed\": \(headline.confirmedHits), \"searches\": \(a.totalSearches), "
                + "\"searches_for_other_agencies\": \(a.forOtherAgencies)}",
            "\"last_audit\": " + (audit.map {
                "{\"audit_id\": \(string($0.id)), \"completed_on\": \(string($0.completedOn.description)), "
                    + "\"submitted_on\": \(string($0.submittedOn?.description)), \"outcome\": \(string($0.outcome.rawValue))}"
            } ?? "null"),
            "\"next_audit_due\": \(string(portal.nextAuditDue?.description))",
            "\"policy_effective_on\": \(string(portal.currentPolicy?.effectiveOn.description))",
            "\"publication\": " + (portal.publications.last.map { "\($0.number)" } ?? "null"),
        ]
        return "{\n  " + lines.joined(separator: ",\n  ") + "\n}\n"
    }
}
