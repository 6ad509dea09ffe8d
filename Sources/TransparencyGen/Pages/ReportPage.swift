import PublicLog

extension SiteRenderer {
    /// The report a council member prints for a meeting, on at most three Letter sheets: the
    /// year table, the last 30 days, the last 13 months, what hits turned out to be, why stored
    /// data were searched and for which agencies, the last audit, the policy, the readers in
    /// service and what the latest publication changed. Every link on it is also written out.
    func reportPage(_ headline: HeadlineFigures) -> Page {
        let root = "../"
        // On paper a link is no address at all: the report writes each one out, in full with
        // base_url, else as its path on the portal (`check` asks for base_url).
        func printed(_ path: String) -> String { (portal.configuration.baseURL ?? "/") + path }
        let windows = figureWindows(headline)
        let allTime = portal.searchesAllTime, recent = headline.recent.accountability.searches
        var fields = figureTables(headline).merging(purposeAndSharingFields(windows, allTime: allTime, recent: recent)) { own, _ in own }
        fields["scope_rows"] = searchScopeSummaryRows(windows)
        fields.merge([
            "report_months": reportMonths(),
            "disposition_rows": HitDisposition.allCases.map { disposition in
                figureRow(messages(.disposition(disposition)), windows) { format.number($0.accountability.dispositions[disposition] ?? 0) }
            },
            "disposition_total": figureRow(messages(.rowHitAlerts), windows) { format.number($0.accountability.totalHits) },
            "searches_href": "\(root)\(Section.searches.href)", "searches_printed": printed(Section.searches.href),
            "locations_href": "\(root)\(Section.locations.href)", "locations_printed": printed(Section.locations.href),
            "reader_list": readersInService(),
            "readers": ReaderKind.allCases.compactMap { kind -> [String: Any]? in
                let count = headline.readers(kind)
                return count == 0 ? nil : ["label": messages(.readerKind(kind)), "count": format.number(count)]
            },
            "partner_readers": headline.partnerReaders > 0 ? format.number(headline.partnerReaders) : absent,
            "latest_publication": latestPublication.orAbsent,
        ]) { _, own in own }
        if let latest = portal.latestAudit {
            let audit = latest.audit
            fields["last_audit"] = [
                "completed_on": format.date(audit.completedOn), "completed_year": String(audit.completedOn.year), "auditor": audit.auditor,
                "period": messages(.dateSpan, ["from": format.date(audit.periodStart), "to": format.date(audit.periodEnd)]),
                "outcome": messages(.outcome(audit.outcome)), "compliant": audit.outcome == .compliant,
                "findings": format.number(audit.findings.count),
                "not_met": audit.findings.filter { $0.result == .noncompliant }.map { finding -> [String: Any] in
                    ["requirement_html": inContentLanguage(finding.requirement), "statute": finding.statute, "note_html": finding.note.map(inContentLanguage).orAbsent]
                },
                "has_not_met": audit.noncompliantFindings > 0,
                "href": "\(root)audits/\(audit.id)/", "printed": printed("audits/\(audit.id)/"),
                "next_due": portal.nextAuditDue.map(format.date).orAbsent,
            ] as [String: Any]
        } else {
            fields["last_audit"] = absent
        }
        if let policy = portal.currentPolicy {
            fields["policy"] = ["title": policy.title, "effective_on": format.date(policy.effectiveOn), "href": "\(root)policy/", "printed": printed("policy/")]
        } else {
            fields["policy"] = absent
        }
        return Page(path: "\(Section.report.rawValue)/index.html", kind: .report, title: messages(.section(.report)), fields: fields)
    }

    /// The last 13 months, newest first: use of the readers, hits and searches, each month a row
    /// and the 13 added up at the foot.
    private func reportMonths() -> [String: Any] {
        let accountability = Dictionary(MonthlyAccountability.months(portal).map { ($0.month, $0) }, uniquingKeysWith: { a, _ in a })
        let log = Dictionary(months.map { ($0.month, $0) }, uniquingKeysWith: { a, _ in a })
        var shown: [YearMonth] = []
        var month = portal.asOf.yearMonth
        for _ in 0..<13 {
            shown.append(month)
            month = month.previous
        }
        let first = [log.keys.min(), accountability.keys.min()].compactMap { $0 }.min() ?? portal.asOf.yearMonth
        shown = shown.filter { $0 >= first }
        func row(_ summary: MonthlySummary, _ checks: MonthlyAccountability) -> [String: Any] {
            var fields = monthRow(summary, href: nil)
            fields["alerts"] = format.number(checks.totalHits)
            fields["confirmed"] = format.number(checks.dispositions[.confirmed] ?? 0)
            fields["searches"] = format.number(checks.totalSearches)
            fields["for_others"] = format.number(checks.forOtherAgencies)
            return fields
        }
        let summaries = shown.map { log[$0] ?? MonthlySummary(month: $0) }
        let checks = shown.map { accountability[$0] ?? MonthlyAccountability(month: $0) }
        var total = MonthlyAccountability(month: shown.last ?? first)
        for month in checks {
            total.searches += month.searches
            for (disposition, n) in month.dispositions { total.dispositions[disposition, default: 0] += n }
        }
        return [
            "rows": zip(summaries, checks).map(row),
            "total": row(MonthlySummary.total(summaries), total),
            "count": format.number(shown.count),
        ]
    }

    /// Each reader in service today, by kind and name, with where it stands when that is public.
    private func readersInService() -> [[String: Any]] {
        let unpublished = Set(portal.readersWithUnpublishedLocation.map(\.id))
        return portal.readers.filter { $0.isInService(on: portal.today) }
            .sorted { ($0.kind, $0.label, $0.id) < ($1.kind, $1.label, $1.id) }
            .map { reader -> [String: Any] in
                let place = portal.placements.last { $0.readerID == reader.id && $0.isInEffect(on: portal.today) }
                return [
                    "label": reader.label, "kind": messages(.readerKind(reader.kind)), "partner": reader.operator == .partner,
                    "location": place.map(\.description).orAbsent, "unpublished": unpublished.contains(reader.id),
                ]
            }
    }
}
