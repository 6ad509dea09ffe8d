import Foundation
import Testing
import TestSupport
import PublicLog
@testable import TransparencyGen

/// The chain of publications (spec, "Provenance"): `publication.json` names the SHA-256 of the
/// previous publication's `SHA256SUMS`, `publications.csv` lists every publication with the
/// digest of the `SHA256SUMS` it was published with, and the ledger keeps those digests, so
/// the chain survives a rebuilt output folder. Digests here are the stock `sha256sum`'s.
@Suite("Chain of publications")
struct PublicationChainTests {
    static let t0 = PublishingTests.t0
    static let nextDay = "2024-11-21T18:00:00Z"

    /// `sha256sum`'s digest of the file at `url`.
    static func sha256sum(_ url: URL) throws -> String {
        let run = try PackageInstallTests.run("/usr/bin/sha256sum", [url.path])
        #expect(run.status == 0, "\(run.output)")
        return String(run.output.prefix(64))
    }

    static func publicationJSON(_ site: SiteFixture) throws -> [String: Any] {
        let text = try #require(site.outputText("publication.json"))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func chain(_ site: SiteFixture) -> [[String]] {
        parseCSV(site.outputText("publications.csv") ?? "")
    }

    static func ledgerPath(_ site: SiteFixture) -> String { site.site.appendingPathComponent("ledger.sqlite").path }

    @Test func twoDaysBuildsAreChainedAndTheSecondNamesTheFirstsSHA256SUMS() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        let first = try site.build(now: Self.t0)
        #expect(first.publication?.number == 1)
        let firstSums = try Self.sha256sum(site.output.appendingPathComponent("SHA256SUMS"))
        var json = try Self.publicationJSON(site)
        #expect(json["publication"] as? Int == 1)
        #expect(json["previous_sha256sums_sha256"] as? String == "", "the first publication has no previous one")
        #expect(json["published_at"] as? String == Self.t0)
        #expect(json["as_of"] as? String == "2024-11-19")
        #expect(json["agency"] as? String == "Test Police Department")
        #expect(Self.chain(site) == [["publication", "published_at", "sha256sums_sha256"], ["1", Self.t0, ""]])
        let sums = try #require(site.outputText("SHA256SUMS"))
        #expect(sums.contains("  publication.json\n") && sums.contains("  publications.csv\n"))

