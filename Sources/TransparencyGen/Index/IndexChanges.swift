import Foundation
import PublicLog

/// A change the index found in an agency between two of its builds: the feed's entries and the
/// rows of `data/changes.csv`.
struct IndexChange: Sendable, Equatable {
    enum Kind: String, Sendable, CaseIterable {
        /// A newer audit than the last build's (detail: its id).
        case newAudit = "new_audit"
        /// The next audit's due date passed.
        case auditOverdue = "audit_overdue"
        /// An agreement to share data is now in force (detail: the partner's id).
        case agreementStarted = "agreement_started"
        /// An agreement in force at the last build no longer is (detail: the partner's id).
        case agreementEnded = "agreement_ended"
        /// The portal has not been published for more than `PublishedPortal.staleAfterDays`.
        case stale
        /// The portal no longer verifies, or could not be read.
        case failing
    }

    let date: LocalDate
    let agencyID: String
    let kind: Kind
    let detail: String

    /// The order of `changes.csv` and the feed: by date, agency, kind, detail.
    static func precedes(_ a: IndexChange, _ b: IndexChange) -> Bool {
        (a.date.dayNumber, a.agencyID, a.kind.rawValue, a.detail) < (b.date.dayNumber, b.agencyID, b.kind.rawValue, b.detail)
    }
}

/// What an index build knew of each agency, as its tables publish it: the ground of the next
/// build's comparison, read back from the published index before it is replaced.
struct IndexState: Sendable, Equatable {
    struct Agency: Sendable, Equatable {
        var failed = false
        var auditOverdue = false
        var stale = false
        var lastAuditID = ""
        /// The ids of partners whose agreement is in force (`status` `current`).
        var currentPartners: Set<String> = []
    }

    var agencies: [String: Agency]

    /// The state of this build's portals.
    init(portals: [PublishedPortal], today: LocalDate) {
        agencies = Dictionary(uniqueKeysWithValues: portals.map { portal in
            (portal.source.id, Agency(
                failed: portal.status == .failed, auditOverdue: portal.isAuditOverdue(today: today), stale: portal.isStale(today: today),
                lastAuditID: portal.lastAudit?.id ?? "",
                currentPartners: Set(portal.sharing.filter { $0["status"] == SharingAgency.Status.current.rawValue }.compactMap { $0["agency_id"] })))
        })
    }

    init(agencies: [String: Agency]) { self.agencies = agencies }

    /// What changed from `previous` (the last build's state) to this one, dated `date`. An agency
    /// new to the index is news only when it fails, is overdue or is stale; one whose portal
    /// failed last time has no figures to compare, so only its failing is news.
    func changes(since previous: IndexState, on date: LocalDate) -> [IndexChange] {
        var changes: [IndexChange] = []
        for (id, now) in agencies {
            func add(_ kind: IndexChange.Kind, _ detail: String = "") { changes.append(IndexChange(date: date, agencyID: id, kind: kind, detail: detail)) }
            let before = previous.agencies[id]
            if now.failed {
                if before?.failed != true { add(.failing) }
                continue
            }
            if now.auditOverdue, before.map({ $0.failed || !$0.auditOverdue }) ?? true { add(.auditOverdue) }
            if now.stale, before.map({ $0.failed || !$0.stale }) ?? true { add(.stale) }
            guard let before, !before.failed else { continue }
            if !now.lastAuditID.isEmpty, now.lastAuditID != before.lastAuditID { add(.newAudit, now.lastAuditID) }
            for partner in now.currentPartners.subtracting(before.currentPartners) { add(.agreementStarted, partner) }
            for partner in before.currentPartners.subtracting(now.currentPartners) { add(.agreementEnded, partner) }
        }
        return changes.sorted(by: IndexChange.precedes)
    }
}

/// The index as last published in the output folder: its state and its changes so far. Read
/// only after the folder verifies against its own `SHA256SUMS`, so an edited table is refused
/// rather than carried into the next build, and a table that cannot be read stops the build
/// rather than losing the history it holds.
struct PublishedIndex {
    let state: IndexState
    let changes: [IndexChange]

