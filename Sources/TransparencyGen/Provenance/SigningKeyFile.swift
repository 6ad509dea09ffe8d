import Foundation

/// The key `signing_key:` names in site.yaml, checked and read once per build: a file outside
/// the site and the output (which are copied and published), readable by its owner only, holding
/// an unencrypted OpenSSH Ed25519 key. Every error names the setting, never the key's content.
enum SigningKeyFile {
    static func load(_ configuration: SiteConfiguration, siteDirectory: URL, output: URL) throws(GeneratorError) -> SSHSigningKey? {
        guard let url = configuration.signingKey else { return nil }
        let make = "ssh-keygen -t ed25519 -N \"\" -C \"\(configuration.agencyName)\" -f /etc/transparency-gen/signing_key"
        func failure(_ problem: String, _ fix: String) -> GeneratorError {
            .at(SiteConfiguration.fileName, line: configuration.signingKeyLine, "signing_key: \(url.path) \(problem)", fix: fix)
        }
        let key = Publisher.resolved(url)
        for (folder, what) in [(siteDirectory, "the site folder"), (output, "the output folder")] {
            let inside = Publisher.resolved(folder)
            if key == inside || key.hasPrefix(inside + "/") {
                throw failure("is inside \(what), which is copied and published with the site",
                              "Keep the key outside both, readable only by the account that builds (e.g. \(make)).")
            }
        }
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw failure("does not exist", "Correct the path, or make a key: \(make).")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw failure("is not a file", "Name the private key file itself.") }
        guard info.st_mode & 0o077 == 0 else {
            throw failure("can be read by others than its owner (mode \(String(info.st_mode & 0o777, radix: 8)))",
                          "Anyone who can read it can sign in the agency's name: chmod 600 '\(url.path)', and make a new key if others may have copied it.")
        }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw failure("cannot be read by this account", "Build as the key's owner.")
        }
        do {
            return try SSHSigningKey(fileText: text)
        } catch {
            throw failure(error.description, "Make an Ed25519 key without a passphrase: \(make).")
        }
    }
}
