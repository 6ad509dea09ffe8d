import Foundation
import PublicLog

/// An agency's portal as the index reads it: only from its published files, verified as
/// `verify` verifies a copy. A portal that fails keeps its reason and gives no figure.
struct PublishedPortal: Sendable {
    /// How far the index trusts what a portal published (`agencies.csv`'s `status`).
    enum Status: String, Sendable {
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
        return PublishedPortal(
            source: source, status: source.allowedSigners == nil ? .unsigned : .verified, reason: "",
            publishedAt: identity.publishedAt ?? "", asOf: identity.asOf ?? summary.asOf ?? "",
            platesLast30Days: recent.plates.map(String.init) ?? "", searchesLast30Days: recent.searches.map(String.init) ?? "",
            searchesForOtherAgenciesLast30Days: recent.forOtherAgencies.map(String.init) ?? "",
            nextAuditDue: summary.nextAuditDue ?? "", sharing: sharing)
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

    /// `yes` when the next audit was due before `today`, else `no`; empty for a failed portal.
    func auditOverdue(today: LocalDate) -> String {
        guard status != .failed else { return "" }
        return LocalDate(iso: nextAuditDue).map { $0 < today ? "yes" : "no" } ?? "no"
    }
}
