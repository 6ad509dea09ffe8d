import Foundation
import PublicLog

extension BuildInputs {
    /// Whose figures this build records: the agency, and its source as the ledger identifies
    /// it (`DatabaseLocation.ledgerSource`).
    func ledgerOwner(agency: String) -> LedgerOwner {
        let source = database.ledgerSource(ledger: ledger)
        return LedgerOwner(agency: agency, source: source.name, sourcePath: source.path)
    }

    /// Refuses a ledger that holds another agency's or another source's figures, unless the
    /// build says the owner changed (`--ledger-owner-changed`); returns the owner to record then.
    func checkLedgerOwner(_ ledger: Ledger, agency: String, ownerChanged: Bool) throws(GeneratorError) -> LedgerOwner? {
        let owner = ledgerOwner(agency: agency)
        guard let recorded = ledger.owner, !recorded.isSame(as: owner) else { return nil }
        if ownerChanged { return recorded }
        let differs = recorded.agency != owner.agency
            ? (recorded.source != owner.source ? "agency and source" : "agency")
            : "source"
        throw GeneratorError(kind: .ledger, """
            The ledger \(ledger.path) holds the figures of another \(differs): it records \(recorded.agency) from \
            \(recorded.source), and this build is \(owner.agency) from \(owner.source). Period ids are the source's \
            own, so one ledger serves one agency and one source. If this is another agency's ledger, give this site \
            its own (`ledger:` in site.yaml names it; without the key it is \(Ledger.defaultFileName) in the site \
            folder). If this agency renamed itself or its database moved, and the ledger is its own, build once with \
            `transparency-gen build --ledger-owner-changed` to record the new owner (docs/publishing-checklist.md). \
            Nothing was published.
            """)
    }
}

extension DatabaseLocation {
    /// The source as a ledger records its owner, never with a user or password: a file by its
    /// path from the ledger's folder when it lies there or in the folder above (so the folders
    /// can move together), else by its full path, and by its full path as well (so a site
    /// folder copied elsewhere reading the same file is the same owner), links resolved; a
    /// PostgreSQL schema by `postgresql://HOST:PORT/DB?schema=S`.
    func ledgerSource(ledger: URL) -> (name: String, path: String) {
        switch self {
        case .sample:
            return (displayName, displayName)
        case .postgresql(let address):
            let name = address.description.replacingOccurrences(of: "postgresql://\(address.user)@", with: "postgresql://")
            return (name, name)
        case .file(let url):
            let file = Publisher.resolved(url)
            let folder = URL(fileURLWithPath: Publisher.resolved(ledger)).deletingLastPathComponent()
            if file.hasPrefix(folder.path + "/") { return (String(file.dropFirst(folder.path.count + 1)), file) }
            let parent = folder.deletingLastPathComponent().path
            if parent != "/", file.hasPrefix(parent + "/") { return ("../" + file.dropFirst(parent.count + 1), file) }
            return (file, file)
        }
    }
}
