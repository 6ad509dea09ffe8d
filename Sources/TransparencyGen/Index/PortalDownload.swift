import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// Downloads a published portal from its `https://` address into a folder, for the index to
/// verify as it verifies a folder: `SHA256SUMS` first, then every file it lists, then the files
/// beside it (`SHA256SUMS.sig`, `allowed_signers`, `manifest.csv`). TLS is verified against the
/// system's authorities and `--ca-file`'s; a redirect is followed only to the same scheme, host
/// and port; each file, the whole copy and each request have limits, so that no portal can
/// fill the disk or hold the build.
struct PortalDownload {
    let base: URL
    let caFile: URL?

    static let maximumFileBytes = 256 << 20
    static let maximumTotalBytes = 2 << 30
    static let maximumFiles = 100_000
    static let requestSeconds: Int64 = 60
    /// The whole portal, however its server sends it: one slow portal never holds the index.
    static let portalSeconds: Int64 = 600
    static let maximumRedirects = 5

    /// Why a portal could not be downloaded, in words for the index's readers.
    struct Failure: Error {
        let reason: String
    }

    /// The portal's address with a final `/`, or nil when it is not an `https://` address with a host.
    static func base(_ address: String) -> URL? {
        guard var components = URLComponents(string: address), components.scheme?.lowercased() == "https",
              let host = components.host, !host.isEmpty, components.user == nil, components.password == nil,
              components.query == nil, components.fragment == nil else { return nil }
        if !components.path.hasSuffix("/") { components.path += "/" }
        return components.url
    }

    /// Downloads the portal into `folder` (which must exist, empty).
    func download(into folder: URL) throws(Failure) {
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        // Not on Swift's shared pool of threads, which the caller may be one of, blocked here (a
        // test or a preview server calling this from a task): on a queue of the download's own.
        let task = Task(executorPreference: DownloadExecutor.shared) { [self] in
            do {
                try await run(into: folder)
                box.set(nil)
            } catch let failure as Failure {
                box.set(failure)
            } catch {
                box.set(Failure(reason: "it could not be downloaded (\(error))"))
            }
            semaphore.signal()
        }
        semaphore.wait()
        _ = task
        if let failure = box.failure { throw failure }
    }

