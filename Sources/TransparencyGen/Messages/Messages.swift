/// The messages of one language, for the generator's own words (the templates reach the same
/// catalog through `TemplateSet`). Every id the generator uses is declared in `MessageID` and
/// checked to be in the English catalog when the templates load, so a lookup always finds one.
struct Messages: Sendable {
    let catalog: MessageCatalog

    var language: Language { catalog.language }

    /// The text of `id` with its placeholders filled from `values`.
    func callAsFunction(_ id: MessageID, _ values: [String: String] = [:]) -> String {
        switch catalog.messages[id.id]?.text {
        case .single(let text): Self.fill(text, values)
        case .plural(let forms): Self.fill(forms[.other] ?? "", values)
        case nil: "[\(id.id)]"
        }
    }

    /// The text of one of the generator's one-of-a-kind messages.
    func callAsFunction(_ id: MessageID.Fixed, _ values: [String: String] = [:]) -> String {
        self(MessageID(id), values)
    }

    func plural(_ id: MessageID.Fixed, count: Int, formatted: String, _ values: [String: String] = [:]) -> String {
        plural(MessageID(id), count: count, formatted: formatted, values)
    }

    /// The form of plural message `id` that `count` takes, with `{count}` as `formatted`.
    func plural(_ id: MessageID, count: Int, formatted: String, _ values: [String: String] = [:]) -> String {
        guard case .plural(let forms)? = catalog.messages[id.id]?.text else { return self(id, values) }
        // An untranslated message holds the English forms, chosen by English's rules.
        let translated = catalog.messages[id.id]?.isTranslated ?? true
        let category = PluralRules.category(of: count, in: translated ? language : .english)
        var all = values
        all["count"] = formatted
        return Self.fill(forms[category] ?? forms[.other] ?? "", all)
    }

    static func fill(_ text: String, _ values: [String: String]) -> String {
        guard text.contains("{") else { return text }
        return text.replacing(MessageCatalog.placeholderPattern) { match in values[String(match.output.1)] ?? String(match.output.0) }
    }
}
