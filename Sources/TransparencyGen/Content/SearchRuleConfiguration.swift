import PublicLog

/// The reason rules a site applies to searches' stated reasons: the spec's built-in rules in
/// their order, less those `search_reason_rules_off` turns off, then the site's own
/// (`search_reason_rules`: an id, a plain-language title and the words), in `site.yaml`'s order.
public struct SearchRuleConfiguration: Sendable, Equatable {
    /// A rule in force: a built-in one (its title is a message of each language) or the
    /// site's own (its title is the agency's text, in the site's main language).
    public struct Rule: Sendable, Equatable {
        public let rule: ReasonRules.Rule
        /// The agency's title of its own rule; nil for a built-in rule.
        public let title: String?

        public var isBuiltIn: Bool { title == nil }
    }

    public var inForce: [Rule] = ReasonRules.builtIn.map { Rule(rule: $0, title: nil) }
    /// Built-in rules turned off, in the built-in order.
    public var turnedOff: [ReasonRules.Rule] = []

    public var reasonRules: ReasonRules { ReasonRules(inForce.map(\.rule)) }

    static let listKey = "search_reason_rules"
    static let offKey = "search_reason_rules_off"
    static let ruleKeys = ["id", "title", "words"]

    /// Reads the two keys of `fields` (site.yaml), each error naming its line.
    static func load(_ fields: YAMLFields) throws(GeneratorError) -> SearchRuleConfiguration {
        var configuration = SearchRuleConfiguration()
        let builtInIDs = ReasonRules.builtIn.map(\.id)
        var off: Set<String> = []
        for item in try fields.optionalTextList(offKey) ?? [] {
            guard builtInIDs.contains(item.text) else {
                throw .at(fields.file, line: item.line, "\(offKey): '\(item.text)' is not a built-in rule",
                          fix: "Built-in rules are \(builtInIDs.joined(separator: ", ")); a rule of your own is turned off by deleting it.")
            }
            guard off.insert(item.text).inserted else {
                throw .at(fields.file, line: item.line, "\(offKey): '\(item.text)' is listed twice", fix: "List each rule once.")
            }
        }
        configuration.inForce.removeAll { off.contains($0.rule.id) }
        configuration.turnedOff = ReasonRules.builtIn.filter { off.contains($0.id) }
        var ids = Set(builtInIDs)
        for item in try fields.mappings(listKey) ?? [] {
            try item.rejectUnknownKeys(ruleKeys)
            let line = item.line(of: item.node)
            let id = try item.text("id", example: "gun_show")
            guard ReasonRules.isPlainID(id) else {
                throw .at(fields.file, line: item.line(of: item.value("id")) ?? line,
                          "\(listKey): the id '\(id)' is not a plain word",
                          fix: "Write the id in lower-case letters, digits and underscores, starting with a letter (e.g. gun_show), and not `blank` or `given`.")
            }
            guard ids.insert(id).inserted else {
                throw .at(fields.file, line: item.line(of: item.value("id")) ?? line,
                          "\(listKey): the id '\(id)' is \(builtInIDs.contains(id) ? "a built-in rule's" : "used twice")",
                          fix: "Give each rule its own id; to change a built-in rule, turn it off (`\(offKey)`) and add your own.")
            }
            let title = try item.text("title", example: "Gun shows")
            guard let words = try item.optionalTextList("words"), !words.isEmpty else {
                throw .at(fields.file, line: item.line(of: item.value("words")) ?? line, "\(listKey): the rule '\(id)' has no words",
                          fix: "List the words or phrases it matches, e.g. `words: [gun show, gunshow]`.")
            }
            var seen: Set<String> = []
            for word in words {
                if let problem = ReasonRules.problem(with: word.text) {
                    throw .at(fields.file, line: word.line ?? line, "\(listKey): a word of the rule '\(id)' \(problem)",
                              fix: "Write each word or phrase as the reason would hold it, e.g. `words: [gun show, gunshow]`.")
                }
                guard seen.insert(word.text).inserted else {
                    throw .at(fields.file, line: word.line ?? line, "\(listKey): the rule '\(id)' lists '\(word.text)' twice",
                              fix: "List each word once.")
                }
            }
            configuration.inForce.append(Rule(rule: ReasonRules.Rule(id: id, words: words.map(\.text)), title: title))
        }
        return configuration
    }
}
