import PublicLog

/// The English text of a message a partly published language has not translated yet is
/// wrapped in two private-use characters while the page is made, wherever it lands (a
/// template's text, a field the generator filled, an attribute, a chart). Once the page's HTML
/// is whole, `resolve` turns each mark in the text of the page into a `<span lang="en">`, so a
/// screen reader reads it with an English voice, and drops the marks where an element cannot
/// hold one: inside a tag (an attribute's value), the page's `<title>`, SVG, and raw-text elements.
enum FallbackMarks {
    static let open = ReservedCharacters.open
    static let close = ReservedCharacters.close

    static func mark(_ text: String) -> String { "\(Character(open))\(text)\(Character(close))" }

    /// Elements whose content cannot hold a `<span>`: everything inside them loses its marks.
    private static let plainElements: Set<String> = ["title", "svg", "script", "style", "textarea", "option"]

    /// `html` with every mark in text made a `lang` span and every other mark dropped.
    static func resolve(_ html: String, lang: String) -> String {
        let scalars = Array(html.unicodeScalars)
        guard scalars.contains(open) else { return html }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count + 256)
        let spanOpen = "<span lang=\"\(lang)\">".unicodeScalars
        let spanClose = "</span>".unicodeScalars
        var index = 0
        var plainDepth = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<" {
                let end = tagEnd(scalars, from: index)
                let (name, closing, selfClosing) = tagName(scalars, from: index, end: end)
                if plainElements.contains(name), !selfClosing { plainDepth = max(0, plainDepth + (closing ? -1 : 1)) }
                for tagScalar in scalars[index..<end] where tagScalar != open && tagScalar != close { out.append(tagScalar) }
                index = end
                continue
            }
            if scalar == open || scalar == close {
                if plainDepth == 0 { out.append(contentsOf: scalar == open ? spanOpen : spanClose) }
            } else {
                out.append(scalar)
            }
            index += 1
        }
        return String(out)
    }

    /// The index after the tag (or comment) that starts at `start`, past quoted attribute values.
    private static func tagEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        if scalars[start...].starts(with: "<!--".unicodeScalars) {
            var index = start + 4
            while index < scalars.count, !scalars[index...].starts(with: "-->".unicodeScalars) { index += 1 }
            return min(scalars.count, index + 3)
        }
        var quote: Unicode.Scalar?
        var index = start + 1
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == ">" {
                return index + 1
            }
            index += 1
        }
        return scalars.count
    }

    private static func tagName(_ scalars: [Unicode.Scalar], from start: Int, end: Int) -> (name: String, closing: Bool, selfClosing: Bool) {
        var index = start + 1
        let closing = index < scalars.count && scalars[index] == "/"
        if closing { index += 1 }
        var name = String.UnicodeScalarView()
        while index < scalars.count, scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index]) {
            name.append(scalars[index])
            index += 1
        }
        let selfClosing = end >= 2 && scalars[end - 2] == "/"
        return (String(name).lowercased(), closing, selfClosing)
    }
}
