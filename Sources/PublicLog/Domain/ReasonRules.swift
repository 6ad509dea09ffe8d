import Foundation

/// The rules a search's stated reason is matched against (spec, "How searches were made, and
/// why"): each an id and words or phrases; a reason belongs to the first rule in order one of
/// whose words occurs in it with no letter or digit immediately before or after.
///
/// The same rules run inside SQLite (`matchingRule(in:)`, as the SQL function
/// `AggregateViews.reasonGroup`) and inside PostgreSQL (`postgreSQLPattern(_:)`, a regular
/// expression per rule under an ICU collation), so that a reason never leaves the database:
/// only its group does. Both compare Unicode scalars one by one, from the same sets: a letter
/// or digit is general category L or Nd (ICU's `u_isalnum`, PostgreSQL's `[:alnum:]` under
/// ICU), and each scalar of a word not written wholly in capitals matches every scalar of the
/// same simple case folding (`CaseFolding`), written out in brackets for PostgreSQL (`[sSſ]`)
/// and matched case-sensitively there, so neither side leans on the other's idea of case.
public struct ReasonRules: Sendable, Equatable {
    /// One rule: a plain-word id and its words.
    public struct Rule: Sendable, Equatable {
        public let id: String
        public let words: [String]

        public init(id: String, words: [String]) {
            self.id = id
            self.words = words
        }
    }

    /// The rules in force, in order.
    public let rules: [Rule]

    public init(_ rules: [Rule]) {
        self.rules = rules
        matchers = rules.map { rule in (rule.id, rule.words.map(Word.init)) }
    }

    /// The spec's built-in rules, in their order.
    public static let builtIn: [Rule] = [
        Rule(id: "immigration", words: ["immigration", "immigrant", "immigrants", "deport", "deported", "deportation",
                                        "removal proceedings", "undocumented", "illegal alien", "visa overstay", "border patrol",
                                        "ICE", "HSI", "ERO", "CBP", "287(g)"]),
        Rule(id: "reproductive_health", words: ["abortion", "abortions", "reproductive", "family planning", "planned parenthood"]),
        Rule(id: "protest", words: ["protest", "protests", "protester", "protesters", "protestor", "protestors", "demonstration",
                                    "demonstrators", "rally", "activist", "activists", "first amendment"]),
    ]

    public var ids: Set<String> { Set(rules.map(\.id)) }

    // MARK: - What a rule and a word may be

    /// A rule id: a plain lower-case word (letters, digits, underscores), not `blank` or `given`.
    public static func isPlainID(_ id: String) -> Bool {
        id.wholeMatch(of: /[a-z][a-z0-9_]{0,39}/) != nil && id != ReasonGroup.blankCode && id != ReasonGroup.givenCode
    }

    /// The punctuation a word may hold besides letters, digits and single spaces: none of it is
    /// special inside a bracket of a regular expression or needs escaping in SQL but `'`.
    public static let punctuation: Set<Unicode.Scalar> = ["(", ")", "'", "’", "-", ".", "&", "/", ",", "#", "+"]

    /// Why `word` cannot be a rule's word, or nil when it can.
    public static func problem(with word: String) -> String? {
        if word.isEmpty || word.allSatisfy(\.isWhitespace) { return "is empty" }
        if word != word.trimmingCharacters(in: .whitespaces) || word.contains("  ") {
            return "has spaces at its ends or two in a row"
        }
        guard word.unicodeScalars.contains(where: isLetterOrDigit) else { return "has no letter or digit" }
        if let odd = word.unicodeScalars.first(where: { !isLetterOrDigit($0) && $0 != " " && !punctuation.contains($0) }) {
            return "holds the character \(String(odd).debugDescription), which a rule's words may not hold (letters, digits, single spaces and \(punctuation.map(String.init).sorted().joined(separator: " ")) only)"
        }
        return nil
    }

    // MARK: - Matching (SQLite)

    /// A word, compiled: its scalars, each with the scalars it matches.
    struct Word: Sendable, Equatable {
        let alternatives: [[Unicode.Scalar]]

