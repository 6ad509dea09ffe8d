import Testing
@testable import TransparencyGen

/// A message a partly published language has not translated is English in a `lang` span where
/// the page's text can hold one, and plain where it cannot.
@Suite("English fallbacks marked")
struct FallbackMarksTests {
    let o = "\u{E000}"
    let c = "\u{E001}"

    @Test func marksInTextBecomeSpansAndOthersAreDropped() {
        let html = """
            <html><head><title>\(o)Log\(c) · Agency</title></head><body>\
            <a href="x" aria-label="\(o)Main\(c)" title='\(o)it>s\(c)'>\(o)Public log\(c)</a>\
            <!-- a comment's ' quote -->\
            <p>\(o)A \(o)nested\(c) one\(c) and Somali</p>\
            <svg><title>\(o)Chart\(c)</title><text>\(o)Oct\(c)</text></svg><br/>\
            <td data-label="\(o)Type\(c)">\(o)Text\(c)</td></body></html>
            """
        #expect(FallbackMarks.resolve(html, lang: "en") == """
            <html><head><title>Log · Agency</title></head><body>\
            <a href="x" aria-label="Main" title='it>s'><span lang="en">Public log</span></a>\
            <!-- a comment's ' quote -->\
            <p><span lang="en">A <span lang="en">nested</span> one</span> and Somali</p>\
            <svg><title>Chart</title><text>Oct</text></svg><br/>\
            <td data-label="Type"><span lang="en">Text</span></td></body></html>
            """)
    }

    @Test func aPageWithoutMarksIsUnchanged() {
        let html = "<p title=\"a\">Texto</p>"
        #expect(FallbackMarks.resolve(html, lang: "en") == html)
    }
}
