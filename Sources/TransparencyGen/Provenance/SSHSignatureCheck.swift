import Crypto
import Foundation
import PublicLog

/// Checks an armored SSH signature (`PROTOCOL.sshsig`) of a file against an `allowed_signers`
/// file as `ssh-keygen -Y verify -I PRINCIPAL -n alpr-transparency@v1` does for the portal's
/// signatures: the armor exactly as OpenSSH writes it, an Ed25519 key, the portal's namespace,
/// and a line of `allowed_signers` whose principals match, whose namespaces allow it, whose
/// validity covers the moment given, and whose key is the signature's. Lines with options
/// `ssh-keygen` would not accept for a plain key (`cert-authority`, unknown options) never
/// match. The reading is our own so that `verify` needs no other program.
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


    /// The signer of `message` by the armored `signature`, when a line of `allowedSigners`
    /// allows it for `principal` (any principal when nil) at the moment `at` (ignoring
    /// `valid-after` and `valid-before` when nil).
    static func check(_ message: Data, signature armored: String, allowedSigners: String,
                      principal: String?, at moment: String?) throws(Failure) -> Signer {
        let (begin, end) = SSHSignature.armorLines(SSHSignature.armorLabel)
        var lines = armored.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard lines.count >= 3, lines.first == begin, lines.last == end,
              lines.dropFirst().dropLast().allSatisfy({ $0.unicodeScalars.allSatisfy { CharacterSet.base64.contains($0) } }),
              let blob = Data(base64Encoded: lines.dropFirst().dropLast().joined()) else {
            throw Failure("it is not an armored SSH signature as ssh-keygen writes one")
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
              signatureReader.remaining == 0,
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
        var near: String?
        for line in allowedSigners.split(separator: "\n") {
            guard let entry = AllowedSigner(String(line)), entry.keyBlob == publicKeyBlob else { continue }
            if let principal, !Pattern.listMatches(entry.principals, principal) {
                near = "names the key for \(entry.principals), not for \(principal), the agency of the copy's publication.json"
                continue
            }
            guard entry.allows(namespace) else { near = "names the key for other namespaces than \(namespace)"; continue }
            if let moment, !entry.isValid(at: moment) {
                near = "says the key was not valid when the copy was published (\(moment))"
                continue
            }
            return Signer(principals: entry.principals, publicKeyLine: keyLine)
        }
        throw Failure(near.map { "it was made by the key \(keyLine); the allowed signers' line for that key \($0)" }
            ?? "it was made by the key \(keyLine), which the allowed signers do not name (a line of allowed_signers reads: PRINCIPAL namespaces=\"\(namespace)\" ssh-ed25519 KEY)")
    }

    /// One line of an `allowed_signers` file, as `ssh-keygen` reads it: principals, options,
    /// key type and key. A line `ssh-keygen` would refuse or read as a certificate authority is nil.
    struct AllowedSigner {
        let principals: String
        let namespaces: String?
        let validAfter: String?
        let validBefore: String?
        let keyBlob: [UInt8]

        init?(_ line: String) {
            let fields = Self.fields(line)
            guard let first = fields.first, !first.hasPrefix("#"), fields.count >= 3 else { return nil }
            var index = 1
            var namespaces: String?, validAfter: String?, validBefore: String?
            if fields[1] != "ssh-ed25519" {
                for option in Self.split(fields[1], at: ",") {
                    let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
                    let value = parts.count == 2 ? parts[1].replacingOccurrences(of: "\"", with: "") : nil
                    switch parts[0].lowercased() {
                    case "namespaces": namespaces = value
                    case "valid-after": validAfter = value.flatMap(Self.moment)
                        if validAfter == nil { return nil }
                    case "valid-before": validBefore = value.flatMap(Self.moment)
                        if validBefore == nil { return nil }
                    default: return nil  // cert-authority, or an option ssh-keygen does not know
                    }
                }
                index = 2
            }
            guard fields.count > index + 1, fields[index] == "ssh-ed25519", let blob = Data(base64Encoded: fields[index + 1]) else { return nil }
            var reader = SSHReader(Array(blob))
            guard reader.text() == "ssh-ed25519" else { return nil }
            principals = first
            self.namespaces = namespaces
            self.validAfter = validAfter
            self.validBefore = validBefore
            keyBlob = Array(blob)
        }

        func allows(_ namespace: String) -> Bool { namespaces.map { Pattern.listMatches($0, namespace) } ?? true }

        /// `moment` as `YYYYMMDDHHMMSS` in UTC, compared as text.
        func isValid(at moment: String) -> Bool {
            (validAfter.map { moment >= $0 } ?? true) && (validBefore.map { moment < $0 } ?? true)
        }

        /// `YYYYMMDD[HHMM[SS]][Z]` as `YYYYMMDDHHMMSS` (read as UTC); nil when it is not one.
        static func moment(_ text: String) -> String? {
            let digits = text.hasSuffix("Z") || text.hasSuffix("z") ? String(text.dropLast()) : text
            guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), [8, 12, 14].contains(digits.count) else { return nil }
            return digits + String(repeating: "0", count: 14 - digits.count)
        }

        /// The line's fields, split at spaces outside double quotes.
        private static func fields(_ line: String) -> [String] {
            split(line.trimmingCharacters(in: .whitespaces), at: " ").filter { !$0.isEmpty }
        }

        private static func split(_ text: String, at separator: Character) -> [String] {
            var parts: [String] = []
            var current = ""
            var quoted = false
            for character in text {
                if character == "\"" { quoted.toggle() }
                if (character == separator || (separator == " " && character == "\t")), !quoted {
                    parts.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            }
            parts.append(current)
            return parts
        }
    }

    /// OpenSSH's pattern lists: comma-separated patterns with `*` and `?`, `!` negating one.
    enum Pattern {
        static func listMatches(_ list: String, _ text: String) -> Bool {
            var matched = false
            for pattern in list.split(separator: ",").map(String.init) {
                if pattern.hasPrefix("!") {
                    if matches(Array(pattern.dropFirst().unicodeScalars), Array(text.unicodeScalars)) { return false }
                } else if matches(Array(pattern.unicodeScalars), Array(text.unicodeScalars)) {
                    matched = true
                }
            }
            return matched
        }

        static func matches(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
            var p = 0, t = 0, star = -1, mark = 0
            while t < text.count {
                if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                    p += 1; t += 1
                } else if p < pattern.count, pattern[p] == "*" {
                    star = p; mark = t; p += 1
                } else if star >= 0 {
                    p = star + 1; mark += 1; t = mark
                } else {
                    return false
                }
            }
            while p < pattern.count, pattern[p] == "*" { p += 1 }
            return p == pattern.count
        }
    }
}

private extension CharacterSet {
    static let base64 = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
}
