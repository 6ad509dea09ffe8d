import ArgumentParser
import Foundation
import TransparencyGen

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a statewide index from what agencies published.",
        subcommands: [IndexInit.self, IndexBuild.self])
}

struct IndexInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new statewide index: sources, templates, a county map and two example portals.",
        discussion: """
            Writes into DIR (a new or empty folder):
              sources.yaml       the agencies the index lists, every line explained
              counties.geojson   county boundaries for the map (three invented counties: replace them)
              templates/         the look and the words of the index, to restyle and translate
              portals/           two made-up sample agencies' published portals, the example sources
            It builds at once:
              cd DIR && transparency-gen index build     (or `transparency-gen serve` to preview it)
            """)

    @Argument(help: ArgumentHelp("The new index folder. It must not exist yet, or be empty.", valueName: "dir"))
    var directory: String

    func run() throws {
        failingOnError {
            let folder = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL
            let written = try IndexScaffold(now: try BuildOptions.now()).write(to: folder)
            print("""
                Created a new statewide index in \(folder.path) (\(written.count) files and portals).

                Next steps:
                  1. cd \(directory)
                  2. transparency-gen serve          preview it at http://127.0.0.1:8080/
                  3. Edit sources.yaml: your agencies and their portals; replace counties.geojson
                  4. transparency-gen index build    writes public/, to upload to your web server
                """)
        }
    }
}

struct IndexBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Read and verify each agency's published portal and publish the index's tables.",
        discussion: """
            Reads only the portals' published files (summary.json, the CSVs, publication.json, \
            SHA256SUMS), each verified as `verify` does; a portal that fails is listed as failed with \
            the reason, and none of its figures is used. Writes the index's pages (in the languages of \
            sources.yaml, with the templates/ beside it), its tables under data/ (agencies.csv and \
            sharing.csv among them), a feed of changes since the last build, SHA256SUMS and \
            manifest.csv, replacing the output folder whole.
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
            for note in report.notes { print("note: \(note)") }
            print("Published the index to \(report.output.path) (\(report.files) files).")
        }
    }
}
