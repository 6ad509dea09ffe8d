import ArgumentParser
import Foundation
import TransparencyGen

/// Builds every agency's site in a folder of site folders: a consortium hosting many cities'
/// data on one server runs one command nightly. Each site is built by a process of its own, as
/// `build --site` builds it (its own database address, ledger and `public/`), so one agency's
/// failure or interruption never touches another's publication.
struct BuildAll: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-all",
        abstract: "Build every site in a folder of site folders (one per agency), each into its own public/.",
        discussion: """
            Every folder directly inside FOLDER that holds a site.yaml is built as \
            `transparency-gen build --site FOLDER/NAME` would build it: with its own `database:` \
            (on a shared PostgreSQL server, each agency's own schema), its own ledger and its own \
            public/. Sites are built in name order, --jobs at a time; two entries that lead to one \
            folder (a link) are one site, built once. A site that fails is reported \
            and the others are still built; the exit status is 1 when any failed.

            Example (docs/postgresql.md):
              transparency-gen build-all /srv/portals --jobs 2
            """)

    @Argument(help: ArgumentHelp("The folder holding one site folder per agency.", valueName: "folder"))
    var folder: String

    @Option(name: .long, help: "How many sites to build at once (the server's connections and this machine's cores allow a few).")
    var jobs = 2

    @Flag(name: .long, help: "Rebuild even when nothing changed since the last build, rendering every page anew.")
    var force = false

    func validate() throws {
        guard (1...16).contains(jobs) else { throw ValidationError("--jobs is a number from 1 to 16.") }
    }

    func run() throws {
        let root = URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL
        let (sites, repeated) = SiteFolders.distinct(SiteFolders.sites(in: root))
        guard !sites.isEmpty else {
            fail(GeneratorError("\(root.path) holds no site folder (a folder with a site.yaml). Put each agency's site folder inside it, e.g. \(root.path)/elm-creek/site.yaml."))
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let results = SiteFolders.buildEach(sites, jobs: jobs) { site in
            let process = Process()
            process.executableURL = executable
            process.arguments = ["build", "--site", site.path, "--quiet"] + (force ? ["--force"] : [])
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            do { try process.run() } catch { return "cannot start a build: \(error)" }
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return process.terminationStatus == 0 ? nil : message.replacingOccurrences(of: "error: ", with: "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var failed = 0
        for (site, failure) in zip(sites, results) {
            if let failure {
                failed += 1
                print("\(site.lastPathComponent): failed: \(failure)")
            } else {
                print("\(site.lastPathComponent): published to \(SiteBuilder.defaultOutput(of: site).path)")
            }
        }
        for (entry, site) in repeated {
            print("\(entry.lastPathComponent): the same site as \(site.lastPathComponent) (both lead to \(site.resolvingSymlinksInPath().path)): built once, as \(site.lastPathComponent).")
        }
        print("\(sites.count - failed) of \(sites.count) sites built.")
        if failed > 0 { throw ExitCode(1) }
    }
}
