import PublicLog

extension SiteRenderer {
    func homePage() -> Page {
        let today = portal.today
        let headline = HeadlineFigures(portal: portal)
        let totals = headline.recentFigures
        let windowStart = headline.windowStart
        let unknownRecent = headline.recentUnknownPeriods
        func readers(_ kind: ReaderKind) -> Int { headline.readers(kind) }
        let partners = headline.partnerReaders

        let lastYear = Array(MonthlySummary.months(of: portal.log).suffix(12))
        let plateChart = BarChart(
            id: "chart-plates", title: "Plates read per month",
            summary: "Bar chart of the plates read in each period, added up by month: "
                + lastYear.map { "\(Format.month($0.month)) \(Format.number($0.figures.plates))" }.joined(separator: ", ") + ".",
            bars: lastYear.map { BarChart.Bar(label: Format.shortMonth($0.month), value: $0.figures.plates) })
        let hitChart = BarChart(
            id: "chart-hits", title: "Hits per month (the four kinds the law lists)",
            summary: "Bar chart of hits by month: "
                + lastYear.map { "\(Format.month($0.month)) \(Format.number($0.figures.statutoryHits))" }.joined(separator: ", ") + ".",
            bars: lastYear.map { BarChart.Bar(label: Format.shortMonth($0.month), value: $0.figures.statutoryHits) })
        let months = lastYear.reversed().map { month -> [String: Any] in
            [
                "month": Format.month(month.month), "href": "log/\(month.month)/", "periods": Format.number(month.periods),
                "reads": Format.number(month.figures.reads), "hits": Format.number(month.figures.statutoryHits),
                "hit_rate": Format.percent(month.figures.statutoryHits, of: month.figures.plates).orAbsent,
                "incomplete": month.periodsWithoutFigures > 0,
            ]
        }

        let databases = portal.sources.filter { $0.isInUse(on: today) }
            .sorted { $0.name.unicodeScalars.lexicographicallyPrecedes($1.name.unicodeScalars) }
            .map { ["name": $0.name, "jurisdiction": $0.jurisdiction.rawValue] }

        let accountability = headline.recentAccountability
        let confirmed = headline.confirmedHits

        var fields: [String: Any] = [
            "recent_searches": Format.number(accountability.totalSearches),
            "recent_searches_shared": Format.number(accountability.forOtherAgencies),
            "recent_hits_all": Format.number(accountability.totalHits),
            "recent_hits_checked": Format.number(accountability.checkedHits),
            "recent_hits_confirmed": Format.number(confirmed),
            "recent_hits_misread": Format.number(accountability.dispositions[.misread] ?? 0),
            "recent_accuracy": Format.percent(confirmed, of: accountability.checkedHits).orAbsent,
            "fixed_readers": Format.count(readers(.fixed), "fixed camera"),
            "portable_readers": Format.count(readers(.portable), "portable trailer"),
            "mobile_readers": Format.count(readers(.mobile), "squad car"),
            "partner_readers": Format.number(partners),
            "has_partner_readers": partners > 0,
            "retention_days": String(portal.configuration.retention.days),
            "databases": databases,
            "recent_from": Format.date(windowStart),
            "recent_to": Format.date(headline.windowEnd),
            "recent_periods": Format.number(headline.recentPeriods),
            "recent_plates": Format.number(totals.plates),
            "recent_reads": Format.number(totals.reads),
            "recent_hits": Format.number(totals.statutoryHits),
            "recent_stolen": Format.number(totals.stolen),
            "recent_warrant": Format.number(totals.warrant),
            "recent_license": Format.number(totals.licenseSuspendedRevoked),
            "recent_investigation": Format.number(totals.activeInvestigation),
            "recent_other": Format.number(totals.other),
            "recent_hit_rate": Format.percent(totals.statutoryHits, of: totals.plates).orAbsent,
            "recent_unknown": unknownRecent > 0 ? Format.number(unknownRecent) : absent,
            "months": Array(months),
            "chart_plates": plateChart.svg,
            "chart_hits": hitChart.svg,
            "request_page": portal.content.pages.first { $0.slug.contains("request") }.map { "\($0.slug)/" }.orAbsent,
        ]
        if let latest = portal.latestAudit {
            fields["last_audit"] = [
                "href": "audits/\(latest.audit.id)/", "completed_on": Format.date(latest.audit.completedOn),
                "outcome": latest.audit.outcome.displayName, "compliant": latest.audit.outcome == .compliant,
                "noncompliant_findings": Format.number(latest.audit.noncompliantFindings),
            ] as [String: Any]
        } else {
            fields["last_audit"] = absent
        }
        if let due = portal.nextAuditDue {
            fields["next_audit"] = ["due_on": Format.date(due), "overdue": due < today] as [String: Any]
        } else {
            fields["next_audit"] = absent
        }
        fields["policy_effective_on"] = portal.currentPolicy.map { Format.date($0.effectiveOn) }.orAbsent
        return Page(path: "index.html", template: "home", title: "License plate readers", section: "home", fields: fields)
    }
}
