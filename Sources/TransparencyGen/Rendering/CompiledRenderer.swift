import Foundation
import Mustache

/// Renders `CompiledTemplates` by swift-mustache's rules, into one buffer of bytes:
///
/// - a name is looked up from the innermost value outwards, in a dictionary's keys or through
///   `MustacheParent.child(named:)` (other values through `Mirror`, as the library does); the
///   rest of a dotted name only in what the first part found; the bottom of the stack is the
///   page's `StrictRoot`, which records a name found nowhere (the strict field check);
/// - `absent` (`NSNull`) is nothing; a list renders a section once per item, a boolean once
///   or not at all, any other value once with it as the current value; an inverted section
///   over an empty list has that list as its current value;
/// - partials and blocks carry indentation and overrides as the library's context does.
///
/// Two differences, on purpose. HTML is escaped by bytes (`XMLText`), where the library
/// compares whole `Character`s and so leaves `<`, `>`, `&`, `"` and `'` unescaped whenever they
/// form one grapheme with a neighbour: a quote that ends an attribute early. And partials and
/// sections nested more than `depthLimit` deep stop the render with an error, where the library
/// recurses until the process's stack overflows (`TemplateSet` refuses a partial that includes
/// itself before either renders; this guards the rest).
struct CompiledRenderer {
    /// Sections and partials within one another, at most: far beyond any real page (the
    /// shipped templates nest about a dozen), far below what overflows a thread's stack.
    static let depthLimit = 400

    private let templates: CompiledTemplates
    private var output: [UInt8] = []
    private var stack: [Frame] = []
    private var depth = 0
    private var tooDeep = false

    /// A value a section made current, and how its names are looked up. `text` is what `{{.}}`
    /// writes for a value that renders as itself (a log's figure cell), found once when pushed.
    private struct Frame {
        let value: Any
        let lookup: Lookup
        let text: String?

        enum Lookup {
            case dictionary([String: Any])
            case parent(any MustacheParent)
            case reflected
        }

        init(_ value: Any) {
            self.value = value
            let type = type(of: value)
            // The common kinds by their type first: the casts below would bridge a list or a
            // string to a Foundation object to ask whether it conforms.
            if type == [String: Any].self, let dictionary = value as? [String: Any] {
                (lookup, text) = (.dictionary(dictionary), nil)
            } else if CompiledRenderer.isPlain(type) {
                (lookup, text) = (.reflected, nil)
            } else if let parent = value as? any MustacheParent {
                (lookup, text) = (.parent(parent), (value as? any MustacheCustomRenderable)?.renderText)
            } else {
                (lookup, text) = (.reflected, nil)
            }
        }

        func child(_ name: String) -> Any? {
            switch lookup {
            case .dictionary(let fields): fields[name]
            case .parent(let parent): parent.child(named: name)
            case .reflected: Self.reflected(value, name)
            }
        }

        /// A stored property of any other value, as the library finds it (an optional unwrapped).
        private static func reflected(_ value: Any, _ name: String) -> Any? {
            guard let found = Mirror(reflecting: value).children.first(where: { $0.label == name })?.value else { return nil }
            let mirror = Mirror(reflecting: found)
            guard mirror.displayStyle == .optional else { return found }
            return mirror.children.first?.value
        }
    }

    /// How a section treats a value, told by its type first: on Linux a cast that fails (a list
    /// tried as a boolean or a protocol) first bridges the value to a Foundation object.
    private enum SectionValue {
        case items([Any])
        case flag(Bool)
        case current(Any)

        init(_ value: Any) {
            let type = type(of: value)
            if type == [Any].self, let items = value as? [Any] {
                self = .items(items)
            } else if type == Bool.self, let flag = value as? Bool {
                self = .flag(flag)
            } else if CompiledRenderer.isPlain(type) || type == [String: Any].self {
                self = .current(value)
            } else if let sequence = value as? any MustacheSequence {
                self = .items(CompiledRenderer.items(of: sequence))
            } else if let renderable = value as? any MustacheCustomRenderable, renderable.isNull {
                self = .flag(false)
            } else {
                self = .current(value)
            }
        }
    }

    /// Text, numbers and booleans: values that are neither lists nor hold fields, told by their
    /// type so that no cast to a protocol bridges them to a Foundation object first.
    private static func isPlain(_ type: Any.Type) -> Bool {
        type == String.self || type == TemplateText.self || type == Int.self || type == Bool.self
    }

    /// Where a render is within partials and blocks: the indentation of a standalone partial,
    /// and the blocks the parents above have overridden (the outermost override wins).
    private struct Scope {
        var indentation: [UInt8] = []
        var overrides: [String: [CompiledTemplates.Node]] = [:]
    }

    init(_ templates: CompiledTemplates, capacity: Int) {
        self.templates = templates
        output.reserveCapacity(capacity)
    }

