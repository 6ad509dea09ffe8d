import PublicLog

extension SiteRenderer {
    /// The report a council member prints for a meeting: one Letter sheet or two with the year
    /// table, the figures of the last 30 days, the last audit, the policy, the readers and what
    /// the latest publication changed. Every link on it is also written out as an address.
    func reportPage(_ headline: HeadlineFigures) -> Page {
        let root = "../"
        // On paper a relative link is no address at all: with base_url the report writes out full ones.
        func printed(_ path: String) -> Any { portal.configuration.baseURL.map { $0 + path }.orAbsent }
        var fields = figureTables(headline)
        fields.merge([
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
}
