import ArgumentParser
import Foundation
import TransparencyGen

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a statewide index from what agencies published.",
        subcommands: [IndexBuild.self])
}

struct IndexBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Read and verify each agency's published portal and publish the index's tables.",
        discussion: """
            Reads only the portals' published files (summary.json, the CSVs, publication.json, \
            SHA256SUMS), each verified as `verify` does; a portal that fails is listed as failed with \
            the reason, and none of its figures is used. Writes data/agencies.csv and data/sharing.csv \
            with SHA256SUMS and manifest.csv, replacing the output folder whole.
            """)

    @Option(name: .long, help: ArgumentHelp("The sources file.", valueName: "file"))
    var sources = IndexSources.fileName

    @Option(name: .long, help: ArgumentHelp("Where to publish the index (default: public/ beside the sources file).", valueName: "dir"))
    var output: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("A certificate authority (PEM) to trust for https:// portals, besides the system's.", valueName: "path"))
    var caFile: String?

    func run() throws {
        failingOnError {
            let sourcesFile = URL(fileURLWithPath: sources)
            var builder = IndexBuilder(sourcesFile: sourcesFile, output: output.map { URL(fileURLWithPath: $0) } ?? IndexBuilder.defaultOutput(of: sourcesFile),
                                       now: try BuildOptions.now())
            if let caFile {
                guard FileManager.default.isReadableFile(atPath: caFile) else {
                    throw GeneratorError("--ca-file \(caFile) cannot be read. Give the certificate authority's PEM file.")
                }
                builder.caFile = URL(fileURLWithPath: caFile)
            }
            let report = try builder.build()
            for source in report.sources {
                print("\(source.id): \(source.status)\(source.reason.isEmpty ? "" : " (\(source.reason))")")
            }
            print("Published the index to \(report.output.path) (\(report.files) files).")
        }
    }
}
