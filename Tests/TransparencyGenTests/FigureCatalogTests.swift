import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// The figure catalog and the data file declarations are the one definition every published
/// name comes from: the files, their headers and the data dictionary must agree with them.
@Suite("One definition per figure and data file")
struct FigureCatalogTests {
    @Test func everyHitCategoryOfTheSchemaCountsInExactlyOneKind() throws {
        // The categories the operational schema's CHECK constraint allows, read from its text.
        let sql = OperationalSchema.sql
        let start = try #require(sql.range(of: "category         TEXT NOT NULL CHECK (category IN ("))
        let end = try #require(sql.range(of: "))", range: start.upperBound..<sql.endIndex))
        let categories = sql[start.upperBound..<end.lowerBound].components(separatedBy: ",")
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '\n")) }
        #expect(categories.count == 8)
        for category in categories {
            #expect(PeriodFigure.hitKinds.filter { $0.hitCategories.contains(category) }.count == 1, "\(category)")
        }
        #expect(Set(PeriodFigure.allCases.map(\.name)).count == PeriodFigure.allCases.count)
        #expect(PeriodFigure.allCases.count <= PeriodFigures.capacity)
        // The statute's four kinds (subd. 5(a)(3)) and "other", which is not one of them.
        #expect(PeriodFigure.allCases.filter(\.isStatutoryHit) == [.stolen, .warrant, .licenseSuspendedRevoked, .activeInvestigation])
    }

    @Test func everyCSVHeaderAndTheDictionaryComeFromTheSameDeclaration() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let dataPage = try #require(site.outputText("data/index.html"))
        for file in DataFiles.all where !file.columns.isEmpty {
            let csv = try #require(site.outputText(file.path), "\(file.path) was not published")
            #expect(parseCSV(csv).first == file.columns.map(\.name), "\(file.path) header")
            // The dictionary lists the same columns, in the same order, under the file's heading.
            let section = try #require(dataPage.range(of: "<caption>Columns of \(file.fileName)</caption>"))
            let end = dataPage.range(of: "</table>", range: section.upperBound..<dataPage.endIndex)?.lowerBound ?? dataPage.endIndex
            let listed = dataPage[section.upperBound..<end].matches(of: /<th scope="row"><code>([^<]+)<\/code>/).map { String($0.output.1) }
            #expect(listed == file.columns.map(\.name), "\(file.fileName) dictionary")
        }
    }

    /// The figures digest a publication records is SHA-256 over the published bytes of the files
    /// read from the operational database, in the data page's order, separated by U+001E. By
    /// design it leaves out what is not read from there: `monthly-summary.csv` and `summary.json`
    /// (sums of `public-log.csv`, so they move only with it), `audits.csv` (content), the map
    /// (`fixed-locations.csv` again) and the publication records. Computed here by the stock
    /// `sha256sum` over the files as published, so a file added to or dropped from the digest,
    /// or a digest of bytes other than the published ones, fails.
    @Test func theFiguresDigestIsTheDigestOfThePublishedFiguresFiles() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let figuresFiles = ["data/public-log.csv", "data/fixed-locations.csv", "data/readers.csv",
                            "data/comparison-databases.csv", "data/searches-by-day.csv", "data/search-scope-by-day.csv",
                            "data/sharing-agencies.csv", "data/searches-by-month.csv", "data/hit-dispositions-by-month.csv"]
        var joined = Data()
        for (index, path) in figuresFiles.enumerated() {
            if index > 0 { joined.append(0x1E) }
            joined.append(try Data(contentsOf: site.output.appendingPathComponent(path)))
        }
        let concatenation = site.site.appendingPathComponent("figures-bytes")
        try joined.write(to: concatenation)
        let expected = try PublicationChainTests.sha256sum(concatenation)
        let recorded = try Ledger(path: PublicationChainTests.ledgerPath(site), readOnly: true).publications()
        #expect(recorded.map(\.figuresDigest) == [expected])
        #expect(site.outputText("changes/index.html")?.contains(expected) == true, "the changes page shows the digest")
    }
}
