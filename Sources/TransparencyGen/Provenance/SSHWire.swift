import Foundation

/// The SSH wire encoding (RFC 4251 §5) of the few types a key file and a signature use:
/// a `uint32` big-endian, and a `string` as its length then its bytes.
struct SSHWriter {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ data: some Sequence<UInt8>) { bytes.append(contentsOf: data) }

    mutating func uint32(_ value: UInt32) {
        bytes.append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    mutating func string(_ data: some Collection<UInt8>) {
        uint32(UInt32(data.count))
        bytes.append(contentsOf: data)
    }

    mutating func string(_ text: String) { string(Array(text.utf8)) }
}

/// Reads the same encoding; nil past the end, so that a damaged file is an error, never a crash.
struct SSHReader {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - index }

    mutating func raw(_ count: Int) -> [UInt8]? {
        guard count >= 0, count <= remaining else { return nil }
        defer { index += count }
        return Array(bytes[index..<index + count])
    }

    mutating func uint32() -> UInt32? {
        guard let b = raw(4) else { return nil }
        return UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
    }

    mutating func string() -> [UInt8]? {
        guard let length = uint32(), let count = Int(exactly: length) else { return nil }
        return raw(count)
    }

    mutating func text() -> String? { string().flatMap { String(validating: $0, as: UTF8.self) } }
}
