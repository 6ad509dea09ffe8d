import PublicLog

/// A build or check failure, worded for a records clerk: the file (and line or row), what is
/// wrong, and how to fix it. The stage it happened in is added by the build.
public struct GeneratorError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What the error is about, for callers and tests that act on it rather than print it.
    public enum Kind: String, Sendable {
        /// A file of the site folder: site.yaml, content/, templates/ (the message names file and line).
        case siteFiles
        /// The operational data.
        case operationalData
        /// The ledger of published figures.
        case ledger
        /// The output folder or publishing into it.
        case output
        /// A signal stopped the build.
        case interrupted
        /// A defect of the generator, to report.
        case defect
        /// Anything else: the command line, the machine (disk, permissions, ports).
        case other
    }

    public var message: String
    public var kind: Kind
    /// The build stage that failed, when known ("read figures", "render", ...).
    public var stage: String?

    public init(_ message: String, kind: Kind = .other, stage: String? = nil) {
        self.message = message
        self.kind = kind
        self.stage = stage
    }

    /// The same, with the kind first: `GeneratorError(kind: .output, "…")`.
    public init(kind: Kind, _ message: String) {
        self.init(message, kind: kind)
    }

    public init(_ error: PublicLogError) {
        let kind: Kind = switch error.kind {
        case .operationalData: .operationalData
        case .ledger: .ledger
        case .defect: .defect
        }
        self.init(error.message, kind: kind)
    }

    /// Any error met while building, as a `GeneratorError`.
    public static func from(_ error: any Error) -> GeneratorError {
        switch error {
        case let error as GeneratorError: error
        case let error as PublicLogError: GeneratorError(error)
        default: GeneratorError("\(error)")
        }
    }

    public var description: String {
        stage.map { "Build stage \"\($0)\" failed. \(message)" } ?? message
    }

    /// `file line N: problem. fix`
    static func at(_ file: String, line: Int?, _ problem: String, fix: String) -> GeneratorError {
        let place = line.map { "\(file) line \($0)" } ?? file
        return GeneratorError("\(place): \(problem). \(fix)", kind: .siteFiles)
    }
}
