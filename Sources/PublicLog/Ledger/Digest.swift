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

        mutating func add(_ bytes: [UInt8]) { hasher.update(data: bytes) }

        mutating func add(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

        /// The digest of everything added, as lowercase hex.
        public func finish() -> String { hex(hasher.finalize()) }
    }

    /// The digest in lowercase hex, written into one buffer (a ledger's 190,000 row digests).
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: SHA256.byteCount * 2) { buffer in
            var index = 0
            digest.withUnsafeBytes { bytes in
                for byte in bytes {
                    buffer[index] = digits[Int(byte >> 4)]
                    buffer[index + 1] = digits[Int(byte & 15)]
                    index += 2
                }
            }
            return index
        }
    }
}
