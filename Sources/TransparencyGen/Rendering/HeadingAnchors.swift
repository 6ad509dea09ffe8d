import Foundation

/// Gives each `<h2>` of a rendered document an `id`, so that a long text (the policy) can open
/// with a list of its sections linking to each.
enum HeadingAnchors {
    struct Heading: Equatable {
        let id: String
        /// The heading's text as HTML (escaped as cmark left it), without its tags: it goes inside a link.
        let html: String
    }

    /// `html` with an id on every `<h2>` that had none, and the headings in order.
    static func anchor(_ html: String) -> (html: String, headings: [Heading]) {
        var out = ""
        var headings: [Heading] = []
        var taken: Set<String> = []
        var rest = html[...]
        while let open = rest.range(of: "<h2>"), let close = rest.range(of: "</h2>", range: open.upperBound..<rest.endIndex) {
            let inner = String(rest[open.upperBound..<close.lowerBound])
            var id = slug(inner)
            if id.isEmpty { id = "section" }
            var candidate = id, number = 2
            while !taken.insert(candidate).inserted {
                candidate = "\(id)-\(number)"
                number += 1
            }
            out += rest[..<open.lowerBound] + "<h2 id=\"\(candidate)\">" + inner + "</h2>"
            headings.append(Heading(id: candidate, html: inner.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)))
            rest = rest[close.upperBound...]
        }
        return (out + rest, headings)
    }

    /// Lower-case letters and digits of the heading's text, joined by hyphens: "1. Purpose and scope" gives "1-purpose-and-scope".
    static func slug(_ html: String) -> String {
        let text = html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "&[a-z#0-9]+;", with: " ", options: .regularExpression)
        let words = text.lowercased().unicodeScalars.split { !CharacterSet.alphanumerics.contains($0) || !$0.isASCII }
        return words.map { String(String.UnicodeScalarView($0)) }.joined(separator: "-")
    }
}
