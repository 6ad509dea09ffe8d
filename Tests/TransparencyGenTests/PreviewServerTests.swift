import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import PublicLog
import TestSupport
import PreviewServer
@testable import TransparencyGen

/// `transparency-gen serve`: a real HTTP server on a loopback port the test chooses.
@Suite("Preview server", .serialized)
struct PreviewServerTests {
    static let now = Instant(iso: "2026-11-21T15:00:00Z")!

    struct Reply {
        let status: Int
        let body: String
    }

    func get(_ port: Int, _ path: String) async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.timeoutInterval = 60
        let (data, response) = try await URLSession.shared.data(for: request)
        return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self))
    }

    /// Asks until `condition` holds: builds take their time, and in the full suite the preview's
    /// build waits for the cores other suites' builds hold (two minutes and more seen). The limit
    /// only stops a broken preview from hanging the suite; nothing here measures speed.
    func waitFor(_ port: Int, _ path: String, _ what: String, _ condition: (Reply) -> Bool) async throws -> Reply {
        let deadline = Date().addingTimeInterval(600)
        var last = Reply(status: 0, body: "")
        while Date() < deadline {
            if let reply = try? await get(port, path) {
                last = reply
                if condition(reply) { return reply }
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("\(path) never showed \(what); last reply \(last.status): \(last.body.prefix(300))")
        return last
    }

    /// A port no one listens on now, chosen by binding port 0 on loopback.
    static func freePort() -> Int {
        let listener = LoopbackListener()
        defer { listener.close() }
        return listener.port
    }

    func session(_ site: URL, database: DatabaseLocation? = nil) -> PreviewSession {
        let session = PreviewSession(siteDirectory: site, database: database, now: { Self.now }, report: { _ in })
        session.sampleScale = 0.02
        session.pollInterval = .milliseconds(100)
        return session
    }

    @Test func servesTheSiteAnd404PageAndRebuildsOnAContentChangeAndShowsABuildError() async throws {
        let site = temporaryFolder("serve").appendingPathComponent("site")
        try SiteScaffold(agencyName: "Preview Test Police Department").write(to: site)
        let session = session(site)
        let port = Self.freePort()
        let server = Task { try await PreviewServer(session: session, port: port).run() }
        defer {
            server.cancel()
            session.discard()
        }

        let home = try await waitFor(port, "/", "the built home page") { $0.status == 200 }
        #expect(home.body.contains("Preview Test Police Department"))
        #expect(home.body.contains("<h1"))
        let log = try await get(port, "/log/")
        #expect(log.status == 200)
        #expect(log.body.contains("Public log of use"))

        let missing = try await get(port, "/no-such-page/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("<title>Page not found · Preview Test Police Department</title>"))
        #expect(missing.body.contains("href=\"/log/\""))

        // A content change is picked up without restarting.
        let faq = site.appendingPathComponent("content/pages/faq.md")
        let original = try String(contentsOf: faq, encoding: .utf8)
        try Data(original.replacingOccurrences(of: "title: \"Frequently asked questions\"",
                                               with: "title: \"Questions residents ask\"").utf8).write(to: faq)
        let changed = try await waitFor(port, "/faq/", "the new title") { $0.body.contains("<h1>Questions residents ask</h1>") }
        #expect(changed.status == 200)

        // A broken configuration shows its error on every page, not the stale site.
        let configuration = site.appendingPathComponent("site.yaml")
        let yaml = try String(contentsOf: configuration, encoding: .utf8)
        try Data(yaml.replacingOccurrences(of: "retention_days: 60", with: "retention_days: ninety").utf8).write(to: configuration)
        let failed = try await waitFor(port, "/faq/", "the build error") { $0.status == 500 }
        #expect(failed.body.contains("The build failed"))
        #expect(failed.body.contains("site.yaml line"))
        #expect(failed.body.contains("`retention_days` is 'ninety'"))
        #expect(!failed.body.contains("Questions residents ask"))

        // Fixed: the site is back.
        try Data(yaml.utf8).write(to: configuration)
        _ = try await waitFor(port, "/faq/", "the site again") { $0.status == 200 && $0.body.contains("Questions residents ask") }

        // A preview never publishes: no public/ and no ledger in the site folder.
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("ledger.sqlite").path))
    }

    @Test func aPreviewReadsTheLedgerButNeverChangesItNorThePublishedSite() async throws {
        let fixture = SiteFixture()
        let db = FixtureDatabase(path: fixture.databasePath)
        db.reader("SQ-1", kind: "mobile")
        db.period("SQ-1", "2026-11-10T12:00:00Z", "2026-11-10T20:00:00Z")
        db.close()
        _ = try SiteBuilder(options: BuildOptions(siteDirectory: fixture.site, database: .file(URL(fileURLWithPath: fixture.databasePath)),
                                                  now: Instant(iso: "2026-11-20T15:00:00Z")!)).build()
        let ledger = fixture.site.appendingPathComponent("ledger.sqlite")
        let ledgerBefore = try #require(FileManager.default.contents(atPath: ledger.path))
        let published = try #require(FileManager.default.contents(atPath: fixture.site.appendingPathComponent("public/index.html").path))
        // The template changed since: only the preview shows it.
        let base = fixture.site.appendingPathComponent("templates/base.mustache")
        try Data(try String(contentsOf: base, encoding: .utf8).replacingOccurrences(
            of: "<main id=\"main\" class=\"wrap\">", with: "<main id=\"main\" class=\"wrap\"><p>Draft</p>").utf8).write(to: base)

        let session = session(fixture.site, database: .file(URL(fileURLWithPath: fixture.databasePath)))
        let port = Self.freePort()
        let server = Task { try await PreviewServer(session: session, port: port).run() }
        defer {
            server.cancel()
            session.discard()
        }
        _ = try await waitFor(port, "/", "the draft") { $0.status == 200 && $0.body.contains("<p>Draft</p>") }
        // The preview's build counts the real build's publication: it would be the second.
        let changes = try await get(port, "/changes/")
        #expect(changes.body.contains("publication-2"))
        #expect(FileManager.default.contents(atPath: ledger.path) == ledgerBefore, "the preview changed the ledger")
        #expect(FileManager.default.contents(atPath: fixture.site.appendingPathComponent("public/index.html").path) == published)
    }

    @Test func aTakenPortIsReportedWithAnotherToTry() async throws {
        let listener = LoopbackListener()
        defer { listener.close() }
        let site = temporaryFolder("serve-port")
        let session = session(site)
        defer { session.discard() }
        do {
            try await PreviewServer(session: session, port: listener.port).run()
            Issue.record("the preview started on a port in use")
        } catch {
            #expect(error.message.contains("Port \(listener.port) on 127.0.0.1 is already in use"))
            #expect(error.message.contains("--port \(listener.port + 1)"))
        }
        #expect(session.buildCount == 0, "nothing is built when the port cannot be had")
    }

    @Test func aSiteFolderThatCannotBeReadIsRefused() throws {
        let missing = temporaryFolder("serve-missing").appendingPathComponent("no-such-site")
        #expect(throws: GeneratorError.self) { try session(missing).checkSiteFolder() }
        do { try session(missing).checkSiteFolder() } catch {
            #expect(error.message.contains("There is no site folder at \(missing.path)"))
            #expect(error.message.contains("transparency-gen init"))
        }
        let file = temporaryFolder("serve-file").appendingPathComponent("site.yaml")
        try Data("agency_name: X\n".utf8).write(to: file)
        do { try session(file).checkSiteFolder() } catch {
            #expect(error.message.contains("is a file, not a site folder"))
        }
    }
}

/// A TCP socket listening on a free loopback port.
final class LoopbackListener {
    let descriptor: Int32
    let port: Int

    init() {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                _ = bind(descriptor, socketAddress, length)
                _ = listen(descriptor, 1)
                _ = getsockname(descriptor, socketAddress, &length)
            }
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }
}
