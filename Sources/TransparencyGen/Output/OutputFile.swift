import Foundation

/// One file of the published site: its path under the output folder and its bytes,
/// or a file to copy (attached audit reports, static assets).
public struct OutputFile: Sendable {
    public enum Body: Sendable {
        case data(Data)
        /// A file of the site folder, read through `SiteFile` (so checked again as it is copied).
        case copy(SourceFile)
        /// Bytes made piece by piece: the producer hands each piece to the consumer it is given,
        /// so that a large file (the public log's 54 MB) is never held whole.
        case stream(@Sendable (_ consume: (Data) throws -> Void) throws -> Void)
    }

    /// A file of the site folder to publish as it is: where it is, the folder it must lie in,
    /// what kind of file it must be, and its name in messages.
    public struct SourceFile: Sendable {
        let url: URL
        let root: URL
        let kind: SiteFile.Kind
        let name: String
    }

    public let path: String
    public let body: Body
    /// The SHA-256 of the body when it is known already (a page carried over).
    var sha256: String?
    /// The key the page was rendered from (`PageKey`), recorded for the next build.
    var pageKey: String?

    public init(path: String, text: String) {
        self.path = path
        body = .data(Data(text.utf8))
    }

    init(path: String, data: Data) {
        self.path = path
        body = .data(data)
    }

    init(path: String, stream: @escaping @Sendable (_ consume: (Data) throws -> Void) throws -> Void) {
        self.path = path
        body = .stream(stream)
    }

    init(path: String, text: String, pageKey: String?) {
        self.init(path: path, text: text)
        self.pageKey = pageKey
    }

    init(path: String, data: Data, sha256: String, pageKey: String) {
        self.path = path
        body = .data(data)
        self.sha256 = sha256
        self.pageKey = pageKey
    }

    init(path: String, copying source: URL, inside root: URL, kind: SiteFile.Kind, name: String) {
        self.path = path
        body = .copy(SourceFile(url: source, root: root, kind: kind, name: name))
    }
}
