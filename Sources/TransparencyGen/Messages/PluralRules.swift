/// CLDR's plural categories, as a catalog names a plural message's forms.
enum PluralCategory: String, CaseIterable, Sendable, Comparable {
    case zero, one, two, few, many, other

    static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// Which plural forms a language needs and which one a count takes, for the languages this
/// portal is translated into. Foundation does not expose CLDR's plural rules, so they are
/// written here from CLDR's tables (integers only: counts are whole numbers).
enum PluralRules {
    /// Languages with no grammatical plural (CLDR: `other` only).
    private static let otherOnly: Set<String> = ["hmn", "vi", "zh", "ja", "ko", "th", "lo", "km", "my", "id", "ms"]

    /// The forms a plural message in `language` must have.
    static func categories(for language: Language) -> [PluralCategory] {
        otherOnly.contains(language.code) ? [.other] : [.one, .other]
    }

    /// The form `count` takes in `language`: `one` for exactly 1 where the language has it.
    static func category(of count: Int, in language: Language) -> PluralCategory {
        categories(for: language).contains(.one) && count == 1 ? .one : .other
    }
}
