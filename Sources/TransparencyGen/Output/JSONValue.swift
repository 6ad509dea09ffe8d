/// A JSON document built in code and written with its keys in the order given, two spaces per
/// level, strings escaped by `JSONText`: the same bytes on every platform and every build
/// (Foundation's serializer orders keys only by sorting them, and escapes differently on Linux).
indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool { a.text == b.text }

    /// The document's text, ending with a newline.
    var text: String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    /// The document on one line (inside an HTML `script` element: `<` and `>` are escaped).
    var compactText: String {
        switch self {
        case .string(let value): JSONText.string(value)
        case .integer(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .array(let items): "[" + items.map(\.compactText).joined(separator: ",") + "]"
        case .object(let members): "{" + members.map { JSONText.string($0.0) + ":" + $0.1.compactText }.joined(separator: ",") + "}"
        }
    }

    private func write(into out: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .array(let items) where !items.isEmpty:
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += index < items.count - 1 ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += inner + JSONText.string(key) + ": "
                value.write(into: &out, indent: inner)
                out += index < members.count - 1 ? ",\n" : "\n"
            }
            out += indent + "}"
        default:
            out += compactText
        }
    }
}
