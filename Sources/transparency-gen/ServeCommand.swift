import ArgumentParser
import Foundation
import PreviewServer
import TransparencyGen

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the portal in your browser while you edit; rebuilds on every change.",
        discussion: """
            Builds the site and serves it at http://127.0.0.1:8080/ (this computer only). When you \
            save a change to site.yaml, content/ or templates/, or the database or ledger changes, it \
            builds again: reload the page to see it. If a build fails, the browser shows the error \
            instead of the site until you fix it.

            The preview is built in a temporary folder against a copy of the ledger: it never \
            changes public/ and never records a publication. Publish with `transparency-gen build`.
            Press Ctrl-C to stop.
            """)

    @OptionGroup var siteOptions: SiteOptions

    @Option(name: .long, help: ArgumentHelp("The port to listen on, on 127.0.0.1.", valueName: "number"))
    var port = 8080

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be a number from 1 to 65535, e.g. 8080.")
        }
    }

    func run() async throws {
        do {
            let options = try siteOptions.buildOptions()
            let session = PreviewSession(siteDirectory: options.siteDirectory, database: options.database,
                                         now: { () throws(GeneratorError) in try BuildOptions.now() },
                                         report: say)
            try session.checkSiteFolder()
            // Ctrl-C or SIGTERM: a preview has nothing to keep consistent but its temporary folder.
            let stop = SignalTrap { _ in
                session.discard()
                say("\nStopped the preview.")
                Foundation.exit(0)
            }
            defer { stop.cancel(); session.discard() }
            try await PreviewServer(session: session, port: port).run { port in
                say("Previewing \(session.siteDirectory.path) at http://127.0.0.1:\(port)/ (Ctrl-C to stop)")
            }
        } catch {
            fail(error)
        }
    }
}

/// One line on standard output at once, even when it goes to a file (print's output would
/// wait in a buffer there), so a log shows each build as it happens.
@Sendable func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
