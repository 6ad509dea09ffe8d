import Foundation
import PublicLog

/// Decides whether a build is a new publication and what it brought. A build whose
/// configuration, content, templates and public figures are all unchanged since the last
/// publication is not a new one: it republishes the same site.
struct PublicationPlanner {
    let siteDirectory: URL

    /// SHA-256 over every file of site.yaml, content/ and templates/, by path.
    func contentDigest() throws(GeneratorError) -> String {
        var lines: [String] = []
        let fm = FileManager.default
        for top in BuildInputs.siteEntries {
            let root = siteDirectory.appendingPathComponent(top)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: root.path, isDirectory: &isDirectory) else { continue }
            let files: [String]
            if isDirectory.boolValue {
                files = (fm.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).map { "\(top)/\($0)" }
            } else {
                files = [top]
            }
            for file in files.sorted() {
                let url = siteDirectory.appendingPathComponent(file)
                // Only regular files are read (a pipe would hang); a link counts by where it points,
                // and the files the build publishes are refused if they are links (`SiteFile`).
                guard let type = (try? fm.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType else { continue }
                if type == .typeSymbolicLink {
                    lines.append("\(file)\tlink \((try? fm.destinationOfSymbolicLink(atPath: url.path)) ?? "?")")
                    continue
                }
                guard type == .typeRegular else { continue }
                guard let data = fm.contents(atPath: url.path) else {
                    throw GeneratorError("Cannot read \(file) in the site folder. Check its permissions.")
                }
                lines.append("\(file)\t\(Digest.sha256(data))")
            }
        }
        return Digest.sha256(lines.joined(separator: "\n"))
    }

    /// SHA-256 over the public figures as published: those files' bytes, in that order,
    /// separated by U+001E. Given piece by piece (`begin` each file of `DataFiles.all` in its
    /// order, then `add` its bytes), so that the files are written and let go as they are made.
    struct FiguresDigest {
        private var stream = Digest.Stream()
        private var begun = 0

        /// Starts the file `declared`; only files that hold figures count.
        mutating func begin(_ declared: DataFile) {
            guard declared.holdsFigures else { return }
            if begun > 0 { stream.add(Data([0x1E])) }
            begun += 1
        }

        /// Adds a piece of the file `declared`, begun last.
        mutating func add(_ piece: Data, of declared: DataFile) {
            if declared.holdsFigures { stream.add(piece) }
        }

        var value: String { stream.finish() }
    }

    /// The new publication, or nil when it would make the last one's files again: the same
    /// inputs, made as the same (`PublishedAs`: day, generator, key). A last publication recorded
    /// before its `SHA256SUMS` was kept is followed by a new one, which starts the chain.
    static func plan(portal: Portal, ledger: Ledger, previous: [Publication], contentDigest: String,
                     figuresDigest: String, publishedAs: PublishedAs) -> Publication? {
        let last = previous.last
        let sameInputs = last?.hasSameInputs(contentDigest: contentDigest, figuresDigest: figuresDigest) ?? false
        if sameInputs, last?.publishedAs?.makesTheSameFiles(as: publishedAs) == true { return nil }

        let (added, revised) = ledger.changes(recording: portal.log)
        let auditIDs = portal.content.audits.map(\.audit.id)
        let policyIDs = portal.content.policies.map(\.id)
        var changes: [PublicationChange] = []
        if last == nil {
            // Periods destroyed before the first build have no figures anywhere; say so instead of
            // counting only the recorded ones, which would not match the log a reader sees.
            changes.append(.firstPublication(periods: portal.log.count, notRecorded: portal.log.lazy.filter { $0.figures == nil }.count))
        }
        let knownAudits = Set(last?.auditIDs ?? [])
        for published in portal.content.audits where !knownAudits.contains(published.audit.id) && last != nil {
            let audit = published.audit
            changes.append(.newAudit(start: audit.periodStart, end: audit.periodEnd, outcome: audit.outcome))
        }
        let knownPolicies = Set(last?.policyIDs ?? [])
        for policy in portal.content.policies where !knownPolicies.contains(policy.id) && last != nil {
            changes.append(.newPolicy(effective: policy.effectiveOn))
        }
        if let last {
            let sharingAndReaders = Self.sharingAndReaderChanges(portal, since: portal.timeZone.localDate(of: last.publishedAt))
            changes += Self.agencyListChanges(portal, since: last, telling: sharingAndReaders) + sharingAndReaders
        }
        let newMonths = Set(portal.log.filter { $0.provenance == .operational && ledger.recordedFigures($0.periodID) == nil }
            .map(\.startDate.yearMonth))
            .filter { month in !portal.log.contains { $0.startDate.yearMonth == month && ledger.recordedFigures($0.periodID) != nil } }
        for month in newMonths.sorted() where last != nil {
            changes.append(.logMonth(month))
        }
        if added > 0, last != nil { changes.append(.periodsAdded(added)) }
        if revised > 0 { changes.append(.periodsRevised(revised)) }
        if let last, !publishedAs.signingKey.isEmpty, last.publishedAs?.signingKey != publishedAs.signingKey {
            changes.append(.signingKeyChanged)
        }
        if let lastKey = last?.publishedAs?.signingKey, !lastKey.isEmpty, publishedAs.signingKey.isEmpty {
            changes.append(.signingStopped)
        }
        if changes.isEmpty {
            // Only the day moved on (windows end on a new `as_of`), else the text, layout or generator changed.
            let refreshed = sameInputs && last?.publishedAs.map { $0.asOf != publishedAs.asOf && $0.generator == publishedAs.generator } == true
            changes.append(refreshed ? .refreshed(asOf: portal.asOf) : .siteText)
        }
        var publication = Publication(number: (last?.number ?? 0) + 1, publishedAt: portal.now, contentDigest: contentDigest,
                                      figuresDigest: figuresDigest, periodsAdded: added, periodsRevised: revised, changes: changes,
                                      auditIDs: auditIDs, policyIDs: policyIDs, sharingAgencies: listedAgencies(portal))
        publication.publishedAs = publishedAs
        return publication
    }

