import Foundation
import PublicLog

/// An agency's portal as the index reads it: only from its published files, verified as
/// `verify` verifies a copy. A portal that fails keeps its reason and gives no figure.
struct PublishedPortal: Sendable {
    /// How far the index trusts what a portal published (`agencies.csv`'s `status`).
    enum Status: String, Sendable, CaseIterable {
        /// Every file matches `SHA256SUMS`, whose signature is good against the source's `allowed_signers`.
        case verified
        /// Every file matches `SHA256SUMS`; the source gave no `allowed_signers` to check a signature against.
        case unsigned
        /// Something does not hold: the reason says what. No figure of it is used.
        case failed
    }

    let source: IndexSource
    let status: Status
    /// Why it failed, in words for the index's readers; empty unless failed.
    let reason: String
    /// `publication.json`'s `published_at`; empty for a portal published before it existed.
    let publishedAt: String
    /// The last whole day its figures count (`publication.json`, else `summary.json`).
    let asOf: String
    /// `summary.json`'s last 30 days, as published (empty when null).
    let platesLast30Days: String
    let searchesLast30Days: String
    let searchesForOtherAgenciesLast30Days: String
    let nextAuditDue: String
    /// The rows of its `data/sharing-agencies.csv`, by column name.
    let sharing: [[String: String]]
    /// Its readers in service of each kind (`summary.json`), where it says.
    var readers: [ReaderKind: Int] = [:]
    /// Hit alerts in its last 30 days, where it says.
    var hitAlertsLast30Days: Int?
    /// Searches in its last 30 days made for agencies of each jurisdiction (its
    /// `searches-by-day.csv`); nil for a portal that publishes no such file.
    var searchesByJurisdiction: [SharingAgency.Jurisdiction: Int]?
    /// Its newest audit, where it has one.
    var lastAudit: Audit?

    /// An audit as the portal's `summary.json` names it.
    struct Audit: Sendable, Equatable {
        let id: String
        let completedOn: LocalDate
        let outcome: AuditResult
    }

