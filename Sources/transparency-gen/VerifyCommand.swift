import ArgumentParser
import Foundation
import TransparencyGen

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a published copy of a portal offline: its files, signature and chain, and against an earlier copy.",
        discussion: """
            Checks every file against SHA256SUMS (and that none is missing or added), the signature \
            SHA256SUMS.sig (against --allowed-signers, else the copy's own allowed_signers), and the chain \
            of publications (publication.json, publications.csv). With --previous, checks that the earlier \
            copy is a publication of the chain and that every row of its data/public-log.csv whose period \
            started before this copy's retention horizon is in this copy unchanged.
            Exit status: 0 when everything holds, 1 when something does not (each difference is named), 2 \
            when a copy cannot be read.
            """)

    @Argument(help: ArgumentHelp("The folder of the published copy (the one holding SHA256SUMS and index.html).", valueName: "site"))
    var site: String

    @Option(name: .long, help: ArgumentHelp("An earlier copy of the same portal, to compare with.", valueName: "old"))
    var previous: String?

    @Option(name: .customLong("allowed-signers"), help: ArgumentHelp("The allowed_signers line the agency announced, to check the signature against.", valueName: "file"))
    var allowedSigners: String?

    func run() throws {
        for address in [site, previous].compactMap({ $0 }) where address.lowercased().hasPrefix("https://") || address.lowercased().hasPrefix("http://") {
            fail(GeneratorError("verify reads a copy on this computer, not an address (\(address)). Download the portal first, e.g. wget --mirror --no-host-directories \(address), then give the folder."), code: 2)
        }
        var verifier = PublishedCopyVerifier(copy: URL(fileURLWithPath: site), previous: previous.map { URL(fileURLWithPath: $0) },
                                             allowedSigners: allowedSigners.map { URL(fileURLWithPath: $0) })
        verifier.acceptsNoPublication = PublishedCopyVerifier.isIndex(URL(fileURLWithPath: site))
        do {
            let report = try verifier.verify()
            for line in report.held { print("ok: \(line)") }
            for line in report.problems { print("FAILED: \(line)") }
            if report.isValid, report.anchored {
                print("The copy is as published.")
            } else if report.isValid {
                print("The copy is whole: its files, signature and chain agree with one another. Nothing outside it vouches for it: give --allowed-signers with the line the agency announced, or --previous with a copy you trust, to show it is what the agency published.")
            } else {
                print("\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") found: the copy is not as published.")
                throw ExitCode(1)
            }
        } catch let error as GeneratorError {
            fail(error, code: 2)
        }
    }
}
