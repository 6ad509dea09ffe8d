import ArgumentParser
import CMemory
import Foundation
import PublicLog
import TransparencyGen

@main
struct TransparencyGenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transparency-gen",
        abstract: "Publishes a police agency's license plate reader transparency portal (Minn. Stat. 13.824).",
        discussion: """
            Reads the agency's operational ALPR database read-only, through aggregate views that \
            expose no data on individuals, and writes a static site: the public log of use, the \
            reader locations, the policy, the audits, and open data files.

            Getting started:
              transparency-gen init alpr-portal   a new site folder for your agency
              cd alpr-portal
              transparency-gen serve              preview it while you edit
              transparency-gen check              list mistakes and warnings
              transparency-gen build              write public/ to upload

            Run `transparency-gen help COMMAND` for a command's options, or `man transparency-gen`. \
            The guides (configuration, content, mapping a vendor's export, deploying, restyling, \
            publishing checklist) are in /usr/share/doc/transparency-gen/docs when installed from \
            the package, and in docs/ beside the source code.
            """,
        version: BuildInfo.description,
        subcommands: [Build.self, BuildAll.self, Serve.self, Check.self, Verify.self, Key.self, Index.self, Init.self, Import.self, Schema.self, SampleDatabase.self, BenchmarkWorkloadCommand.self],
        defaultSubcommand: Build.self)

    /// The allocator set for the whole process before any command runs (`tg_map_large_allocations`:
    /// a large agency's tally tables are handed back once freed), then the command.
    static func main() async {
        tg_map_large_allocations()
        await main(nil)
    }
}

/// Options shared by `build` and `check`.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site folder: site.yaml, content/ and templates/.", valueName: "dir"))
    var site: String = "."

    @Option(name: .long, help: ArgumentHelp(
        "The operational database, read-only: an SQLite file, or postgresql://USER@HOST:PORT/DBNAME?schema=NAME (password from ~/.pgpass or PGPASSWORD). Default: `database:` in site.yaml, else a generated sample agency.",
        valueName: "path-or-address"))
    var database: String?

    func buildOptions(output: String? = nil) throws(GeneratorError) -> BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let siteURL = URL(fileURLWithPath: site, relativeTo: cwd).standardizedFileURL
        return BuildOptions(
            siteDirectory: siteURL,
            database: try database.map { (text) throws(GeneratorError) in try DatabaseLocation.parse(text, relativeTo: cwd) },
            output: output.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL },
            now: try BuildOptions.now())
    }
}

/// Prints a clerk-readable error and exits non-zero, without a stack trace.
func fail(_ error: GeneratorError, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
    Foundation.exit(code)
}

/// Runs `body`, turning any of the tool's errors into `fail`.
func failingOnError(_ body: () throws -> Void) {
    do {
        try body()
    } catch let error as PublicLogError {
        fail(GeneratorError(error))
    } catch {
        fail(GeneratorError.from(error))
    }
}

/// The zone of a `--time-zone` option, or an error that names the likely intended one.
func agencyTimeZone(option value: String) throws(GeneratorError) -> AgencyTimeZone {
    guard let zone = AgencyTimeZone(identifier: value) else {
        throw GeneratorError("--time-zone '\(value)' is not a time zone this system knows. \(SiteConfiguration.timeZoneFix(for: value))")
    }
    return zone
}
