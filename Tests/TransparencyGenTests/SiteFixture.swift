import Foundation
import PublicLog
import TestSupport
import TransparencyGen

/// The project's own folders, found from this file's path.
enum Project {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let templates = root.appendingPathComponent("templates")
    static let content = root.appendingPathComponent("content")
}

/// A site folder in a temporary directory: the project's templates, small content, a config.
final class SiteFixture {
    let folder = temporaryFolder("site")
    var site: URL { folder.appendingPathComponent("site") }
    var output: URL { folder.appendingPathComponent("public") }
    var databasePath: String { folder.appendingPathComponent("operational.sqlite").path }

    init(config: String = "agency_name: Test Police Department\n") {
        let fm = FileManager.default
        try? fm.createDirectory(at: site, withIntermediateDirectories: true)
        try? fm.copyItem(at: Project.templates, to: site.appendingPathComponent("templates"))
        write("site.yaml", config)
        write("content/policy/2024.md", """
            ---
            title: "ALPR Policy"
            effective_on: 2024-01-01
            ---
            ## Purpose
            Plain policy text.
            """)
        write("content/audits/2024-audit.md", """
            ---
            auditor: "Independent Auditor, LLC"
            period_start: 2022-08-01
            period_end: 2024-07-31
            completed_on: 2024-10-18
            submitted_on: 2024-11-08
            outcome: compliant
            findings:
              - requirement: "Data destroyed within 60 days"
                statute: "13.824 subd. 3"
                result: compliant
              - requirement: "BCA notified within 10 days"
                statute: "13.824 subd. 8"
                result: noncompliant
                note: "One notice late."
            ---
            The audit found the program compliant.
            """)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A second audit, August 1, 2024 to July 31, 2026, not compliant: new content for a new publication.
    func writeLaterAudit() {
        write("content/audits/2026-audit.md", """
            ---
            auditor: B
            period_start: 2024-08-01
            period_end: 2026-07-31
            completed_on: 2026-10-01
            outcome: noncompliant
            ---
            """)
    }

    func write(_ relativePath: String, _ text: String) {
        let url = site.appendingPathComponent(relativePath)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: url)
    }

    func remove(_ relativePath: String) {
        try? FileManager.default.removeItem(at: site.appendingPathComponent(relativePath))
    }

    func options(now: String, database: String? = nil) -> BuildOptions {
        BuildOptions(siteDirectory: site, database: .file(URL(fileURLWithPath: database ?? databasePath)), output: output,
                     now: Instant(iso: now)!)
    }

    @discardableResult
    func build(now: String, database: String? = nil) throws -> BuildReport {
        try SiteBuilder(options: options(now: now, database: database)).build()
    }

    /// Every file of the output, by relative path.
    func outputFiles() -> [String: Data] { Self.files(in: output) }

    /// Every file under `folder`, by relative path.
    static func files(in folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return files }
        for case let relative as String in enumerator {
            var isDirectory: ObjCBool = false
            let path = base + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }

    func outputText(_ relativePath: String) -> String? {
        FileManager.default.contents(atPath: output.appendingPathComponent(relativePath).path)
            .flatMap { String(data: $0, encoding: .utf8) }
    }
}

/// RFC 4180 reader for checking the generator's CSV independently of its writer.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text)
    var i = 0
    if chars.last != "\n", chars.last != "\r\n" { chars.append("\r\n") }
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"" {
                if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field); field = ""
        } else if c == "\r\n" || c == "\n" {
            row.append(field); field = ""
            rows.append(row); row = []
        } else {
            field.append(c)
        }
        i += 1
    }
    return rows
}

/// `html` without its JSON-LD data blocks (the data page's schema.org `Dataset`): data, never
/// run or shown. A block holding any `<` is left in (it must hold none: `JSONText` escapes it),
/// so that text which closes the block early is still found.
func withoutDataBlocks(_ html: String) -> String {
    html.replacing(/<script type="application\/ld\+json">[^<]*<\/script>/, with: "")
}
