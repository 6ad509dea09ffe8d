import Foundation
import Testing
@testable import TransparencyGen

/// Issue 26 item 8: glossary terms are linked at their first use on a page.
@Suite("Glossary terms linked at first use")
struct GlossaryLinkTests {
    static let glossary = """
        <p>Plain words first.</p>
        <p><strong>Period of use</strong> (period of active use): A time a reader was on.</p>
        <p><strong>Hit alert</strong>: What an officer sees.</p>
        <p><strong>Período de uso</strong>: Un período.</p>
        """

    @Test func termsComeFromTheBoldOpeningOfEachParagraphAndGetAnAnchor() {
        let links = GlossaryLinks(glossaryHTML: Self.glossary)
        #expect(links.terms.map(\.text) == ["Period of use", "Hit alert", "Período de uso"])
        #expect(links.terms.map(\.anchor) == ["term-period-of-use", "term-hit-alert", "term-periodo-de-uso"])
        #expect(links.anchored(Self.glossary).contains("<p id=\"term-hit-alert\"><strong>Hit alert</strong>"))
    }

    @Test func eachTermIsLinkedOnceInParagraphTextNeverInALinkOrHeading() {
        let links = GlossaryLinks(glossaryHTML: Self.glossary)
        let page = """
            <html><body><header><p>Hit alerts</p></header><main>
            <p class="chart-title" aria-hidden="true">Period of use per month</p>
            <h2>Hit alerts</h2>
            <p>See <a href="x">hit alert</a> and the periods of use. Each period of use counts.</p>
            <p>Two hit alerts; a hitalert is not one. Hit alert again.</p>
            </main><footer><p>period of use</p></footer></body></html>
            """
        let linked = links.link(page, href: "../glossary/")
        #expect(linked.components(separatedBy: "class=\"term\"").count - 1 == 2)
        // "periods of use" is not the term's words in a row; "period of use" is.
        #expect(linked.contains("and the periods of use. Each <a class=\"term\" href=\"../glossary/#term-period-of-use\">period of use</a> counts."))
        // The first use in a paragraph's own text, outside the existing link and the heading.
        #expect(linked.contains("<h2>Hit alerts</h2>"))
        // Nor in a paragraph hidden from screen readers, where a link could be focused but not heard.
        #expect(linked.contains("<p class=\"chart-title\" aria-hidden=\"true\">Period of use per month</p>"))
        #expect(linked.contains("<a href=\"x\">hit alert</a>"))
        #expect(linked.contains("Two <a class=\"term\" href=\"../glossary/#term-hit-alert\">hit alerts</a>; a hitalert is not one. Hit alert again."))
        // Outside <main> nothing changes.
        #expect(linked.hasPrefix("<html><body><header><p>Hit alerts</p></header>"))
        #expect(linked.hasSuffix("<footer><p>period of use</p></footer></body></html>"))
    }

    @Test func theSamplesTermLinksLeadToTheirParagraphsInEveryLanguage() throws {
        for prefix in ["", "es/"] {
            let glossary = try SamplePortal.text(prefix + "glossary/index.html")
            let anchors = Set(glossary.matches(of: /<p id="(term-[a-z0-9-]+)">/).map { String($0.output.1) })
            #expect(anchors.count >= 8, "\(prefix)glossary/ anchors its terms")
            var linkedPages = 0
            for page in ["index.html", "log/index.html", "searches/index.html", "locations/index.html", "data/index.html"] {
                let html = try SamplePortal.text(prefix + page)
                let targets = html.matches(of: /<a class="term" href="[^"#]*glossary\/#([^"]+)">/).map { String($0.output.1) }
                #expect(Set(targets).count == targets.count, "\(prefix)\(page): a term is linked more than once")
                #expect(targets.allSatisfy(anchors.contains), "\(prefix)\(page): a link leads to no term")
                if !targets.isEmpty { linkedPages += 1 }
            }
            #expect(linkedPages >= 4, "\(prefix): terms are linked on the generated pages")
            // The council report writes every link out for paper: no glossary links there.
            #expect(!(try SamplePortal.text(prefix + "report/index.html")).contains("class=\"term\""))
        }
    }
}
