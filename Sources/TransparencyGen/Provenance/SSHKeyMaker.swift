import Crypto
import Foundation

/// Makes a new signing key as `ssh-keygen -t ed25519 -N ""` would (`transparency-gen key new`):
/// an unencrypted OpenSSH private key file (`PROTOCOL.key`) and its `.pub` line, written with
/// the private file readable by its owner only and never over an existing file.
public enum SSHKeyMaker {
    /// The private key file's text and the public key line for a new key.
    static func newKey(comment: String) -> (privateText: String, publicLine: String) {
        let key = Curve25519.Signing.PrivateKey()
        let publicKey = Array(key.publicKey.rawRepresentation)
        var publicBlob = SSHWriter()
        publicBlob.string("ssh-ed25519")
        publicBlob.string(publicKey)

        var section = SSHWriter()
        let check = UInt32.random(in: .min ... .max)
        section.uint32(check)
        section.uint32(check)
        section.string("ssh-ed25519")
        section.string(publicKey)
        section.string(Array(key.rawRepresentation) + publicKey)
        section.string(comment)
        // Padded to the cipher's block size ("none": 8) with 1, 2, 3, …
        var pad: UInt8 = 1
        while section.bytes.count % 8 != 0 {
            section.raw([pad])
            pad += 1
        }
        var file = SSHWriter()
        file.raw(Array("openssh-key-v1".utf8) + [0])
        file.string("none")
        file.string("none")
        file.string("")
        file.uint32(1)
        file.string(publicBlob.bytes)
        file.string(section.bytes)
        let privateText = SSHSignature.armor(file.bytes, label: SSHSigningKey.armorLabel)
        let publicLine = "ssh-ed25519 " + Data(publicBlob.bytes).base64EncodedString() + (comment.isEmpty ? "" : " \(comment)")
        return (privateText, publicLine)
    }

    /// Writes a new key to `path` (mode 600) and its public line to `path.pub`; returns the public line.
    public static func write(to path: String, comment: String) throws(GeneratorError) -> String {
        let (privateText, publicLine) = newKey(comment: comment.replacingOccurrences(of: "\n", with: " "))
        for file in [path, path + ".pub"] where FileManager.default.fileExists(atPath: file) || (try? FileManager.default.destinationOfSymbolicLink(atPath: file)) != nil {
            throw GeneratorError("\(file) exists already: a signing key is never replaced by accident. Choose another path, or remove the old key once publications are signed with the new one (see docs/deploy.md, \"Changing the key\").")
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw GeneratorError("Cannot write the key to \(path) (\(String(cString: strerror(errno)))). Check that its folder exists and is writable.")
        }
        let bytes = Array(privateText.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced else {
            unlink(path)
            throw GeneratorError("Could not write the whole key to \(path); nothing was kept. Check the disk's free space.")
        }
        do {
            try Data((publicLine + "\n").utf8).write(to: URL(fileURLWithPath: path + ".pub"), options: .withoutOverwriting)
        } catch {
            throw GeneratorError("The key was written to \(path), but its public line could not be written to \(path).pub (\(error.localizedDescription)). Make it with: ssh-keygen -y -f \(path) > \(path).pub")
        }
        return publicLine
    }
}
