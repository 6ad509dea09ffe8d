import Foundation
import Testing
import TestSupport
@testable import TransparencyGen

/// A publication signed with the key `signing_key:` names (spec, "Provenance"): `SHA256SUMS.sig`
/// that the stock `ssh-keygen -Y verify` accepts against the published `allowed_signers`, and a
/// key that is not fit to sign with refused by the setting's line. Keys are made by the real
/// `ssh-keygen`, never by the code under test.
@Suite("Signed publications")
struct SigningTests {
    static let sshKeygen = Tool.find("ssh-keygen")
    static let agency = "Elm Creek Police Dept., Minnesota"
    /// The principal the spec asks for: the agency's name without spaces (here, runs of other
    /// characters made one `-`).
    static let principal = "Elm-Creek-Police-Dept.-Minnesota"

    /// A new key made by `ssh-keygen` in a folder of its own, with `mode`.
    static func key(type: String = "ed25519", passphrase: String = "", mode: Int = 0o600, in folder: URL? = nil) throws -> URL {
        let keygen = try #require(sshKeygen, "apt-get install openssh-client")
        let directory = folder ?? temporaryFolder("signing-key")
        let key = directory.appendingPathComponent("signing_key_\(type)")
        let result = try PackageInstallTests.run(keygen, ["-q", "-t", type, "-N", passphrase, "-C", "test", "-f", key.path],
                                                 environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "ssh-keygen: \(result.output)")
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: key.path)
        return key
    }

    static func site(key: URL?) -> SiteFixture {
        SiteFixture(config: "agency_name: \(agency)\n" + (key.map { "signing_key: \($0.path)\n" } ?? ""))
    }

    /// `ssh-keygen -Y verify` of `SHA256SUMS` as the spec writes the command; its exit status.
    static func verify(_ output: URL, sums: Data? = nil) throws -> PackageInstallTests.Run {
        let keygen = try #require(sshKeygen)
        let sumsFile = output.deletingLastPathComponent().appendingPathComponent("sums-to-verify")
        try (sums ?? Data(contentsOf: output.appendingPathComponent("SHA256SUMS"))).write(to: sumsFile)
        return try PackageInstallTests.run("/bin/sh", ["-c", """
            '\(keygen)' -Y verify -f '\(output.path)/allowed_signers' -I '\(principal)' -n alpr-transparency@v1 \
            -s '\(output.path)/SHA256SUMS.sig' < '\(sumsFile.path)'
            """], environment: ProcessInfo.processInfo.environment)
    }

    @Test(.enabled(if: sshKeygen != nil || Tool.requiredInCI, "ssh-keygen is not installed (apt-get install openssh-client)"))
    func aSignedPublicationVerifiesWithSSHKeygenAndAChangedByteDoesNot() throws {
        let key = try Self.key()
        let site = Self.site(key: key)
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let good = try Self.verify(site.output)
        #expect(good.status == 0, "ssh-keygen -Y verify: \(good.output)")
        // allowed_signers names the agency's principal, the namespace and the key ssh-keygen made.
        let publicLine = try String(contentsOf: URL(fileURLWithPath: key.path + ".pub"), encoding: .utf8)
            .split(separator: " ").prefix(2).joined(separator: " ")
        #expect(site.outputText("allowed_signers") == "\(Self.principal) namespaces=\"alpr-transparency@v1\" \(publicLine)\n")
        // The signature covers SHA256SUMS, which lists allowed_signers but not the signature itself.
        let sums = try #require(site.outputText("SHA256SUMS"))
        #expect(sums.contains("  allowed_signers\n") && !sums.contains("SHA256SUMS.sig"))
        var changed = Array(sums.utf8)
        changed[0] = changed[0] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(try Self.verify(site.output, sums: Data(changed)).status != 0, "a changed SHA256SUMS verified")
    }

    @Test(.enabled(if: sshKeygen != nil || Tool.requiredInCI, "ssh-keygen is not installed (apt-get install openssh-client)"))
    func theSameSiteAndKeyGiveTheSameSignature() throws {
        let key = try Self.key()
        let first = Self.site(key: key), second = Self.site(key: key)
        for site in [first, second] {
            PublishingTests.purgeFixture(site.databasePath)
            try site.build(now: PublishingTests.t0)
        }
        let signature = try #require(first.outputFiles()["SHA256SUMS.sig"])
        #expect(first.outputFiles()["SHA256SUMS"] == second.outputFiles()["SHA256SUMS"])
        #expect(second.outputFiles()["SHA256SUMS.sig"] == signature)
    }

    /// A new key under the old key's name signs the next build, which the stamp would otherwise
    /// call up to date; a deleted signature is made again.
    @Test(.enabled(if: sshKeygen != nil || Tool.requiredInCI, "ssh-keygen is not installed (apt-get install openssh-client)"))
    func aReplacedKeyOrADeletedSignatureIsSignedAgain() throws {
        let folder = temporaryFolder("replaced-key")
        let key = try Self.key(in: folder)
        let site = Self.site(key: key)
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let first = try #require(site.outputText("allowed_signers"))
        // The same key, again: nothing to do.
        #expect(try site.build(now: PublishingTests.t0).upToDate)
        for suffix in ["", ".pub"] { try FileManager.default.removeItem(atPath: key.path + suffix) }
        _ = try Self.key(in: folder)
        #expect(!(try site.build(now: PublishingTests.t0).upToDate), "a new key under the same name was not used")
        #expect(site.outputText("allowed_signers") != first)
        #expect(try Self.verify(site.output).status == 0)
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("SHA256SUMS.sig"))
        #expect(!(try site.build(now: PublishingTests.t0).upToDate), "a deleted signature was left deleted")
        #expect(try Self.verify(site.output).status == 0)
    }

    @Test func anUnsignedPublicationHasNoSignatureFiles() throws {
        let site = Self.site(key: nil)
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let files = site.outputFiles()
        #expect(files["SHA256SUMS.sig"] == nil && files["allowed_signers"] == nil)
    }

    enum UnfitKey: String, CaseIterable, CustomStringConvertible {
        case readableByOthers, readableByGroup, insideTheSite, insideTheOutput, linkIntoTheSite, rsa, ecdsa, passphrase, missing, notAKey
        var description: String { rawValue }
    }

    @Test(.enabled(if: sshKeygen != nil || Tool.requiredInCI, "ssh-keygen is not installed (apt-get install openssh-client)"),
          arguments: UnfitKey.allCases)
    func aKeyUnfitToSignWithIsRefusedByTheSetting(_ unfit: UnfitKey) throws {
        let folder = temporaryFolder("unfit-key")
        let placeholder = SiteFixture()
        let key: URL
        switch unfit {
        case .readableByOthers: key = try Self.key(mode: 0o644)
        case .readableByGroup: key = try Self.key(mode: 0o640)
        case .insideTheSite: key = try Self.key(in: placeholder.site)
        case .insideTheOutput:
            try FileManager.default.createDirectory(at: placeholder.output, withIntermediateDirectories: true)
            key = try Self.key(in: placeholder.output)
        case .linkIntoTheSite:
            // A link outside the site to a key inside it is still a key inside it.
            let inside = try Self.key(in: placeholder.site)
            key = folder.appendingPathComponent("link-to-key")
            try FileManager.default.createSymbolicLink(at: key, withDestinationURL: inside)
        case .rsa: key = try Self.key(type: "rsa")
        case .ecdsa: key = try Self.key(type: "ecdsa")
        case .passphrase: key = try Self.key(passphrase: "correct horse")
        case .missing: key = folder.appendingPathComponent("no-such-key")
        case .notAKey:
            key = folder.appendingPathComponent("notes.txt")
            try Data("not a key\n".utf8).write(to: key)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
        }
        placeholder.write("site.yaml", "agency_name: \(Self.agency)\nsigning_key: \(key.path)\n")
        PublishingTests.purgeFixture(placeholder.databasePath)
        let before = placeholder.outputFiles()
        // Every line of the key file's text, which no message may hold.
        let keyLines = ((try? String(contentsOf: key, encoding: .utf8)) ?? "").split(separator: "\n").filter { $0.count > 8 }
        for (what, attempt) in [("build", { try placeholder.build(now: PublishingTests.t0) }),
                                ("check", { _ = try SiteBuilder(options: placeholder.options(now: PublishingTests.t0)).check() })] as [(String, () throws -> Void)] {
            do {
                try attempt()
                Issue.record("\(unfit): \(what) accepted the key")
            } catch {
                let message = "\(error)"
                #expect(message.contains("site.yaml line 2") && message.contains("signing_key"), "\(unfit), \(what): \(message)")
                for line in keyLines { #expect(!message.contains(line), "\(unfit), \(what): the key's text in the message") }
            }
        }
        #expect(placeholder.outputFiles() == before, "\(unfit): something was published")
    }

    @Test func thePrincipalIsTheAgencyWithoutSpaces() {
        #expect(SSHSignature.principal(agency: Self.agency) == Self.principal)
        #expect(SSHSignature.principal(agency: "  Saint Paul PD ") == "Saint-Paul-PD")
        #expect(SSHSignature.principal(agency: "Police de Québec") == "Police-de-Qu-bec")
    }

    /// `transparency-gen key new` writes the key `ssh-keygen` itself reads: `ssh-keygen -y` gives
    /// the same public line, and a build signed with it verifies with `ssh-keygen -Y verify`.
    @Test(.enabled(if: sshKeygen != nil || Tool.requiredInCI, "ssh-keygen is not installed (apt-get install openssh-client)"))
    func keyNewWritesAKeySSHKeygenReadsAndNeverReplacesOne() throws {
        let keygen = try #require(Self.sshKeygen)
        let key = temporaryFolder("key-new").appendingPathComponent("signing_key")
        let made = try PackageInstallTests.run(ImportTool.binary.path, ["key", "new", key.path, "--comment", "Elm Creek"])
        #expect(made.status == 0, "\(made.output)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: key.path)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0)
        let derived = try PackageInstallTests.run(keygen, ["-y", "-f", key.path], environment: ProcessInfo.processInfo.environment)
        let publicLine = try String(contentsOf: URL(fileURLWithPath: key.path + ".pub"), encoding: .utf8)
        #expect(derived.status == 0 && derived.output.split(separator: " ").prefix(2) == publicLine.split(separator: " ").prefix(2),
                "\(derived.output) vs \(publicLine)")
        let before = try Data(contentsOf: key)
        let again = try PackageInstallTests.run(ImportTool.binary.path, ["key", "new", key.path])
        #expect(again.status != 0 && again.output.contains("exists already"))
        #expect(try Data(contentsOf: key) == before)

        let site = Self.site(key: key)
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let verified = try Self.verify(site.output)
        #expect(verified.status == 0, "\(verified.output)")
    }
}
