import Foundation
import Yams

/// The words of the portal in one language: `templates/messages/LANG.yaml`, a YAML mapping of
/// message ids to texts. A text may hold placeholders (`{count}`) that the page or the
/// generator fills in; a plural message maps each plural form (`one`, `other`, see
/// `PluralRules`) to its text; a message not yet translated holds the English text under
/// `untranslated:`, so that a translator sees what to write and `check` can count it.
///
///     nav.log: "Registro público"
///     readers.fixed:
///       one: "{count} cámara fija"
///       other: "{count} cámaras fijas"
///     nav.audits:
///       untranslated: "Audits"
struct MessageCatalog: Sendable {
    /// The folder of the catalogs, inside `templates/`.
    static let folder = "messages"

    enum Text: Sendable, Equatable {
        case single(String)
        case plural([PluralCategory: String])

        var forms: [String] {
            switch self {
            case .single(let text): [text]
            case .plural(let forms): forms.sorted { $0.key < $1.key }.map(\.value)
            }
        }
    }

    struct Message: Sendable {
        let text: Text
        /// False for a message holding the English text under `untranslated:`.
        let isTranslated: Bool
        let line: Int?
    }

    let language: Language
    /// The catalog's path as staff see it: `templates/messages/es.yaml`.
    let file: String
    private(set) var messages: [String: Message]

    /// The catalog of a language published partly: each message not yet translated keeps its
    /// English text between `FallbackMarks`, which the page's HTML turns into `lang="en"` spans.
    func markingFallbacks() -> MessageCatalog {
        var marked = self
        marked.messages = messages.mapValues { message in
            guard !message.isTranslated else { return message }
            let text: Text = switch message.text {
            case .single(let text): .single(FallbackMarks.mark(text))
            case .plural(let forms): .plural(forms.mapValues(FallbackMarks.mark))
            }
            return Message(text: text, isTranslated: false, line: message.line)
        }
        marked.hasMarkedFallbacks = !untranslated.isEmpty
        return marked
    }

    /// True when some message is English between `FallbackMarks` (see `markingFallbacks`).
    private(set) var hasMarkedFallbacks = false

    /// Ids of messages still holding the English text, in id order.
    var untranslated: [String] { messages.filter { !$0.value.isTranslated }.keys.sorted() }

    /// Placeholder names in `text`: `{count}` names `count`.
    static func placeholders(in text: String) -> Set<String> {
        Set(text.matches(of: placeholderPattern).map { String($0.output.1) })
    }

    nonisolated(unsafe) static let placeholderPattern = /\{([a-z][a-z0-9_]*)\}/

    /// Reads and checks the shape of the catalog `file` (its text is `text`).
    init(language: Language, file: String, text: String) throws(GeneratorError) {
        self.language = language
        self.file = file
        let fields = try YAMLFields.parse(text, file: file, lineOffset: 0)
        var messages: [String: Message] = [:]
        for (key, node) in fields.node.mapping ?? [:] {
            let id = key.string ?? ""
            // The key's line: a plural message's forms start on the line below it.
            let line = key.mark?.line ?? fields.line(of: node)
            guard id.wholeMatch(of: /[a-z0-9_]+(\.[a-z0-9_]+)*/) != nil else {
                throw .at(file, line: line, "`\(id)` is not a message id",
                          fix: "Message ids are lowercase words joined by dots and underscores, e.g. `nav.log`.")
            }
            messages[id] = try Self.message(id, node, file: file, line: line, language: language)
        }
        self.messages = messages
    }

