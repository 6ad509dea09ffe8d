import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import PublicLog
import TestSupport
@testable import PreviewServer
@testable import TransparencyGen

/// Crafted requests to the preview: a path can name only a file of the output, served with its
/// own type; a request for another host name is refused (DNS rebinding).
@Suite("Preview server against crafted requests", .serialized)
struct PreviewHardeningTests {
    /// One HTTP/1.1 exchange written byte for byte on a socket, so that nothing normalises the
    /// request line or the Host header on the way.
    struct RawReply {
        let status: Int
        let headers: [String: String]
        let body: String
    }

    static func raw(port: Int, path: String, host: String? = nil) throws -> RawReply {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { _ = Glibc.close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw GeneratorError("cannot connect") }
        let request = "GET \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(descriptor, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let lines = (parts.first ?? "").components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return RawReply(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    @Test func pathsResolveOnlyToFilesOfTheOutput() throws {
        let root = temporaryFolder("preview-files")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("a,b\r\n".utf8).write(to: root.appendingPathComponent("data/readers.csv"))
        try Data("<p>home</p>".utf8).write(to: root.appendingPathComponent("index.html"))
        try Data("<p>data</p>".utf8).write(to: root.appendingPathComponent("data/index.html"))

        #expect(PreviewFiles.resolve("/data/readers.csv", in: root)
                == .file(root.appendingPathComponent("data/readers.csv"), contentType: "text/csv; charset=utf-8"))
        #expect(PreviewFiles.resolve("/", in: root) == .file(root.appendingPathComponent("index.html"), contentType: "text/html; charset=utf-8"))
        #expect(PreviewFiles.resolve("/data", in: root) == .redirect("/data/"))
        for bad in ["/data/readers.csv%00.html", "/%00", "/data/../../etc/passwd", "/data/%2e%2e/%2e%2e/etc/passwd",
                    "/data\\readers.csv", "/data//readers.csv", "/a%0d%0aSet-Cookie:x", "/%zz", "relative"] {
            #expect(PreviewFiles.resolve(bad, in: root) == .badRequest, "\(bad)")
        }
        #expect(PreviewFiles.resolve("/data/missing.csv", in: root) == .notFound)
        #expect(PreviewFiles.isLoopbackHost("127.0.0.1:8080", port: 8080))
        #expect(PreviewFiles.isLoopbackHost("localhost:8080", port: 8080))
        #expect(!PreviewFiles.isLoopbackHost("attacker.example:8080", port: 8080))
        #expect(!PreviewFiles.isLoopbackHost("127.0.0.1:9090", port: 8080))
        #expect(!PreviewFiles.isLoopbackHost(nil, port: 8080))
    }

    @Test func aRealPreviewRefusesCraftedRequestsAndTypesFilesByTheirName() async throws {
        let site = temporaryFolder("serve-hardening").appendingPathComponent("site")
        try SiteScaffold(agencyName: "Hardening Police Department").write(to: site)
        let session = PreviewSession(siteDirectory: site, database: nil, now: { PreviewServerTests.now }, report: { _ in })
        session.sampleScale = 0.02
        session.pollInterval = .milliseconds(100)
        let port = PreviewServerTests.freePort()
        let server = Task { try await PreviewServer(session: session, port: port).run() }
        defer {
            server.cancel()
            session.discard()
        }
        let deadline = Date().addingTimeInterval(600)
        while Date() < deadline, (try? Self.raw(port: port, path: "/"))?.status != 200 {
            try await Task.sleep(for: .milliseconds(200))
        }

        let csv = try Self.raw(port: port, path: "/data/readers.csv")
        #expect(csv.status == 200)
        #expect(csv.headers["content-type"] == "text/csv; charset=utf-8")
        #expect(csv.headers["x-content-type-options"] == "nosniff")
        #expect(csv.headers["content-security-policy"] == SiteRenderer.contentSecurityPolicy)

        let smuggled = try Self.raw(port: port, path: "/data/readers.csv%00.html")
        #expect(smuggled.status == 400)
        #expect(smuggled.headers["content-type"] != "text/html; charset=utf-8")
        let nul = try Self.raw(port: port, path: "/%00")
        #expect(nul.status == 400)
        #expect(nul.headers["location"] == nil)
        #expect(try Self.raw(port: port, path: "/../../etc/passwd").status == 400)

        let folder = try Self.raw(port: port, path: "/log")
        #expect(folder.status == 301)
        #expect(folder.headers["location"] == "/log/")

        let rebound = try Self.raw(port: port, path: "/", host: "attacker.example:\(port)")
        #expect(rebound.status == 403)
        #expect(!rebound.body.contains("Hardening Police Department"))
    }
}
