import Crypto
import Foundation

/// SHA-256 as lowercase hex, for the manifest and publication records.
public enum Digest {
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    /// SHA-256 of bytes given piece by piece, so that they need not be joined in memory.
    public struct Stream {
        private var hasher = SHA256()

        public init() {}

        public mutating func add(_ data: Data) { hasher.update(data: data) }

        /// The digest of everything added, as lowercase hex.
        public func finish() -> String {
            hasher.finalize().map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
        }
    }
}
