import Foundation
import PublicLog

/// What `transparency-gen verify` found: what holds, and each difference, named.
public struct VerificationReport: Sendable {
    /// What was checked and holds, one line each.
    public var held: [String] = []
    /// Each difference or failure: the file, and for the public log the period, column and both values.
    public var problems: [String] = []
    /// True when something outside the copy vouched for it: `--allowed-signers`, or an earlier
    /// copy it chains to. Without it a whole copy shows only that it is consistent with itself.
    public var anchored = false

    public var isValid: Bool { problems.isEmpty }
}

/// Checks a published copy of a portal offline (spec, "Provenance"): every file against
/// `SHA256SUMS` and no file missing or added, the signature, the chain of publications, and,
/// given an earlier copy, that the earlier copy is in the chain, that the history the two share
/// is the same, and that no row of its public log that was frozen when it was made has been
/// rewritten since. It reads only the copies' own files. Paths and values are compared as bytes.
public struct PublishedCopyVerifier {
    public let copy: URL
    /// An earlier copy of the same portal.
    public var previous: URL?
    /// The `allowed_signers` to trust, instead of the copy's own.
    public var allowedSigners: URL?
    /// `allowed_signers` text to trust, and how messages name it (an index's source gives its line).
    var trustedSigners: (text: String, name: String)?

    public init(copy: URL, previous: URL? = nil, allowedSigners: URL? = nil) {
        self.copy = copy.standardizedFileURL
        self.previous = previous?.standardizedFileURL
        self.allowedSigners = allowedSigners?.standardizedFileURL
    }

    /// Runs every check; an error only when a copy or the signers file cannot be read at all.
    /// True to accept a copy that has no `publication.json` at all (a portal published before
    /// it existed, or the statewide index, which has none), checked by its files and signature alone.
    public var acceptsNoPublication = false

