import Foundation
import Testing
import TestSupport
@testable import TransparencyGen

/// The files a publication writes besides its pages are one declared list by phase
/// (`PublicationOutputs`): what a build publishes is a page or one of them, and every name they
/// take is kept from content pages.
@Suite("The publication's declared outputs")
struct PublicationOutputsTests {
    @Test func everyPublishedFileIsAPageOrADeclaredOutput() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let taken = Set(PublicationOutputs.takenNames)
        let published = site.outputFiles().keys.filter { !$0.hasSuffix(".html") }
        #expect(!published.isEmpty)
        for path in published {
            let top = String(path.split(separator: "/").first ?? "")
            #expect(taken.contains(top), "\(path) is published by no declared output")
        }
        // The names a publication's files take, written out here: a content page may take none.
        for name in ["SHA256SUMS", "SHA256SUMS.sig", "allowed_signers", "manifest.csv", "feed.xml", "sitemap.xml", "robots.txt",
                     "data", "assets", "audits", ".transparency-gen-output"] {
            #expect(SiteMap.reservedNames.contains(name.lowercased()), "a content page could take \(name)")
        }
        // The figures phase makes exactly the published data files but summary.json (made with the pages).
        let dataFiles = Set(published.filter { $0.hasPrefix("data/") && $0 != "data/summary.json" && !$0.hasSuffix(".html") })
        #expect(Set(PublicationOutputs.figureFiles.map(\.path)) == dataFiles)
    }

    @Test func thePhasesRunInTheOrderTheirInputsExist() {
        let phases = PublicationOutputs.all.map(\.phase)
        #expect(phases == phases.sorted(), "an output is declared before one whose phase comes earlier")
        #expect(Set(phases) == Set(PublicationOutputs.Phase.allCases))
    }
}