    /// Reads and verifies the portal of `source`: its folder, or a download of its address
    /// (trusting `caFile`'s authorities besides the system's), removed once read.
    static func read(_ source: IndexSource, caFile: URL?) -> PublishedPortal {
        switch source.portal {
        case .folder(let folder):
            return read(source, from: folder)
        case .address(let address):
            guard let base = PortalDownload.base(address) else {
                return failed(source, "its portal \(address) is not an https:// address of a site")
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("transparency-gen-index-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try PortalDownload(base: base, caFile: caFile).download(into: folder)
            } catch let failure as PortalDownload.Failure {
                return failed(source, failure.reason)
            } catch {
                return failed(source, "a folder to download it into could not be made (\(error.localizedDescription))")
            }
            return read(source, from: folder)
        }
    }

    private static func read(_ source: IndexSource, from folder: URL) -> PublishedPortal {
        var verifier = PublishedCopyVerifier(copy: folder)
        // A portal published before publication.json existed is read from what it has.
        verifier.acceptsNoPublication = true
        verifier.trustedSigners = source.allowedSigners.map { ($0 + "\n", "the allowed_signers line in \(IndexSources.fileName)") }
        let report: VerificationReport
        // The reasons are published: never the path of the maintainer's folder.
        func mentioningNoPath(_ text: String) -> String {
            [folder.path, folder.standardizedFileURL.path, folder.resolvingSymlinksInPath().path].reduce(text) {
                $0.replacingOccurrences(of: $1, with: "its folder")
            }
        }
        do {
            report = try verifier.verify()
        } catch {
            // The first sentence says what is wrong; the rest is advice for the portal's own staff.
            let what = mentioningNoPath(error.message).components(separatedBy: ". ").first ?? ""
            return failed(source, "it cannot be read as a published portal (\(what.hasSuffix(".") ? String(what.dropLast()) : what))")
        }
        guard report.isValid else {
            let more = report.problems.count > 1 ? " (and \(report.problems.count - 1) more)" : ""
            return failed(source, "it does not verify: \(mentioningNoPath(report.problems[0]))\(more)")
        }
        // What the index publishes of a portal must be what the portal's own format allows
        // (`PortalFormat`): anything else fails the portal, with the reason.
        do throws(PortalFormat.Problem) {
            return try figures(source, folder: folder)
        } catch {
            return failed(source, error.reason)
        }
    }

    /// The figures of a portal that verified, each checked against the portal's format.
    private static func figures(_ source: IndexSource, folder: URL) throws(PortalFormat.Problem) -> PublishedPortal {
        guard let summaryData = PublishedCopyVerifier.regularFile(folder.appendingPathComponent(DataFiles.summary.path)) else {
            throw PortalFormat.Problem(reason: "it has no \(DataFiles.summary.path)")
        }
        try PortalFormat.checkSummary(summaryData)
        guard let summary = PublishedSummary.decoding(summaryData), let recent = summary.last30Days else {
            throw PortalFormat.Problem(reason: "its \(DataFiles.summary.path) is missing or has no last_30_days")
        }
        let identity = PublishedCopyVerifier.Identity.of(folder)
        if let asOf = identity.asOf, LocalDate(iso: asOf) == nil {
            throw PortalFormat.Problem(reason: "its as_of is \(PublishedCopyVerifier.shown(asOf)), which is not a date (YYYY-MM-DD)")
        }
        if let published = identity.publishedAt, Instant(iso: published) == nil {
            throw PortalFormat.Problem(reason: "its published_at is \(PublishedCopyVerifier.shown(published)), which is not a moment (YYYY-MM-DDTHH:MM:SSZ)")
        }
        var portal = PublishedPortal(
            source: source, status: source.allowedSigners == nil ? .unsigned : .verified, reason: "",
            publishedAt: identity.publishedAt ?? "", asOf: identity.asOf ?? summary.asOf ?? "",
            platesLast30Days: recent.plates.map(String.init) ?? "", searchesLast30Days: recent.searches.map(String.init) ?? "",
            searchesForOtherAgenciesLast30Days: recent.forOtherAgencies.map(String.init) ?? "",
            nextAuditDue: summary.nextAuditDue ?? "", sharing: try sharingRows(folder))
        let readers = [(ReaderKind.fixed, summary.readersInService?.fixed), (.portable, summary.readersInService?.portable),
                       (.mobile, summary.readersInService?.mobile)]
        portal.readers = Dictionary(uniqueKeysWithValues: readers.compactMap { kind, count in count.map { (kind, $0) } })
        portal.hitAlertsLast30Days = recent.hitAlerts
        // checkSummary has made sure a last audit has all three.
        if let audit = summary.lastAudit, let id = audit.auditID, let completed = audit.completedOn.flatMap(LocalDate.init(iso:)),
           let outcome = audit.outcome.flatMap(AuditResult.init(rawValue:)) {
            portal.lastAudit = Audit(id: id, completedOn: completed, outcome: outcome)
        }
        if let from = recent.from.flatMap(LocalDate.init(iso:)), let to = recent.to.flatMap(LocalDate.init(iso:)) {
            portal.searchesByJurisdiction = try searchesByJurisdiction(folder, from: from, through: to)
        }
        return portal
    }

    /// Searches from `from` through `through` made for agencies of each jurisdiction, from the
    /// portal's `searches-by-day.csv`; nil when it publishes none (an older portal), a failure
    /// when a row is not of the file's format.
    static func searchesByJurisdiction(_ folder: URL, from: LocalDate, through: LocalDate)
        throws(PortalFormat.Problem) -> [SharingAgency.Jurisdiction: Int]? {
        let path = DataFiles.searchesByDay.path
        guard let data = PublishedCopyVerifier.regularFile(folder.appendingPathComponent(path)) else { return nil }
        let table = try PortalFormat.table(data, path: path)
        let header = table.header
        guard let date = header.firstIndex(of: "date"), let jurisdiction = header.firstIndex(of: "jurisdiction"),
              let searches = header.firstIndex(of: "searches") else {
            throw PortalFormat.Problem(reason: "its \(path) has no columns date, jurisdiction and searches")
        }
        var counts: [SharingAgency.Jurisdiction: Int] = [:]
        for (index, row) in table.rows.enumerated() {
            let line = index + 2
            guard let day = LocalDate(iso: row[date]), PortalFormat.isCount(row[searches]), let count = Int(row[searches]) else {
                throw PortalFormat.Problem(reason: "its \(path) line \(line) has a date or a count that is not one")
            }
            guard row[jurisdiction].isEmpty || SharingAgency.Jurisdiction(rawValue: row[jurisdiction]) != nil else {
                throw PortalFormat.Problem(reason: "its \(path) line \(line) names a jurisdiction that is not one of \(SharingAgency.Jurisdiction.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard day >= from, day <= through, let kind = SharingAgency.Jurisdiction(rawValue: row[jurisdiction]) else { continue }
            counts[kind, default: 0] += count
        }
        return counts
    }

    /// The columns of `sharing-agencies.csv` the index publishes.
    static let sharingColumns = ["agency_id", "name", "jurisdiction", "status", "searches"]

    /// The rows of a portal's `sharing-agencies.csv` by column; a file without the columns the
    /// index needs, a row of another width or a count that is not one is a reason to fail the portal.
    static func sharingRows(_ folder: URL) throws(PortalFormat.Problem) -> [[String: String]] {
        let path = DataFiles.sharingAgencies.path
        guard let data = PublishedCopyVerifier.regularFile(folder.appendingPathComponent(path)) else {
            throw PortalFormat.Problem(reason: "it has no \(path)")
        }
        let table = try PortalFormat.table(data, path: path)
        if let missing = sharingColumns.first(where: { !table.header.contains($0) }) {
            throw PortalFormat.Problem(reason: "its \(path) has no column \(missing)")
        }
        var named: [[String: String]] = []
        var ids: Set<String> = []
        for (index, row) in table.rows.enumerated() {
            let line = index + 2
            let values = Dictionary(zip(table.header, row), uniquingKeysWith: { a, _ in a })
            guard let id = values["agency_id"], !id.isEmpty, let name = values["name"], !name.isEmpty else {
                throw PortalFormat.Problem(reason: "its \(path) line \(line) has no agency_id or no name")
            }
            guard ids.insert(id).inserted else {
                throw PortalFormat.Problem(reason: "its \(path) line \(line) lists the agency \(PublishedCopyVerifier.shown(id)) a second time")
            }
            guard values["jurisdiction"].flatMap(SharingAgency.Jurisdiction.init(rawValue:)) != nil,
                  values["status"].flatMap(SharingAgency.Status.init(rawValue:)) != nil else {
                throw PortalFormat.Problem(reason: "its \(path) line \(line) gives a jurisdiction or a status that is not one of the format's codes")
            }
            guard let searches = values["searches"], PortalFormat.isCount(searches) else {
                throw PortalFormat.Problem(reason: "its \(path) line \(line) gives searches that are not a count")
            }
            named.append(values)
        }
        return named
    }

    private static func failed(_ source: IndexSource, _ reason: String) -> PublishedPortal {
        PublishedPortal(source: source, status: .failed, reason: reason, publishedAt: "", asOf: "", platesLast30Days: "",
                        searchesLast30Days: "", searchesForOtherAgenciesLast30Days: "", nextAuditDue: "", sharing: [])
    }

    /// A portal not published for longer than this is stale: the index marks it, and says so in its feed.
    static let staleAfterDays = 45

    /// The day it was last published: `published_at`'s (UTC) day, else the day its figures are
    /// as of (a portal published before `publication.json` existed); nil for a failed portal.
    var lastPublishedOn: LocalDate? {
        LocalDate(iso: String(publishedAt.prefix(10))) ?? LocalDate(iso: asOf)
    }

    /// True when it was last published more than `staleAfterDays` before `today`.
    func isStale(today: LocalDate) -> Bool {
        guard status != .failed, let last = lastPublishedOn else { return false }
        return today.dayNumber - last.dayNumber > Self.staleAfterDays
    }

    /// True when its next audit was due before `today` (`audit_overdue` is `yes`).
    func isAuditOverdue(today: LocalDate) -> Bool { auditOverdue(today: today) == "yes" }

    /// `yes` when the next audit was due before `today`, else `no`; empty for a failed portal.
    func auditOverdue(today: LocalDate) -> String {
        guard status != .failed else { return "" }
        return LocalDate(iso: nextAuditDue).map { $0 < today ? "yes" : "no" } ?? "no"
    }
}
