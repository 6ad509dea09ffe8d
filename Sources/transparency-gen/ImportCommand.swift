import ArgumentParser
import Foundation
import PublicLog
import TransparencyGen

extension ImportFormat: ExpressibleByArgument {}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a vendor's export files into the operational database (an SQLite file).",
        discussion: """
            Formats:
              flock-audit         Flock Safety's Organization or Network search audit (CSV)
              flock-portal-audit  the search audit CSV of a Flock public portal
            Example (docs/vendor-export.md):
              transparency-gen import flock-audit org.csv net.csv --agency-names names.csv
            All files of one call are imported together: on any error nothing is written. Importing a \
            file again adds nothing. The import never touches the ledger or a published site.
            """)

    @Argument(help: "The format of the files.")
    var format: ImportFormat

    @Argument(help: "The vendor's files.")
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("The SQLite file to import into, created when absent. Default: `database:` in site.yaml.", valueName: "path"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("The site folder, for its agency_name, time zone and database.", valueName: "dir"))
    var site: String = "."

    @Option(name: .long, help: ArgumentHelp("A CSV with header name,agency_id: the vendor's names of other agencies and their sharing_agency ids.", valueName: "csv"))
    var agencyNames: String?

    @Option(name: .long, help: ArgumentHelp("Another name the vendor gives this agency (Org Name); repeat for each. The site's agency_name counts too.", valueName: "name"))
    var ownOrg: [String] = []

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let siteURL = URL(fileURLWithPath: site, relativeTo: cwd).standardizedFileURL
        do throws(GeneratorError) {
            let configuration = try SiteConfiguration.load(siteDirectory: siteURL)
            // Without the site's agency_name, the agency's own searches would be stored as
            // another agency's, and importing again would not correct them.
            let hasSite = FileManager.default.fileExists(atPath: siteURL.appendingPathComponent(SiteConfiguration.fileName).path)
            guard hasSite || !ownOrg.isEmpty else {
                throw GeneratorError("""
                    There is no site.yaml in \(siteURL.path), so the import cannot tell this agency's own searches from \
                    other agencies': give --site with the site folder, or --own-org with the agency's name as the vendor \
                    writes it. Nothing was imported.
                    """)
            }
            let location = try database.map { (text) throws(GeneratorError) in try DatabaseLocation.parse(text, relativeTo: cwd) }
                ?? configuration.database
            guard case .file(let url) = location else {
                throw GeneratorError(location == .sample
                    ? "No database to import into: give --database FILE (a new file is created), or set `database:` in site.yaml."
                    : "The import writes an SQLite file, not a PostgreSQL server: the database administrator loads the server (docs/postgresql.md). Give --database FILE.")
            }
            func read(_ path: String) throws(GeneratorError) -> VendorImport.File {
                let fileURL = URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL
                guard FileManager.default.isReadableFile(atPath: fileURL.path) else {
                    throw GeneratorError("Cannot read \(path): check the file's name and permissions. Nothing was imported.")
                }
                return VendorImport.File(name: path, path: fileURL.path)
            }
            var inputs: [VendorImport.File] = []
            for path in files { inputs.append(try read(path)) }
            let names = try agencyNames.map { (path) throws(GeneratorError) in try read(path) }
            let summary: VendorImport.Summary
            do {
                // A line that counts up on a terminal, for large files; nothing in a log.
                let terminal = isatty(STDERR_FILENO) == 1
                summary = try VendorImport.run(format, files: inputs, database: url.path,
                                               ownNames: ownOrg + (hasSite ? [configuration.agencyName] : []), agencyNames: names,
                                               progress: terminal ? { FileHandle.standardError.write(Data("\r\($0) rows read…".utf8)) } : nil)
                if terminal, summary.rowsRead >= VendorImport.progressEvery { FileHandle.standardError.write(Data("\r".utf8)) }
            } catch {
                throw GeneratorError(error)
            }
            print("""
                Imported \(files.count) file\(files.count == 1 ? "" : "s") into \(url.path): \(summary.rowsRead) searches read, \
                \(summary.added) added, \(summary.alreadyPresent) already present.
                """)
        } catch {
            fail(error)
        }
    }
}