    /// Renders template `position` over `root` (the page's own fields); nil when partials or
    /// sections nest deeper than `depthLimit`.
    static func render(_ templates: CompiledTemplates, position: Int, root: StrictRoot, capacity: Int = 1 << 16) -> String? {
        var renderer = CompiledRenderer(templates, capacity: capacity)
        renderer.stack = [Frame(root)]
        renderer.render(templates.templates[position], Scope())
        return renderer.tooDeep ? nil : String(decoding: renderer.output, as: UTF8.self)
    }

    private mutating func render(_ nodes: [CompiledTemplates.Node], _ scope: Scope) {
        guard depth < Self.depthLimit, !tooDeep else {
            tooDeep = true
            return
        }
        depth += 1
        defer { depth -= 1 }
        guard !scope.indentation.isEmpty else {
            for node in nodes { render(node, scope) }
            return
        }
        // The library renders each node of an indented template to a string and indents it
        // when it is not empty and this template's output so far ends a line ("\r\n" is one
        // Character to it, and does not count).
        let start = output.count
        for node in nodes {
            let before = output.count
            render(node, scope)
            guard output.count > before, before > start, output[before - 1] == 0x0A,
                  !(before - 2 >= start && output[before - 2] == 0x0D) else { continue }
            output.insert(contentsOf: scope.indentation, at: before)
        }
    }

    private mutating func render(_ node: CompiledTemplates.Node, _ scope: Scope) {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)
        case .value(let path, let escaped):
            if path.isCurrent, let text = stack.last?.text {
                append(text, escaped: escaped)
            } else if let value = lookup(path) {
                write(value, escaped: escaped)
            }
        case .section(let path, let body):
            guard let value = lookup(path) else { return }
            switch SectionValue(value) {
            case .items(let items): for item in items { renderWith(item, body, scope) }
            case .flag(let flag): if flag { render(body, scope) }
            case .current(let value): renderWith(value, body, scope)
            }
        case .inverted(let path, let body):
            guard let value = lookup(path) else { return render(body, scope) }
            switch SectionValue(value) {
            // The library makes the empty list the current value.
            case .items(let items): if items.isEmpty { renderWith(value, body, scope) }
            case .flag(let flag): if !flag { render(body, scope) }
            case .current: break
            }
        case .partial(let position, let indentation, let overrides):
            guard let position else { return }
            var inner = scope
            inner.indentation += indentation
            if let overrides { inner.overrides.merge(overrides) { outer, _ in outer } }
            render(templates.templates[position], inner)
        case .block(let name, let defaults, let indentation):
            var inner = scope
            inner.indentation += indentation
            render(scope.overrides[name] ?? defaults, inner)
        }
    }

    private mutating func renderWith(_ value: Any, _ body: [CompiledTemplates.Node], _ scope: Scope) {
        stack.append(Frame(value))
        render(body, scope)
        stack.removeLast()
    }

    private static func items(of sequence: some Sequence) -> [Any] { sequence.map { $0 as Any } }

    /// What `path` names, from the innermost value outwards; nil when nothing (or `absent`).
    private func lookup(_ path: CompiledTemplates.Path) -> Any? {
        guard let top = stack.last else { return nil }
        var found: Any?
        if let first = path.names.first {
            if path.anchored {
                found = top.child(first)
            } else {
                for frame in stack.reversed() {
                    if let child = frame.child(first) { found = child; break }
                }
            }
            for name in path.names.dropFirst() {
                guard let parent = found else { break }
                found = Frame(parent).child(name)
            }
        } else {
            found = top.value
        }
        guard let found, !Self.isAbsent(found) else { return nil }
        return found
    }

    /// Whether `value` is `absent`, by its type: `value is NSNull` would bridge every list and
    /// dictionary to Foundation's classes to ask (measured at 12 % of a large agency's build).
    private static func isAbsent(_ value: Any) -> Bool { type(of: value) == NSNull.self }

    private mutating func write(_ value: Any, escaped: Bool) {
        let type = type(of: value)
        if type == TemplateText.self, let text = value as? TemplateText {
            append(text.renderText, escaped: escaped)
        } else if type == String.self, let text = value as? String {
            append(text, escaped: escaped)
        } else if type == Int.self, let number = value as? Int {
            output.append(contentsOf: String(number).utf8)
        } else if let renderable = value as? any MustacheCustomRenderable {
            append(renderable.renderText, escaped: escaped)
        } else {
            append(String(describing: Self.unwrapped(value)), escaped: escaped)
        }
    }

    /// An optional's wrapped value, as the library prints it (`nil` kept as the optional).
    private static func unwrapped(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional, let wrapped = mirror.children.first?.value else { return value }
        return wrapped
    }

    private mutating func append(_ text: String, escaped: Bool) {
        guard escaped else {
            output.append(contentsOf: text.utf8)
            return
        }
        var text = text
        text.withUTF8 { bytes in XMLText.append(bytes, to: &output, apostrophe: true) }
    }
}