    private static func message(_ id: String, _ node: Node, file: String, line: Int?, language: Language) throws(GeneratorError) -> Message {
        switch node {
        case .scalar(let scalar):
            return Message(text: .single(scalar.string), isTranslated: true, line: line)
        case .mapping(let mapping):
            let keys = mapping.map { $0.key.string ?? "" }
            if keys == ["untranslated"], let inner = mapping.first?.value {
                let english = try message(id, inner, file: file, line: line, language: .english)
                return Message(text: english.text, isTranslated: false, line: line)
            }
            var forms: [PluralCategory: String] = [:]
            for (key, value) in mapping {
                guard let category = (key.string).flatMap(PluralCategory.init(rawValue:)) else {
                    throw .at(file, line: line, "message `\(id)` has the form `\(key.string ?? "?")`, which is not a plural form",
                              fix: "A plural message has the forms \(PluralRules.categories(for: language).map { "`\($0.rawValue)`" }.joined(separator: " and ")); a message not yet translated holds the English under `untranslated:`.")
                }
                guard case .scalar(let text) = value else {
                    throw .at(file, line: line, "the `\(category.rawValue)` form of message `\(id)` must be one text", fix: "Write `\(category.rawValue): \"text\"`.")
                }
                forms[category] = text.string
            }
            return Message(text: .plural(forms), isTranslated: true, line: line)
        default:
            throw .at(file, line: line, "message `\(id)` must be a text or its plural forms",
                      fix: "Write `\(id): \"text\"`, or the plural forms on their own lines below it.")
        }
    }

    /// Checks a catalog against the English one: the same ids, a plural message with every form
    /// its language needs, and no placeholder the English message does not have.
    func check(against english: MessageCatalog) throws(GeneratorError) {
        for (id, message) in messages.sorted(by: { ($0.value.line ?? 0, $0.key) < ($1.value.line ?? 0, $1.key) }) {
            guard let reference = english.messages[id] else {
                throw .at(file, line: message.line, "`\(id)` is not a message id of the English catalog (\(english.file))",
                          fix: "Correct the id, or delete the message if the English catalog no longer has it.")
            }
            try checkForms(id, message, reference: reference)
            let allowed = reference.text.forms.reduce(into: Set<String>()) { $0.formUnion(Self.placeholders(in: $1)) }
            for form in message.text.forms {
                if let extra = Self.placeholders(in: form).subtracting(allowed).sorted().first {
                    throw .at(file, line: message.line, "message `\(id)` has the placeholder {\(extra)}, which the English message does not have",
                              fix: "Use only \(allowed.isEmpty ? "no placeholder" : allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")), as the English message does.")
                }
            }
        }
        if let missing = english.messages.keys.filter({ messages[$0] == nil }).sorted().first {
            throw .at(file, line: nil, "has no message `\(missing)`\(english.messages.count - messages.count > 1 ? " (and others)" : "")",
                      fix: "Add it, with the English text under `untranslated:` until it is translated: `transparency-gen check` lists what is left.")
        }
    }

    /// The English catalog must hold every message the generator uses, each of its kind.
    func checkHolds(_ ids: [MessageID], starter: String = SiteKind.portal.starterCommand) throws(GeneratorError) {
        for id in ids {
            guard let message = messages[id.id] else {
                throw .at(file, line: nil, "has no message `\(id.id)`, which the generator uses",
                          fix: "Add it (a fresh `\(starter)` folder has a complete catalog to copy it from).")
            }
            if case .plural = message.text, !id.isPlural {
                throw .at(file, line: message.line, "message `\(id.id)` has plural forms, but the generator uses it as one text", fix: "Write it as one text.")
            }
            if case .single = message.text, id.isPlural {
                throw .at(file, line: message.line, "message `\(id.id)` is one text, but the generator chooses its plural form by a count",
                          fix: "Write its forms `one` and `other` on their own lines below it.")
            }
        }
    }

    private func checkForms(_ id: String, _ message: Message, reference: Message) throws(GeneratorError) {
        let required = message.isTranslated ? PluralRules.categories(for: language) : PluralRules.categories(for: .english)
        switch (reference.text, message.text) {
        case (.single, .single): return
        case (.plural, .plural(let forms)):
            if let missing = required.first(where: { forms[$0] == nil }) {
                throw .at(file, line: message.line, "plural message `\(id)` has no `\(missing.rawValue)` form",
                          fix: "Give it the forms \(required.map { "`\($0.rawValue)`" }.joined(separator: " and ")).")
            }
        case (.single, .plural):
            throw .at(file, line: message.line, "message `\(id)` has plural forms, but the English message is a single text",
                      fix: "Write it as one text.")
        case (.plural, .single):
            throw .at(file, line: message.line, "message `\(id)` is a single text, but the English message has plural forms",
                      fix: "Write its plural forms \(required.map { "`\($0.rawValue)`" }.joined(separator: " and ")) on their own lines.")
        }
    }
}