    /// Runs a download's tasks on a serial queue of their own (a thread Dispatch gives even when
    /// every thread of Swift's shared pool is blocked).
    private final class DownloadExecutor: TaskExecutor, @unchecked Sendable {
        static let shared = DownloadExecutor()
        private let queue = DispatchQueue(label: "transparency-gen.portal-download")

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            let executor = asUnownedTaskExecutor()
            queue.async { job.runSynchronously(on: executor) }
        }
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Failure?
        func set(_ failure: Failure?) { lock.withLock { stored = failure } }
        var failure: Failure? { lock.withLock { stored } }
    }

    private func run(into folder: URL) async throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile { tls.additionalTrustRoots = [.file(caFile.path)] }
        let configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(15), read: .seconds(Self.requestSeconds)))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            try await fetchAll(client, into: folder)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func fetchAll(_ client: HTTPClient, into folder: URL) async throws {
        let portalDeadline = NIODeadline.now() + .seconds(Self.portalSeconds)
        var total = 0
        guard let sums = try await get(client, Manifest.sumsPath, total: &total, by: portalDeadline) else {
            throw Failure(reason: "\(base.absoluteString)\(Manifest.sumsPath) was not found: it is not the address of a published portal")
        }
        try write(sums, Manifest.sumsPath, into: folder)
        let listed = PublishedCopyVerifier.sumsLines(sums).compactMap { line -> String? in
            guard let path = line.entry?.path, PublishedCopyVerifier.isInside(path) else { return nil }
            return String(decoding: path, as: UTF8.self)
        }
        guard listed.count <= Self.maximumFiles else {
            throw Failure(reason: "its \(Manifest.sumsPath) lists \(listed.count) files, more than an index reads (\(Self.maximumFiles))")
        }
        // A file listed but not served is left out: verification names it as missing.
        for path in listed + PublicationOutputs.unlistedNames.sorted() where path != Manifest.sumsPath && !path.hasPrefix(".") {
            if let data = try await get(client, path, total: &total, by: portalDeadline) { try write(data, path, into: folder) }
        }
    }

    /// The file at `path` under the base address; nil when the server says it has none (404, 410).
    /// Each request, body included, ends within `requestSeconds` and before `portalDeadline`.
    private func get(_ client: HTTPClient, _ path: String, total: inout Int, by portalDeadline: NIODeadline) async throws -> Data? {
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? "" }
            .joined(separator: "/")
        guard var url = URL(string: encoded, relativeTo: base)?.absoluteURL else {
            throw Failure(reason: "the listed path \(PublishedCopyVerifier.shown(path)) is not an address")
        }
        for _ in 0...Self.maximumRedirects {
            let deadline = min(NIODeadline.now() + .seconds(Self.requestSeconds), portalDeadline)
            guard deadline > .now() else {
                throw Failure(reason: "it took longer than an index waits for one portal (\(Self.portalSeconds / 60) minutes)")
            }
            let request = HTTPClientRequest(url: url.absoluteString)
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, deadline: deadline)
            } catch {
                throw Failure(reason: "\(url.absoluteString) could not be read (\(Self.describe(error)))")
            }
            switch response.status.code {
            case 200:
                if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > Self.maximumFileBytes {
                    throw Failure(reason: "\(url.absoluteString) is \(length) bytes, more than an index reads of one file (\(Self.maximumFileBytes))")
                }
                let body: ByteBuffer
                do {
                    body = try await Self.collect(response, by: deadline)
                } catch let failure as Failure {
                    throw Failure(reason: "\(url.absoluteString) \(failure.reason)")
                } catch {
                    throw Failure(reason: "\(url.absoluteString) is larger than an index reads of one file (\(Self.maximumFileBytes) bytes), or was cut off")
                }
                total += body.readableBytes
                guard total <= Self.maximumTotalBytes else {
                    throw Failure(reason: "the portal is larger than an index reads (\(Self.maximumTotalBytes) bytes)")
                }
                return Data(body.readableBytesView)
            case 404, 410:
                return nil
            case 301, 302, 303, 307, 308:
                guard let location = response.headers.first(name: "location"), let next = URL(string: location, relativeTo: url)?.absoluteURL else {
                    throw Failure(reason: "\(url.absoluteString) redirects nowhere")
                }
                guard next.scheme?.lowercased() == "https" else {
                    throw Failure(reason: "\(url.absoluteString) redirects to an unencrypted address (\(next.scheme ?? "?")://), which anyone on the way could change")
                }
                guard next.scheme?.lowercased() == "https", next.host?.lowercased() == base.host?.lowercased(), next.port == base.port else {
                    throw Failure(reason: "\(url.absoluteString) redirects to another site (\(next.host ?? next.absoluteString)): the index reads a portal only from the address its source gives")
                }
                url = next
            default:
                throw Failure(reason: "\(url.absoluteString) answered \(response.status.code) \(response.status.reasonPhrase)")
            }
        }
        throw Failure(reason: "\(url.absoluteString) redirects more than \(Self.maximumRedirects) times")
    }

    /// A response's body, within `maximumFileBytes`, received in full before `deadline`: a
    /// server that sends a byte now and then cannot hold the index (the client's own timeout
    /// starts anew with each byte).
    private static func collect(_ response: HTTPClientResponse, by deadline: NIODeadline) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await response.body.collect(upTo: maximumFileBytes) }
            group.addTask {
                let nanoseconds = max(0, (deadline - .now()).nanoseconds)
                try await Task.sleep(nanoseconds: UInt64(nanoseconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let body = first else {
                throw Failure(reason: "was not received in full within \(requestSeconds) seconds")
            }
            return body
        }
    }

    private func write(_ data: Data, _ path: String, into folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw Failure(reason: "its file \(PublishedCopyVerifier.shown(path)) could not be kept for verification (\(error.localizedDescription))")
        }
    }

    /// A TLS or connection error in words: the certificate's problem when it is one.
    private static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("handshakeFailed") {
            return "its certificate is not one this computer trusts: give the authority that issued it with --ca-file"
        }
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
