import Foundation

/// The terms of the site's glossary page (`content/pages/glossary.md`: each paragraph that
/// opens with a term in bold), and the links to them at their first use on a page.
///
/// Why not a Markdown or HTML library: the generator's own pages are regular markup it wrote,
/// and the change is small and exact (an anchor on each glossary paragraph; one link per term
/// per page, in a paragraph's text, never inside another link).
struct GlossaryLinks: Equatable, Sendable {
    struct Term: Equatable, Sendable {
        /// As the glossary writes it, e.g. "Period of use".
        let text: String
        /// The paragraph's id on the glossary page.
        let anchor: String
    }

    /// The glossary page's slug in `content/pages/`.
    static let slug = "glossary"

    let terms: [Term]

    /// The terms of the glossary's HTML (as cmark renders it), in its order.
    init(glossaryHTML html: String) {
        var seen: Set<String> = []
        terms = html.matches(of: /<p><strong>([^<]+)<\/strong>/).compactMap { match in
            let text = Self.unescape(String(match.output.1))
            let anchor = Self.anchor(text)
            guard !anchor.isEmpty, seen.insert(anchor).inserted else { return nil }
            return Term(text: text, anchor: anchor)
        }
    }

    /// `term-period-of-use`: the term's letters and digits, lower case and without accents
    /// (`período` gives `periodo`), joined by hyphens: an address fragment in plain ASCII.
    static func anchor(_ text: String) -> String {
        let plain = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        let words = plain.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return words.isEmpty ? "" : "term-" + words.joined(separator: "-")
    }

    /// The glossary page's HTML with an id on each term's paragraph.
    func anchored(_ html: String) -> String {
        var out = html
        for term in terms {
            let opening = "<p><strong>\(XMLText.escape(term.text))</strong>"
            if let range = out.range(of: opening) {
                out.replaceSubrange(range, with: "<p id=\"\(term.anchor)\"><strong>\(XMLText.escape(term.text))</strong>")
            }
        }
        return out
    }

    /// `html` with each term linked to `href#anchor` at its first use in a paragraph of the
    /// page's `<main>`: whole words, any case, a plural `s` allowed; never inside a link, and at
    /// most once per term.
    func link(_ html: String, href: String) -> String {
        guard !terms.isEmpty, let mainStart = html.range(of: "<main"), let mainEnd = html.range(of: "</main>") else { return html }
        var linked: Set<String> = []
        var out = String(html[..<mainStart.lowerBound])
        var rest = html[mainStart.lowerBound..<mainEnd.lowerBound]
        // Each open paragraph, and whether a link may go in it: not in one hidden from screen
        // readers (a chart's visible title), where a link could be focused but not heard.
        var paragraphs: [Bool] = []
        var inLink = 0
        while !rest.isEmpty {
            if rest.first == "<" {
                let end = rest.firstIndex(of: ">").map { rest.index(after: $0) } ?? rest.endIndex
                let tag = rest[..<end]
                if tag.hasPrefix("<p>") || tag.hasPrefix("<p ") { paragraphs.append(!tag.contains("aria-hidden")) }
                if tag.hasPrefix("</p>"), !paragraphs.isEmpty { paragraphs.removeLast() }
                if tag.hasPrefix("<a ") || tag.hasPrefix("<a>") { inLink += 1 }
                if tag.hasPrefix("</a>") { inLink = max(0, inLink - 1) }
                out += tag
                rest = rest[end...]
                continue
            }
            let end = rest.firstIndex(of: "<") ?? rest.endIndex
            var text = String(rest[..<end])
            if paragraphs.last == true, inLink == 0 {
                text = linkFirstUses(in: text, href: href, linked: &linked)
            }
            out += text
            rest = rest[end...]
        }
        return out + html[mainEnd.lowerBound...]
    }

    /// The first use of each term not yet linked, in one run of text (already HTML-escaped):
    /// the earliest first, the longer where two start at one place; never inside a link made here.
    private func linkFirstUses(in text: String, href: String, linked: inout Set<String>) -> String {
        var out = ""
        var rest = Substring(text)
        while true {
            var best: (range: Range<Substring.Index>, term: Term)?
            for term in terms where !linked.contains(term.anchor) {
                guard let range = Self.wholeWord(XMLText.escape(term.text), in: rest) else { continue }
                if let current = best {
                    if range.lowerBound > current.range.lowerBound { continue }
                    if range.lowerBound == current.range.lowerBound, range.upperBound <= current.range.upperBound { continue }
                }
                best = (range, term)
            }
            guard let (range, term) = best else { return out + rest }
            out += rest[..<range.lowerBound] + "<a class=\"term\" href=\"\(href)#\(term.anchor)\">\(rest[range])</a>"
            linked.insert(term.anchor)
            rest = rest[range.upperBound...]
        }
    }

    /// Where `word` first occurs in `text` as whole words (any case; a plural `s` allowed).
    static func wholeWord(_ word: String, in text: Substring) -> Range<Substring.Index>? {
        var start = text.startIndex
        while let found = text.range(of: word, options: [.caseInsensitive], range: start..<text.endIndex) {
            var end = found.upperBound
            if end < text.endIndex, text[end] == "s" { end = text.index(after: end) }
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = end == text.endIndex ? nil : text[end]
            if !(before.map { $0.isLetter || $0.isNumber } ?? false), !(after.map { $0.isLetter || $0.isNumber } ?? false) {
                return found.lowerBound..<end
            }
            start = found.upperBound
        }
        return nil
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
