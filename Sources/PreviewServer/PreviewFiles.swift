import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Maps a request's path to a file of the preview's output folder, strictly: the path is
/// percent-decoded once, and a NUL, a control character, a backslash or a `.`/`..` segment is
/// a bad request, so no path can name anything but a regular file of the output (`%00` cut a
/// name short in C and let `/data/readers.csv%00.html` serve a CSV as HTML). The content type
/// comes from the name of the file served.
enum PreviewFiles {
    enum Resolution: Equatable {
        case file(URL, contentType: String)
        /// A folder asked for without its trailing slash: the address to send the browser to.
        case redirect(String)
        case badRequest
        case notFound
    }

    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "csv": "text/csv; charset=utf-8",
        "json": "application/json", "geojson": "application/geo+json", "xml": "application/xml",
        "txt": "text/plain; charset=utf-8", "svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png",
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp", "ico": "image/x-icon",
        "woff": "font/woff", "woff2": "font/woff2",
    ]

    /// The type a file is served as: by its extension; files without one (`SHA256SUMS`) are text.
    static func contentType(of url: URL) -> String {
        let ext = url.pathExtension.lowercased()
        if ext.isEmpty { return "text/plain; charset=utf-8" }
        return contentTypes[ext] ?? "application/octet-stream"
    }

    /// Resolves `rawPath` (as the request line has it, without the query) inside `root`.
    static func resolve(_ rawPath: String, in root: URL) -> Resolution {
        guard rawPath.hasPrefix("/"), let decoded = rawPath.removingPercentEncoding else { return .badRequest }
        guard !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) else {
            return .badRequest
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let inner = segments.dropLast()
        guard !segments.contains(where: { $0 == "." || $0 == ".." }), !inner.contains(where: \.isEmpty) else {
            return .badRequest
        }
        let wantsFolder = segments.last?.isEmpty ?? true
        var url = root
        for segment in segments where !segment.isEmpty { url.appendPathComponent(segment) }
        if wantsFolder { url.appendPathComponent("index.html") }
        switch kind(of: url.path) {
        case .regular:
            return .file(url, contentType: contentType(of: url))
        case .folder where !wantsFolder:
            let encoded = segments.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "" }
            return .redirect("/" + encoded.joined(separator: "/") + "/")
        default:
            return .notFound
        }
    }

    private enum Kind { case regular, folder, other }

    /// What is at `path`, links not followed: the output holds only regular files and folders.
    private static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// True when `authority` (the request's Host) names the loopback address the preview listens
    /// on: a page of another site that a browser reaches through DNS rebinding carries its own name.
    static func isLoopbackHost(_ authority: String?, port: Int) -> Bool {
        guard let authority = authority?.lowercased() else { return false }
        let names = ["127.0.0.1", "localhost"]
        return names.contains { authority == "\($0):\(port)" || (port == 80 && authority == $0) }
    }
}
