import Foundation

/// One file of the published site: its path under the output folder and its bytes,
/// or a file to copy (attached audit reports, static assets).
public struct OutputFile: Sendable {
    public enum Body: Sendable {
        case data(Data)
        case copy(URL)
    }

    public let path: String
    public let body: Body

    public init(path: String, text: String) {
        self.path = path
        body = .data(Data(text.utf8))
    }

    public init(path: String, copying source: URL) {
        self.path = path
        body = .copy(source)
    }
}
