import Foundation

/// The spec's rules that several tests' references share, written from its text for their
/// expectations, with no code of the generator's: the reason rules' word matching ("How
/// searches were made, and why": a word matches when it occurs with no letter or digit just
/// before or after; a word wholly in capitals, two or more, only in capitals, any other in any
/// case, by Unicode simple case folding), and the local days of the agency's time zone.
enum SpecReference {
    static let zone = TimeZone(identifier: "America/Chicago")!

    /// The built-in reason rules, in the spec's order, with the spec's words.
    static let rules: [(id: String, words: [String])] = [
        ("immigration", ["immigration", "immigrant", "immigrants", "deport", "deported", "deportation", "removal proceedings",
                         "undocumented", "illegal alien", "visa overstay", "border patrol", "ICE", "HSI", "ERO", "CBP", "287(g)"]),
        ("reproductive_health", ["abortion", "abortions", "reproductive", "family planning", "planned parenthood"]),
        ("protest", ["protest", "protests", "protester", "protesters", "protestor", "protestors", "demonstration", "demonstrators",
                     "rally", "activist", "activists", "first amendment"]),
    ]

    /// Blank: NULL, or nothing but spaces, tabs and line breaks.
    static func isBlank(_ text: String?) -> Bool {
        guard let text else { return true }
        return text.unicodeScalars.allSatisfy { [" ", "\t", "\n", "\r"].contains($0) }
    }

    /// A reason's group: blank, else the first rule one of whose words occurs, else given.
    static func reasonGroup(_ reason: String?, rules: [(id: String, words: [String])] = rules) -> String {
        guard let reason, !isBlank(reason) else { return "blank" }
        let text = Array(reason.unicodeScalars)
        return rules.first { $0.words.contains { occurs($0, in: text) } }?.id ?? "given"
    }

    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    /// The local date of an instant in the agency's time zone.
    static func localDate(_ iso: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date(iso))
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// The last day a publication made at `now` holds: the local day before `now`'s (the
    /// generator publishes whole days only).
    static func asOf(_ now: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let yesterday = calendar.date(byAdding: .day, value: -1, to: calendar.startOfDay(for: date(now)))!
        let parts = calendar.dateComponents([.year, .month, .day], from: yesterday)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// A letter (general category L*) or a digit (Nd).
    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: true
        default: false
        }
    }

    /// Unicode simple case folding: Foundation's (full) folding when it gives one scalar; else
    /// the lower-case letter that folds the same (the simple folding of `ẞ` is `ß`), else itself.
    static func simpleFold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let full = String(scalar).folding(options: .caseInsensitive, locale: nil)
        if full.unicodeScalars.count == 1, let only = full.unicodeScalars.first { return only }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let only = lower.first, String(only).folding(options: .caseInsensitive, locale: nil) == full { return only }
        return scalar
    }

    static func occurs(_ word: String, in text: [Unicode.Scalar]) -> Bool {
        let w = Array(word.unicodeScalars)
        let capitals = w.count >= 2 && w.allSatisfy { $0.properties.generalCategory == .uppercaseLetter }
        guard !w.isEmpty, text.count >= w.count else { return false }
        for start in 0...(text.count - w.count) {
            let end = start + w.count
            if start > 0, isLetterOrDigit(text[start - 1]) { continue }
            if end < text.count, isLetterOrDigit(text[end]) { continue }
            if zip(w, text[start..<end]).allSatisfy({ capitals ? $0 == $1 : simpleFold($0) == simpleFold($1) }) { return true }
        }
        return false
    }
}