    /// The index published in `output`; nil when none is (a first build).
    static func read(_ output: URL) throws(GeneratorError) -> PublishedIndex? {
        let fm = FileManager.default
        let agenciesFile = output.appendingPathComponent(IndexTables.agencies.path)
        // Nothing was published here yet: a first build. A folder that was published (it has
        // the list of its files, or the marker of the generator's output) is read, whatever is missing from it.
        let published = [agenciesFile, output.appendingPathComponent(Manifest.sumsPath), output.appendingPathComponent(PublicationOutputs.marker)]
        guard published.contains(where: { fm.fileExists(atPath: $0.path) }) else { return nil }
        var verifier = PublishedCopyVerifier(copy: output)
        verifier.acceptsNoPublication = true
        let report = try verifier.verify()
        if let problem = report.problems.first {
            throw GeneratorError(kind: .output, """
                The index published in \(output.path) does not verify (\(problem)), so what it says of the agencies \
                cannot be compared with this build, and its changes cannot be carried on. Restore the folder from a \
                backup, or move it away to start a new index (its history of changes starts again).
                """)
        }
        guard fm.fileExists(atPath: agenciesFile.path) else {
            throw GeneratorError(kind: .output, "The index published in \(output.path) has no \(IndexTables.agencies.path), though it lists its files: what it said of the agencies, and its changes, cannot be carried on. Restore the folder from a backup, or move it away to start a new index (its history of changes starts again).")
        }
        func table(_ path: String, required: Bool) throws(GeneratorError) -> [[String: String]] {
            guard let data = PublishedCopyVerifier.regularFile(output.appendingPathComponent(path)) else {
                if required { throw GeneratorError(kind: .output, "The published index in \(output.path) has no \(path). Restore the folder from a backup, or move it away to start a new index.") }
                return []
            }
            do throws(PortalFormat.Problem) {
                let table = try PortalFormat.table(data, path: path, refusingControlCharacters: false)
                return table.rows.map { Dictionary(zip(table.header, $0), uniquingKeysWith: { first, _ in first }) }
            } catch {
                throw GeneratorError(kind: .output, "The index published in \(output.path) cannot be read: \(error.reason). Restore the folder from a backup, or move it away to start a new index.")
            }
        }
        var agencies: [String: IndexState.Agency] = [:]
        for row in try table(IndexTables.agencies.path, required: true) {
            guard let id = row["agency_id"] else { continue }
            agencies[id] = IndexState.Agency(failed: row["status"] == PublishedPortal.Status.failed.rawValue, auditOverdue: row["audit_overdue"] == "yes")
        }
        for row in try table(IndexTables.details.path, required: false) {
            guard let id = row["agency_id"] else { continue }
            agencies[id]?.stale = row["stale"] == "yes"
            agencies[id]?.lastAuditID = row["last_audit_id"] ?? ""
        }
        for row in try table(IndexTables.sharing.path, required: false) where row["status"] == SharingAgency.Status.current.rawValue {
            guard let id = row["agency_id"], let partner = row["partner_id"] else { continue }
            agencies[id]?.currentPartners.insert(partner)
        }
        var changes: [IndexChange] = []
        for (index, row) in try table(IndexTables.changes.path, required: false).enumerated() {
            guard let date = row["date"].flatMap(LocalDate.init(iso:)), let kind = row["change"].flatMap(IndexChange.Kind.init(rawValue:)),
                  let id = row["agency_id"] else {
                throw GeneratorError(kind: .output, "The published index's \(IndexTables.changes.path) line \(index + 2) is not a change (a date, an agency id, one of \(IndexChange.Kind.allCases.map(\.rawValue).joined(separator: ", "))). Restore the folder from a backup, or move it away to start a new index.")
            }
            changes.append(IndexChange(date: date, agencyID: id, kind: kind, detail: row["detail"] ?? ""))
        }
        return PublishedIndex(state: IndexState(agencies: agencies), changes: changes)
    }
}
