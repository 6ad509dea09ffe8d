import PublicLog

/// `data/summary.json`: the headline figures for other sites and tools, keys in a fixed order.
enum SummaryJSON {
    static func text(_ portal: Portal, _ headline: HeadlineFigures) -> String {
        func string(_ value: String?) -> String { value.map(JSONText.string) ?? "null" }
        func window(_ w: FigureWindow) -> String {
            let f = w.figures
            let a = w.accountability
            return "{\"from\": \(string(w.first.description)), \"to\": \(string(w.last.description)), "
                + "\"periods\": \(w.periods), \"periods_not_recorded\": \(w.unknownPeriods), "
                // A span whose every period went unrecorded has unknown figures: null, never 0.
                + PeriodFigure.allCases.map { figure in
                    let unrecorded = w.unknownPeriods + f.unknownPeriods(figure)
                    let value = SumText.isUnrecorded(periods: w.periods, unrecorded: unrecorded) ? "null" : String(f[figure])
                    // A figure added after some periods were recorded says how many of them lack it.
                    return "\"\(figure.name)\": \(value), "
                        + (figure.isInEveryLedgerRecord ? "" : "\"\(figure.name)_periods_not_recorded\": \(f.unknownPeriods(figure)), ")
                }.joined()
                + "\"hit_alerts\": \(a.totalHits), \"hit_alerts_checked\": \(a.checkedHits), "
                + "\"hit_alerts_confirmed\": \(w.confirmedHits), \"searches\": \(a.totalSearches), "
                + "\"searches_for_other_agencies\": \(a.forOtherAgencies)}"
        }
        let audit = portal.latestAudit?.audit
        let lines = [
            "\"agency\": \(string(portal.configuration.agencyName))",
            "\"as_of\": \(string(headline.asOf.description))",
            "\"retention_days\": \(portal.configuration.retention.days)",
            "\"readers_in_service\": {\"fixed\": \(headline.readers(.fixed)), \"portable\": \(headline.readers(.portable)), \"mobile\": \(headline.readers(.mobile)), \"partner_owned\": \(headline.partnerReaders)}",
            "\"last_30_days\": " + window(headline.recent),
            "\"this_year\": " + window(headline.yearToDate),
            "\"all_time\": " + window(headline.allTime),
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
