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
        do {
            report = try verifier.verify()
        } catch {
            return failed(source, error.message)
        }
        guard report.isValid else {
            let more = report.problems.count > 1 ? " (and \(report.problems.count - 1) more)" : ""
            return failed(source, "it does not verify: \(report.problems[0])\(more)")
        }
        guard let summary = PublishedSummary.of(folder), let recent = summary.last30Days else {
            return failed(source, "its \(DataFiles.summary.path) is missing or has no last_30_days")
        }
        let identity = PublishedCopyVerifier.Identity.of(folder)
        // What the index publishes of a portal must be what the portal's own format allows: a
        // count, a date, a row of the right width. Anything else fails the portal, with the reason.
        let counts = [("plates", recent.plates), ("searches", recent.searches), ("searches_for_other_agencies", recent.forOtherAgencies)]
        if let (name, _) = counts.first(where: { ($0.1 ?? 0) < 0 }) {
            return failed(source, "its \(DataFiles.summary.path) gives a negative count of \(name)")
        }
        for (name, value) in [("next_audit_due", summary.nextAuditDue), ("as_of", identity.asOf ?? summary.asOf)] {
            if let value, LocalDate(iso: value) == nil {
                return failed(source, "its \(name) is \(PublishedCopyVerifier.shown(value)), which is not a date (YYYY-MM-DD)")
            }
        }
        if let published = identity.publishedAt, Instant(iso: published) == nil {
            return failed(source, "its published_at is \(PublishedCopyVerifier.shown(published)), which is not a moment (YYYY-MM-DDTHH:MM:SSZ)")
        }
        let sharing: [[String: String]]
        switch sharingRows(folder) {
        case .success(let rows): sharing = rows
        case .failure(let failure): return failed(source, failure.reason)
        }
        var portal = PublishedPortal(
            source: source, status: source.allowedSigners == nil ? .unsigned : .verified, reason: "",
            publishedAt: identity.publishedAt ?? "", asOf: identity.asOf ?? summary.asOf ?? "",
            platesLast30Days: recent.plates.map(String.init) ?? "", searchesLast30Days: recent.searches.map(String.init) ?? "",
            searchesForOtherAgenciesLast30Days: recent.forOtherAgencies.map(String.init) ?? "",
            nextAuditDue: summary.nextAuditDue ?? "", sharing: sharing)
        let readers = [(ReaderKind.fixed, summary.readersInService?.fixed), (.portable, summary.readersInService?.portable),
                       (.mobile, summary.readersInService?.mobile)]
        if let (kind, _) = readers.first(where: { ($0.1 ?? 0) < 0 }) {
            return failed(source, "its \(DataFiles.summary.path) gives a negative count of \(kind.rawValue) readers")
        }
        portal.readers = Dictionary(uniqueKeysWithValues: readers.compactMap { kind, count in count.map { (kind, $0) } })
        if let hits = recent.hitAlerts, hits < 0 {
            return failed(source, "its \(DataFiles.summary.path) gives a negative count of hit_alerts")
        }
        portal.hitAlertsLast30Days = recent.hitAlerts
        if let audit = summary.lastAudit {
            guard let id = audit.auditID, let completed = audit.completedOn.flatMap(LocalDate.init(iso:)),
                  let outcome = audit.outcome.flatMap(AuditResult.init(rawValue:)) else {
                return failed(source, "its \(DataFiles.summary.path) names a last audit without an id, a completion date (YYYY-MM-DD) and an outcome (compliant or noncompliant)")
            }
            portal.lastAudit = Audit(id: id, completedOn: completed, outcome: outcome)
        }
        if let from = recent.from.flatMap(LocalDate.init(iso:)), let to = recent.to.flatMap(LocalDate.init(iso:)) {
            switch searchesByJurisdiction(folder, from: from, through: to) {
            case .success(let counts): portal.searchesByJurisdiction = counts
            case .failure(let failure): return failed(source, failure.reason)
            }
        }
        return portal
    }

    /// Searches from `from` through `through` made for agencies of each jurisdiction, from the
    /// portal's `searches-by-day.csv`; nil when it publishes none (an older portal), a failure
    /// when a row is not of the file's format.
    static func searchesByJurisdiction(_ folder: URL, from: LocalDate, through: LocalDate)
        -> Result<[SharingAgency.Jurisdiction: Int]?, Unreadable> {
        let path = DataFiles.searchesByDay.path
        guard let data = PublishedCopyVerifier.regularFile(folder.appendingPathComponent(path)) else { return .success(nil) }
        let rows = PublishedCopyVerifier.csvRows(data)
        let header = rows.first.map { $0.map { String(decoding: $0, as: UTF8.self) } } ?? []
        guard let date = header.firstIndex(of: "date"), let jurisdiction = header.firstIndex(of: "jurisdiction"),
              let searches = header.firstIndex(of: "searches") else {
            return .failure(Unreadable(reason: "its \(path) has no columns date, jurisdiction and searches"))
        }
        var counts: [SharingAgency.Jurisdiction: Int] = [:]
        for (index, row) in rows.dropFirst().enumerated() {
            let line = index + 2
            guard row.count == header.count else {
                return .failure(Unreadable(reason: "its \(path) line \(line) has \(row.count) fields, not \(header.count)"))
            }
            let field = { (column: Int) in String(decoding: row[column], as: UTF8.self) }
            guard let day = LocalDate(iso: field(date)), let count = Int(field(searches)), count >= 0,
                  field(searches).allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return .failure(Unreadable(reason: "its \(path) line \(line) has a date or a count that is not one"))
            }
            guard day >= from, day <= through, !field(jurisdiction).isEmpty else { continue }
            guard let kind = SharingAgency.Jurisdiction(rawValue: field(jurisdiction)) else {
                return .failure(Unreadable(reason: "its \(path) line \(line) names a jurisdiction that is not one of \(SharingAgency.Jurisdiction.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            counts[kind, default: 0] += count
        }
        return .success(counts)
    }

    struct Unreadable: Error {
        let reason: String
    }

    /// The columns of `sharing-agencies.csv` the index publishes.
    static let sharingColumns = ["agency_id", "name", "jurisdiction", "status", "searches"]

    /// The rows of a portal's `sharing-agencies.csv` by column; a file without the columns the
    /// index needs, a row of another width or a count that is not one is a reason to fail the portal.
    static func sharingRows(_ folder: URL) -> Result<[[String: String]], Unreadable> {
        let path = DataFiles.sharingAgencies.path
        guard let data = PublishedCopyVerifier.regularFile(folder.appendingPathComponent(path)) else {
            return .failure(Unreadable(reason: "it has no \(path)"))
        }
        let rows = PublishedCopyVerifier.csvRows(data)
        let header = rows.first.map { $0.map { String(decoding: $0, as: UTF8.self) } } ?? []
        if let missing = sharingColumns.first(where: { !header.contains($0) }) {
            return .failure(Unreadable(reason: "its \(path) has no column \(missing)"))
        }
        var named: [[String: String]] = []
        for (index, row) in rows.dropFirst().enumerated() {
            guard row.count == header.count else {
                return .failure(Unreadable(reason: "its \(path) line \(index + 2) has \(row.count) fields, not \(header.count)"))
            }
            let values = Dictionary(zip(header, row.map { String(decoding: $0, as: UTF8.self) }), uniquingKeysWith: { a, _ in a })
            guard let searches = values["searches"], !searches.isEmpty, searches.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return .failure(Unreadable(reason: "its \(path) line \(index + 2) gives searches that are not a count"))
            }
            named.append(values)
        }
        return .success(named)
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
