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
            let stop = StopOnSignal { session.discard() }
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

/// Ctrl-C or SIGTERM: clean up, then exit. A preview has nothing else to keep consistent.
final class StopOnSignal {
    private var sources: [DispatchSourceSignal] = []

    init(cleanUp: @escaping @Sendable () -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                cleanUp()
                say("\nStopped the preview.")
                Foundation.exit(0)
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        sources.forEach { $0.cancel() }
    }
}
