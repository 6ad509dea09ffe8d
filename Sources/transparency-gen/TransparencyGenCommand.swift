import ArgumentParser
import Foundation
import PublicLog
import TransparencyGen

@main
struct TransparencyGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transparency-gen",
        abstract: "Publishes a police agency's license plate reader transparency portal (Minn. Stat. 13.824).",
        discussion: """
            Reads the agency's operational ALPR database read-only, through aggregate views that \
            expose no data on individuals, and writes a static site: the public log of use, the \
            reader locations, the policy, the audits, and open data files.
            """,
        subcommands: [Build.self, Check.self, SampleDatabase.self, BenchmarkWorkloadCommand.self],
        defaultSubcommand: Build.self)
}

/// Options shared by `build` and `check`.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site folder: site.yaml, content/ and templates/.", valueName: "dir"))
    var site: String = "."

    @Option(name: .long, help: ArgumentHelp(
        "The operational database (SQLite), opened read-only. Default: `database:` in site.yaml, else a generated sample agency.",
        valueName: "path"))
    var database: String?

    func buildOptions(output: String? = nil) throws(GeneratorError) -> BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let siteURL = URL(fileURLWithPath: site, relativeTo: cwd).standardizedFileURL
        return BuildOptions(
            siteDirectory: siteURL,
            database: database.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL },
            output: output.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL },
            now: try BuildOptions.now())
    }
}

/// Prints a clerk-readable error and exits non-zero, without a stack trace.
func fail(_ error: GeneratorError, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
    Foundation.exit(code)
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the portal into the output folder.")

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where to publish. Default: public/ in the site folder.", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .long, help: "Rebuild even when nothing changed since the last build.")
    var force = false

    func run() throws {
        do {
            var options = try siteOptions.buildOptions(output: output)
            options.force = force
            let builder = SiteBuilder(options: options) { timing in
                if !quiet {
                    let name = timing.name.padding(toLength: 34, withPad: " ", startingAt: 0)
                    print("  \(name) \(String(format: "%6.2f", timing.seconds)) s")
                }
            }
            let output = builder.outputURL
            let interruption = Interruption { SiteBuilder.discardStaging(output: output) }
            let report = try builder.build()
            interruption.cancel()
            if report.upToDate {
                if !quiet {
                    print("Nothing changed since the last build (configuration, content, templates, database, ledger and day): \(report.output.path) is up to date. Use --force to rebuild anyway.")
                }
                return
            }
            if !quiet {
                if report.usedSampleDatabase {
                    print("Built from the generated sample agency (no --database given and none in site.yaml).")
                }
                print("Published \(report.pages) pages and \(report.files - report.pages) other files (\(report.periods) periods of use) to \(report.output.path)")
                if let publication = report.publication {
                    print("Publication \(publication.number): \(publication.changes.joined(separator: " "))")
                } else {
                    print("Inputs unchanged since the last publication: no new publication recorded.")
                }
                print("Every file and its SHA-256: \(report.output.path)/manifest.csv (check with: cd \(report.output.path) && sha256sum -c SHA256SUMS)")
            }
        } catch {
            fail(error)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check everything a build would read, and report statutory warnings. Writes nothing.",
        discussion: "Exit status: 0 when there is no error (warnings are printed), 1 with --strict when there are warnings, 2 on errors.")

    @OptionGroup var siteOptions: SiteOptions

    @Flag(name: .long, help: "Exit with status 1 when there are warnings.")
    var strict = false

    func run() throws {
        do {
            let warnings = try SiteBuilder(options: try siteOptions.buildOptions()).check()
            if warnings.isEmpty {
                print("No errors and no warnings.")
            } else {
                print("No errors. \(warnings.count) warning\(warnings.count == 1 ? "" : "s"):")
                for warning in warnings { print("- \(warning)") }
                if strict { throw ExitCode(1) }
            }
        } catch let error as GeneratorError {
            fail(error, code: 2)
        }
    }
}

struct SampleDatabase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-database",
        abstract: "Write the sample agency's operational database, to inspect or to test against.")

    @Argument(help: ArgumentHelp("Where to write the SQLite file (replaced if present).", valueName: "path"))
    var path: String

    @Option(name: .long, help: "IANA time zone of the sample agency.")
    var timeZone = AgencyTimeZone.defaultIdentifier

    func run() throws {
        do {
            guard let zone = AgencyTimeZone(identifier: timeZone) else {
                throw GeneratorError("--time-zone '\(timeZone)' is not a time zone this system knows. Use an IANA name such as America/Chicago.")
            }
            try SampleDatabaseWriter(now: try BuildOptions.now(), timeZone: zone).write(to: path)
            print("Wrote the sample operational database to \(path)")
        } catch let error as GeneratorError {
            fail(error)
        } catch let error as PublicLogError {
            fail(GeneratorError(error))
        }
    }
}

struct BenchmarkWorkloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark-workload",
        abstract: "Write the reference large agency's database and ledger, to measure builds at scale.",
        discussion: """
            40 fixed and 80 mobile readers, 60 days of retained reads, and a ledger with five years of \
            earlier figures. The rows depend only on --reads, --time-zone and SOURCE_DATE_EPOCH, which \
            the builds measured against them must share. See BENCHMARKS.md.
            """)

    @Argument(help: ArgumentHelp("Folder to write operational.sqlite and ledger.sqlite into.", valueName: "dir"))
    var directory: String

    @Option(name: .long, help: "About how many plate reads to retain.")
    var reads = 10_000_000

    @Option(name: .long, help: "IANA time zone of the agency.")
    var timeZone = AgencyTimeZone.defaultIdentifier

    func run() throws {
        do {
            guard let zone = AgencyTimeZone(identifier: timeZone) else {
                throw GeneratorError("--time-zone '\(timeZone)' is not a time zone this system knows. Use an IANA name such as America/Chicago.")
            }
            guard reads > 0 else { throw GeneratorError("--reads must be a positive number of reads.") }
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let workload = BenchmarkWorkload(now: try BuildOptions.now(), timeZone: zone, reads: reads)
            let folder = URL(fileURLWithPath: directory)
            try workload.writeDatabase(to: folder.appendingPathComponent("operational.sqlite").path)
            try workload.writeLedger(to: folder.appendingPathComponent("ledger.sqlite").path)
            print("Wrote operational.sqlite and ledger.sqlite to \(directory)")
        } catch let error as GeneratorError {
            fail(error)
        } catch let error as PublicLogError {
            fail(GeneratorError(error))
        }
    }
}

/// On SIGINT or SIGTERM during a build: discard the staging folder and exit. The published
/// site is untouched until the final swap, and the ledger's open transaction rolls back.
final class Interruption {
    private var sources: [DispatchSourceSignal] = []

    init(cleanUp: @escaping @Sendable () -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                // Waits for a file write or the swap-and-commit in progress; none starts after.
                PublishingGuard.shared.interrupt(cleanUp: cleanUp)
                FileHandle.standardError.write(Data("Interrupted. The published site and the ledger are consistent: either both are as before, or the new publication is complete in both.\n".utf8))
                Foundation.exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        sources.forEach { $0.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
