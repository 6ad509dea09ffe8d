import Foundation
import Mustache

/// The Mustache templates of `templates/`, loaded strictly: a template that does not parse,
/// a partial or parent that does not exist, a page template the generator needs that is
/// missing, and a field a template names that the page does not provide are all errors,
/// never empty output. Every `{{name}}` is HTML-escaped; `{{{name}}}` is used only for
/// HTML the generator made itself (rendered Markdown, SVG).
///
/// The words come from a catalog (`MessageCatalog`): each message is the partial `t/ID`, so a
/// template writes `{{>t/nav.log}}`, and a message's `{name}` placeholders are the page's fields.
public struct TemplateSet: Sendable {
    private let library: MustacheLibrary
    /// The same templates compiled (`CompiledTemplates`); nil when one uses what only the
    /// library renders, or when the library's own renderer was asked for.
    let compiled: CompiledTemplates?
    /// Why the templates were not compiled (nil when they were, or the library was asked for).
    let notCompiled: CompiledTemplates.Unsupported?
    private let sources: [String: String]
    public let directory: URL
    /// The words of this set's language, for the generator's own use.
    let messages: Messages
    /// A digest of everything the set renders with (templates, words, language), part of each
    /// page's key (`PageKey`).
    let identity: String
    /// The kind of site the set renders, whose page templates it must have.
    let kind: SiteKind

    /// What `check` and `build --verbose` say when the templates render through the library.
    var renderingWarnings: [String] {
        guard let notCompiled else { return [] }
        let file = notCompiled.template.map { $0.hasPrefix(Self.messagePartial("")) ? "a message of \(messages.catalog.file)" : "templates/\($0).mustache" }
            ?? "the templates"
        let slower = "every page renders through the general Mustache renderer: correct, but a large agency's build takes about twice as long"
        if notCompiled.inLibrary {
            return ["Reading \(file), the generator met \(notCompiled.what), which it does not know: a defect in the generator (report it). Meanwhile \(slower)."]
        }
        return ["\(file) uses \(notCompiled.what), so \(slower). Write it without to render at full speed (docs/templates.md)."]
    }

    /// The partial that holds message `id`.
    static func messagePartial(_ id: String) -> String { "t/\(id)" }

    /// Which renderer renders the templates: the compiled one, or the library's own (the
    /// reference the compiled one is tested against, page by page).
    enum Engine: Sendable { case compiled, library }