        init(_ text: String) {
            let capitals = Self.isWhollyCapitals(text)
            alternatives = text.unicodeScalars.map { scalar in
                capitals ? [scalar] : CaseFolding.equivalents(of: scalar)
            }
        }

        /// Two or more scalars, every one an upper-case letter (`ICE`, `HSI`).
        static func isWhollyCapitals(_ text: String) -> Bool {
            text.unicodeScalars.count >= 2 && text.unicodeScalars.allSatisfy { $0.properties.generalCategory == .uppercaseLetter }
        }

        /// True when the word occurs in `text` with no letter or digit just before or after.
        func occurs(in text: [Unicode.Scalar]) -> Bool {
            let n = alternatives.count
            guard n > 0, text.count >= n else { return false }
            // The scalars first, the boundaries (a lookup of general categories) only where they match.
            for start in 0...(text.count - n) {
                var matches = true
                for (offset, options) in alternatives.enumerated() where !options.contains(text[start + offset]) {
                    matches = false
                    break
                }
                guard matches else { continue }
                if start > 0, isLetterOrDigit(text[start - 1]) { continue }
                if start + n < text.count, isLetterOrDigit(text[start + n]) { continue }
                return true
            }
            return false
        }
    }

    private let matchers: [(id: String, words: [Word])]

    /// Rules are equal when their ids and words are (the matchers follow from them).
    public static func == (a: Self, b: Self) -> Bool { a.rules == b.rules }

    /// The group of a reason: blank when it is empty after trimming white space, else the id
    /// of the first rule that matches, else given.
    public func group(of reason: String?) -> ReasonGroup {
        guard let reason, !Self.isBlank(reason) else { return .blank }
        return matchingRule(in: reason).map(ReasonGroup.rule) ?? .given
    }

    /// The id of the first rule one of whose words occurs in `reason`.
    public func matchingRule(in reason: String) -> String? {
        let scalars = Array(reason.unicodeScalars)
        return matchers.first { $0.words.contains { $0.occurs(in: scalars) } }?.id
    }

    /// The white space the spec's "after trimming" removes, as `AggregateViews` trims it.
    public static let whiteSpace: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r"]

    public static func isBlank(_ text: String) -> Bool { text.unicodeScalars.allSatisfy { whiteSpace.contains($0) } }

    // MARK: - Matching (PostgreSQL)

    /// The regular expression (PostgreSQL's, matched with `~`, case-sensitively, in the "C"
    /// collation) of a rule's words: each scalar that has other case-folding equivalents, and
    /// each punctuation mark, stands in brackets with them (`[kKK]`, `[(]`); a word's ends are
    /// the text's ends or a scalar outside `letterOrDigitRanges`. So the server needs no notion
    /// of letters or case of its own (its ICU may know another Unicode version than Swift's):
    /// both sides decide from the same tables. The pattern holds no backslash, so it reads the
    /// same whatever `standard_conforming_strings` is; none of the characters a word may hold
    /// is special inside a bracket. Empty for a rule without words.
    public static func postgreSQLPattern(_ rule: Rule) -> String {
        guard !rule.words.isEmpty else { return "" }
        let alternatives = rule.words.map { word in
            Word(word).alternatives.map { options -> String in
                guard let only = options.first, options.count == 1 else { return "[\(options.map(String.init).joined())]" }
                return isLetterOrDigit(only) || only == " " ? String(only) : "[\(only)]"
            }.joined()
        }
        let other = "[^\(letterOrDigitRanges)]"
        return "(^|\(other))(\(alternatives.joined(separator: "|")))($|\(other))"
    }

    /// Every letter and digit (`isLetterOrDigit`) as the ranges of a regular expression's
    /// bracket (`0-9A-Za-zª…`), by code point: none of them is special inside a bracket.
    static let letterOrDigitRanges: String = {
        var text = ""
        var start: Unicode.Scalar?
        var last: Unicode.Scalar?
        func close() {
            guard let first = start, let end = last else { return }
            text.unicodeScalars.append(first)
            if end != first {
                if end.value > first.value + 1 { text.unicodeScalars.append("-") }
                text.unicodeScalars.append(end)
            }
        }
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), isLetterOrDigit(scalar) else { continue }
            if let end = last, end.value + 1 == value {
                last = scalar
            } else {
                close()
                start = scalar
                last = scalar
            }
        }
        close()
        return text
    }()

    /// The separator of a rule's words where PostgreSQL's view lists them (no word holds it).
    public static let wordSeparator = "|"
}

