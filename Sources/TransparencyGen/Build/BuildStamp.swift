import Foundation
import PublicLog

/// What a published site was built from, kept beside the output folder (`Publisher.stampURL`)
/// so that a build whose inputs are all unchanged can say so without reading the operational
/// database. It is not in the output: it depends on where the site and its inputs are, and
/// the same inputs must give the same published folder wherever they live.
///
/// The inputs are: this executable, site.yaml, content/ and templates/ (by digest), the
/// operational database and its WAL file (by identity, size, modification time and SQLite's
/// change counter), the ledger (by its publications and recorded periods), the output path and
/// the local day. The day is the only way time alone changes a page (the "last 30 days", audit
/// due dates); a period whose start passes the retention horizon keeps the figures this build
/// recorded. Only a digest of all this is stored, so the file reveals no paths.
struct BuildStamp: Equatable {
    let digest: String

    /// Everything but the ledger; nil when the build uses the generated sample agency (its
    /// database is written anew by every build).
    static func inputs(contentDigest: String, database: URL?, output: URL,
                       configuration: SiteConfiguration, signer: SSHSigningKey?, now: Instant) -> String? {
        guard let database else { return nil }
        var lines = [
            "format 1",
            "executable \(executableIdentity)",
            "content \(contentDigest)",
            "output \(output.standardizedFileURL.path)",
            "day \(configuration.timeZone.localDate(of: now)) \(configuration.timeZone.identifier) \(configuration.retention.days)",
            // Another key (its file replaced under the same name) signs differently.
            "signing \(signer?.publicKeyLine ?? "none")",
        ]
        for suffix in ["", "-wal"] {
            lines.append("database\(suffix) \(fileIdentity(database.path + suffix) ?? "absent")")
        }
        lines.append("change counter \(changeCounter(database.path))")
        return lines.joined(separator: "\n")
    }

    /// This executable, by its file's identity, size and modification time: a new build of
    /// the generator is a new identity.
    static var executableIdentity: String { fileIdentity("/proc/self/exe") ?? CommandLine.arguments.first ?? "?" }

    /// The stamp for `inputs` with the ledger as `ledgerSummary` describes it.
    init(inputs: String, ledgerSummary: String) {
        digest = Digest.sha256(inputs + "\nledger " + ledgerSummary)
    }

    private init(digest: String) {
        self.digest = digest
    }

    var text: String { digest + "\n" }

    static func read(from url: URL) -> BuildStamp? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let digest = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return digest.count == 64 ? BuildStamp(digest: digest) : nil
    }

    /// True when every file the output's manifest lists is there with its size: a cheap check
    /// that nobody removed or truncated published files by hand.
    static func outputIsIntact(_ output: URL) -> Bool {
        guard let manifest = try? String(contentsOf: output.appendingPathComponent(Manifest.csvPath), encoding: .utf8) else {
            return false
        }
        let lines = manifest.split(separator: "\r\n").dropFirst()
        guard !lines.isEmpty else { return false }
        for line in lines {
            // Paths the generator writes never need quoting; one that does is not ours to trust.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 3, let size = Int(fields[1]) else { return false }
            let path = output.appendingPathComponent(String(fields[0])).path
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  (attributes[.size] as? NSNumber)?.intValue == size else { return false }
        }
        return true
    }

    private static func fileIdentity(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    /// Bytes 24-27 of a SQLite file's header: bumped by every committed change in rollback mode.
    private static func changeCounter(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "-" }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: 24)) != nil, let bytes = try? handle.read(upToCount: 4) else { return "-" }
        return bytes.map { String($0) }.joined(separator: ".")
    }
}
