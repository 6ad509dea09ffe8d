import Foundation

/// A language the site's explanatory pages are written in, by its ISO 639 code.
public struct Language: Sendable, Equatable, Hashable {
    public let code: String

    /// Every ISO 639 code this system knows (from ICU), e.g. en, es, so, hmn, vi.
    static let knownCodes: Set<String> = Set(Locale.LanguageCode.isoLanguageCodes.map(\.identifier))

    /// Languages often needed in Minnesota, shown as examples in error messages.
    static let examples = "en (English), es (Spanish), so (Somali), hmn (Hmong), vi (Vietnamese), om (Oromo), ru (Russian), ar (Arabic), zh (Chinese)"

    /// Names as speakers write them, where ICU's differ from the script used in Minnesota.
    private static let nativeNames = ["hmn": "Hmoob", "om": "Afaan Oromoo"]

    public init?(code: String) {
        let lowered = code.lowercased()
        guard Self.knownCodes.contains(lowered) else { return nil }
        self.code = lowered
    }

    public static let english = Language(code: "en") ?? Language(unchecked: "en")
    private init(unchecked code: String) { self.code = code }

    /// The language's name in itself ("Español"), for links to a page in that language.
    public var nativeName: String {
        let name = Self.nativeNames[code] ?? Locale(identifier: code).localizedString(forLanguageCode: code) ?? code
        return name.prefix(1).uppercased() + name.dropFirst()
    }
}
