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
        let listeningPort = ListeningPort(port)
        router.add(middleware: PreviewMiddleware(session: session, port: listeningPort))
        let (listening, listeningContinuation) = AsyncStream<Void>.makeStream()
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                listeningPort.set(channel.localAddress?.port ?? port)
                onListening(listeningPort.value)
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

/// The port the server listens on, known once it runs (the one asked for may be 0).
final class ListeningPort: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int

    init(_ port: Int) { self.port = port }

    var value: Int { lock.withLock { port } }

    func set(_ port: Int) { lock.withLock { self.port = port } }
}

/// Answers every request: refuses one whose Host is not the loopback address listened on,
/// shows the preview's own page while the site is not servable, serves a file of the output
/// (`PreviewFiles`) with the type of that file, and the site's `404.html` (status 404) for a
/// missing address. Every response forbids sniffing, carries the site's Content-Security-Policy,
/// and is not cached: a reload shows the latest build.
struct PreviewMiddleware<Context: RequestContext>: RouterMiddleware {
    let session: PreviewSession
    let port: ListeningPort

    /// The preview's own pages style themselves inline, and nothing else.
    static var ownPagePolicy: String { "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard PreviewFiles.isLoopbackHost(request.head.authority, port: port.value) else {
            return Self.text("This preview answers only requests for http://127.0.0.1:\(port.value)/.", status: .forbidden)
        }
        let site = session.siteDirectory.path
        switch session.state {
        case .building:
            return Self.html(PreviewPages.building(site: site), status: .serviceUnavailable, policy: Self.ownPagePolicy)
        case .failed(let message):
            return Self.html(PreviewPages.failed(message, site: site), status: .internalServerError, policy: Self.ownPagePolicy)
        case .ready:
            break
        }
        switch PreviewFiles.resolve(request.uri.path, in: session.output) {
        case .file(let url, let contentType):
            guard let data = FileManager.default.contents(atPath: url.path) else { return notFound() }
            return Self.response(.ok, contentType: contentType, body: ByteBuffer(bytes: data))
        case .redirect(let location):
            var response = Self.text("Moved to \(location)", status: .movedPermanently)
            response.headers[.location] = location
            return response
        case .badRequest:
            return Self.text("This address cannot name a file of the site.", status: .badRequest)
        case .notFound:
            return notFound()
        }
    }

    private func notFound() -> Response {
        guard let page = FileManager.default.contents(atPath: session.output.appendingPathComponent("404.html").path) else {
            return Self.text("Not found.", status: .notFound)
        }
        return Self.response(.notFound, contentType: "text/html; charset=utf-8", body: ByteBuffer(bytes: page))
    }

    static func html(_ text: String, status: HTTPResponse.Status, policy: String) -> Response {
        response(status, contentType: "text/html; charset=utf-8", body: ByteBuffer(string: text), policy: policy)
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        response(status, contentType: "text/plain; charset=utf-8", body: ByteBuffer(string: text + "\n"))
    }

    static func response(_ status: HTTPResponse.Status, contentType: String, body: ByteBuffer,
                         policy: String = SiteRenderer.contentSecurityPolicy) -> Response {
        Response(status: status,
                 headers: [.contentType: contentType, .cacheControl: "no-store", .xContentTypeOptions: "nosniff",
                           .contentSecurityPolicy: policy],
                 body: ResponseBody(byteBuffer: body))
    }
}
