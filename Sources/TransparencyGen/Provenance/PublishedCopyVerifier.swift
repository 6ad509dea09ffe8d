import Foundation
import PublicLog

/// What `transparency-gen verify` found: what holds, and each difference, named.
public struct VerificationReport: Sendable {
    /// What was checked and holds, one line each.
    public var held: [String] = []
    /// Each difference or failure: the file, and for the public log the period, column and both values.
    public var problems: [String] = []

    public var isValid: Bool { problems.isEmpty }
}

/// Checks a published copy of a portal offline (spec, "Provenance"): every file against
/// `SHA256SUMS` and no file missing or added, the signature, the chain of publications, and,
/// given an earlier copy, that the earlier copy is in the chain and that no frozen row of its
/// public log was rewritten. It reads only the copies' own files.
public struct PublishedCopyVerifier {
    public let copy: URL
    /// An earlier copy of the same portal.
    public var previous: URL?
    /// The `allowed_signers` to trust, instead of the copy's own.
    public var allowedSigners: URL?

    public init(copy: URL, previous: URL? = nil, allowedSigners: URL? = nil) {
        self.copy = copy.standardizedFileURL
        self.previous = previous?.standardizedFileURL
        self.allowedSigners = allowedSigners?.standardizedFileURL
    }

    static let publicLog = DataFiles.publicLog.path

    /// Runs every check; an error only when the copy cannot be read at all.
    public func verify() throws(GeneratorError) -> VerificationReport {
        var report = VerificationReport()
        let sums = try Self.readSums(copy, name: "the copy")
        checkFiles(copy, sums: sums, into: &report, label: "")
        checkSignature(sums: sums, into: &report)
        let chain = checkChain(into: &report)
        if let previous { try checkPrevious(previous, chain: chain, into: &report) }
        return report
    }

    // MARK: files

