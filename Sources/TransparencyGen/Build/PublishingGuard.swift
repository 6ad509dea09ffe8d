import Foundation

/// Serializes the steps that must not be cut in half by a signal: each file written into
/// the staging folder, and the swap together with the ledger's commit. A signal handler
/// that takes the guard therefore waits for the step in progress, and no step starts after it.
public final class PublishingGuard: @unchecked Sendable {
    /// The process's guard, which the command line's signal handler interrupts.
    public static let shared = PublishingGuard()

    public init() {}

    private let lock = NSLock()
    private var interrupted = false

    /// Runs `body` unless the build was interrupted.
    func perform<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if interrupted { throw GeneratorError("The build was interrupted. Nothing was published.", kind: .interrupted) }
        return try body()
    }

    /// Called from a signal handler: waits for the step in progress, stops all later ones
    /// (they throw), and runs `cleanUp` before releasing the guard.
    public func interrupt(cleanUp: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        interrupted = true
        cleanUp()
    }

    /// True once `interrupt` was called.
    public var wasInterrupted: Bool { lock.withLock { interrupted } }
}
