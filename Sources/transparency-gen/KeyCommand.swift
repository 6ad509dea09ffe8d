import ArgumentParser
import Foundation
import TransparencyGen

struct Key: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make the key that signs publications.",
        subcommands: [New.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new Ed25519 signing key to PATH (readable by its owner only) and its public line to PATH.pub.",
            discussion: """
                The same key `ssh-keygen -t ed25519 -N ""` makes. Keep it outside the site folder and the \
                output, then name it in site.yaml as signing_key: PATH. Never replaces an existing file.
                """)

        @Argument(help: ArgumentHelp("Where to write the private key, e.g. /etc/transparency-gen/signing_key.", valueName: "path"))
        var path: String

        @Option(name: .long, help: ArgumentHelp("A comment for the key, e.g. the agency's name.", valueName: "text"))
        var comment = "transparency-gen signing key"

        func run() throws {
            failingOnError {
                let line = try SSHKeyMaker.write(to: path, comment: comment)
                print("""
                    Wrote the signing key to \(path) (readable by you only) and its public line to \(path).pub:
                    \(line)
                    Name it in site.yaml as: signing_key: \(path)
                    Announce the public line where archivists will find it, and back the key up encrypted.
                    """)
            }
        }
    }
}
