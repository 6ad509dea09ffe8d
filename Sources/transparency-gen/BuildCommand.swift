import ArgumentParser
import Foundation
import PublicLog
import TransparencyGen

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the portal into public/, ready to upload to your web server.",
        discussion: """
            Reads site.yaml, content/ and templates/ from the site folder and the figures from the \
            operational database (read-only), records the figures in the ledger, and publishes the \
            whole site at once: if anything goes wrong, the previous public/ and the ledger stay as \
            they were. A build whose inputs have not changed rebuilds nothing.

            Examples:
              transparency-gen build                       this folder's site
              transparency-gen build --site /srv/portal    another site folder
              transparency-gen build --database x.sqlite   another database
            """)

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where to publish. Default: public/ in the site folder.", valueName: "dir"))
    var output: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print the files read and written, and every warning.")
    var verbose = false

    @Flag(name: .long, help: "Rebuild even when nothing changed since the last build, rendering every page anew.")
    var force = false

    @Flag(name: .long, help: "Publish even though content still holds starter text in [[double brackets]].")
    var allowPlaceholders = false

    @Flag(name: .long, help: "The agency's name or its database's place changed: record them as the ledger's owner instead of refusing the ledger.")
    var ledgerOwnerChanged = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("Choose --quiet or --verbose, not both.") }
    }

    func run() throws {
        do {
            var options = try siteOptions.buildOptions(output: output)
            options.force = force
            options.allowPlaceholders = allowPlaceholders
            options.ledgerOwnerChanged = ledgerOwnerChanged
            let progress = ProgressLine(enabled: !quiet)
            var builder = SiteBuilder(options: options) { timing in
                progress.finish()
                if !quiet {
                    let name = timing.name.padding(toLength: 34, withPad: " ", startingAt: 0)
                    print("  \(name) \(String(format: "%6.2f", timing.seconds)) s")
                }
            }
            builder.onPageProgress = { progress.show("render and write to staging folder", $0.written, of: $0.total) }
            let output = builder.outputURL
            if verbose {
                print("Site folder: \(options.siteDirectory.path)")
                print("Output:      \(output.path)")
            }
            // On Ctrl-C or SIGTERM: discard the staging folder and exit. The published site is
            // untouched until the final swap, and the ledger's open transaction rolls back.
            let interruption = SignalTrap { signalNumber in
                // Waits for a file write or the swap-and-commit in progress; none starts after.
                PublishingGuard.shared.interrupt { SiteBuilder.discardStaging(output: output) }
                FileHandle.standardError.write(Data("Interrupted. The published site and the ledger are consistent: either both are as before, or the new publication is complete in both.\n".utf8))
                Foundation.exit(128 + signalNumber)
            }
            let report = try builder.build()
            interruption.cancel()
            if report.upToDate {
                if !quiet {
                    print("Nothing changed since the last build (configuration, content, templates, database, ledger and day): \(report.output.path) is up to date. Use --force to rebuild anyway.")
                }
                return
            }
            if let previous = report.previousLedgerOwner, let owner = report.ledgerOwner {
                // Never silent, even with --quiet: the ledger now belongs to another name or source.
                print("The ledger's owner was changed (--ledger-owner-changed): it recorded \(previous), and now records \(owner).")
            }
            guard !quiet else { return }
            if verbose {
                print("Database:    \((report.database ?? .sample).displayName)")
                print("Ledger:      \(report.ledger?.path ?? "a throwaway ledger (sample agency)")")
            }
            if report.usedSampleDatabase {
                print("Built from the generated sample agency (no --database given and none in site.yaml).")
            }
            print("Published \(report.pages) pages and \(report.files - report.pages) other files (\(report.periods) periods of use) to \(report.output.path)")
            if report.pagesCarriedOver > 0 {
                print("\(report.pagesCarriedOver) of the pages were carried over from the published site: nothing they show had changed.")
            }
            if let publication = report.publication {
                print("Publication \(publication.number): \(report.publicationChanges.joined(separator: " "))")
            } else {
                print("Inputs unchanged since the last publication: no new publication recorded.")
            }
            print("Every file and its SHA-256: \(report.output.path)/manifest.csv (check with: cd \(report.output.path) && sha256sum -c SHA256SUMS)")
            if !report.warnings.isEmpty {
                if verbose {
                    print("\(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s"):")
                    for warning in report.warnings { print("- \(warning)") }
                } else {
                    print("\(report.warnings.count) warning\(report.warnings.count == 1 ? "" : "s") to look at: run `transparency-gen check` (or build --verbose) to see \(report.warnings.count == 1 ? "it" : "them").")
                }
            }
        } catch {
            fail(error)
        }
    }
}
