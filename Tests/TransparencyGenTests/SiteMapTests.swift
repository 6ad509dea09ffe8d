import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// The site map is declared once: every place the portal uses is derived from it, and no name in
/// the content can take one of them.
@Suite("The site map")
struct SiteMapTests {
    @Test(arguments: ["changes", "Changes", "feed.xml", "data", "assets", "sitemap.xml", "404.html"])
    func aContentPageCannotTakeAPlaceThePortalUses(slug: String) throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        site.write("content/pages/\(slug).md", "---\ntitle: Mine\n---\nText\n")
        do {
            try site.build(now: PublishingTests.t0)
            Issue.record("content/pages/\(slug).md was published over the portal's own \(slug)")
        } catch let error as GeneratorError {
            #expect(error.message.contains("content/pages/\(slug).md"), "\(error.message)")
            #expect(error.message.contains("taken by one of the portal's own"))
        }
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func twoFilesAtOnePlaceStopTheBuild() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let before = site.outputFiles()
        // An audit named like the audits page itself: audits/index.html/ against audits/index.html.
        try FileManager.default.moveItem(at: site.site.appendingPathComponent("content/audits/2024-audit.md"),
                                         to: site.site.appendingPathComponent("content/audits/index.html.md"))
        do {
            try site.build(now: PublishingTests.t0)
            Issue.record("an audit was published over the audits page")
        } catch let error as GeneratorError {
            #expect(error.message.contains("audits/index.html"), "\(error.message)")
        }
        #expect(site.outputFiles() == before)
    }

    @Test func theNavigationAndThe404PageListTheSections() throws {
        let site = SiteFixture()
        PublishingTests.purgeFixture(site.databasePath)
        try site.build(now: PublishingTests.t0)
        let home = try #require(site.outputText("index.html"))
        let notFound = try #require(site.outputText("404.html"))
        let messages = try MessageCatalogs.load(templates: Project.templates, languages: [.english]).messages(.english)
        for section in Section.allCases where section.inNavigation {
            #expect(home.contains(">\(messages(.section(section)))</a>"), "\(section) not in the navigation")
            #expect(notFound.contains("href=\"/\(section.href)\">\(messages(.notFoundLink(section)))</a>"), "\(section) not on the 404 page")
        }
        for template in SiteMap.requiredTemplates {
            #expect(FileManager.default.fileExists(atPath: Project.templates.appendingPathComponent("\(template).mustache").path))
        }
    }
}
