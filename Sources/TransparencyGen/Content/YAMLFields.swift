import Foundation
import PublicLog
import Yams

/// A YAML mapping read field by field, with every error naming the file and line.
/// Values are read as the text written: YAML's implicit dates and numbers are not applied.
struct YAMLFields {
    let file: String
    /// Added to YAML's own line numbers (front matter starts after the opening `---`).
    let lineOffset: Int
    let node: Node
    private let entries: [(key: String, value: Node)]

    init(file: String, node: Node, lineOffset: Int) throws(GeneratorError) {
        self.file = file
        self.node = node
        self.lineOffset = lineOffset
        guard case .mapping(let mapping) = node else {
            throw .at(file, line: (node.mark?.line).map { $0 + lineOffset }, "expected `key: value` lines",
                      fix: "Write each field on its own line as `name: value`.")
        }
        entries = mapping.map { (key: $0.key.string ?? "", value: $0.value) }
    }

    /// Parses `text` as a YAML mapping; empty text is an empty mapping.
    static func parse(_ text: String, file: String, lineOffset: Int) throws(GeneratorError) -> YAMLFields {
        let node: Node?
        do {
            let parser = try Parser(yaml: text)
            node = try parser.singleRoot()
            // Anchors are known only while the parser that read them lives (nodes hold them weakly).
            if let anchored = withExtendedLifetime(parser, { node.flatMap(Self.firstAnchoredNode) }) {
                throw GeneratorError.at(file, line: (anchored.mark?.line).map { $0 + lineOffset },
                                        "uses a YAML anchor (`&name`), which front matter may not use: one value repeated through aliases (`*name`) can make a page of any size",
                                        fix: "Write each value out where it is needed, without `&` and `*`.")
            }
        } catch let error as GeneratorError {
            throw error
        } catch let error as YamlError {
            throw .at(file, line: Self.line(of: error).map { $0 + lineOffset }, "is not valid YAML (\(Self.problem(of: error)))",
                      fix: "Check the indentation and quote values that contain a colon.")
        } catch {
            throw .at(file, line: nil, "is not valid YAML (\(error))", fix: "Check the front matter's syntax.")
        }
        return try YAMLFields(file: file, node: node ?? Node([(Node, Node)]()), lineOffset: lineOffset)
    }

    /// The first node, in document order, that carries an anchor. Every alias refers to an
    /// anchor written before it, so the walk meets the anchor before any alias could repeat a
    /// subtree: it visits each written node at most once.
    private static func firstAnchoredNode(_ node: Node) -> Node? {
        if node.anchor != nil { return node }
        switch node {
        case .scalar, .alias: return nil
        case .sequence(let sequence):
            for child in sequence { if let found = firstAnchoredNode(child) { return found } }
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let found = firstAnchoredNode(key) ?? firstAnchoredNode(value) { return found }
            }
        }
        return nil
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        case .duplicatedKeysInMapping(let keys, _): "duplicated key \(keys.joined(separator: ", "))"
        default: "\(error)"
        }
    }

    func line(of node: Node?) -> Int? {
        (node?.mark?.line).map { $0 + lineOffset }
    }

    var keys: [String] { entries.map(\.key) }

    func value(_ key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    /// Rejects keys outside `allowed`, naming the first unknown one and the valid ones.
    func rejectUnknownKeys(_ allowed: [String]) throws(GeneratorError) {
        if let unknown = entries.first(where: { !allowed.contains($0.key) }) {
            throw .at(file, line: line(of: unknown.value), "unknown field `\(unknown.key)`",
                      fix: "Valid fields are: \(allowed.joined(separator: ", ")).")
        }
    }

    func optionalText(_ key: String) throws(GeneratorError) -> String? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node else {
            throw .at(file, line: line(of: node), "`\(key)` must be a single value", fix: "Write `\(key): text` on one line.")
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || (scalar.style == .plain && ["~", "null", "Null", "NULL"].contains(text)) { return nil }
        return text
    }

    /// A list of single values (`[a, b]` or `- a` lines); a single value is a list of one.
    func optionalTextList(_ key: String) throws(GeneratorError) -> [(text: String, line: Int?)]? {
        guard let node = value(key) else { return nil }
        switch node {
        case .scalar:
            return try optionalText(key).map { [($0, line(of: node))] }
        case .sequence(let sequence):
            var items: [(text: String, line: Int?)] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    throw .at(file, line: line(of: item), "each item of `\(key)` must be a single value",
                              fix: "Write the list as `\(key): [en, es]`.")
                }
                items.append((scalar.string.trimmingCharacters(in: .whitespaces), line(of: item)))
            }
            return items
        case .mapping, .alias:
            throw .at(file, line: line(of: node), "`\(key)` must be a list", fix: "Write it as `\(key): [en, es]`.")
        }
    }

    func text(_ key: String, example: String) throws(GeneratorError) -> String {
        guard let text = try optionalText(key) else {
            throw .at(file, line: line(of: value(key)) ?? lineOffset, "the field `\(key)` is missing or empty",
                      fix: "Add a line `\(key): \(example)`.")
        }
        return text
    }

    func optionalDate(_ key: String) throws(GeneratorError) -> LocalDate? {
        guard let text = try optionalText(key) else { return nil }
        guard let date = LocalDate(iso: text) else {
            throw .at(file, line: line(of: value(key)), "`\(key)` is '\(text)', which is not a date",
                      fix: "Write dates as YYYY-MM-DD, e.g. 2024-10-18.")
        }
        return date
    }

    func date(_ key: String) throws(GeneratorError) -> LocalDate {
        guard let date = try optionalDate(key) else {
            throw .at(file, line: line(of: value(key)) ?? lineOffset, "the field `\(key)` is missing",
                      fix: "Add a line `\(key): YYYY-MM-DD`.")
        }
        return date
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws(GeneratorError) -> T
    where T.RawValue == String {
        let valid = T.allCases.map(\.rawValue).joined(separator: " or ")
        let text = try text(key, example: T.allCases.first?.rawValue ?? "")
        guard let value = T(rawValue: text) else {
            throw .at(file, line: line(of: value(key)), "`\(key)` is '\(text)', which is not a valid value",
                      fix: "Use \(valid).")
        }
        return value
    }

    func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws(GeneratorError) -> Int? {
        guard let text = try optionalText(key) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw .at(file, line: line(of: value(key)), "`\(key)` is '\(text)', which is not a whole number from \(range.lowerBound) to \(range.upperBound)",
                      fix: "Write a whole number in that range.")
        }
        return number
    }

    /// A list of mappings (e.g. audit findings); nil when absent.
    func mappings(_ key: String) throws(GeneratorError) -> [YAMLFields]? {
        guard let node = value(key) else { return nil }
        guard case .sequence(let sequence) = node else {
            throw .at(file, line: line(of: node), "`\(key)` must be a list", fix: "Write each item on a line starting with `- `.")
        }
        var items: [YAMLFields] = []
        for item in sequence {
            items.append(try YAMLFields(file: file, node: item, lineOffset: lineOffset))
        }
        return items
    }

    func nested(_ key: String) throws(GeneratorError) -> YAMLFields? {
        guard let node = value(key) else { return nil }
        return try YAMLFields(file: file, node: node, lineOffset: lineOffset)
    }
}
