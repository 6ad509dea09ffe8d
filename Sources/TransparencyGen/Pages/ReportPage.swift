import PublicLog

extension SiteRenderer {
    /// The report a council member prints for a meeting, on at most three Letter sheets: the
    /// year table, the last 30 days, the last 13 months, what hits turned out to be, why stored
    /// data were searched and for which agencies, the last audit, the policy, the readers in
    /// service and what the latest publication changed. Every link on it is also written out.
    struct NotMetFinding: PageData {
        let requirementHtml: String
        let statute: String
        let noteHtml: String?
    }

    struct ReportAudit: PageData {
        let completedOn: String
        let completedYear: String
        let auditor: String
        let period: String
        let outcome: String
        let compliant: Bool
        let findings: String
        let notMet: [NotMetFinding]
        let hasNotMet: Bool
        let href: String
        let printed: String
        let nextDue: String?
    }

    struct ReportPolicy: PageData {
        let title: String
        let effectiveOn: String
        let href: String
        let printed: String
    }

    struct ReaderKindCount: PageData {
        let label: String
        let count: String
    }

    struct ReaderInService: PageData {
        let label: String
        let kind: String
        let partner: Bool
        let location: String?
        let unpublished: Bool
    }

    struct ReportMonths: PageData {
        let rows: [MonthRow]
        let total: MonthRow
        let count: String
    }

    struct ReportPageData: PageData {
        let scopeRows: [FigureRow]
        let reportMonths: ReportMonths
        let dispositionRows: [FigureRow]
        let dispositionTotal: FigureRow
        let searchesHref: String
        let searchesPrinted: String
        let locationsHref: String
        let locationsPrinted: String
        let readerList: [ReaderInService]
        let readers: [ReaderKindCount]
        let partnerReaders: String?
        let latestPublication: LatestPublication?
        let lastAudit: ReportAudit?
        let policy: ReportPolicy?
    }

    func reportPage(_ headline: HeadlineFigures) -> Page {
        let root = "../"
        // On paper a link is no address at all: the report writes each one out, in full with
        // base_url, else as its path on the portal (`check` asks for base_url).
        func printed(_ path: String) -> String { (portal.configuration.baseURL ?? "/") + path }
        let windows = figureWindows(headline)
        let allTime = portal.searchesAllTime, recent = headline.recent.accountability.searches
        let data = ReportPageData(
            scopeRows: searchScopeSummaryRows(windows),
            reportMonths: reportMonths(),
            dispositionRows: HitDisposition.allCases.map { disposition in
                figureRow(messages(.disposition(disposition)), windows) { format.number($0.accountability.dispositions[disposition] ?? 0) }
            },
            dispositionTotal: figureRow(messages(.rowHitAlerts), windows) { format.number($0.accountability.totalHits) },
            searchesHref: "\(root)\(Section.searches.href)", searchesPrinted: printed(Section.searches.href),
            locationsHref: "\(root)\(Section.locations.href)", locationsPrinted: printed(Section.locations.href),
            readerList: readersInService(),
            readers: ReaderKind.allCases.compactMap { kind in
                let count = headline.readers(kind)
                return count == 0 ? nil : ReaderKindCount(label: messages(.readerKind(kind)), count: format.number(count))
            },
            partnerReaders: headline.partnerReaders > 0 ? format.number(headline.partnerReaders) : nil,
            latestPublication: latestPublication,
            lastAudit: portal.latestAudit.map { latest in
                let audit = latest.audit
                return ReportAudit(
                    completedOn: format.date(audit.completedOn), completedYear: String(audit.completedOn.year), auditor: audit.auditor,
                    period: messages(.dateSpan, ["from": format.date(audit.periodStart), "to": format.date(audit.periodEnd)]),
                    outcome: messages(.outcome(audit.outcome)), compliant: audit.outcome == .compliant,
                    findings: format.number(audit.findings.count),
                    notMet: audit.findings.filter { $0.result == .noncompliant }.map { finding in
                        NotMetFinding(requirementHtml: inContentLanguage(finding.requirement), statute: finding.statute,
                                      noteHtml: finding.note.map(inContentLanguage))
                    },
                    hasNotMet: audit.noncompliantFindings > 0,
                    href: "\(root)audits/\(audit.id)/", printed: printed("audits/\(audit.id)/"),
                    nextDue: portal.nextAuditDue.map(format.date))
            },
            policy: portal.currentPolicy.map { policy in
                ReportPolicy(title: policy.title, effectiveOn: format.date(policy.effectiveOn), href: "\(root)policy/", printed: printed("policy/"))
            })
        return Page(path: "\(Section.report.rawValue)/index.html", kind: .report, title: messages(.section(.report)),
                    parts: [figureTables(headline), purposeAndSharing(windows, allTime: allTime, recent: recent), data])
    }

    /// The last 13 months, newest first: use of the readers, hits and searches, each month a row
    /// and the 13 added up at the foot.
    private func reportMonths() -> ReportMonths {
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
        func row(_ summary: MonthlySummary, _ checks: MonthlyAccountability) -> MonthRow {
            var row = monthRow(summary, href: nil)
            row.alerts = format.number(checks.totalHits)
            row.confirmed = format.number(checks.dispositions[.confirmed] ?? 0)
            row.searches = format.number(checks.totalSearches)
            row.forOthers = format.number(checks.forOtherAgencies)
            return row
        }
        let summaries = shown.map { log[$0] ?? MonthlySummary(month: $0) }
        let checks = shown.map { accountability[$0] ?? MonthlyAccountability(month: $0) }
        var total = MonthlyAccountability(month: shown.last ?? first)
        for month in checks {
            total.searches += month.searches
            for (disposition, n) in month.dispositions { total.dispositions[disposition, default: 0] += n }
        }
        return ReportMonths(rows: zip(summaries, checks).map(row), total: row(MonthlySummary.total(summaries), total), count: format.number(shown.count))
    }

    /// Each reader in service today, by kind and name, with where it stands when that is public.
    private func readersInService() -> [ReaderInService] {
        let unpublished = Set(portal.readersWithUnpublishedLocation.map(\.id))
        return portal.readers.filter { $0.isInService(on: portal.today) }
            .sorted { ($0.kind, $0.label, $0.id) < ($1.kind, $1.label, $1.id) }
            .map { reader in
                let place = portal.placements.last { $0.readerID == reader.id && $0.isInEffect(on: portal.today) }
                return ReaderInService(label: reader.label, kind: messages(.readerKind(reader.kind)), partner: reader.operator == .partner,
                                       location: place.map(\.description), unpublished: unpublished.contains(reader.id))
            }
    }
}
