import Foundation
import Testing
import TestSupport
@testable import TransparencyGen

/// The open-data catalogs (spec, "Provenance"): `datapackage.json` that the real `frictionless
/// validate` accepts and that lists every CSV the portal published with its size and SHA-256,
/// `data.json` (DCAT-US 1.1) with every CSV a distribution, and the data page's schema.org
/// `Dataset`. The CSVs are found by listing the published folder, the digests by `sha256sum`.
@Suite("Open-data catalogs")
struct OpenDataCatalogTests {
    static let frictionless = Tool.find("frictionless")
    static let base = "https://alpr.elm-creek.example.gov/"

    /// Every CSV file of a published folder, by path.
    static func csvFiles(in output: URL) -> [String] {
        SiteFixture.files(in: output).keys.filter { $0.hasSuffix(".csv") && $0 != "manifest.csv" }.sorted()
    }

    static func json(_ text: String?) throws -> [String: Any] {
        let text = try #require(text)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(.enabled(if: frictionless != nil || Tool.requiredInCI, "frictionless is not installed (pip install frictionless)"))
    func frictionlessReportsTheSamplesDataPackageValidAndAChangedByteInvalid() throws {
        let tool = try #require(Self.frictionless)
        let package = SamplePortal.output.appendingPathComponent("datapackage.json")
        let run = try PackageInstallTests.run(tool, ["validate", "--json", package.path])
        let report = try Self.json(run.output)
        #expect(report["valid"] as? Bool == true, "\(run.output.prefix(3000))")
        #expect(run.status == 0)
        let tasks = try #require(report["tasks"] as? [[String: Any]])
        #expect(tasks.count == Self.csvFiles(in: SamplePortal.output).count, "one validated resource per CSV")

        // A copy with one byte of the public log changed fails on that resource's hash.
        let copy = temporaryFolder("changed-package")
        for (path, data) in SiteFixture.files(in: SamplePortal.output) where path == "datapackage.json" || path.hasSuffix(".csv") {
            let url = copy.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var bytes = data
            if path == "data/public-log.csv", let index = bytes.lastIndex(of: UInt8(ascii: "1")) { bytes[index] = UInt8(ascii: "2") }
            try bytes.write(to: url)
        }
        let changed = try PackageInstallTests.run(tool, ["validate", "--json", copy.appendingPathComponent("datapackage.json").path])
        #expect(changed.status != 0)
        let changedReport = try Self.json(changed.output)
        #expect(changedReport["valid"] as? Bool == false)
        let invalid = (changedReport["tasks"] as? [[String: Any]] ?? []).filter { $0["valid"] as? Bool == false }
        #expect(invalid.compactMap { $0["name"] as? String } == ["public-log"], "\(changed.output.prefix(2000))")
    }

    @Test func theDataPackageListsEveryPublishedCSVWithItsSizeDigestAndColumns() throws {
        let output = SamplePortal.output
        let package = try Self.json(try SamplePortal.text("datapackage.json"))
        let resources = try #require(package["resources"] as? [[String: Any]])
        #expect(resources.compactMap { $0["path"] as? String }.sorted() == Self.csvFiles(in: output))
        for resource in resources {
            let path = try #require(resource["path"] as? String)
            let file = output.appendingPathComponent(path)
            let bytes = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
            #expect(resource["bytes"] as? Int == bytes, "\(path)")
            #expect(resource["hash"] as? String == "sha256:" + (try PublicationChainTests.sha256sum(file)), "\(path)")
            #expect(resource["mediatype"] as? String == "text/csv")
            // The schema's fields are the file's header, in order, each described.
            let header = parseCSV(try String(contentsOf: file, encoding: .utf8)).first ?? []
            let fields = try #require((resource["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
            #expect(fields.compactMap { $0["name"] as? String } == header, "\(path)")
            #expect(fields.allSatisfy { !($0["description"] as? String ?? "").isEmpty }, "\(path)")
        }
        // The package is listed in SHA256SUMS, so the signature covers it.
        #expect(try SamplePortal.text("SHA256SUMS").contains("  datapackage.json\n"))
    }

    @Test func dataJSONMakesEveryCSVADistributionDescribedByTheDictionary() throws {
        let site = SiteFixture(config: "agency_name: Elm Creek Police Department\nbase_url: \(Self.base)\ncontact:\n  email: records@elm-creek.example.gov\n")
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let catalog = try Self.json(site.outputText("data.json"))
        #expect(catalog["conformsTo"] as? String == "https://project-open-data.cio.gov/v1.1/schema")
        let datasets = try #require(catalog["dataset"] as? [[String: Any]])
        var downloads: [String] = []
        let dictionary = try #require(site.outputText("data/index.html"))
        for dataset in datasets {
            // DCAT-US 1.1's required fields of a non-federal dataset.
            for key in ["title", "description", "modified", "identifier", "accessLevel"] {
                #expect(!(dataset[key] as? String ?? "").isEmpty, "\(key)")
            }
            #expect(!(dataset["keyword"] as? [String] ?? []).isEmpty)
            #expect((dataset["publisher"] as? [String: Any])?["name"] as? String == "Elm Creek Police Department")
            #expect((dataset["contactPoint"] as? [String: Any])?["hasEmail"] as? String == "mailto:records@elm-creek.example.gov")
            for distribution in dataset["distribution"] as? [[String: Any]] ?? [] {
                let url = try #require(distribution["downloadURL"] as? String)
                downloads.append(url)
                #expect(distribution["mediaType"] as? String == "text/csv")
                // describedBy is the dictionary's section of that file, on the data page.
                let describedBy = try #require(distribution["describedBy"] as? String)
                #expect(describedBy.hasPrefix(Self.base + "data/#"))
                #expect(dictionary.contains("id=\"\(describedBy.split(separator: "#").last ?? "")\""), "\(describedBy)")
            }
        }
        #expect(downloads.sorted() == Self.csvFiles(in: site.output).map { Self.base + $0 })
        #expect(site.outputText("SHA256SUMS")?.contains("  data.json\n") == true)

        // A catalog's addresses are absolute: without base_url there is none.
        let relative = SiteFixture()
        PublishingTests.purgeFixture(relative.databasePath)
        try relative.build(now: PublishingTests.t0)
        #expect(relative.outputText("data.json") == nil)
        #expect(relative.outputText("datapackage.json") != nil)
    }

    @Test func theDataPagesDatasetLinksEveryCSV() throws {
        let page = try SamplePortal.text("data/index.html")
        let open = "<script type=\"application/ld+json\">"
        let start = try #require(page.range(of: open)?.upperBound)
        let end = try #require(page.range(of: "</script>", range: start..<page.endIndex)?.lowerBound)
        let dataset = try Self.json(String(page[start..<end]))
        #expect(dataset["@context"] as? String == "https://schema.org")
        #expect(dataset["@type"] as? String == "Dataset")
        #expect(!(dataset["name"] as? String ?? "").isEmpty && !(dataset["description"] as? String ?? "").isEmpty)
        let links = (dataset["distribution"] as? [[String: Any]] ?? []).compactMap { $0["contentUrl"] as? String }
        // The sample has no base_url: each link is relative to the data page, and leads to the file.
        let folder = SamplePortal.output.appendingPathComponent("data")
        #expect(links.map { folder.appendingPathComponent($0).standardizedFileURL.path }.sorted()
                == Self.csvFiles(in: SamplePortal.output).map { SamplePortal.output.appendingPathComponent($0).standardizedFileURL.path })
    }
}