    /// `SHA256SUMS` of `folder`, read whole (it lists paths, never figures).
    static func readSums(_ folder: URL, name: String) throws(GeneratorError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GeneratorError("\(folder.path) is not a folder. Give the folder of \(name): the one holding SHA256SUMS and index.html.")
        }
        guard let sums = FileManager.default.contents(atPath: folder.appendingPathComponent(Manifest.sumsPath).path) else {
            throw GeneratorError("\(folder.path) has no \(Manifest.sumsPath), so it is not a published copy of a portal (or the copy lost it). Give the folder holding SHA256SUMS and index.html.")
        }
        return sums
    }

    /// Every line of `SHA256SUMS` against the file it names, then any file it does not name.
    private func checkFiles(_ folder: URL, sums: Data, into report: inout VerificationReport, label: String) {
        var listed: Set<String> = []
        var problems: [String] = []
        var count = 0
        for (number, line) in String(decoding: sums, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty { continue }
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1].isEmpty, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit) else {
                problems.append("\(label)\(Manifest.sumsPath) line \(number + 1) is not a line of `sha256sum` (HEX, two spaces, path)")
                continue
            }
            let path = String(parts[2])
            count += 1
            listed.insert(path)
            guard Self.isInside(path) else {
                problems.append("\(label)\(Manifest.sumsPath) line \(number + 1) names \(path), which is not a path inside the copy")
                continue
            }
            switch Self.sha256(of: folder.appendingPathComponent(path)) {
            case .missing: problems.append("\(label)\(path): missing (listed in \(Manifest.sumsPath))")
            case .notAFile: problems.append("\(label)\(path): not a regular file (a link or a folder), so not what was published")
            case .digest(let digest):
                if digest != parts[0].lowercased() { problems.append("\(label)\(path): changed (its SHA-256 is not the one \(Manifest.sumsPath) lists)") }
            }
        }
        for path in Self.allFiles(in: folder) where !listed.contains(path) && !PublicationOutputs.unlistedNames.contains(path) {
            problems.append("\(label)\(path): added (not listed in \(Manifest.sumsPath))")
        }
        if problems.isEmpty {
            report.held.append("\(label)Every file is as \(Manifest.sumsPath) lists it (\(count) files), and no file is missing or added.")
        }
        report.problems += problems
    }

    /// A path of `SHA256SUMS` that stays inside the copy: relative, no `..`, no empty part.
    static func isInside(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.hasPrefix("/") && !path.contains("\\") && !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    enum FileDigest { case missing, notAFile, digest(String) }

    /// The SHA-256 of a regular file (never followed through a link), read a piece at a time.
    static func sha256(of url: URL) -> FileDigest {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return .missing }
        guard attributes[.type] as? FileAttributeType == .typeRegular, let handle = try? FileHandle(forReadingFrom: url) else { return .notAFile }
        defer { try? handle.close() }
        var stream = Digest.Stream()
        while let piece = try? handle.read(upToCount: 1 << 20), !piece.isEmpty { stream.add(piece) }
        return .digest(stream.finish())
    }

    /// Every file under `folder`, by relative path (links and other non-folders count as files).
    static func allFiles(in folder: URL) -> [String] {
        let fm = FileManager.default
        var files: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let url = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            for name in ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                let type = (try? fm.attributesOfItem(atPath: folder.appendingPathComponent(path).path))?[.type] as? FileAttributeType
                if type == .typeDirectory { pending.append(path) } else { files.append(path) }
            }
        }
        return files.sorted()
    }

    // MARK: signature

    private func checkSignature(sums: Data, into report: inout VerificationReport) {
        let signatureURL = copy.appendingPathComponent(PublicationOutputs.signature)
        let signersURL = allowedSigners ?? copy.appendingPathComponent(PublicationOutputs.allowedSigners)
        let whose = allowedSigners == nil ? "the copy's own \(PublicationOutputs.allowedSigners)" : signersURL.path
        guard let signature = FileManager.default.contents(atPath: signatureURL.path) else {
            if allowedSigners != nil {
                report.problems.append("\(PublicationOutputs.signature): missing, though \(whose) was given to check it against")
            } else {
                report.held.append("Not signed (no \(PublicationOutputs.signature)): the files are checked against \(Manifest.sumsPath) only.")
            }
            return
        }
        guard let signers = FileManager.default.contents(atPath: signersURL.path) else {
            report.problems.append("\(PublicationOutputs.signature): cannot be checked, \(whose) is missing")
            return
        }
        do {
            let signer = try SSHSignatureCheck.check(sums, signature: String(decoding: signature, as: UTF8.self),
                                                     allowedSigners: String(decoding: signers, as: UTF8.self))
            report.held.append("\(PublicationOutputs.signature) is a good signature of \(Manifest.sumsPath) by \(signer.principals) (\(signer.publicKeyLine)), checked against \(whose).")
            if allowedSigners == nil {
                report.held.append("The copy's own \(PublicationOutputs.allowedSigners) only shows the copy is whole; give --allowed-signers with the line the agency announced to show it is the agency's.")
            }
        } catch {
            report.problems.append("\(PublicationOutputs.signature): not a good signature of \(Manifest.sumsPath) against \(whose): \(error)")
        }
    }

    // MARK: chain

    /// The chain a copy publishes: its publication's number and the digest of every earlier
    /// publication's `SHA256SUMS` (empty where it was not kept).
    struct Chain {
        var publication: Int
        var digests: [Int: String]
    }

    private func checkChain(into report: inout VerificationReport) -> Chain? {
        let jsonPath = DataFiles.publication.path, csvPath = DataFiles.publications.path
        guard let json = Self.jsonObject(copy.appendingPathComponent(jsonPath)), let number = json["publication"] as? Int else {
            report.problems.append("\(jsonPath): missing or not a publication's (no number)")
            return nil
        }
        guard let rows = Self.csvRows(copy.appendingPathComponent(csvPath)),
              rows.first == DataFiles.publications.columns.map(\.name) else {
            report.problems.append("\(csvPath): missing, or its header is not \(DataFiles.publications.columns.map(\.name).joined(separator: ","))")
            return nil
        }
        var digests: [Int: String] = [:]
        var problems: [String] = []
        for (index, row) in rows.dropFirst().enumerated() {
            guard row.count == 3, let rowNumber = Int(row[0]), rowNumber == index + 1 else {
                problems.append("\(csvPath) row \(index + 2): not publication \(index + 1) (publications are numbered from 1, oldest first)")
                break
            }
            digests[rowNumber] = row[2]
        }
        if problems.isEmpty, digests.count != number {
            problems.append("\(csvPath) lists \(digests.count) publications, but \(jsonPath) says this is publication \(number)")
        }
        let previous = json["previous_sha256sums_sha256"] as? String ?? ""
        if problems.isEmpty, number > 1, digests[number - 1] != previous {
            problems.append("\(jsonPath): previous_sha256sums_sha256 is \(previous.isEmpty ? "empty" : previous), but \(csvPath) gives publication \(number - 1)'s as \(digests[number - 1].map { $0.isEmpty ? "empty" : $0 } ?? "nothing")")
        }
        report.problems += problems
        guard problems.isEmpty else { return nil }
        let kept = digests.values.filter { !$0.isEmpty }.count
        report.held.append(number == 1
            ? "The chain holds: this is publication 1, the first, as \(csvPath) and \(jsonPath) say."
            : "The chain holds: this is publication \(number); \(csvPath) lists the \(number - 1) before it (\(kept) with the digest of their \(Manifest.sumsPath)), and \(jsonPath) names publication \(number - 1)'s.")
        return Chain(publication: number, digests: digests)
    }

    // MARK: an earlier copy

    private func checkPrevious(_ old: URL, chain: Chain?, into report: inout VerificationReport) throws(GeneratorError) {
        let oldSums = try Self.readSums(old, name: "the earlier copy (--previous)")
        checkFiles(old, sums: oldSums, into: &report, label: "earlier copy: ")
        let oldDigest = Digest.sha256(oldSums)
        if let chain {
            guard let oldNumber = Self.jsonObject(old.appendingPathComponent(DataFiles.publication.path))?["publication"] as? Int else {
                report.problems.append("earlier copy: \(DataFiles.publication.path) is missing or has no number, so it cannot be placed in the chain")
                return
            }
            if oldNumber == chain.publication {
                let same = Self.readSumsDigest(copy) == oldDigest
                if same {
                    report.held.append("The earlier copy is the same publication (\(oldNumber)), with the same \(Manifest.sumsPath).")
                } else {
                    report.problems.append("The earlier copy says it is publication \(oldNumber), as this copy does, but their \(Manifest.sumsPath) differ")
                }
            } else if oldNumber > chain.publication {
                report.problems.append("The earlier copy is publication \(oldNumber), later than this copy's \(chain.publication): give the older copy as --previous")
            } else if let recorded = chain.digests[oldNumber], !recorded.isEmpty {
                if recorded == oldDigest {
                    report.held.append("The earlier copy is publication \(oldNumber) of the chain: its \(Manifest.sumsPath) has the digest \(DataFiles.publications.path) gives.")
                } else {
                    report.problems.append("\(DataFiles.publications.path): publication \(oldNumber)'s \(Manifest.sumsPath) digest is \(recorded), but the earlier copy's is \(oldDigest): it is not what was published as publication \(oldNumber)")
                }
            } else {
                report.problems.append("\(DataFiles.publications.path): publication \(oldNumber) was published before the chain was kept, so the earlier copy cannot be placed in it")
            }
        }
        comparePublicLogs(old: old, into: &report)
    }

    private static func readSumsDigest(_ folder: URL) -> String? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(Manifest.sumsPath).path).map(Digest.sha256)
    }

    /// Every row of the earlier public log whose period started before this copy's retention
    /// horizon (its reads destroyed, so its figures can no longer change) must be in this copy's unchanged.
    private func comparePublicLogs(old: URL, into report: inout VerificationReport) {
        let path = Self.publicLog
        guard let summary = Self.jsonObject(copy.appendingPathComponent(DataFiles.summary.path)),
              let asOf = (summary["as_of"] as? String).flatMap(LocalDate.init(iso:)), let days = summary["retention_days"] as? Int else {
            report.problems.append("\(DataFiles.summary.path): missing, or without as_of and retention_days, so the public logs cannot be compared")
            return
        }
        // The first day all of whose reads were still kept when this copy was made.
        let horizon = asOf.adding(days: 1 - days).description
        guard let oldRows = Self.csvRows(old.appendingPathComponent(path)), let newRows = Self.csvRows(copy.appendingPathComponent(path)),
              let oldHeader = oldRows.first, let newHeader = newRows.first,
              let oldID = oldHeader.firstIndex(of: "period_id"), let oldStart = oldHeader.firstIndex(of: "start_local"),
              let newID = newHeader.firstIndex(of: "period_id") else {
            report.problems.append("\(path): missing from one of the copies, or without period_id and start_local")
            return
        }
        var newByID: [String: [String]] = [:]
        for row in newRows.dropFirst() where row.count == newHeader.count { newByID[row[newID]] = row }
        let newColumn = Dictionary(newHeader.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var compared = 0
        var problems: [String] = []
        for row in oldRows.dropFirst() where row.count == oldHeader.count && String(row[oldStart].prefix(10)) < horizon {
            compared += 1
            let id = row[oldID]
            guard let newer = newByID[id] else {
                problems.append("\(path): period \(id) (started \(row[oldStart])) is in the earlier copy but not in this one")
                continue
            }
            for (index, column) in oldHeader.enumerated() {
                guard let at = newColumn[column] else { continue }
                if newer[at] != row[index] {
                    problems.append("\(path): period \(id), column \(column): earlier copy \"\(row[index])\", this copy \"\(newer[at])\"")
                }
            }
        }
        for column in oldHeader where newColumn[column] == nil {
            problems.append("\(path): column \(column) of the earlier copy is not in this copy")
        }
        if problems.isEmpty {
            report.held.append("\(path): the \(compared) periods of the earlier copy that started before \(horizon) (this copy's retention horizon) are in this copy unchanged.")
        }
        report.problems += problems
    }

    // MARK: reading

    static func jsonObject(_ url: URL) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// A CSV file's rows (RFC 4180: quoted fields may hold commas, quotes and line ends).
    static func csvRows(_ url: URL) -> [[String]]? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        for character in String(decoding: data, as: UTF8.self) {
            if quoted {
                if character == "\"" { quoted = false; afterQuote = true } else { field.append(character) }
                continue
            }
            switch character {
            case "\"":
                if afterQuote { field.append("\"") }
                quoted = true
                afterQuote = false
            case ",":
                row.append(field); field = ""; afterQuote = false
            case "\n", "\r\n":
                row.append(field); rows.append(row); row = []; field = ""; afterQuote = false
            default:
                field.append(character); afterQuote = false
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
