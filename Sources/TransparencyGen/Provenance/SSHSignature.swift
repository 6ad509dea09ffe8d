import Crypto
import Foundation

/// An SSH signature (`PROTOCOL.sshsig`) of a published file, armored, as `ssh-keygen -Y sign`
/// writes one and `ssh-keygen -Y verify` checks it. Ed25519 signing is deterministic, so the
/// same file and key give the same signature, and an unchanged site rebuilds byte for byte.
enum SSHSignature {
    /// The namespace of the portal's signatures: a signature made for anything else (an e-mail,
    /// a git commit) never passes for a publication's.
    static let namespace = "alpr-transparency@v1"
    static let hashAlgorithm = "sha512"

    /// The armored signature of `message` by `key`.
    static func armored(_ message: some DataProtocol, key: SSHSigningKey) throws -> String {
        let signature = try key.signature(for: signedData(digest: Array(SHA512.hash(data: message)), namespace: namespace,
                                                          hashAlgorithm: hashAlgorithm))

        var signatureBlob = SSHWriter()
        signatureBlob.string("ssh-ed25519")
        signatureBlob.string(Array(signature))
        var blob = SSHWriter()
        blob.raw(Array("SSHSIG".utf8))
        blob.uint32(1)
        blob.string(key.publicKeyBlob)
        blob.string(namespace)
        blob.string("")
        blob.string(hashAlgorithm)
        blob.string(signatureBlob.bytes)

        return armor(blob.bytes, label: armorLabel)
    }

    /// The label of a signature's armor (`-----BEGIN SSH SIGNATURE-----`).
    static let armorLabel = "SSH SIGNATURE"

    /// The first and last lines of armor labelled `label`.
    static func armorLines(_ label: String) -> (begin: String, end: String) {
        ("-----BEGIN \(label)-----", "-----END \(label)-----")
    }

    /// `bytes` armored as OpenSSH writes its files: base64 in lines of 70 between BEGIN and END lines.
    static func armor(_ bytes: [UInt8], label: String) -> String {
        var lines: [Substring] = []
        var rest = Substring(Data(bytes).base64EncodedString())
        while !rest.isEmpty {
            lines.append(rest.prefix(70))
            rest = rest.dropFirst(70)
        }
        let (begin, end) = armorLines(label)
        return begin + "\n" + lines.joined(separator: "\n") + "\n" + end + "\n"
    }

    /// What an SSH signature signs: the magic, namespace, reserved field, hash algorithm and the message's digest.
    static func signedData(digest: [UInt8], namespace: String, hashAlgorithm: String) -> Data {
        var signed = SSHWriter()
        signed.raw(Array("SSHSIG".utf8))
        signed.string(namespace)
        signed.string("")
        signed.string(hashAlgorithm)
        signed.string(digest)
        return Data(signed.bytes)
    }

    /// The principal `allowed_signers` names the agency by: its name with every run of
    /// characters other than letters, digits, `.`, `_` and `@` made one `-` (a principal holds
    /// no space, comma or wildcard).
    static func principal(agency: String) -> String {
        var result = ""
        var pendingDash = false
        for character in agency {
            if character.isASCII, character.isLetter || character.isNumber || "._@".contains(character) {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(character)
            } else {
                pendingDash = true
            }
        }
        return result.isEmpty ? "agency" : result
    }

    /// `public/allowed_signers`: the line `ssh-keygen -Y verify -f allowed_signers` reads.
    static func allowedSigners(agency: String, key: SSHSigningKey) -> String {
        "\(principal(agency: agency)) namespaces=\"\(namespace)\" \(key.publicKeyLine)\n"
    }
}
