import Foundation
import Testing
import TestSupport
import CSQLite
@testable import PublicLog
@testable import TransparencyGen

/// `transparency-gen verify` (spec, "Provenance"): an untouched copy passes; a changed byte,
/// an added or missing file, a bad signature and a rewritten frozen figure are each named;
/// signatures made by the stock `ssh-keygen -Y sign` are read as `ssh-keygen -Y verify` reads them.
@Suite("Verify a published copy")
struct VerifyTests {
    /// A copy of a published folder, as an archivist keeps one.
    static func snapshot(_ output: URL) throws -> URL {
        let copy = temporaryFolder("snapshot").appendingPathComponent("public")
        try FileManager.default.copyItem(at: output, to: copy)
        return copy
    }

    @Test func anUntouchedCopyPassesAndAChangedByteAnAddedAndAMissingFileAreNamed() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let copy = try Self.snapshot(site.output)
        let clean = try PublishedCopyVerifier(copy: copy).verify()
        #expect(clean.isValid, "\(clean.problems)")

        var log = try Data(contentsOf: copy.appendingPathComponent("data/public-log.csv"))
        log[log.count - 2] ^= 1
        try log.write(to: copy.appendingPathComponent("data/public-log.csv"))
        try Data("hello".utf8).write(to: copy.appendingPathComponent("data/extra.csv"))
        try FileManager.default.removeItem(at: copy.appendingPathComponent("policy/index.html"))
        let report = try PublishedCopyVerifier(copy: copy).verify()
        #expect(report.problems.sorted() == [
            "data/extra.csv: added (not listed in SHA256SUMS)",
            "data/public-log.csv: changed (its SHA-256 is not the one SHA256SUMS lists)",
            "policy/index.html: missing (listed in SHA256SUMS)",
        ])
    }

    @Test func theCommandExitsZeroOnlyWhenEverythingHolds() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let good = try PackageInstallTests.run(ImportTool.binary.path, ["verify", site.output.path])
        #expect(good.status == 0, "\(good.output)")
        try Data("<p>changed</p>".utf8).write(to: site.output.appendingPathComponent("index.html"))
        let bad = try PackageInstallTests.run(ImportTool.binary.path, ["verify", site.output.path])
        #expect(bad.status == 1)
        #expect(bad.output.contains("FAILED: index.html: changed"), "\(bad.output)")
        let missing = try PackageInstallTests.run(ImportTool.binary.path, ["verify", site.folder.appendingPathComponent("nowhere").path])
        #expect(missing.status == 2)
    }

    /// Two days' copies: the earlier is in the later one's chain. A frozen figure rewritten
    /// through the ledger (its digests recomputed, as only a determined forger would) is named
    /// by period, column and both values once its reads are gone.
    @Test func anEarlierCopyIsInTheChainAndARewrittenFrozenFigureIsNamed() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let earlier = try Self.snapshot(site.output)
        let rows = parseCSV(try #require(site.outputText("data/public-log.csv")))
        let header = rows[0]
        let first = try #require(rows.dropFirst().min { $0[header.firstIndex(of: "start_local")!] < $1[header.firstIndex(of: "start_local")!] })
        let id = first[header.firstIndex(of: "period_id")!]
        let plates = try #require(Int(first[header.firstIndex(of: "plates")!]))

        let ledgerPath = site.site.appendingPathComponent("ledger.sqlite").path
        let ledger = try SQLiteConnection.open(path: ledgerPath, flags: SQLITE_OPEN_READWRITE)
        try ledger.execute("BEGIN; UPDATE period_figures SET plates = plates + 5, reads = reads + 5 WHERE period_id = \(id);")
        try LedgerSeal.computeAll(ledger, at: PublishingTests.t0)
        try ledger.execute("COMMIT")
        PublishingTests.purge(site.databasePath, before: Instant(iso: PublishingTests.t30)!.adding(seconds: -60 * 86_400))
        try site.build(now: PublishingTests.t30)

        let report = try PublishedCopyVerifier(copy: site.output, previous: earlier).verify()
        #expect(report.held.contains("The earlier copy is publication 1 of the chain: its SHA256SUMS has the digest publications.csv gives."),
                "\(report.held) \(report.problems)")
        let reads = try #require(Int(first[header.firstIndex(of: "reads")!]))
        #expect(report.problems == [
            "data/public-log.csv: period \(id), column plates: earlier copy \"\(plates)\", this copy \"\(plates + 5)\"",
            "data/public-log.csv: period \(id), column reads: earlier copy \"\(reads)\", this copy \"\(reads + 5)\"",
        ])

        // A copy that claims to be publication 1 but is not what was published is not in the chain.
        try Data("changed\n".utf8).write(to: earlier.appendingPathComponent("robots.txt"))
        var sums = try String(contentsOf: earlier.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
        sums = sums.split(separator: "\n").map { $0.hasSuffix("  robots.txt") ? "\(try! PublicationChainTests.sha256sum(earlier.appendingPathComponent("robots.txt")))  robots.txt" : String($0) }
            .joined(separator: "\n") + "\n"
        try Data(sums.utf8).write(to: earlier.appendingPathComponent("SHA256SUMS"))
        let forged = try PublishedCopyVerifier(copy: site.output, previous: earlier).verify()
        #expect(forged.problems.contains { $0.hasPrefix("publications.csv: publication 1's SHA256SUMS digest is") }, "\(forged.problems)")
    }

    @Test(.enabled(if: SigningTests.sshKeygen != nil || Tool.requiredInCI, "ssh-keygen is not installed (apt-get install openssh-client)"))
    func signaturesAreCheckedAgainstTheGivenSignersOrTheCopysOwn() throws {
        let key = try SigningTests.key()
        let site = SigningTests.site(key: key)
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let own = try PublishedCopyVerifier(copy: site.output).verify()
        #expect(own.isValid, "\(own.problems)")
        #expect(own.held.contains { $0.contains("good signature") && $0.contains("the copy's own allowed_signers") })

        // The agency's announced line, written out here from ssh-keygen's own public key file.
        let publicLine = try String(contentsOf: URL(fileURLWithPath: key.path + ".pub"), encoding: .utf8)
        let announced = site.folder.appendingPathComponent("announced_signers")
        try Data("\(SigningTests.principal) namespaces=\"alpr-transparency@v1\" \(publicLine)".utf8).write(to: announced)
        #expect(try PublishedCopyVerifier(copy: site.output, allowedSigners: announced).verify().isValid)

        // Another key's line: the copy's signature is not the agency's.
        let other = try SigningTests.key()
        let otherLine = try String(contentsOf: URL(fileURLWithPath: other.path + ".pub"), encoding: .utf8)
        let wrong = site.folder.appendingPathComponent("wrong_signers")
        try Data("\(SigningTests.principal) namespaces=\"alpr-transparency@v1\" \(otherLine)".utf8).write(to: wrong)
        let refused = try PublishedCopyVerifier(copy: site.output, allowedSigners: wrong).verify()
        #expect(refused.problems.count == 1 && refused.problems[0].hasPrefix("SHA256SUMS.sig: not a good signature"), "\(refused.problems)")

        // A deleted signature, when signers are given to check it against.
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("SHA256SUMS.sig"))
        #expect(try PublishedCopyVerifier(copy: site.output, allowedSigners: announced).verify().problems
                == ["SHA256SUMS.sig: missing, though \(announced.standardizedFileURL.path) was given to check it against"])
    }

    /// Our reader accepts what `ssh-keygen -Y sign` writes, in the portal's namespace only.
    @Test(.enabled(if: SigningTests.sshKeygen != nil || Tool.requiredInCI, "ssh-keygen is not installed (apt-get install openssh-client)"))
    func aSignatureMadeByTheStockSSHKeygenIsReadAsItsVerifyReadsIt() throws {
        let keygen = try #require(SigningTests.sshKeygen)
        let key = try SigningTests.key()
        let folder = key.deletingLastPathComponent()
        let message = folder.appendingPathComponent("SHA256SUMS")
        try Data("0000000000000000000000000000000000000000000000000000000000000000  index.html\n".utf8).write(to: message)
        let publicLine = try String(contentsOf: URL(fileURLWithPath: key.path + ".pub"), encoding: .utf8)
        let signers = "agency namespaces=\"alpr-transparency@v1\" \(publicLine)"
        for namespace in ["alpr-transparency@v1", "file"] {
            let run = try PackageInstallTests.run(keygen, ["-Y", "sign", "-f", key.path, "-n", namespace, message.path])
            #expect(run.status == 0, "\(run.output)")
            let signature = try String(contentsOf: URL(fileURLWithPath: message.path + ".sig"), encoding: .utf8)
            try FileManager.default.removeItem(atPath: message.path + ".sig")
            let data = try Data(contentsOf: message)
            if namespace == "alpr-transparency@v1" {
                #expect(try SSHSignatureCheck.check(data, signature: signature, allowedSigners: signers).principals == "agency")
                var changed = data
                changed[0] = UInt8(ascii: "1")
                #expect(throws: SSHSignatureCheck.Failure.self) { try SSHSignatureCheck.check(changed, signature: signature, allowedSigners: signers) }
            } else {
                #expect(throws: SSHSignatureCheck.Failure.self) { try SSHSignatureCheck.check(data, signature: signature, allowedSigners: signers) }
            }
        }
    }
}