    init(directory: URL, catalog: MessageCatalog, kind: SiteKind = .portal, engine: Engine = .compiled) throws(GeneratorError) {
        self.directory = directory
        self.kind = kind
        let root = directory.standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw GeneratorError("The templates folder \(directory.path) cannot be read. Check that the site folder has templates/ (copy it from a folder `\(kind.starterCommand)` writes) and that it is readable.")
        }
        var files: [URL] = []
        for case let url as URL in enumerator where url.pathExtension == "mustache" { files.append(url) }
        var library = MustacheLibrary()
        var parsed: [String: MustacheTemplate] = [:]
        var sources: [String: String] = [:]
        var identity = PageKey()
        identity.add(catalog.language.code)
        identity.add(catalog.hasMarkedFallbacks)
        for url in files.sorted(by: { $0.path < $1.path }) {
            let path = url.standardizedFileURL.path
            let name = String(path.dropFirst(root.path.count + 1).dropLast(".mustache".count))
            let text = try SiteFile.text(URL(fileURLWithPath: path), inside: root, name: "templates/\(name).mustache")
            // The library's parser traps (ending the process) on some delimiters a set-delimiter
            // tag can choose, such as one character; no template needs other delimiters.
            if let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(where: { $0.contains("{{=") }) {
                throw .at("templates/\(name).mustache", line: line + 1, "changes the tag delimiters ({{= … =}}), which templates here may not",
                          fix: "Keep {{ and }}; write a literal {{ in a page as &#123;&#123;.")
            }
            do {
                let template = try MustacheTemplate(string: text)
                library.register(template, named: name)
                parsed[name] = template
            } catch let error as MustacheTemplate.ParserError {
                throw .at("templates/\(name).mustache", line: error.context.lineNumber,
                          "is not a valid Mustache template (\(error.error))",
                          fix: "Check that every {{#section}} has its {{/section}} and that tags are closed.")
            } catch {
                throw .at("templates/\(name).mustache", line: nil, "is not a valid Mustache template (\(error))",
                          fix: "Check the template's tags.")
            }
            sources[name] = text
            identity.add(name)
            identity.add(text)
        }
        for (id, message) in catalog.messages.sorted(by: { $0.key < $1.key }) {
            guard case .single(let text) = message.text else { continue }
            identity.add(id)
            identity.add(text)
            do {
                let template = try MustacheTemplate(string: Self.partialSource(text))
                library.register(template, named: Self.messagePartial(id))
                parsed[Self.messagePartial(id)] = template
            } catch {
                throw .at(catalog.file, line: message.line, "message `\(id)` cannot be used in a template (\(error))",
                          fix: "Write it as plain text with {name} placeholders.")
            }
        }
        self.library = library
        switch engine {
        case .library:
            (compiled, notCompiled) = (nil, nil)
        case .compiled:
            do throws(CompiledTemplates.Unsupported) {
                (compiled, notCompiled) = (try CompiledTemplates(parsed), nil)
            } catch {
                (compiled, notCompiled) = (nil, error)
            }
        }
        self.sources = sources
        self.identity = identity.digest
        messages = Messages(catalog: catalog)
        try checkReferences()
        for page in kind.pageTemplates() where sources[page] == nil {
            throw GeneratorError("The template templates/\(page).mustache is missing. Every \(kind.name) needs it: copy it from a folder `\(kind.starterCommand)` writes and restyle it there.")
        }
    }

    /// Every `{{> partial}}` and `{{< parent}}` must name a template that exists, and none may
    /// lead back to the template it is in: a partial that includes itself never ends (the
    /// library's renderer overflows the stack).
    private func checkReferences() throws(GeneratorError) {
        let pattern = /\{\{\s*([<>])\s*([^}\s]+)\s*\}\}/
        var uses: [String: [(target: String, line: Int)]] = [:]
        for name in sources.keys.sorted() {
            guard let text = sources[name] else { continue }
            for (lineNumber, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for match in line.matches(of: pattern) {
                    let target = String(match.output.2)
                    if target.hasPrefix(Self.messagePartial("")) {
                        let id = String(target.dropFirst(Self.messagePartial("").count))
                        switch messages.catalog.messages[id]?.text {
                        case .single?: continue
                        case .plural?:
                            throw .at("templates/\(name).mustache", line: lineNumber + 1,
                                      "uses the plural message `\(id)`, whose form the generator chooses by a count",
                                      fix: "Use a field the page provides for it, or a message that is one text.")
                        case nil:
                            throw .at("templates/\(name).mustache", line: lineNumber + 1,
                                      "uses the message `\(id)`, which \(messages.catalog.file) does not have",
                                      fix: "Add the message to the catalog, or correct the id.")
                        }
                    }
                    if sources[target] == nil {
                        let kind = match.output.1 == ">" ? "partial" : "parent template"
                        throw .at("templates/\(name).mustache", line: lineNumber + 1,
                                  "uses the \(kind) `\(target)`, but templates/\(target).mustache does not exist",
                                  fix: "Create that file or correct the name.")
                    }
                    uses[name, default: []].append((target, lineNumber + 1))
                }
            }
        }
        let targets = uses.mapValues { $0.map(\.target) }
        for name in uses.keys.sorted() {
            if let cycle = Self.cycle(from: name, uses: targets),
               let line = uses[name]?.first(where: { $0.target == cycle[1] })?.line {
                throw .at("templates/\(name).mustache", line: line,
                          "includes `\(cycle[1])`, which leads back to it (\(cycle.joined(separator: " → "))): a template that includes itself never ends",
                          fix: "Remove the {{> }} or {{< }} tag that closes the circle.")
            }
        }
    }

    /// A path of uses from `start` back to itself (`start`, …, `start`), if there is one.
    private static func cycle(from start: String, uses: [String: [String]]) -> [String]? {
        var seen: Set<String> = []
        func walk(_ path: [String]) -> [String]? {
            guard let last = path.last else { return nil }
            for next in uses[last] ?? [] {
                if next == start { return path + [next] }
                guard seen.insert(next).inserted else { continue }
                if let found = walk(path + [next]) { return found }
            }
            return nil
        }
        return walk([start])
    }

    /// A message as a partial template: its text HTML-escaped (braces too, so no text is read as a
    /// tag), each `{name}` the page's field `{{name}}`, or `{{{name}}}` when the name ends in
    /// `_html` (HTML the generator made, e.g. a `<time>` element).
    static func partialSource(_ text: String) -> String {
        var source = ""
        var rest = text[...]
        while let match = rest.firstMatch(of: MessageCatalog.placeholderPattern) {
            source += escape(rest[..<match.range.lowerBound])
            let name = String(match.output.1)
            source += name.hasSuffix("_html") ? "{{{\(name)}}}" : "{{\(name)}}"
            rest = rest[match.range.upperBound...]
        }
        return source + escape(rest)
    }

    /// Text as XML text, and braces as references so that Mustache never reads them as a tag.
    private static func escape(_ text: Substring) -> String {
        XMLText.escape(String(text)).replacingOccurrences(of: "{", with: "&#123;").replacingOccurrences(of: "}", with: "&#125;")
    }

    /// Renders page template `name` with `context`; every field it names must be provided.
    public func render(_ name: String, _ context: [String: Any]) throws(GeneratorError) -> String {
        guard library.getTemplate(named: name) != nil else {
            throw GeneratorError("The template templates/\(name).mustache is missing. Copy it from a folder `\(kind.starterCommand)` writes.")
        }
        let root = StrictRoot(values: context)
        let output: String
        if let compiled, let position = compiled.positions[name] {
            guard let rendered = CompiledRenderer.render(compiled, position: position, root: root) else {
                throw GeneratorError("""
                    The template templates/\(name).mustache nests partials and sections more than \
                    \(CompiledRenderer.depthLimit) deep: a partial that includes itself (perhaps through \
                    another), or a parent whose block holds the same block. Check the {{> }} and {{< }} tags \
                    of the templates it uses.
                    """)
            }
            output = rendered
        } else {
            guard let rendered = library.render(root, withTemplate: name) else {
                throw GeneratorError("The template templates/\(name).mustache could not be rendered.")
            }
            output = rendered
        }
        if let missing = root.missing.sorted().first {
            throw GeneratorError("""
                The template templates/\(name).mustache (or a partial it uses) names the field `\(missing)`, \
                which this page does not have. Correct the name; this page's fields are: \
                \(context.keys.sorted().joined(separator: ", ")) (and those of the lists inside them).
                """)
        }
        return output
    }
}

