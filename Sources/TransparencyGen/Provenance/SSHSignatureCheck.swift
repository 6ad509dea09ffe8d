import Crypto
import Foundation

/// Checks an armored SSH signature (`PROTOCOL.sshsig`) of a file against an `allowed_signers`
/// file, as `ssh-keygen -Y verify` does for the portal's signatures: Ed25519 keys, the
/// namespace `alpr-transparency@v1`, and a line of `allowed_signers` that names the key for
/// that namespace. The reading is our own so that `verify` needs no other program.
enum SSHSignatureCheck {
    /// What a good signature was made by.
    struct Signer: Equatable {
        /// The principals of the `allowed_signers` line that names the key.
        let principals: String
        /// The key as an OpenSSH public key line (`ssh-ed25519 AAAA…`).
        let publicKeyLine: String
    }

    /// Why a signature does not verify, in words for the one who runs `verify`.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The signer of `message` by the armored `signature`, when one line of `allowedSigners` allows it.
    static func check(_ message: Data, signature armored: String, allowedSigners: String) throws(Failure) -> Signer {
        let lines = armored.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(of: "-----BEGIN SSH SIGNATURE-----"),
              let end = lines.firstIndex(of: "-----END SSH SIGNATURE-----"), begin < end,
              let blob = Data(base64Encoded: lines[(begin + 1)..<end].joined()) else {
            throw Failure("it is not an armored SSH signature")
        }
        var reader = SSHReader(Array(blob))
        guard reader.raw(6) == Array("SSHSIG".utf8), reader.uint32() == 1,
              let publicKeyBlob = reader.string(), let namespace = reader.text(), reader.string() != nil,
              let hashAlgorithm = reader.text(), let signatureBlob = reader.string(), reader.remaining == 0 else {
            throw Failure("it is damaged (not the SSH signature format)")
        }
        guard namespace == SSHSignature.namespace else {
            throw Failure("it was made for \"\(namespace)\", not for a publication (\(SSHSignature.namespace))")
        }
        var keyReader = SSHReader(publicKeyBlob)
        var signatureReader = SSHReader(signatureBlob)
        guard keyReader.text() == "ssh-ed25519", let rawKey = keyReader.string(), rawKey.count == 32, keyReader.remaining == 0,
              signatureReader.text() == "ssh-ed25519", let rawSignature = signatureReader.string(), rawSignature.count == 64,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawKey) else {
            throw Failure("it is not an Ed25519 signature")
        }
        let digest: [UInt8]
        switch hashAlgorithm {
        case "sha512": digest = Array(SHA512.hash(data: message))
        case "sha256": digest = Array(SHA256.hash(data: message))
        default: throw Failure("it uses the hash \"\(hashAlgorithm)\", which SSH signatures do not")
        }
        let signed = SSHSignature.signedData(digest: digest, namespace: namespace, hashAlgorithm: hashAlgorithm)
        guard key.isValidSignature(rawSignature, for: signed) else {
            throw Failure("it does not match the file: the file was changed after it was signed, or the signature belongs to another file")
        }
        let keyLine = "ssh-ed25519 " + Data(publicKeyBlob).base64EncodedString()
        for line in allowedSigners.split(whereSeparator: \.isNewline) {
            guard let entry = AllowedSigner(String(line)), entry.keyBlob == publicKeyBlob, entry.allows(namespace) else { continue }
            return Signer(principals: entry.principals, publicKeyLine: keyLine)
        }
        throw Failure("it was made by the key \(keyLine), which the allowed signers do not name for \(namespace) (a line of allowed_signers reads: PRINCIPAL namespaces=\"\(namespace)\" ssh-ed25519 KEY)")
    }

    /// One line of an `allowed_signers` file: principals, options, key type and key.
    struct AllowedSigner {
        let principals: String
        let namespaces: [String]?
        let keyBlob: [UInt8]

        init?(_ line: String) {
            let fields = Self.fields(line)
            guard let first = fields.first, !first.hasPrefix("#"), fields.count >= 3 else { return nil }
            var index = 1
            var namespaces: [String]?
            if !fields[1].hasPrefix("ssh-") {
                // `namespaces="a,b"` among the options (its list is quoted, so commas cannot split it).
                if let start = fields[1].range(of: "namespaces=\"", options: .caseInsensitive)?.upperBound {
                    let list = fields[1][start...].prefix { $0 != "\"" }
                    namespaces = list.split(separator: ",").map(String.init)
                }
                index = 2
            }
            guard fields.count > index + 1, let blob = Data(base64Encoded: fields[index + 1]) else { return nil }
            principals = first
            self.namespaces = namespaces
            keyBlob = Array(blob)
        }

        func allows(_ namespace: String) -> Bool { namespaces.map { $0.contains(namespace) } ?? true }

        /// The line's fields, split at spaces outside double quotes (an option's list may hold commas in quotes).
        private static func fields(_ line: String) -> [String] {
            var fields: [String] = []
            var current = ""
            var quoted = false
            for character in line.trimmingCharacters(in: .whitespaces) {
                if character == "\"" { quoted.toggle() }
                if character == " " || character == "\t", !quoted {
                    if !current.isEmpty { fields.append(current) }
                    current = ""
                } else {
                    current.append(character)
                }
            }
            if !current.isEmpty { fields.append(current) }
            return fields
        }
    }
}
