import Foundation

/// One line on the terminal that counts pages as they are written, redrawn in place at most
/// ten times a second. Only on a terminal: in a log file or a pipe it prints nothing.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDrawn: UInt64 = 0
    private var visible = false

    init(enabled: Bool) {
        self.enabled = enabled && isatty(STDOUT_FILENO) == 1
    }

    func show(_ label: String, _ done: Int, of total: Int) {
        guard enabled else { return }
        lock.withLock {
            let now = DispatchTime.now().uptimeNanoseconds
            guard done == total || now - lastDrawn > 100_000_000 else { return }
            lastDrawn = now
            let percent = total > 0 ? done * 100 / total : 100
            let text = "  \(label): page \(done) of \(total) (\(percent) %)"
            FileHandle.standardOutput.write(Data(("\r" + text + "\u{1B}[K").utf8))
            visible = true
        }
    }

    /// Clears the line, so the next line printed starts at the left.
    func finish() {
        guard enabled else { return }
        lock.withLock {
            if visible { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) }
            visible = false
        }
    }
}