    /// The export's list of agencies the data are shared with, as a publication records it.
    static func listedAgencies(_ portal: Portal) -> [Publication.ListedAgency] {
        portal.record.sharingAgencies.map { Publication.ListedAgency(id: $0.id, name: $0.name) }
            .sorted { ($0.id, $0.name) < ($1.id, $1.name) }
    }

    /// Agencies that joined or left the export's list since `last` (by id, named as listed),
    /// unless an agreement begun or ended says so already. Nothing is told when `last` was
    /// recorded before the ledger kept its list.
    static func agencyListChanges(_ portal: Portal, since last: Publication, telling others: [PublicationChange]) -> [PublicationChange] {
        guard let before = last.sharingAgencies else { return [] }
        let now = listedAgencies(portal)
        let beforeIDs = Set(before.map(\.id)), nowIDs = Set(now.map(\.id))
        let toldByAgreement = Set(others.compactMap { change -> String? in
            if case .agreementStarted(let agency, _) = change { return agency }
            if case .agreementEnded(let agency, _) = change { return agency }
            return nil
        })
        let added = now.filter { !beforeIDs.contains($0.id) && !toldByAgreement.contains($0.name) }
        let removed = before.filter { !nowIDs.contains($0.id) }
        return (added.map { .agencyAdded(agency: $0.name) } + removed.map { .agencyRemoved(agency: $0.name) })
    }

    /// What changed between the day of the last publication and today in who may get the data
    /// and where the readers stand, by the dates the export gives: agreements that began or
    /// ended, readers put into or taken out of service, and readers at a new public place. A
    /// placement classified as security information is not in `portal.placements`, so a move to
    /// or from one is never told.
    static func sharingAndReaderChanges(_ portal: Portal, since last: LocalDate) -> [PublicationChange] {
        let today = portal.today
        var changes: [PublicationChange] = []
        for agency in portal.record.sharingAgencies.sorted(by: { ($0.name, $0.id) < ($1.name, $1.id) }) {
            if let from = agency.agreementFrom, from > last, from <= today { changes.append(.agreementStarted(agency: agency.name, on: from)) }
            if let until = agency.agreementUntil, until >= last, until < today { changes.append(.agreementEnded(agency: agency.name, on: until)) }
        }
        for reader in portal.readers.sorted(by: { ($0.label, $0.id) < ($1.label, $1.id) }) {
            if let installed = reader.installedOn, installed > last, installed <= today {
                changes.append(.readerAdded(reader: reader.label, on: installed))
            } else {
                // A new public place of a reader already in service, which stood somewhere public before.
                let places = portal.placements.filter { $0.readerID == reader.id }
                for place in places where place.placedOn > last && place.placedOn <= today
                    && places.contains(where: { $0.placedOn < place.placedOn }) {
                    changes.append(.readerMoved(reader: reader.label, to: place.description, on: place.placedOn))
                }
            }
            if reader.isInService(on: last), !reader.isInService(on: today), let retired = reader.decommissionedOn {
                changes.append(.readerRetired(reader: reader.label, on: retired))
            }
        }
        return changes
    }
}
