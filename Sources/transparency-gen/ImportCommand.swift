import ArgumentParser
import Foundation
import PublicLog
import TransparencyGen

/// What `import` reads: one of the vendor formats PublicLog knows, or any CSV by a mapping file.
enum ImportKind: ExpressibleByArgument {
    case vendor(ImportFormat)
    case csv

    init?(argument: String) {
        if argument == "csv" {
            self = .csv
        } else if let format = ImportFormat(rawValue: argument) {
            self = .vendor(format)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { ImportFormat.allCases.map(\.rawValue) + ["csv"] }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a vendor's export files into the operational database (an SQLite file).",
        discussion: """
            Formats:
              flock-audit         Flock Safety's Organization or Network search audit (CSV)
              flock-portal-audit  the search audit CSV of a Flock public portal
              csv                 any CSV, into the table --mapping FILE.yaml names
            Examples (docs/vendor-export.md):
              transparency-gen import flock-audit org.csv net.csv --agency-names names.csv
              transparency-gen import csv --mapping reads.yaml reads.csv

            All files of one call are imported together: on any error nothing is written. Importing a \
            file again adds nothing. The import never touches the ledger or a published site.
            """)

    @Argument(help: "The format of the files.")
    var format: ImportKind

    @Argument(help: "The vendor's files.")
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("The SQLite file to import into, created when absent. Default: `database:` in site.yaml.", valueName: "path"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("The site folder, for its agency_name, time zone and database.", valueName: "dir"))
    var site: String = "."

    @Option(name: .long, help: ArgumentHelp("A CSV with header name,agency_id: the vendor's names of other agencies and their sharing_agency ids.", valueName: "csv"))
    var agencyNames: String?

    @Option(name: .long, help: ArgumentHelp("For csv: the mapping file saying which table the files fill and where each column comes from.", valueName: "yaml"))
    var mapping: String?

    @Option(name: .long, help: ArgumentHelp("Another name the vendor gives this agency (Org Name); repeat for each. The site's agency_name counts too.", valueName: "name"))
    var ownOrg: [String] = []

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let siteURL = URL(fileURLWithPath: site, relativeTo: cwd).standardizedFileURL
        do throws(GeneratorError) {
            let configuration = try SiteConfiguration.load(siteDirectory: siteURL)
            let hasSite = FileManager.default.fileExists(atPath: siteURL.appendingPathComponent(SiteConfiguration.fileName).path)
            let location = try database.map { (text) throws(GeneratorError) in try DatabaseLocation.parse(text, relativeTo: cwd) }
                ?? configuration.database
            guard case .file(let url) = location else {
                throw GeneratorError(location == .sample
                    ? "No database to import into: give --database FILE (a new file is created), or set `database:` in site.yaml."
                    : "The import writes an SQLite file, not a PostgreSQL server: the database administrator loads the server (docs/postgresql.md). Give --database FILE.")
            }
            // Before the first build the site's ledger does not exist yet, and the import would make it an operational database.
            let ledger = configuration.ledger ?? siteURL.appendingPathComponent(Ledger.defaultFileName)
            if hasSite, url.standardizedFileURL.path == ledger.standardizedFileURL.path {
                throw GeneratorError("\(url.path) is the site's ledger (where the build keeps published figures), not an operational database: give another file with --database (e.g. data/operational.sqlite). Nothing was imported.")
            }
            func read(_ path: String) throws(GeneratorError) -> VendorImport.File {
                let fileURL = URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL
                guard FileManager.default.isReadableFile(atPath: fileURL.path) else {
                    throw GeneratorError("Cannot read \(path): check the file's name and permissions. Nothing was imported.")
                }
                // A file, or a pipe (`<(unzip -p export.zip reads.csv)`); a folder or a device is not an export.
                var info = stat()
                let kind = stat(fileURL.path, &info) == 0 ? info.st_mode & S_IFMT : 0
                guard kind == S_IFREG || kind == S_IFIFO else {
                    throw GeneratorError("\(path) is not a file (a folder or a device). Give the export's CSV file. Nothing was imported.")
                }
                return VendorImport.File(name: path, path: fileURL.path)
            }
            var inputs: [VendorImport.File] = []
            for path in files { inputs.append(try read(path)) }
            let job: VendorImport.Job
            switch format {
            case .vendor(let vendorFormat):
                guard mapping == nil else {
                    throw GeneratorError("--mapping is for `import csv`; \(vendorFormat.rawValue) files have a layout of their own. Nothing was imported.")
                }
                // Without the site's agency_name, the agency's own searches would be stored as
                // another agency's, and importing again would not correct them.
                guard hasSite || !ownOrg.isEmpty else {
                    throw GeneratorError("""
                        There is no site.yaml in \(siteURL.path), so the import cannot tell this agency's own searches from \
                        other agencies': give --site with the site folder, or --own-org with the agency's name as the vendor \
                        writes it. Nothing was imported.
                        """)
                }
                let names = try agencyNames.map { (path) throws(GeneratorError) in try read(path) }
                job = .searches(vendorFormat, files: inputs, ownNames: ownOrg + (hasSite ? [configuration.agencyName] : []),
                                agencyNames: names)
            case .csv:
                guard let mapping else {
                    throw GeneratorError("`import csv` needs --mapping FILE.yaml, the file saying which table the CSV fills and where each column comes from (docs/vendor-export.md). Nothing was imported.")
                }
                guard agencyNames == nil, ownOrg.isEmpty else {
                    throw GeneratorError("--agency-names and --own-org are for Flock's audits; a mapping file looks names up with lookup: (docs/vendor-export.md). Nothing was imported.")
                }
                let table = try MappingFile.load(URL(fileURLWithPath: mapping, relativeTo: cwd).standardizedFileURL, name: mapping)
                // `zone: local` is the site's time zone: without a site.yaml it would be a guess.
                if !hasSite, let local = table.columns.first(where: { if case .time(_, .local) = $0.conversion { true } else { false } }) {
                    throw GeneratorError("""
                        \(mapping) line \(local.line): zone: local is the site's time_zone, and there is no site.yaml in \(siteURL.path). \
                        Give --site with the site folder, or write the zone's name (zone: America/Chicago). Nothing was imported.
                        """)
                }
                job = .table(table, files: inputs, timeZone: TimeZone(identifier: configuration.timeZone.identifier) ?? .gmt)
            }
            let summary: VendorImport.Summary
            do {
                // A line that counts up on a terminal, for large files; nothing in a log.
                let terminal = isatty(STDERR_FILENO) == 1
                summary = try VendorImport.run(job, database: url.path,
                                               progress: terminal ? { FileHandle.standardError.write(Data("\r\($0) rows read…".utf8)) } : nil)
                if terminal, summary.rowsRead >= VendorImport.progressEvery { FileHandle.standardError.write(Data("\r".utf8)) }
            } catch {
                throw GeneratorError(error)
            }
            let what = if case .csv = format { summary.rowsRead == 1 ? "row" : "rows" } else { summary.rowsRead == 1 ? "search" : "searches" }
            let updated = if case .csv = format { "\(summary.updated) updated, " } else { "" }
            print("""
                Imported \(files.count) file\(files.count == 1 ? "" : "s") into \(url.path): \(summary.rowsRead) \(what) read, \
                \(summary.added) added, \(updated)\(summary.alreadyPresent) already present.
                """)
        } catch {
            fail(error)
        }
    }
}