        let second = try site.build(now: Self.nextDay)
        #expect(second.publication?.number == 2)
        json = try Self.publicationJSON(site)
        #expect(json["publication"] as? Int == 2)
        #expect(json["previous_sha256sums_sha256"] as? String == firstSums)
        #expect(json["as_of"] as? String == "2024-11-20")
        #expect(Self.chain(site) == [["publication", "published_at", "sha256sums_sha256"], ["1", Self.t0, firstSums], ["2", Self.nextDay, ""]])
        // The ledger keeps both digests: the second is the SHA256SUMS published beside it.
        let recorded = try Ledger(path: Self.ledgerPath(site), readOnly: true).publications().map { $0.publishedAs?.sha256sums }
        #expect(recorded == [firstSums, try Self.sha256sum(site.output.appendingPathComponent("SHA256SUMS"))])
    }

    /// A new day with nothing else changed is a new publication (its windows end a day later),
    /// which says so; a build later the same day republishes it, byte for byte.
    @Test func aNewDayWithNothingChangedIsARefreshedPublication() throws {
        let site = SiteFixture()
        FixtureDatabase(path: site.databasePath).close()  // no reads at all: the figures files stay as they are
        try site.build(now: Self.t0)
        let report = try site.build(now: Self.nextDay)
        let publications = try Ledger(path: Self.ledgerPath(site), readOnly: true).publications()
        #expect(publications.count == 2)
        #expect(publications[0].figuresDigest == publications[1].figuresDigest, "the fixture's figures files changed")
        #expect(report.publication?.changes == [.refreshed(asOf: LocalDate(iso: "2024-11-20")!)])
        #expect(site.outputText("changes/index.html")?.contains("Figures brought up to date as of") == true)
        let published = site.outputFiles()
        var options = site.options(now: "2024-11-21T19:00:00Z")
        options.force = true
        #expect(try SiteBuilder(options: options).build().publication == nil)
        #expect(site.outputFiles() == published)
    }

    @Test func theChainSurvivesARebuiltOutputFolder() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: Self.t0)
        let firstSums = try Self.sha256sum(site.output.appendingPathComponent("SHA256SUMS"))
        try site.build(now: Self.nextDay)
        let published = site.outputFiles()
        try FileManager.default.removeItem(at: site.output)
        let rebuilt = try site.build(now: "2024-11-21T20:00:00Z")
        #expect(rebuilt.publication == nil, "the same inputs on the same day are the same publication")
        #expect(site.outputFiles() == published)
        #expect(Self.chain(site).dropFirst().first == ["1", Self.t0, firstSums])
    }

    /// A ledger of version 8 kept no SHA256SUMS digests: its last publication is followed by a
    /// new one that starts the chain, even with nothing else changed.
    @Test func aVersion8LedgerStartsTheChainWithItsNextPublication() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: Self.t0)
        try LedgerTamperingTests.rewrite(Self.ledgerPath(site), asVersion: 8, without: ["publication_output"])
        // The stamp cannot tell a rewritten ledger; an upgraded generator would be another executable.
        var options = site.options(now: Self.t0)
        options.force = true
        let upgrade = try SiteBuilder(options: options).build()
        #expect(upgrade.publication?.number == 2)
        #expect(upgrade.publication?.changes == [.siteText])
        #expect(try Self.publicationJSON(site)["previous_sha256sums_sha256"] as? String == "", "publication 1's SHA256SUMS was not kept")
        #expect(Self.chain(site).dropFirst().map { $0[2] } == ["", ""])
        let secondSums = try Self.sha256sum(site.output.appendingPathComponent("SHA256SUMS"))
        try site.build(now: Self.nextDay)
        #expect(try Self.publicationJSON(site)["previous_sha256sums_sha256"] as? String == secondSums)
    }

    /// The digests are sealed with the rest of the ledger: one rewritten by hand is found.
    @Test func aRewrittenDigestInTheLedgerIsRefused() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: Self.t0)
        let tamper = FixtureDatabase(existing: Self.ledgerPath(site))
        tamper.exec("UPDATE publication_output SET sha256sums_sha256 = '\(String(repeating: "0", count: 64))'")
        tamper.close()
        #expect(throws: GeneratorError.self) { _ = try SiteBuilder(options: site.options(now: Self.nextDay)).check() }
    }

    @Test(.enabled(if: SigningTests.sshKeygen != nil || Tool.requiredInCI, "ssh-keygen is not installed (apt-get install openssh-client)"))
    func aNewSigningKeyIsANewPublicationThatSaysSo() throws {
        let site = SigningTests.site(key: nil)
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: Self.t0)
        #expect(try Self.publicationJSON(site)["signing_key"] as? String == "")
        let key = try SigningTests.key()
        site.write("site.yaml", "agency_name: \(SigningTests.agency)\nsigning_key: \(key.path)\n")
        let signed = try site.build(now: Self.t0)
        #expect(signed.publication?.changes.contains(.signingKeyChanged) == true)
        let publicLine = try String(contentsOf: URL(fileURLWithPath: key.path + ".pub"), encoding: .utf8)
            .split(separator: " ").prefix(2).joined(separator: " ")
        #expect(try Self.publicationJSON(site)["signing_key"] as? String == publicLine)
        // Dropping the key is told too: an archivist expects every later copy signed.
        site.write("site.yaml", "agency_name: \(SigningTests.agency)\n")
        let unsigned = try site.build(now: Self.t0)
        #expect(unsigned.publication?.changes.contains(.signingStopped) == true, "\(unsigned.publication?.changes ?? [])")
        #expect(site.outputText("SHA256SUMS.sig") == nil)
    }
}
