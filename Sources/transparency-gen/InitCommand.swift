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
              content/pages/   a starter FAQ, glossary and data request page
                               (with --languages en,es: their Spanish translations too)
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

    @Option(name: .long, help: ArgumentHelp("The site's languages, main first, as ISO 639 codes: en,es,so,hmn. Default: en.", valueName: "codes"))
    var languages: String?

    func run() throws {
        do {
            var scaffold = SiteScaffold(agencyName: agency?.trimmingCharacters(in: .whitespaces))
            if let timeZone {
                scaffold.timeZone = try agencyTimeZone(option: timeZone)
            }
            if let languages {
                scaffold.languages = try siteLanguages(option: languages)
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

    /// `en,es`: known ISO 639 codes, each once.
    private func siteLanguages(option: String) throws(GeneratorError) -> [Language] {
        var languages: [Language] = []
        for code in option.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !code.isEmpty {
            guard let language = Language(code: code) else {
                throw GeneratorError("--languages: '\(code)' is not an ISO 639 language code. Use codes such as en (English), es (Spanish), so (Somali), hmn (Hmong), main language first: --languages en,es.")
            }
            if !languages.contains(language) { languages.append(language) }
        }
        guard !languages.isEmpty else { throw GeneratorError("--languages is empty. Give the main language first, e.g. --languages en,es.") }
        return languages
    }
}
