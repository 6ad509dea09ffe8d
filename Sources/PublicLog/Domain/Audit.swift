/// The result of an audit or of one of its findings.
public enum AuditResult: String, Sendable, CaseIterable {
    case compliant, noncompliant
}

/// One tested requirement of an audit (a row of the auditor's control table).
public struct AuditFinding: Sendable, Equatable {
    public let requirement: String
    /// The statute tested, e.g. `13.824 subd. 3`.
    public let statute: String
    public let result: AuditResult
    public let note: String?

    public init(requirement: String, statute: String, result: AuditResult, note: String?) {
        self.requirement = requirement
        self.statute = statute
        self.result = result
        self.note = note
    }
}

/// A biennial independent audit (13.824 subd. 6) and its public results.
public struct Audit: Sendable, Equatable {
    /// Reports are due to the Commissioner and the Legislature within this many days of completion.
    public static let reportDueDays = 30
    /// Audits are biennial: the next is due this many years after the last was completed.
    public static let intervalYears = 2

    public let id: String
    public let auditor: String
    public let periodStart: LocalDate
    public let periodEnd: LocalDate
    public let completedOn: LocalDate
    /// When the report went to the Commissioner of Administration and the Legislature; nil until sent.
    public let submittedOn: LocalDate?
    public let outcome: AuditResult
    public let findings: [AuditFinding]
    /// File name of the full report beside the audit's Markdown, if attached.
    public let reportFile: String?

    public init(id: String, auditor: String, periodStart: LocalDate, periodEnd: LocalDate, completedOn: LocalDate,
                submittedOn: LocalDate?, outcome: AuditResult, findings: [AuditFinding], reportFile: String?) {
        self.id = id
        self.auditor = auditor
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.completedOn = completedOn
        self.submittedOn = submittedOn
        self.outcome = outcome
        self.findings = findings
        self.reportFile = reportFile
    }

    public var reportDueOn: LocalDate { completedOn.adding(days: Self.reportDueDays) }

    public var noncompliantFindings: Int { findings.filter { $0.result == .noncompliant }.count }

    /// True when the report was sent within 30 days of completion.
    public var reportSentOnTime: Bool? {
        submittedOn.map { $0 <= reportDueOn }
    }
}

/// One version of the agency's written ALPR policy (Minn. Stat. 626.8472).
public struct PolicyVersion: Sendable, Equatable {
    public let id: String
    public let title: String
    public let effectiveOn: LocalDate
    /// The body, already rendered to safe HTML.
    public let html: String

    public init(id: String, title: String, effectiveOn: LocalDate, html: String) {
        self.id = id
        self.title = title
        self.effectiveOn = effectiveOn
        self.html = html
    }

    /// The version in effect on `date`: the newest whose effective date has come.
    public static func current(of versions: [PolicyVersion], on date: LocalDate) -> PolicyVersion? {
        versions.filter { $0.effectiveOn <= date }.max { ($0.effectiveOn, $0.id) < ($1.effectiveOn, $1.id) }
    }
}