extension TemplateSet {
    /// Renders a page of typed data (`PageData`) with template `name`: the value's stored
    /// properties are the fields, so a template naming a field the type lacks is an error.
    func render(_ name: String, _ data: some PageData) throws(GeneratorError) -> String {
        try render(name, PageFields.fields(of: data))
    }

    /// A whole page through its template: English fallbacks marked, and checked to carry the
    /// Content-Security-Policy in its `<head>` (every kind of site's pages are).
    func page(_ template: String, _ context: [String: Any], path: String) throws(GeneratorError) -> String {
        var html = try render(template, context)
        if messages.catalog.hasMarkedFallbacks { html = FallbackMarks.resolve(html, lang: Language.english.code) }
        guard SiteRenderer.headHoldsPolicy(html) else {
            throw .at("templates/\(template).mustache", line: nil,
                      "renders \(path) without the Content-Security-Policy <meta> tag, the wall that keeps pages from loading anything from another site",
                      fix: "Keep `<meta http-equiv=\"Content-Security-Policy\" content=\"{{{content_security_policy}}}\">` in the <head> of templates/base.mustache.")
        }
        return html
    }
}

/// The bottom of every render's context stack: a name looked up here was found nowhere above.
final class StrictRoot: MustacheParent, @unchecked Sendable {
    let values: [String: Any]
    private(set) var missing: Set<String> = []

    init(values: [String: Any]) { self.values = values }

    func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        missing.insert(name)
        return nil
    }
}

/// An absent optional value in a template context: renders as empty, and as false in sections.
var absent: Any { NSNull() }

extension Optional {
    /// The wrapped value, or `absent` so the key still exists for the strict field check.
    var orAbsent: Any { self.map { $0 as Any } ?? absent }
}
