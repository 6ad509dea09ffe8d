/// The two private-use characters the portal reserves for marks of its own while a page is
/// made (English text on a partly translated page, which becomes a `lang` span). Text from
/// outside (a database's row, a site file) never holds them: each becomes U+FFFD, the
/// replacement character, as it is read, so that no data can ever turn into markup.
public enum ReservedCharacters {
    public static let open: Unicode.Scalar = "\u{E000}"
    public static let close: Unicode.Scalar = "\u{E001}"

    /// `text` with each reserved character replaced by U+FFFD.
    public static func cleaned(_ text: String) -> String {
        // Both are EE 80 80 and EE 80 81 in UTF-8: text without the byte EE needs no look.
        guard text.utf8.contains(0xEE) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(scalar == open || scalar == close ? "\u{FFFD}" : scalar)
        }
        return String(scalars)
    }
}