    /// True for a published statewide index (its `data/agencies.csv`, and no `publication.json`):
    /// `verify` checks it by its files and signature, as it has no chain of publications.
    public static func isIndex(_ copy: URL) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: copy.appendingPathComponent(IndexTables.agencies.path).path)
            && !fm.fileExists(atPath: copy.appendingPathComponent(DataFiles.publication.path).path)
    }

    public func verify() throws(GeneratorError) -> VerificationReport {
        var report = VerificationReport()
        let trusted: String?
        if let trustedSigners { trusted = trustedSigners.text } else { trusted = try readAllowedSigners() }
        let sums = try Self.readSums(copy, name: "the copy")
        checkFiles(copy, sums: sums, into: &report, label: "")
        let identity = Identity.of(copy)
        let signer = checkSignature(sums: sums, identity: identity, trusted: trusted, into: &report)
        let hasPublication = FileManager.default.fileExists(atPath: copy.appendingPathComponent(DataFiles.publication.path).path)
        let chain = acceptsNoPublication && !hasPublication ? nil : checkChain(identity, into: &report)
        report.anchored = trusted != nil && signer != nil
        if let previous {
            try checkPrevious(previous, identity: identity, chain: chain, signer: signer, into: &report)
        }
        return report
    }

    // MARK: the copy's own statement of what it is

    /// What `publication.json` says, where it says it: each key of its type, else absent (a
    /// boolean or a string is never a publication's number).
    struct Identity: Decodable {
        var agency: String?
        var publication: Int?
        var publishedAt: String?
        var asOf: String?
        var signingKey: String?
        var previousDigest: String?

        enum CodingKeys: String, CodingKey {
            case agency, publication, publishedAt = "published_at", asOf = "as_of", signingKey = "signing_key"
            case previousDigest = "previous_sha256sums_sha256"
        }

        init(from decoder: any Decoder) throws {
            let json = try decoder.container(keyedBy: CodingKeys.self)
            agency = try? json.decodeIfPresent(String.self, forKey: .agency)
            publication = try? json.decodeIfPresent(Int.self, forKey: .publication)
            publishedAt = try? json.decodeIfPresent(String.self, forKey: .publishedAt)
            asOf = try? json.decodeIfPresent(String.self, forKey: .asOf)
            signingKey = try? json.decodeIfPresent(String.self, forKey: .signingKey)
            previousDigest = try? json.decodeIfPresent(String.self, forKey: .previousDigest)
        }

        init() {}

        /// The `publication.json` of `folder`; empty when it has none that reads as JSON.
        static func of(_ folder: URL) -> Identity {
            PublishedCopyVerifier.regularFile(folder.appendingPathComponent(DataFiles.publication.path))
                .flatMap { try? JSONDecoder().decode(Identity.self, from: $0) } ?? Identity()
        }

        /// `published_at` as `YYYYMMDDHHMMSS`, the form `allowed_signers` validity is compared in.
        var moment: String? {
            guard let publishedAt, Instant(iso: publishedAt) != nil else { return nil }
            return String(publishedAt.filter(\.isNumber).prefix(14))
        }
    }

    // MARK: files

    /// `SHA256SUMS` of `folder`, read whole (it lists paths, never figures).
    static func readSums(_ folder: URL, name: String) throws(GeneratorError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GeneratorError("\(folder.path) is not a folder. Give the folder of \(name): the one holding SHA256SUMS and index.html.")
        }
        guard let sums = FileManager.default.contents(atPath: folder.appendingPathComponent(Manifest.sumsPath).path) else {
            throw GeneratorError("\(folder.path) has no \(Manifest.sumsPath), so it is not a published copy of a portal (or the copy lost it). Give the folder holding SHA256SUMS and index.html; to download a portal with it, see docs/deploy.md, \"The chain of publications, and checking a copy\".")
        }
        return sums
    }

    /// A line of `SHA256SUMS`: its number, and its digest and path (as bytes) when it is a line
    /// of `sha256sum` (64 lowercase hex digits, two spaces, a path).
    struct SumsLine {
        let number: Int
        let entry: (digest: String, path: Data)?
    }

    /// The lines of `SHA256SUMS`, empty ones left out: what `verify` checks and what the index downloads.
    static func sumsLines(_ sums: Data) -> [SumsLine] {
        sums.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            guard !line.isEmpty else { return nil }
            let bytes = Data(line)
            guard bytes.count > 66, bytes[bytes.startIndex + 64] == 0x20, bytes[bytes.startIndex + 65] == 0x20,
                  let digest = String(data: bytes.prefix(64), encoding: .ascii), digest.allSatisfy(\.isHexDigit),
                  digest == digest.lowercased() else {
                return SumsLine(number: index + 1, entry: nil)
            }
            return SumsLine(number: index + 1, entry: (digest, Data(bytes.dropFirst(66))))
        }
    }

    /// Every line of `SHA256SUMS` against the file it names, then any file it does not name,
    /// then the files beside it (the marker, `manifest.csv`) against what they must hold.
    private func checkFiles(_ folder: URL, sums: Data, into report: inout VerificationReport, label: String) {
        var listed: [Data: String] = [:]
        var matching: Set<Data> = []
        var problems: [String] = []
        for line in Self.sumsLines(sums) {
            guard let (digest, pathBytes) = line.entry else {
                problems.append("\(label)\(Manifest.sumsPath) line \(line.number) is not a line of `sha256sum` (64 lowercase hex digits, two spaces, a path)")
                continue
            }
            let path = Self.shown(pathBytes)
            guard listed[pathBytes] == nil else {
                problems.append("\(label)\(Manifest.sumsPath) line \(line.number) lists \(path) a second time")
                continue
            }
            listed[pathBytes] = digest
            guard Self.isInside(pathBytes) else {
                problems.append("\(label)\(Manifest.sumsPath) line \(line.number) names \(path), which is not a path inside the copy")
                continue
            }
            switch Self.sha256(of: folder.appendingPathComponent(String(decoding: pathBytes, as: UTF8.self))) {
            case .missing: problems.append("\(label)\(path): missing (listed in \(Manifest.sumsPath))")
            case .notAFile: problems.append("\(label)\(path): not a regular file (a link or a folder), so not what was published")
            case .digest(let found):
                if found == digest {
                    matching.insert(pathBytes)
                } else {
                    problems.append("\(label)\(path): changed (its SHA-256 is not the one \(Manifest.sumsPath) lists)")
                }
            }
        }
        let unlisted = Set(PublicationOutputs.unlistedNames.map { Data($0.utf8) })
        for file in Self.allFiles(in: folder) where listed[file] == nil {
            if unlisted.contains(file) {
                if Self.isRegularFile(folder.appendingPathComponent(String(decoding: file, as: UTF8.self))) { continue }
                problems.append("\(label)\(Self.shown(file)): not a regular file (a link or a folder), so not what was published")
            } else {
                problems.append("\(label)\(Self.shown(file)): added (not listed in \(Manifest.sumsPath))")
            }
        }
        problems += checkBeside(folder, listed: listed, matching: matching, label: label)
        if problems.isEmpty {
            report.held.append("\(label)Every file is as \(Manifest.sumsPath) lists it (\(listed.count) files), and no file is missing or added.")
        }
        report.problems += problems
    }

    /// `manifest.csv` must list what `SHA256SUMS` lists, with each file's size; the marker must
    /// hold its fixed text. Neither is in `SHA256SUMS`, so neither is signed: they are checked here.
    /// `matching` are the listed files found as listed, whose sizes are compared.
    private func checkBeside(_ folder: URL, listed: [Data: String], matching: Set<Data>, label: String) -> [String] {
        var problems: [String] = []
        let marker = folder.appendingPathComponent(PublicationOutputs.marker)
        if let text = Self.regularFile(marker), text != Data(PublicationOutputs.markerText.utf8) {
            problems.append("\(label)\(PublicationOutputs.marker): changed (it holds only the line transparency-gen writes)")
        }
        guard let manifest = Self.regularFile(folder.appendingPathComponent(Manifest.csvPath)) else { return problems }
        let rows = Self.csvRows(manifest)
        var agrees = rows.first == ["path", "bytes", "sha256"].map { Data($0.utf8) } && rows.count == listed.count + 1
        for row in rows.dropFirst() where agrees {
            // The size is checked where the file is the one listed (a missing or changed file is named already).
            guard row.count == 3, let digest = listed[row[0]], row[2] == Data(digest.utf8) else { agrees = false; break }
            let file = folder.appendingPathComponent(String(decoding: row[0], as: UTF8.self))
            if matching.contains(row[0]),
               let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int, row[1] != Data(String(size).utf8) {
                agrees = false
            }
        }
        if !agrees {
            problems.append("\(label)\(Manifest.csvPath): does not list exactly the files of \(Manifest.sumsPath) with their sizes and SHA-256")
        }
        return problems
    }

    /// A path of `SHA256SUMS` that stays inside the copy: relative, no `..`, `.` or empty part.
    static func isInside(_ path: Data) -> Bool {
        let parts = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        return path.first != UInt8(ascii: "/") && !path.contains(UInt8(ascii: "\\")) && !path.contains(0)
            && !parts.contains { $0.isEmpty || Data($0) == Data(".".utf8) || Data($0) == Data("..".utf8) }
    }

    /// A name or value as a message shows it: control characters written as escapes, so that
    /// no copy can move the terminal's cursor or hide a line.
    static func shown(_ bytes: Data) -> String { shown(String(decoding: bytes, as: UTF8.self)) }

    static func shown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isControlCharacter {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    enum FileDigest { case missing, notAFile, digest(String) }

    /// The SHA-256 of a regular file (never followed through a link), read a piece at a time.
    static func sha256(of url: URL) -> FileDigest {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return .missing }
        guard info.st_mode & S_IFMT == S_IFREG, let handle = try? FileHandle(forReadingFrom: url) else { return .notAFile }
        defer { try? handle.close() }
        var stream = Digest.Stream()
        while let piece = try? handle.read(upToCount: 1 << 20), !piece.isEmpty { stream.add(piece) }
        return .digest(stream.finish())
    }

    /// True when `url` is a regular file itself, not a link to one.
    static func isRegularFile(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// The bytes of a regular file (never through a link); nil otherwise.
    static func regularFile(_ url: URL) -> Data? {
        isRegularFile(url) ? FileManager.default.contents(atPath: url.path) : nil
    }

    /// Every file under `folder` by relative path as bytes (links and other non-folders count
    /// as files: none of them was published).
    static func allFiles(in folder: URL) -> [Data] {
        let fm = FileManager.default
        var files: [Data] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let url = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            for name in (try? fm.contentsOfDirectory(atPath: url.path)) ?? [] {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                if lstat(folder.appendingPathComponent(path).path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                    pending.append(path)
                } else {
                    files.append(Data(path.utf8))
                }
            }
        }
        return files.sorted { $0.lexicographicallyPrecedes($1) }
    }

    // MARK: signature

    /// The `allowed_signers` given, read; an error (the one who runs `verify` mistyped) when it
    /// cannot be read or is a public key file rather than an `allowed_signers` file.
    private func readAllowedSigners() throws(GeneratorError) -> String? {
        guard let allowedSigners else { return nil }
        guard let data = Self.regularFile(allowedSigners) else {
            throw GeneratorError("--allowed-signers \(allowedSigners.path) is not a file. Give the allowed_signers file with the line the agency announced.")
        }
        let text = String(decoding: data, as: UTF8.self)
        if let first = text.split(separator: "\n").first(where: { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
           first.hasPrefix("ssh-") {
            throw GeneratorError("--allowed-signers \(allowedSigners.path) is a public key file, not an allowed_signers file. Make one: echo \"AGENCY namespaces=\\\"\(SSHSignature.namespace)\\\" $(cat \(allowedSigners.path))\" > allowed_signers, with AGENCY the first word of the portal's own allowed_signers.")
        }
        return text
    }

    /// Checks the signature; returns its key's line when it is good.
    private func checkSignature(sums: Data, identity: Identity, trusted: String?, into report: inout VerificationReport) -> String? {
        let signatureURL = copy.appendingPathComponent(PublicationOutputs.signature)
        let whose = trustedSigners?.name ?? allowedSigners.map { "--allowed-signers \($0.path)" } ?? "the copy's own \(PublicationOutputs.allowedSigners)"
        let named = identity.signingKey ?? ""
        guard let signature = Self.regularFile(signatureURL) else {
            if trusted != nil {
                report.problems.append("\(PublicationOutputs.signature): missing, though \(whose) was given to check it against")
            } else if !named.isEmpty {
                report.problems.append("\(PublicationOutputs.signature): missing, though \(DataFiles.publication.path) says the publication was signed with \(Self.shown(named))")
            } else {
                report.held.append("Not signed (no \(PublicationOutputs.signature)): the files are checked against \(Manifest.sumsPath) only.")
            }
            return nil
        }
        guard let signers = trusted ?? Self.regularFile(copy.appendingPathComponent(PublicationOutputs.allowedSigners)).map({ String(decoding: $0, as: UTF8.self) }) else {
            report.problems.append("\(PublicationOutputs.signature): cannot be checked, \(whose) is missing")
            return nil
        }
        do {
            let signer = try SSHSignatureCheck.check(sums, signature: String(decoding: signature, as: UTF8.self), allowedSigners: signers,
                                                     principal: identity.agency.map(SSHSignature.principal(agency:)), at: identity.moment)
            guard named.isEmpty || named.split(separator: " ").prefix(2).joined(separator: " ") == signer.publicKeyLine else {
                report.problems.append("\(PublicationOutputs.signature): made by \(signer.publicKeyLine), but \(DataFiles.publication.path) says the publication was signed with \(Self.shown(named))")
                return nil
            }
            report.held.append("\(PublicationOutputs.signature) is a good signature of \(Manifest.sumsPath) by \(Self.shown(signer.principals)) (\(signer.publicKeyLine)), checked against \(whose).")
            return signer.publicKeyLine
        } catch {
            report.problems.append("\(PublicationOutputs.signature): not a good signature of \(Manifest.sumsPath) against \(whose): \(Self.shown(error.description))")
            return nil
        }
    }

    // MARK: chain

    /// The chain a copy publishes: its publication's number and every publication's row.
    struct Chain {
        var publication: Int
        /// Each publication's `published_at` and `SHA256SUMS` digest (empty where not kept), by number.
        var rows: [Int: (publishedAt: Data, digest: Data)]
    }

    private func checkChain(_ identity: Identity, into report: inout VerificationReport) -> Chain? {
        let jsonPath = DataFiles.publication.path, csvPath = DataFiles.publications.path
        guard let number = identity.publication, number >= 1 else {
            report.problems.append("\(jsonPath): missing, or without the publication's number")
            return nil
        }
        let header = DataFiles.publications.columns.map { Data($0.name.utf8) }
        let rows = Self.regularFile(copy.appendingPathComponent(csvPath)).map(Self.csvRows) ?? []
        guard rows.first == header else {
            report.problems.append("\(csvPath): missing, or its header is not \(DataFiles.publications.columns.map(\.name).joined(separator: ","))")
            return nil
        }
        var chain = Chain(publication: number, rows: [:])
        var problems: [String] = []
        for (index, row) in rows.dropFirst().enumerated() {
            guard row.count == 3, row[0] == Data(String(index + 1).utf8) else {
                problems.append("\(csvPath) row \(index + 2): not publication \(index + 1) (publications are numbered from 1, oldest first)")
                break
            }
            chain.rows[index + 1] = (row[1], row[2])
        }
        if problems.isEmpty, chain.rows.count != number {
            problems.append("\(csvPath) lists \(chain.rows.count) publications, but \(jsonPath) says this is publication \(number)")
        }
        if problems.isEmpty, chain.rows[number]?.digest.isEmpty == false {
            problems.append("\(csvPath) gives a digest for publication \(number), this one, whose \(Manifest.sumsPath) lists the file itself")
        }
        if problems.isEmpty, let published = identity.publishedAt, chain.rows[number]?.publishedAt != Data(published.utf8) {
            problems.append("\(csvPath) gives publication \(number) another published_at than \(jsonPath)")
        }
        let previous = Data((identity.previousDigest ?? "").utf8)
        if problems.isEmpty, number > 1, chain.rows[number - 1]?.digest != previous {
            problems.append("\(jsonPath): previous_sha256sums_sha256 is \(previous.isEmpty ? "empty" : Self.shown(previous)), but \(csvPath) gives publication \(number - 1)'s as \(chain.rows[number - 1].map { $0.digest.isEmpty ? "empty" : Self.shown($0.digest) } ?? "nothing")")
        }
        report.problems += problems
        guard problems.isEmpty else { return nil }
        let kept = chain.rows.values.filter { !$0.digest.isEmpty }.count
        report.held.append(number == 1
            ? "The chain holds: this is publication 1, the first, as \(csvPath) and \(jsonPath) say."
            : "The chain holds: this is publication \(number); \(csvPath) lists the \(number - 1) before it (\(kept) with the digest of their \(Manifest.sumsPath)), and \(jsonPath) names publication \(number - 1)'s.")
        return chain
    }

    // MARK: an earlier copy

    private func checkPrevious(_ old: URL, identity: Identity, chain: Chain?, signer: String?,
                               into report: inout VerificationReport) throws(GeneratorError) {
        let oldSums = try Self.readSums(old, name: "the earlier copy (--previous)")
        var oldReport = VerificationReport()
        checkFiles(old, sums: oldSums, into: &oldReport, label: "earlier copy: ")
        report.held += oldReport.held
        report.problems += oldReport.problems
        let oldIdentity = Identity.of(old)
        let oldDigest = Data(Digest.sha256(oldSums).utf8)
        guard let chain else { return }
        guard let oldNumber = oldIdentity.publication else {
            report.problems.append("earlier copy: \(DataFiles.publication.path) is missing or has no number, so it cannot be placed in the chain")
            return
        }
        var placed = false
        if oldNumber == chain.publication {
            if FileManager.default.contents(atPath: copy.appendingPathComponent(Manifest.sumsPath).path).map({ Data(Digest.sha256($0).utf8) }) == oldDigest {
                report.held.append("The earlier copy is the same publication (\(oldNumber)), with the same \(Manifest.sumsPath).")
                placed = true
            } else {
                report.problems.append("The earlier copy says it is publication \(oldNumber), as this copy does, but their \(Manifest.sumsPath) differ: one of them is not what was published")
            }
        } else if oldNumber > chain.publication {
            report.problems.append("The earlier copy is publication \(oldNumber), later than this copy's \(chain.publication): give the older copy as --previous")
            return
        } else if let recorded = chain.rows[oldNumber]?.digest, !recorded.isEmpty {
            if recorded == oldDigest {
                report.held.append("The earlier copy is publication \(oldNumber) of the chain: its \(Manifest.sumsPath) has the digest \(DataFiles.publications.path) gives.")
                placed = true
            } else {
                report.problems.append("\(DataFiles.publications.path): publication \(oldNumber)'s \(Manifest.sumsPath) digest is \(Self.shown(recorded)), but the earlier copy's is \(Self.shown(oldDigest)): it is not what was published as publication \(oldNumber)")
            }
        } else {
            report.problems.append("\(DataFiles.publications.path): publication \(oldNumber) was published before the chain was kept, so the earlier copy cannot be placed in it")
        }
        compareHistories(old: old, oldNumber: oldNumber, chain: chain, into: &report)
        // A copy chained to an earlier one is signed by the earlier copy's key, unless the one who
        // checks trusts another (`--allowed-signers`): a changed or dropped key is for them to accept.
        let oldKey = oldIdentity.signingKey ?? "", newKey = identity.signingKey ?? ""
        if !oldKey.isEmpty, allowedSigners == nil, trustedSigners == nil, signer == nil || newKey != oldKey {
            report.problems.append(newKey.isEmpty
                ? "The earlier copy was signed, this one is not: check the agency's announcement, and give --allowed-signers to accept it"
                : "This copy is signed with another key than the earlier copy (\(Self.shown(oldKey))): check the agency's announcement of the new key, and give --allowed-signers with it to accept it")
        }
        if placed, oldKey.isEmpty || signer != nil { report.anchored = true }
        comparePublicLogs(old: old, into: &report)
    }

    /// The history both copies list must be the same: the earlier copy's publications, each
    /// with its time and digest, are the first rows of this copy's `publications.csv`.
    private func compareHistories(old: URL, oldNumber: Int, chain: Chain, into report: inout VerificationReport) {
        let path = DataFiles.publications.path
        guard let data = Self.regularFile(old.appendingPathComponent(path)) else {
            report.problems.append("earlier copy: \(path) is missing, so the histories cannot be compared")
            return
        }
        for (index, row) in Self.csvRows(data).dropFirst().enumerated() where row.count == 3 {
            let number = index + 1
            guard let newer = chain.rows[number] else { break }
            if newer.publishedAt != row[1] {
                report.problems.append("\(path): publication \(number) was published at \(Self.shown(row[1])) by the earlier copy, at \(Self.shown(newer.publishedAt)) by this one")
            }
            // The earlier copy's own row has no digest yet; every row before it must agree.
            if number < oldNumber, newer.digest != row[2] {
                report.problems.append("\(path): publication \(number)'s \(Manifest.sumsPath) digest is \(Self.shown(row[2])) in the earlier copy, \(Self.shown(newer.digest)) in this one")
            }
        }
    }

    /// Every row of the earlier public log whose period ended before the earlier copy's
    /// retention horizon (its reads already destroyed, so its figures could never change
    /// again) must be in this copy unchanged, once; this copy may not add rows before it.
    private func comparePublicLogs(old: URL, into report: inout VerificationReport) {
        let path = DataFiles.publicLog.path
        guard let summary = PublishedSummary.of(old), let asOf = summary.asOf.flatMap(LocalDate.init(iso:)),
              let days = summary.retentionDays, (1...3650).contains(days) else {
            report.problems.append("earlier copy: \(DataFiles.summary.path) is missing, or without as_of and retention_days, so the public logs cannot be compared")
            return
        }
        // The first day all of whose reads were still kept when the earlier copy was made.
        let horizon = Data(asOf.adding(days: 1 - days).description.utf8)
        guard let oldData = Self.regularFile(old.appendingPathComponent(path)), let newData = Self.regularFile(copy.appendingPathComponent(path)) else {
            report.problems.append("\(path): missing from one of the copies")
            return
        }
        let oldRows = Self.csvRows(oldData), newRows = Self.csvRows(newData)
        let id = Data("period_id".utf8), end = Data("end_local".utf8)
        guard let oldHeader = oldRows.first, let newHeader = newRows.first,
              let oldID = oldHeader.firstIndex(of: id), let oldEnd = oldHeader.firstIndex(of: end),
              let newID = newHeader.firstIndex(of: id), let newEnd = newHeader.firstIndex(of: end) else {
            report.problems.append("\(path): without period_id and end_local in one of the copies")
            return
        }
        func frozen(_ row: [Data], _ endColumn: Int) -> Bool { row[endColumn].prefix(10).lexicographicallyPrecedes(horizon) }
        var problems: [String] = []
        var newByID: [Data: [Data]] = [:]
        for row in newRows.dropFirst() where row.count == newHeader.count {
            if newByID.updateValue(row, forKey: row[newID]) != nil {
                problems.append("\(path): period \(Self.shown(row[newID])) is listed more than once in this copy")
            }
        }
        var oldIDs: Set<Data> = []
        let newColumn = Dictionary(newHeader.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var compared = 0
        for row in oldRows.dropFirst() where row.count == oldHeader.count {
            if !oldIDs.insert(row[oldID]).inserted {
                problems.append("earlier copy: \(path): period \(Self.shown(row[oldID])) is listed more than once")
            }
            guard frozen(row, oldEnd) else { continue }
            compared += 1
            let periodID = Self.shown(row[oldID])
            guard let newer = newByID[row[oldID]] else {
                problems.append("\(path): period \(periodID) (ended \(Self.shown(row[oldEnd]))) is in the earlier copy but not in this one")
                continue
            }
            for (index, column) in oldHeader.enumerated() {
                guard let at = newColumn[column] else { continue }
                if newer[at] != row[index] {
                    problems.append("\(path): period \(periodID), column \(Self.shown(column)): earlier copy \"\(Self.shown(row[index]))\", this copy \"\(Self.shown(newer[at]))\"")
                }
            }
        }
        for (periodID, row) in newByID.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) })
        where !oldIDs.contains(periodID) && frozen(row, newEnd) {
            problems.append("\(path): period \(Self.shown(periodID)) (ended \(Self.shown(row[newEnd]))) is in this copy but not in the earlier one, though its reads were destroyed before the earlier copy was made")
        }
        for column in oldHeader where newColumn[column] == nil {
            problems.append("\(path): column \(Self.shown(column)) of the earlier copy is not in this copy")
        }
        if problems.isEmpty {
            report.held.append("\(path): the \(compared) periods that ended before \(Self.shown(horizon)) (the earlier copy's retention horizon) are in this copy unchanged, and none was added before it.")
        }
        report.problems += problems
    }

    // MARK: reading

    /// A CSV file's rows, each field as its bytes (compared as bytes, never by Unicode
    /// equivalence), read by the import's reader (RFC 4180; CR LF or LF; a BOM skipped). A file
    /// that is not CSV gives the rows before the fault.
    static func csvRows(_ data: Data) -> [[Data]] {
        var records = CSVRecords(data: data)
        var rows: [[Data]] = []
        while let record = records.next() { rows.append(record.fields.map { Data($0.utf8) }) }
        return rows
    }
}
