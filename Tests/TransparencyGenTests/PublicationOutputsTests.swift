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
        // The marker, each data file, summary.json, the feeds, the manifest: each declared once.
        for name in ["SHA256SUMS", "manifest.csv", "feed.xml", "robots.txt", "data", PublicationOutputs.marker] {
            #expect(taken.contains(name), "\(name) is not declared")
        }
        for name in taken { #expect(SiteMap.reservedNames.contains(name.lowercased()), "a content page could take \(name)") }
    }

    @Test func thePhasesRunInTheOrderTheirInputsExist() {
        let phases = PublicationOutputs.all.map(\.phase)
        #expect(phases == phases.sorted(), "an output is declared before one whose phase comes earlier")
        #expect(Set(phases) == Set(PublicationOutputs.Phase.allCases))
        // The figures phase is exactly the data files that hold or show figures, in the data page's order.
        #expect(PublicationOutputs.figureFiles.map(\.path) == DataFiles.all.filter { $0.make != nil }.map(\.path))
    }
}
