import Foundation

/// The spec's word matching ("How searches were made, and why"), written from its text for
/// tests' expectations: no code of the generator's. A word matches when it occurs with no
/// letter or digit just before or after; a word wholly in capitals (two or more) only in
/// capitals, any other in any case, by Unicode simple case folding.
enum SpecWordMatching {
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
