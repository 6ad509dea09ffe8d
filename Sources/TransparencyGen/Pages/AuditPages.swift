import PublicLog

extension SiteRenderer {
    private func auditFields(_ published: PublishedAudit) -> [String: Any] {
        let audit = published.audit
        let submission: String
        let due = ["date": format.date(audit.reportDueOn), "days": format.number(Audit.reportDueDays)]
        switch audit.reportSentOnTime {
        case .some(true): submission = messages(.auditSentOnTime, due)
        case .some(false): submission = messages(.auditSentLate, due)
        case .none: submission = messages(portal.today > audit.reportDueOn ? .auditNotSentOverdue : .auditNotSentDue, due)
        }
        return [
            "id": audit.id, "auditor": audit.auditor,
            "period_start": format.date(audit.periodStart), "period_end": format.date(audit.periodEnd),
            "completed_on": format.date(audit.completedOn), "completed_on_iso": audit.completedOn.description,
            "submitted_on": audit.submittedOn.map(format.date).orAbsent,
            "submission": submission, "submission_late": audit.reportSentOnTime != true,
            "outcome": messages(.outcome(audit.outcome)), "compliant": audit.outcome == .compliant,
            "findings_count": format.number(audit.findings.count),
            "noncompliant_count": format.number(audit.noncompliantFindings),
            "met_count": format.number(audit.findings.count - audit.noncompliantFindings),
            "findings": audit.findings.map { finding -> [String: Any] in
                ["requirement": finding.requirement, "statute": finding.statute, "result": messages(.outcome(finding.result)),
                 "compliant": finding.result == .compliant, "note": finding.note.orAbsent]
            },
            "has_findings": !audit.findings.isEmpty,
            "summary_html": published.summaryHTML,
            // The report is copied once, beside the main language's page of the audit.
            "report_href": published.reportSource.map { source in
                (isMainLanguage ? "" : Self.root(of: folder(of: language) + "audits/\(audit.id)/index.html") + "audits/\(audit.id)/")
                    + source.lastPathComponent
            }.orAbsent,
        ]
    }

    func auditsIndexPage() -> Page {
        var fields: [String: Any] = [
            "audits": portal.content.audits.reversed().map { published -> [String: Any] in
                var fields = auditFields(published)
                fields["href"] = "\(published.audit.id)/"
                return fields
            },
            "has_audits": !portal.content.audits.isEmpty,
        ]
        fields["next_audit"] = portal.nextAuditDue.map { due -> [String: Any] in
            ["due_on": format.date(due), "overdue": due < portal.today]
        }.orAbsent
        return Page(path: "audits/index.html", kind: .audits, title: messages(.auditsTitle), fields: fields)
    }

    func auditPages() -> [Page] {
        portal.content.audits.map { published in
            Page(path: "audits/\(published.audit.id)/index.html", kind: .audit,
                 title: messages(.auditTitle, ["from": String(published.audit.periodStart.year), "to": String(published.audit.periodEnd.year)]),
                 fields: mainLanguageText.merging(["audit": auditFields(published)]) { _, own in own })
        }
    }
}
