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
            On a PostgreSQL server (see docs/postgresql.md):
              transparency-gen schema --postgresql | psql -d alpr
              transparency-gen schema --postgresql-access --schema elm_creek --role transparency_gen --site . > access.sql
            The access script carries the site's search reason rules and retention period (site.yaml), which the
            views apply on the server: run it again after changing either.
            """)

    @Flag(help: "Print the tables in PostgreSQL types (*_at timestamptz, *_on date) instead of SQLite's.")
    var postgresql = false

    @Flag(help: "Print the script that creates the aggregate views in --schema and lets the login role --role read only those.")
    var postgresqlAccess = false

    @Option(help: "The PostgreSQL schema holding the agency's operational tables (with --postgresql-access).")
    var schema: String?

    @Option(help: "The existing login role the generator connects as (with --postgresql-access).")
    var role: String?

    @Option(name: .long, help: ArgumentHelp("The site folder whose site.yaml gives the search reason rules and retention period (with --postgresql-access).", valueName: "dir"))
    var site: String = "."

    func validate() throws {
        if postgresql && postgresqlAccess {
            throw ValidationError("Give --postgresql (the tables) or --postgresql-access (the views and grants), not both.")
        }
        if postgresqlAccess {
            for (option, value) in [("--schema", schema), ("--role", role)] {
                guard let value else {
                    throw ValidationError("--postgresql-access needs \(option): the script is written for one schema and one role.")
                }
                guard PostgreSQLContract.isPlainName(value) else {
                    throw ValidationError("\(option) '\(value)' is not a plain PostgreSQL name: use lower-case letters, digits and underscores (e.g. elm_creek), starting with a letter.")
                }
            }
        } else if schema != nil || role != nil {
            throw ValidationError("--schema and --role go with --postgresql-access.")
        }
    }

    func run() {
        if postgresqlAccess, let schema, let role {
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let folder = URL(fileURLWithPath: site, relativeTo: cwd).standardizedFileURL
            let configuration: SiteConfiguration
            do { configuration = try SiteConfiguration.load(siteDirectory: folder) } catch { fail(error) }
            print(PostgreSQLContract.accessScript(schema: schema, role: role, scope: configuration.searchScope), terminator: "")
        } else if postgresql {
            print(PostgreSQLContract.tables)
        } else {
            print(OperationalSchema.sql)
        }
    }
}
