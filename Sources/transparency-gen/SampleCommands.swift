import ArgumentParser
import Foundation
import PublicLog
import Samples
import TransparencyGen

struct SampleDatabase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-database",
        abstract: "Write the sample agency's operational database, to inspect or to test against.")

    @Argument(help: ArgumentHelp("Where to write the SQLite file (replaced if present).", valueName: "path"))
    var path: String

    @Option(name: .long, help: "IANA time zone of the sample agency.")
    var timeZone = AgencyTimeZone.defaultIdentifier

    func run() throws {
        failingOnError {
            let zone = try agencyTimeZone(option: timeZone)
            try SampleDatabaseWriter(now: try BuildOptions.now(), timeZone: zone).write(to: path)
            print("Wrote the sample operational database to \(path)")
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
        failingOnError {
            let zone = try agencyTimeZone(option: timeZone)
            guard reads > 0 else { throw GeneratorError("--reads must be a positive number of reads.") }
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let workload = BenchmarkWorkload(now: try BuildOptions.now(), timeZone: zone, reads: reads)
            let folder = URL(fileURLWithPath: directory)
            try workload.writeDatabase(to: folder.appendingPathComponent("operational.sqlite").path)
            try workload.writeLedger(to: folder.appendingPathComponent("ledger.sqlite").path)
            print("Wrote operational.sqlite and ledger.sqlite to \(directory)")
        }
    }
}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the operational database's schema (SQL), to create an empty database for your data.",
        discussion: """
            Example, before importing a vendor's export (see docs/vendor-export.md):
              transparency-gen schema | sqlite3 operational.sqlite
            """)

    func run() {
        print(OperationalSchema.sql)
    }
}
