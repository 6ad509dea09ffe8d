import Crypto
import Foundation

/// SHA-256 as lowercase hex, for the manifest and publication records.
public enum Digest {
    public static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    /// SHA-256 of bytes given piece by piece, so that they need not be joined in memory.
    public struct Stream {
        private var hasher = SHA256()

        public init() {}

        public mutating func add(_ data: Data) { hasher.update(data: data) }

        /// The digest of everything added, as lowercase hex.
        public func finish() -> String { hex(hasher.finalize()) }
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