/// A letter (general category L) or a decimal digit (Nd), as ICU's `u_isalnum` tells them.
func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
    // ASCII's letters and digits are exactly its scalars of categories L and Nd.
    if scalar.isASCII { return (0x30...0x39).contains(scalar.value) || (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) }
    return switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: true
    default: false
    }
}

/// Unicode simple case folding, as the spec asks a word in any case to match: the scalars
/// that fold alike. Swift gives each scalar's full case mappings and whether folding changes it,
/// not the folding itself: a scalar's simple folding is the first one-scalar case mapping of
/// it that folding leaves alone (`ſ` → `s`, Kelvin `K` → `k`, `ꭰ` → `Ꭰ`), else itself (`ß`,
/// `İ` and `ı` have no simple folding). Computed once over the planes that hold cased letters.
enum CaseFolding {
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard scalar.properties.changesWhenCaseFolded else { return scalar }
        // The simple folding is one scalar that folding leaves alone: usually the lower-case of
        // the upper-case (`ſ` → `S` → `s`), for Cherokee the upper-case (`ꭰ` → `Ꭰ`).
        let upper = single(scalar.properties.uppercaseMapping)
        let lower = single(scalar.properties.lowercaseMapping)
        let candidates = [upper.flatMap { single($0.properties.lowercaseMapping) }, lower, upper,
                          lower.flatMap { single($0.properties.uppercaseMapping) }]
        return candidates.lazy.compactMap { $0 }.first { !$0.properties.changesWhenCaseFolded } ?? scalar
    }

    private static func single(_ text: String) -> Unicode.Scalar? {
        let scalars = text.unicodeScalars
        return scalars.count == 1 ? scalars.first : nil
    }

    /// Every scalar that folds to each folded scalar, those that fold to themselves included.
    private static let classes: [Unicode.Scalar: [Unicode.Scalar]] = {
        var classes: [Unicode.Scalar: Set<Unicode.Scalar>] = [:]
        for value in UInt32(0)...0x1FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.changesWhenCaseFolded else { continue }
            let folded = fold(scalar)
            guard folded != scalar else { continue }
            classes[folded, default: [folded]].insert(scalar)
        }
        return classes.mapValues { $0.sorted { $0.value < $1.value } }
    }()

    /// The scalars that fold as `scalar` does, itself included, in code point order.
    static func equivalents(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        classes[fold(scalar)] ?? [scalar]
    }
}

/// What the search-scope view needs of the site: the reason rules in force and the retention
/// period, against which a search's window is judged. Both are written into the views, so that
/// the database computes each search's groups and returns only those.
public struct SearchScopeSettings: Sendable, Equatable {
    public let rules: ReasonRules
    /// The retention period in 24-hour days.
    public let retentionDays: Int

    public init(rules: ReasonRules, retentionDays: Int) {
        self.rules = rules
        self.retentionDays = retentionDays
    }

    /// The built-in rules and a 60-day retention, for callers that publish no search scope.
    public static let standard = SearchScopeSettings(rules: ReasonRules(ReasonRules.builtIn), retentionDays: 60)

    /// The retention period in seconds.
    public var retentionSeconds: Int64 { Int64(retentionDays) * 86_400 }

    /// A short fingerprint of the settings, which PostgreSQL's views carry so that a build with
    /// other rules or another retention period than the views were made for stops and says so.
    public var fingerprint: String {
        let text = (["retention_days=\(retentionDays)"] + rules.rules.map { "\($0.id)=\($0.words.joined(separator: "\u{1F}"))" })
            .joined(separator: "\u{1E}")
        return String(Digest.sha256(text).prefix(16))
    }
}
