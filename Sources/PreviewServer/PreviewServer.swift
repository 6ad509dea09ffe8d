import Foundation
import Hummingbird
import Logging
import NIOCore
import TransparencyGen

/// `transparency-gen serve`: an HTTP server on loopback (Hummingbird) that shows the
/// preview's latest site, its build error instead of a stale page when the last build
/// failed, and the site's own 404 page for an address the site does not have.
public struct PreviewServer: Sendable {
    public let session: PreviewSession
    public let host: String
    public let port: Int

    public init(session: PreviewSession, host: String = "127.0.0.1", port: Int) {
        self.session = session
        self.host = host
        self.port = port
    }

    /// Serves until the task is cancelled. `onListening` gets the port listened on (useful
    /// with port 0); builds start only once the port is taken, so a port in use fails at once.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws(GeneratorError) {
        var logger = Logger(label: "transparency-gen.preview")
        logger.logLevel = .critical
        let router = Router()
        router.add(middleware: PreviewMiddleware(session: session))
        router.add(middleware: FileMiddleware(session.output.path, searchForIndexHtml: true, logger: logger))
        let (listening, listeningContinuation) = AsyncStream<Void>.makeStream()
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                onListening(channel.localAddress?.port ?? port)
                listeningContinuation.yield()
            },
            logger: logger)
        let session = self.session
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await app.run() }
                group.addTask {
                    for await _ in listening {
                        await session.run()
                        break
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw GeneratorError("Port \(port) on \(host) is already in use, perhaps by another `transparency-gen serve` or another program. Stop that one, or preview on another port: transparency-gen serve --port \(port == 8080 ? 8081 : port + 1)")
        } catch let error as IOError where error.errnoCode == EACCES {
            throw GeneratorError("This user may not listen on port \(port) (ports below 1024 need administrator rights). Preview on a higher port: transparency-gen serve --port 8080")
        } catch is CancellationError {
            return
        } catch {
            throw GeneratorError("The preview server stopped: \(error). Start it again; if this repeats, try another --port.")
        }
    }
}

/// Answers with the preview's own page while the site is not servable, and with the site's
/// `404.html` (status 404) for a missing address. Nothing is cached: a reload shows the latest build.
struct PreviewMiddleware<Context: RequestContext>: RouterMiddleware {
    let session: PreviewSession

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let site = session.siteDirectory.path
        switch session.state {
        case .building:
            return Self.html(PreviewPages.building(site: site), status: .serviceUnavailable)
        case .failed(let message):
            return Self.html(PreviewPages.failed(message, site: site), status: .internalServerError)
        case .ready:
            break
        }
        do {
            var response = try await next(request, context)
            response.headers[.cacheControl] = "no-store"
            return response
        } catch let error as any HTTPResponseError where error.status == .notFound {
            guard let page = FileManager.default.contents(atPath: session.output.appendingPathComponent("404.html").path) else {
                throw error
            }
            return Self.html(String(decoding: page, as: UTF8.self), status: .notFound)
        }
    }

    static func html(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status,
                 headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
