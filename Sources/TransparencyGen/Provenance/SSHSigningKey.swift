import Crypto
import Foundation

/// The agency's signing key: an OpenSSH Ed25519 private key, unencrypted, as
/// `ssh-keygen -t ed25519 -N ""` writes it (`PROTOCOL.key`). Read once per build.
public struct SSHSigningKey: Sendable {
    /// The 32-byte seed of the private key (swift-crypto's key type is not `Sendable`).
    private let seed: Data
    private let publicKey: [UInt8]

    /// Ed25519's signature of `data`.
    func signature(for data: Data) throws -> Data {
        try Curve25519.Signing.PrivateKey(rawRepresentation: seed).signature(for: data)
    }

    /// The public key in the SSH wire form (`string "ssh-ed25519", string key`).
    var publicKeyBlob: [UInt8] {
        var writer = SSHWriter()
        writer.string("ssh-ed25519")
        writer.string(publicKey)
        return writer.bytes
    }

    /// `ssh-ed25519 AAAA…`: the public key as `allowed_signers` and `.pub` files write it.
    var publicKeyLine: String { "ssh-ed25519 " + Data(publicKeyBlob).base64EncodedString() }

    /// What is wrong with a key file, for a message naming the setting.
    struct Problem: Error {
        let description: String
    }

    /// The label of a private key file's armor, as `ssh-keygen` and `SSHKeyMaker` write it.
    static let armorLabel = "OPENSSH PRIVATE KEY"
    private static let (begin, end) = SSHSignature.armorLines(armorLabel)

    /// The key in `text`, a private key file's contents.
    init(fileText text: String) throws(Problem) {
        guard let start = text.range(of: Self.begin), let stop = text.range(of: Self.end), start.upperBound <= stop.lowerBound else {
            throw Problem(description: text.contains("PRIVATE KEY") && !text.contains("OPENSSH")
                ? "is a PEM private key, not an OpenSSH one (make the key with ssh-keygen -t ed25519)"
                : "is not an OpenSSH private key file")
        }
        let base64 = text[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }
        guard let decoded = Data(base64Encoded: String(base64)) else { throw Problem(description: "is not an OpenSSH private key file (its text is damaged)") }
        var reader = SSHReader(Array(decoded))
        let magic = Array("openssh-key-v1".utf8) + [0]
        guard reader.raw(magic.count) == magic else { throw Problem(description: "is not an OpenSSH private key file") }
        guard let cipher = reader.text(), let kdf = reader.text(), reader.string() != nil, let count = reader.uint32() else {
            throw Problem(description: "is not an OpenSSH private key file (it is cut short)")
        }
        guard cipher == "none", kdf == "none" else {
            throw Problem(description: "is protected by a passphrase, which an unattended build cannot type")
        }
        guard count == 1, let publicBlob = reader.string(), let section = reader.string() else {
            throw Problem(description: "does not hold exactly one key")
        }
        var publicReader = SSHReader(publicBlob)
        let outerType = publicReader.text()
        guard let type = outerType, type == "ssh-ed25519" else {
            throw Problem(description: "is not an Ed25519 key (it is \(SSHReader(publicBlob).peekType ?? "of another type"))")
        }
        var secret = SSHReader(section)
        guard let check1 = secret.uint32(), let check2 = secret.uint32(), check1 == check2,
              secret.text() == "ssh-ed25519", let publicKey = secret.string(), publicKey.count == 32,
              let privateBytes = secret.string(), privateBytes.count == 64, Array(privateBytes[32...]) == publicKey,
              publicReader.string() == publicKey else {
            throw Problem(description: "is not a whole Ed25519 private key (the file is damaged)")
        }
        let key: Curve25519.Signing.PrivateKey
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: privateBytes[0..<32])
        } catch {
            throw Problem(description: "holds an Ed25519 key that cannot be read")
        }
        guard Array(key.publicKey.rawRepresentation) == publicKey else {
            throw Problem(description: "holds a public key that does not match its private key (the file is damaged)")
        }
        seed = Data(privateBytes[0..<32])
        self.publicKey = publicKey
    }
}

extension SSHReader {
    /// The key type a public key blob names, for messages.
    var peekType: String? {
        var copy = self
        return copy.text()
    }
}
