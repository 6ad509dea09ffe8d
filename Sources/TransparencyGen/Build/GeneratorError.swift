import PublicLog

/// A build or check failure, worded for a records clerk: the file (and line or row), what is
/// wrong, and how to fix it. The stage it happened in is added by the build.
public struct GeneratorError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    /// The build stage that failed, when known ("read figures", "render", ...).
    public var stage: String?

    public init(_ message: String, stage: String? = nil) {
        self.message = message
        self.stage = stage
    }

    public init(_ error: PublicLogError) {
        self.init(error.message)
    }

    /// Any error met while building, as a `GeneratorError`.
    static func from(_ error: any Error) -> GeneratorError {
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
        return GeneratorError("\(place): \(problem). \(fix)")
    }
}
