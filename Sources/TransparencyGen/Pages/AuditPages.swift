import PublicLog

extension SiteRenderer {
    struct FindingLine: PageData {
        let requirement: String
        let statute: String
        let result: String
        let compliant: Bool
        let note: String?
    }

    struct AuditData: PageData {
        let id: String
        let auditor: String
        let periodStart: String
        let periodEnd: String
        let completedOn: String
        let completedOnIso: String
        let submittedOn: String?
        let submission: String
        let submissionLate: Bool
        let outcome: String
        let compliant: Bool
        let findingsCount: String
        let noncompliantCount: String
        let metCount: String
        let findings: [FindingLine]
        let hasFindings: Bool
        let summaryHtml: String
        let reportHref: String?
        /// Its page, from the list of audits; nil on the audit's own page.
        var href: String?
    }

    struct NextAudit: PageData {
        let dueOn: String
        let overdue: Bool
    }

    struct AuditsPageData: PageData {
        let audits: [AuditData]
        let hasAudits: Bool
        let nextAudit: NextAudit?
    }

    struct AuditPageData: PageData {
        let audit: AuditData
        let contentLang: String?
        let mainLanguageName: String?
    }

    private func auditData(_ published: PublishedAudit) -> AuditData {
        let audit = published.audit
        let submission: String
        let due = ["date": format.date(audit.reportDueOn), "days": format.number(Audit.reportDueDays)]
        switch audit.reportSentOnTime {
        case .some(true): submission = messages(.auditSentOnTime, due)
        case .some(false): submission = messages(.auditSentLate, due)
        case .none: submission = messages(portal.today > audit.reportDueOn ? .auditNotSentOverdue : .auditNotSentDue, due)
        }
        return AuditData(
            id: audit.id, auditor: audit.auditor, periodStart: format.date(audit.periodStart), periodEnd: format.date(audit.periodEnd),
            completedOn: format.date(audit.completedOn), completedOnIso: audit.completedOn.description,
            submittedOn: audit.submittedOn.map(format.date), submission: submission, submissionLate: audit.reportSentOnTime != true,
            outcome: messages(.outcome(audit.outcome)), compliant: audit.outcome == .compliant,
            findingsCount: format.number(audit.findings.count), noncompliantCount: format.number(audit.noncompliantFindings),
            metCount: format.number(audit.findings.count - audit.noncompliantFindings),
            findings: audit.findings.map { finding in
                FindingLine(requirement: finding.requirement, statute: finding.statute, result: messages(.outcome(finding.result)),
                            compliant: finding.result == .compliant, note: finding.note)
            },
            hasFindings: !audit.findings.isEmpty, summaryHtml: published.summaryHTML,
            // The report is copied once, beside the main language's page of the audit.
            reportHref: published.reportSource.map { source in
                (isMainLanguage ? "" : Self.root(of: folder(of: language) + "audits/\(audit.id)/index.html") + "audits/\(audit.id)/")
                    + source.lastPathComponent
            })
    }

    func auditsIndexPage() -> Page {
        let audits = portal.content.audits.reversed().map { published in
            var data = auditData(published)
            data.href = "\(published.audit.id)/"
            return data
        }
        return Page(path: "audits/index.html", kind: .audits, title: messages(.auditsTitle), data: AuditsPageData(
            audits: audits, hasAudits: !audits.isEmpty,
            nextAudit: portal.nextAuditDue.map { NextAudit(dueOn: format.date($0), overdue: $0 < portal.today) }))
    }

    func auditPages() -> [Page] {
        portal.content.audits.map { published in
            let mark = mainLanguageText
            return Page(path: "audits/\(published.audit.id)/index.html", kind: .audit,
                        title: messages(.auditTitle, ["from": String(published.audit.periodStart.year), "to": String(published.audit.periodEnd.year)]),
                        data: AuditPageData(audit: auditData(published), contentLang: mark.contentLang, mainLanguageName: mark.mainLanguageName))
        }
    }
}
