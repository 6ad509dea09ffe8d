import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

@Suite("Safe rendering and data formats")
struct RenderingTests {
    @Test func markdownDropsRawHTMLAndUnsafeLinks() {
        let html = Markdown.html("""
            Hello <script>alert(1)</script> and <b onclick="x()">bold</b>.

            <iframe src="https://evil.example"></iframe>

            [click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.gov/)
            """)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("data:text/html"))
        #expect(html.contains("<a href=\"https://example.gov/\">ok</a>"))
    }

    @Test func csvQuotesOnlyWhatNeedsQuoting() {
        var table = CSVTable(header: ["a", "b"])
        table.append(["plain", "with,comma"])
        table.append(["with \"quote\"", "line\nbreak"])
        table.append(["", "<tag> & 'apostrophe'"])
        #expect(table.text == "a,b\r\nplain,\"with,comma\"\r\n\"with \"\"quote\"\"\",\"line\nbreak\"\r\n,<tag> & 'apostrophe'\r\n")
        // A quote that forms one Character with a combining mark is still a quote byte: doubled
        // (Foundation's replacement, comparing Characters, left it single and broke the field).
        var marked = CSVTable(header: ["a"])
        marked.append(["x\"\u{301}y"])
        #expect(Array(marked.data) == Array("a\r\n\"x\"\"\u{301}y\"\r\n".utf8))
    }

    /// The one escaper of text written into HTML and XML works on bytes for the same reason.
    @Test func escapingSeesAQuoteOrBracketWhateverFollowsIt() {
        #expect(XMLText.escape("a \"\u{301} <\u{301}b> & c") == "a &quot;\u{301} &lt;\u{301}b&gt; &amp; c")
        #expect(XMLText.escape("it's plain") == "it's plain")
    }

    @Test func numbersAndDatesReadNaturally() {
        #expect(Format.english.number(0) == "0")
        #expect(Format.english.number(999) == "999")
        #expect(Format.english.number(1000) == "1,000")
        #expect(Format.english.number(1_234_567) == "1,234,567")
        #expect(Format.english.percent(1, of: 3) == "33.3%")
        #expect(Format.english.percent(9, of: 1000) == "0.9%")
        #expect(Format.english.percent(1, of: 0) == nil)
        #expect(Format.english.date(LocalDate(iso: "2024-10-18")!) == "October 18, 2024")
    }

    @Test func readerPageAddressesAreSafeAndUnique() {
        let readers = ["../../etc", "FX 1", "fx-1", "<b>"].map {
            Reader(id: $0, kind: .fixed, label: $0, operator: .agency, installedOn: nil, decommissionedOn: nil, bcaNotifiedOn: nil)
        }
        let portal = Portal(configuration: .defaults(), now: Instant(secondsSinceEpoch: 0),
                            content: SiteContent(policies: [], audits: [], pages: []),
                            record: PublicRecord(log: [], readers: readers, placements: [], sources: []))
        let slugs = portal.readerSlugs
        #expect(Set(slugs.values).count == 4)
        for slug in slugs.values {
            #expect(slug.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" })
            #expect(!slug.isEmpty)
        }
    }

    @Test func hostileMarkdownInContentIsNeutralizedInTheSite() throws {
        let site = SiteFixture()
        site.write("content/pages/faq.md", """
            ---
            title: "FAQ <script>alert('t')</script>"
            ---
            <script>alert('body')</script>
            [x](javascript:alert('link'))
            """)
        let db = TestSupport.FixtureDatabase(path: site.databasePath)
        db.close()
        try site.build(now: "2024-11-20T00:00:00Z")
        let faq = try #require(site.outputText("faq/index.html"))
        #expect(!faq.contains("<script"))
        #expect(!faq.contains("javascript:"))
        #expect(faq.contains("FAQ &lt;script&gt;"))
    }
}
