import ArgumentParser
import Foundation
import PublicLog
import TransparencyGen

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new agency's site: settings, starter policy and pages, and templates.",
        discussion: """
            Writes into DIR (a new or empty folder):
              site.yaml        your settings, every line explained
              content/policy/  a starter policy (13.824 and 626.8472)
              content/audits/  an example audit, _example.md
                               (files starting with _ are not published)
              content/pages/   a starter FAQ and a data request page
              templates/       the look of the site, to restyle
            Passages in [[double brackets]] are for you to replace; `check` lists those left.
            Until you set `database:` in site.yaml, the site is built from a made-up sample agency.

            Example:
              transparency-gen init alpr-portal --agency "Maple Grove PD"
              cd alpr-portal
              transparency-gen serve
            """)

    @Argument(help: ArgumentHelp("The new site folder. It must not exist yet, or be empty.", valueName: "dir"))
    var directory: String

    @Option(name: .long, help: ArgumentHelp("Your agency's name, written into the starter files.", valueName: "name"))
    var agency: String?

    @Option(name: .long, help: ArgumentHelp("Your agency's IANA time zone. Default: America/Chicago (Minnesota).", valueName: "zone"))
    var timeZone: String?

    func run() throws {
        do {
            var scaffold = SiteScaffold(agencyName: agency?.trimmingCharacters(in: .whitespaces))
            if let timeZone {
                scaffold.timeZone = try agencyTimeZone(option: timeZone)
            }
            let folder = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL
            let written = try scaffold.write(to: folder)
            print("""
                Created a new site in \(folder.path) (\(written.count) files).

                Next steps:
                  1. cd \(shellQuoted(directory))
                  2. transparency-gen serve        preview it at http://127.0.0.1:8080/ (a made-up sample agency's figures)
                  3. Edit site.yaml: your agency, time zone, contact, and `database:` (see docs/vendor-export.md)
                  4. Replace the [[double-bracketed]] passages in content/; `transparency-gen check` lists those left
                  5. transparency-gen build        writes public/, to upload to your web server (docs/deploy.md)
                """)
        } catch {
            fail(error)
        }
    }

    private func shellQuoted(_ text: String) -> String {
        text.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) } ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
