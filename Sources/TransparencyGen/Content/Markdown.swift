import CCmark
import Foundation

/// CommonMark to HTML through the reference implementation, in its safe mode: raw HTML is
/// replaced by a comment and `javascript:`, `vbscript:`, `file:` and most `data:` links are dropped.
enum Markdown {
    static func html(_ markdown: String) -> String {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
        let length = markdown.utf8.count
        guard let rendered = cmark_markdown_to_html(markdown, length, options) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}

/// A Markdown file with YAML front matter between `---` lines.
struct MarkdownDocument {
    let file: String
    let fields: YAMLFields
    let body: String
    /// The file's line number of the body's first line.
    let bodyLine: Int

    init(file: String, text: String) throws(GeneratorError) {
        self.file = file
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0] = lines[0].dropFirst() }
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true else {
            throw .at(file, line: 1, "does not start with front matter",
                      fix: "Begin the file with a line `---`, the fields (`title: ...`), and another `---`.")
        }
        guard let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            throw .at(file, line: 1, "has no closing `---` after its front matter",
                      fix: "End the front matter with a line `---` before the text.")
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        fields = try YAMLFields.parse(yaml, file: file, lineOffset: 1)
        body = lines[(close + 1)...].joined(separator: "\n")
        bodyLine = close + 2
    }

    var html: String { Markdown.html(body) }

    /// Where the file still holds starter text to replace (`transparency-gen init` marks it
    /// `[[like this]]`), or nil.
    var placeholderNote: String? {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let marked = lines.indices.filter { lines[$0].contains("[[") }
        guard let first = marked.first else { return nil }
        let count = lines.reduce(0) { $0 + $1.components(separatedBy: "[[").count - 1 }
        return "\(file) still has \(count) starter passage\(count == 1 ? "" : "s") in [[double brackets]] (first on line \(bodyLine + first)): replace \(count == 1 ? "it" : "them") with your agency's text before publishing."
    }
}
