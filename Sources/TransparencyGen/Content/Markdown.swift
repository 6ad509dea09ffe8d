import CCmark
import Foundation

/// CommonMark to HTML through the reference implementation, in its safe mode: raw HTML is
/// replaced by a comment and `javascript:`, `vbscript:`, `file:` and most `data:` links are dropped.
/// Safe mode still passes images from other sites, and a published page must load nothing
/// from another site: such an image becomes a link to it, with its alt text as the link's text.
enum Markdown {
    /// A rendering, with the body lines (1-based) of the images that became links.
    struct Rendering {
        let html: String
        let remoteImageLines: [Int]
    }

    static func html(_ markdown: String) -> String { render(markdown).html }

    static func render(_ markdown: String) -> Rendering {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
        guard let root = cmark_parse_document(markdown, markdown.utf8.count, options) else {
            return Rendering(html: "", remoteImageLines: [])
        }
        defer { cmark_node_free(root) }
        var remote: [OpaquePointer] = []
        if let iterator = cmark_iter_new(root) {
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                      let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_IMAGE else { continue }
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if isOnAnotherSite(url) { remote.append(node) }
            }
            cmark_iter_free(iterator)
        }
        let lines = remote.map { Int(cmark_node_get_start_line($0)) }
        for image in remote { replaceWithLink(image) }
        guard let rendered = cmark_render_html(root, options) else { return Rendering(html: "", remoteImageLines: lines) }
        defer { free(rendered) }
        return Rendering(html: String(cString: rendered), remoteImageLines: lines)
    }

    /// True for an address with a scheme (`https:`, `data:`) or without one but with a host
    /// (`//host/…`; browsers read `\\` as `/`): anything but a path on the portal itself.
    static func isOnAnotherSite(_ url: String) -> Bool {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("//") || trimmed.hasPrefix("\\\\") || trimmed.hasPrefix("/\\") || trimmed.hasPrefix("\\/") {
            return true
        }
        return trimmed.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil
    }

    /// Puts a link with the image's address, title and alt text where the image was.
    private static func replaceWithLink(_ image: OpaquePointer) {
        guard let link = cmark_node_new(CMARK_NODE_LINK) else { return }
        cmark_node_set_url(link, cmark_node_get_url(image))
        cmark_node_set_title(link, cmark_node_get_title(image))
        while let child = cmark_node_first_child(image) {
            cmark_node_unlink(child)
            cmark_node_append_child(link, child)
        }
        if cmark_node_first_child(link) == nil, let text = cmark_node_new(CMARK_NODE_TEXT) {
            cmark_node_set_literal(text, "image on another site")
            cmark_node_append_child(link, text)
        }
        cmark_node_insert_before(image, link)
        cmark_node_unlink(image)
        cmark_node_free(image)
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
        let rendering = Markdown.render(body)
        html = rendering.html
        remoteImageNotes = rendering.remoteImageLines.map { [file, bodyLine] line in
            "\(file) line \(bodyLine + line - 1): an image from another site is published as a link to it, because the portal loads nothing from other sites. Copy the image into templates/assets/ and refer to it there, or leave the link."
        }
    }

    /// The body as HTML.
    let html: String
    /// One note per image from another site that was published as a link.
    let remoteImageNotes: [String]

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
