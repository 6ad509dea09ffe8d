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

    static let later = "2024-12-10T18:00:00Z"
    static let laterStill = "2024-12-11T18:00:00Z"

    /// A site published at T0 (the ledger records every period), then at `later` with the
    /// reads past its 60 days destroyed: in that copy the periods that ended before its
    /// horizon are frozen, their figures the ledger's.
    static func frozenSite() throws -> SiteFixture {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        PublishingTests.purge(site.databasePath, before: Instant(iso: later)!.adding(seconds: -60 * 86_400))
        try site.build(now: later)
        return site
    }

    /// The row of the earliest period of a public log, by column.
    static func earliestRow(_ site: SiteFixture) throws -> [String: String] {
        let rows = parseCSV(try #require(site.outputText("data/public-log.csv")))
        let named = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
        return try #require(named.min { $0["start_local"]! < $1["start_local"]! })
    }

    /// Rewrites `path`'s line of a copy's `SHA256SUMS` for its present bytes, as a forger would.
    static func rehash(_ copy: URL, _ path: String) throws {
        let sumsURL = copy.appendingPathComponent("SHA256SUMS")
        let digest = try PublicationChainTests.sha256sum(copy.appendingPathComponent(path))
        let lines = try String(contentsOf: sumsURL, encoding: .utf8).split(separator: "\n").map { line in
            line.hasSuffix("  \(path)") ? "\(digest)  \(path)" : String(line)
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: sumsURL)
    }

    /// Two days' copies: the earlier is in the later one's chain. A frozen figure rewritten
    /// through the ledger (its digests recomputed, as only a determined forger would) is named
    /// by period, column and both values.
    @Test func anEarlierCopyIsInTheChainAndARewrittenFrozenFigureIsNamed() throws {
        let site = try Self.frozenSite()
        let earlier = try Self.snapshot(site.output)
        let first = try Self.earliestRow(site)
        let id = try #require(first["period_id"]), plates = try #require(Int(first["plates"] ?? "")), reads = try #require(Int(first["reads"] ?? ""))

        let ledgerPath = site.site.appendingPathComponent("ledger.sqlite").path
        let ledger = try SQLiteConnection.open(path: ledgerPath, flags: SQLITE_OPEN_READWRITE)
        try ledger.execute("BEGIN; UPDATE period_figures SET plates = plates + 5, reads = reads + 5 WHERE period_id = \(id);")
        try LedgerSeal.computeAll(ledger, at: PublishingTests.t0)
        try ledger.execute("COMMIT")
        try site.build(now: Self.laterStill)

        let report = try PublishedCopyVerifier(copy: site.output, previous: earlier).verify()
        #expect(report.held.contains("The earlier copy is publication 2 of the chain: its SHA256SUMS has the digest publications.csv gives."),
                "\(report.held) \(report.problems)")
        #expect(report.problems == [
            "data/public-log.csv: period \(id), column plates: earlier copy \"\(plates)\", this copy \"\(plates + 5)\"",
            "data/public-log.csv: period \(id), column reads: earlier copy \"\(reads)\", this copy \"\(reads + 5)\"",
        ])

        // A copy that claims to be publication 1 but is not what was published is not in the chain.
        try Data("changed\n".utf8).write(to: earlier.appendingPathComponent("robots.txt"))
        try Self.rehash(earlier, "robots.txt")
        let forged = try PublishedCopyVerifier(copy: site.output, previous: earlier).verify()
        #expect(forged.problems.contains { $0.hasPrefix("publications.csv: publication 2's SHA256SUMS digest is") }, "\(forged.problems)")
    }

    /// A later copy made consistent with itself (its SHA256SUMS rewritten) that duplicates a
    /// frozen row, adds one, or rewrites the history both copies list, is still caught.
    @Test func aForgedLaterCopyIsCaughtAgainstTheEarlierOne() throws {
        let site = try Self.frozenSite()
        let earlier = try Self.snapshot(site.output)
        try site.build(now: Self.laterStill)
        let honest = try PublishedCopyVerifier(copy: site.output, previous: earlier).verify()
        #expect(honest.isValid && honest.anchored, "\(honest.problems)")
        #expect(honest.held.contains { $0.hasPrefix("data/public-log.csv: the ") && !$0.hasPrefix("data/public-log.csv: the 0 ") }, "\(honest.held)")
        let first = try Self.earliestRow(site)
        let id = try #require(first["period_id"])
        let log = try #require(site.outputText("data/public-log.csv"))
        let lines = log.components(separatedBy: "\r\n")  // RFC 4180 line ends
        let row = try #require(lines.first { $0.hasPrefix("\(id),") })

        // A second row for the frozen period, placed first, with other figures.
        let duplicate = try Self.snapshot(site.output)
        let forgedRow = row.replacingOccurrences(of: ",\(first["plates"]!),", with: ",\(Int(first["plates"]!)! + 1),")
        try Data(([lines[0], forgedRow] + lines.dropFirst()).joined(separator: "\r\n").utf8).write(to: duplicate.appendingPathComponent("data/public-log.csv"))
        try Self.rehash(duplicate, "data/public-log.csv")
        let duplicated = try PublishedCopyVerifier(copy: duplicate, previous: earlier).verify()
        #expect(duplicated.problems.contains("data/public-log.csv: period \(id) is listed more than once in this copy"), "\(duplicated.problems)")

        // A period invented in the frozen past.
        let invented = try Self.snapshot(site.output)
        let inventedRow = "99999" + row.dropFirst(id.count)
        try Data((lines.prefix(1) + [inventedRow] + lines.dropFirst()).joined(separator: "\r\n").utf8).write(to: invented.appendingPathComponent("data/public-log.csv"))
        try Self.rehash(invented, "data/public-log.csv")
        #expect(try PublishedCopyVerifier(copy: invented, previous: earlier).verify().problems.contains { $0.hasPrefix("data/public-log.csv: period 99999 (ended") })

        // Publication 1's time rewritten in the later copy's history.
        let history = try Self.snapshot(site.output)
        let csv = try String(contentsOf: history.appendingPathComponent("publications.csv"), encoding: .utf8)
        try Data(csv.replacingOccurrences(of: "1,\(PublishingTests.t0),", with: "1,2024-01-01T00:00:00Z,").utf8).write(to: history.appendingPathComponent("publications.csv"))
        try Self.rehash(history, "publications.csv")
        let rewritten = try PublishedCopyVerifier(copy: history, previous: earlier).verify().problems
        // (The forger left manifest.csv as it was, which is named too.)
        #expect(rewritten.contains("publications.csv: publication 1 was published at \(PublishingTests.t0) by the earlier copy, at 2024-01-01T00:00:00Z by this one"),
                "\(rewritten)")
    }

    /// Files beside SHA256SUMS are checked too, and names are compared as bytes: a name that
    /// looks like a listed one is still an added file.
    @Test func theManifestTheMarkerAndLookalikeNamesAreChecked() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let copy = try Self.snapshot(site.output)
        try Data("path,bytes,sha256\n".utf8).write(to: copy.appendingPathComponent("manifest.csv"))
        try Data("#!/bin/sh\n".utf8).write(to: copy.appendingPathComponent(".transparency-gen-output"))
        // "policy" with its first letter written as U+0070 U+0301 is another name than "policy".
        try FileManager.default.createDirectory(at: copy.appendingPathComponent("p\u{301}olicy"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: copy.appendingPathComponent("p\u{301}olicy/index.html"))
        let report = try PublishedCopyVerifier(copy: copy).verify()
        #expect(report.problems.sorted() == [
            ".transparency-gen-output: changed (it holds only the line transparency-gen writes)",
            "manifest.csv: does not list exactly the files of SHA256SUMS with their sizes and SHA-256",
            "p\u{301}olicy/index.html: added (not listed in SHA256SUMS)",
        ])
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
                == ["SHA256SUMS.sig: missing, though --allowed-signers \(announced.standardizedFileURL.path) was given to check it against"])
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
                #expect(try SSHSignatureCheck.check(data, signature: signature, allowedSigners: signers, principal: "agency", at: nil).principals == "agency")
                var changed = data
                changed[0] = UInt8(ascii: "1")
                #expect(throws: SSHSignatureCheck.Failure.self) { try SSHSignatureCheck.check(changed, signature: signature, allowedSigners: signers, principal: "agency", at: nil) }
            } else {
                #expect(throws: SSHSignatureCheck.Failure.self) { try SSHSignatureCheck.check(data, signature: signature, allowedSigners: signers, principal: "agency", at: nil) }
            }
        }
    }

    /// Our reading of allowed_signers agrees with `ssh-keygen -Y verify -I AGENCY` line for line:
    /// another agency's principal, a certificate authority, a key not yet or no longer valid, an
    /// unknown option, a principal in the wrong case and a wrong key type are refused by both;
    /// patterns of namespaces and principals are accepted by both.
    @Test(.enabled(if: SigningTests.sshKeygen != nil || Tool.requiredInCI, "ssh-keygen is not installed (apt-get install openssh-client)"))
    func allowedSignersAreReadAsSSHKeygenReadsThem() throws {
        let keygen = try #require(SigningTests.sshKeygen)
        let key = try SigningTests.key()
        let other = try SigningTests.key()
        let site = SigningTests.site(key: key)
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        func publicKey(_ url: URL) throws -> String {
            try String(contentsOf: URL(fileURLWithPath: url.path + ".pub"), encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        }
        let mine = try publicKey(key), theirs = try publicKey(other)
        let agency = SigningTests.principal, ns = "namespaces=\"alpr-transparency@v1\""
        let variants: [(String, Bool)] = [
            ("\(agency) \(ns) \(mine)", true),
            ("\(agency) \(mine)", true),
            ("\(agency) namespaces=\"alpr-*\" \(mine)", true),
            ("Elm-*,other \(ns) \(mine)", true),
            ("\(agency) \(ns) \(theirs)\nOther-Agency \(ns) \(mine)", false),
            ("\(agency) cert-authority,\(ns) \(mine)", false),
            ("\(agency) \(ns),valid-before=\"20200101\" \(mine)", false),
            ("\(agency) \(ns),valid-after=\"20990101\" \(mine)", false),
            ("\(agency) \(ns),nonsense-option \(mine)", false),
            ("\(agency.lowercased()) \(ns) \(mine)", false),
            ("\(agency) \(ns) \(mine.replacingOccurrences(of: "ssh-ed25519", with: "ssh-rsa"))", false),
            ("\(agency) namespaces=\"file\" \(mine)", false),
        ]
        let sums = site.output.appendingPathComponent("SHA256SUMS")
        for (index, (line, expected)) in variants.enumerated() {
            let file = site.folder.appendingPathComponent("signers-\(index)")
            try Data((line + "\n").utf8).write(to: file)
            let stock = try PackageInstallTests.run("/bin/sh", ["-c", """
                '\(keygen)' -Y verify -f '\(file.path)' -I '\(agency)' -n alpr-transparency@v1 -s '\(site.output.path)/SHA256SUMS.sig' < '\(sums.path)'
                """], environment: ProcessInfo.processInfo.environment)
            let ours = try PublishedCopyVerifier(copy: site.output, allowedSigners: file).verify()
            #expect((stock.status == 0) == expected, "ssh-keygen on \(line): \(stock.output)")
            #expect(ours.isValid == expected, "verify on \(line): \(ours.problems)")
        }
    }

    /// A signed copy stripped of its signature, or re-signed with another key, is caught: by
    /// what its publication.json says, and by the earlier copy's key.
    @Test(.enabled(if: SigningTests.sshKeygen != nil || Tool.requiredInCI, "ssh-keygen is not installed (apt-get install openssh-client)"))
    func aRemovedOrReplacedSignatureIsCaught() throws {
        let keygen = try #require(SigningTests.sshKeygen)
        let key = try SigningTests.key()
        let site = SigningTests.site(key: key)
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let earlier = try Self.snapshot(site.output)
        try site.build(now: PublicationChainTests.nextDay)

        let stripped = try Self.snapshot(site.output)
        try FileManager.default.removeItem(at: stripped.appendingPathComponent("SHA256SUMS.sig"))
        #expect(try PublishedCopyVerifier(copy: stripped).verify().problems.contains { $0.hasPrefix("SHA256SUMS.sig: missing, though publication.json says") })

        // Re-signed by a forger's key, with that key in the copy's own allowed_signers.
        let forger = try SigningTests.key()
        let resigned = try Self.snapshot(site.output)
        let forgerLine = try String(contentsOf: URL(fileURLWithPath: forger.path + ".pub"), encoding: .utf8)
        try Data("\(SigningTests.principal) namespaces=\"alpr-transparency@v1\" \(forgerLine)".utf8).write(to: resigned.appendingPathComponent("allowed_signers"))
        try Self.rehash(resigned, "allowed_signers")
        try FileManager.default.removeItem(at: resigned.appendingPathComponent("SHA256SUMS.sig"))
        let sign = try PackageInstallTests.run(keygen, ["-Y", "sign", "-f", forger.path, "-n", "alpr-transparency@v1", resigned.appendingPathComponent("SHA256SUMS").path],
                                               environment: ProcessInfo.processInfo.environment)
        #expect(sign.status == 0, "\(sign.output)")
        let report = try PublishedCopyVerifier(copy: resigned, previous: earlier).verify()
        #expect(report.problems.contains { $0.hasPrefix("SHA256SUMS.sig: made by ssh-ed25519") }, "\(report.problems)")
        #expect(report.problems.contains { $0.hasPrefix("This copy is signed with another key than the earlier copy") }, "\(report.problems)")
    }
}
