import Mustache

/// The templates of a `TemplateSet` compiled for rendering: each one a list of nodes whose
/// names are split once, whose partials are found by position, and whose text is bytes.
///
/// Why not only the library: swift-mustache renders every tag by returning a new string, copies
/// the context stack for every element of a section, splits each name on `.` at every lookup,
/// casts each value it finds to five protocols in turn, and escapes HTML one `Character` at a
/// time. On the log's pages (hundreds of rows of a dozen cells each) that was about three
/// quarters of the render stage's CPU. The library remains the parser: the nodes are made
/// from the very tokens it parsed (read through `Mirror`, because its parse tree is not
/// public), so standalone lines, indentation and inheritance are the library's by
/// construction, and `CompiledRenderer` renders them by the library's rules (tested side by
/// side, page by page). A template the compiler does not understand (a transform such as
/// `{{uppercased(x)}}`, a dynamic partial, a content-type pragma, or a library whose parse tree
/// has changed shape) leaves the whole set to the library: slower, never different.
struct CompiledTemplates: Sendable {
    /// A name as a template writes it: `.` (the current value), or names separated by dots;
    /// `anchored` when it starts with a dot (looked up in the current value only).
    struct Path: Sendable {
        let names: [String]
        let anchored: Bool
        var isCurrent: Bool { names.isEmpty }

        init(_ text: String) {
            anchored = text.first == "." && text != "."
            names = text == "." ? [] : text.split(separator: ".").map(String.init)
        }
    }

    indirect enum Node: Sendable {
        case text([UInt8])
        case value(Path, escaped: Bool)
        case section(Path, [Node])
        case inverted(Path, [Node])
        /// A partial (`{{>name}}`) or a parent (`{{<name}}`, with the blocks it overrides), by
        /// position in `templates`; nil when no such template exists (the library renders
        /// nothing, and `TemplateSet` refuses such a set before it renders).
        case partial(Int?, indentation: [UInt8], overrides: [String: [Node]]?)
        /// A block (`{{$name}}…{{/name}}`): what a parent's child gave for it, or its own nodes.
        case block(String, defaults: [Node], indentation: [UInt8])
    }

    /// Why a template cannot be compiled: a tag the compiler does not render, or (`inLibrary`)
    /// a parse tree of a shape it does not know, which is the generator's defect, not the template's.
    struct Unsupported: Error {
        let what: String
        var inLibrary = false
        /// The template it is in, once known.
        var template: String?

        static func shape(_ part: String) -> Unsupported { Unsupported(what: "the library's parse tree (\(part))", inLibrary: true) }
    }

    let templates: [[Node]]
    let positions: [String: Int]

    /// Compiles `parsed` (each template as the library parsed it); throws when any uses what
    /// the compiled renderer does not render.
    init(_ parsed: [String: MustacheTemplate]) throws(Unsupported) {
        let named = parsed.sorted { $0.key < $1.key }
        var positions: [String: Int] = [:]
        for (position, template) in named.enumerated() { positions[template.key] = position }
        var templates: [[Node]] = []
        templates.reserveCapacity(named.count)
        for template in named {
            do throws(Unsupported) {
                templates.append(try Self.nodes(of: template.value, positions: positions))
            } catch {
                var located = error
                located.template = template.key
                throw located
            }
        }
        self.templates = templates
        self.positions = positions
    }

    private static func nodes(of template: MustacheTemplate, positions: [String: Int]) throws(Unsupported) -> [Node] {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any] else {
            throw .shape("no tokens")
        }
        var nodes: [Node] = []
        nodes.reserveCapacity(tokens.count)
        for token in tokens {
            if let node = try node(token, positions: positions) { nodes.append(node) }
        }
        return nodes
    }

    /// One of the library's tokens as a node (nil for a token that renders nothing).
    private static func node(_ token: Any, positions: [String: Int]) throws(Unsupported) -> Node? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let kind = mirror.children.first?.label,
              let payload = mirror.children.first?.value else {
            throw .shape("a token of an unknown shape")
        }
        let parts = TokenParts(payload)
        switch kind {
        case "text":
            guard let text = payload as? String else { throw .shape("text") }
            return text.isEmpty ? nil : .text(Array(text.utf8))
        case "variable", "unescapedVariable":
            return .value(Path(try parts.name()), escaped: kind == "variable")
        case "section", "invertedSection":
            let path = Path(try parts.name())
            let body = try nodes(of: try parts.template("template"), positions: positions)
            return kind == "section" ? .section(path, body) : .inverted(path, body)
        case "partial":
            guard let name = parts.values[".0"] as? String ?? parts.values["0"] as? String else {
                throw .shape("partial")
            }
            var overrides: [String: [Node]]?
            if let inherited = try parts.nilOr("inherits", as: [String: MustacheTemplate].self) {
                var compiled: [String: [Node]] = [:]
                for (block, template) in inherited { compiled[block] = try nodes(of: template, positions: positions) }
                overrides = compiled
            }
            return .partial(positions[name], indentation: try parts.indentation(), overrides: overrides)
        case "blockExpansion":
            guard let name = parts.values["name"] as? String else { throw .shape("block") }
            return .block(name, defaults: try nodes(of: try parts.template("default"), positions: positions),
                          indentation: try parts.indentation())
        case "dynamicNamePartial":
            throw Unsupported(what: "a dynamic partial ({{>*name}})")
        case "contentType":
            throw Unsupported(what: "a content-type pragma ({{% CONTENT_TYPE }})")
        default:
            throw .shape("a token `\(kind)`")
        }
    }

    /// The labelled values of a token's payload (a tuple).
    private struct TokenParts {
        var values: [String: Any] = [:]

        init(_ payload: Any) {
            for child in Mirror(reflecting: payload).children {
                if let label = child.label { values[label] = child.value }
            }
        }

        /// The tag's name; a tag with transforms (`{{lowercased(name)}}`) is not compiled.
        func name() throws(Unsupported) -> String {
            guard let name = values["name"] as? String else { throw .shape("name") }
            guard let transforms = values["transforms"] as? [String] else { throw .shape("transforms") }
            if !transforms.isEmpty {
                let call = transforms.reversed().reduce(name) { inner, transform in "\(transform)(\(inner))" }
                throw Unsupported(what: "a transform ({{\(call)}})")
            }
            return name
        }

        /// A partial's or block's indentation (none when it is not on a line of its own).
        func indentation() throws(Unsupported) -> [UInt8] {
            Array((try nilOr("indentation", as: String.self) ?? "").utf8)
        }

        func template(_ label: String) throws(Unsupported) -> MustacheTemplate {
            guard let template = values[label] as? MustacheTemplate else {
                throw .shape("\(label)")
            }
            return template
        }

        /// A part that the payload has, whose value may be nil; an error when the payload lacks
        /// it or it is of another type.
        func nilOr<T>(_ label: String, as type: T.Type) throws(Unsupported) -> T? {
            guard let value = values[label], let optional = value as? T? else {
                throw .shape("\(label)")
            }
            return optional
        }
    }
}
