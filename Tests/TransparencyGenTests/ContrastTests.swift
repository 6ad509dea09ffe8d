import Foundation
import Testing

/// WCAG 2.1 AA contrast of the colours the stylesheet actually sets, pair by pair as the
/// templates use them: 4.5:1 for text, 3:1 for large text, chart bars, map markers and focus rings.
@Suite("Colour contrast (WCAG 2.1 AA)")
struct ContrastTests {
    static let stylesheet = (try? String(contentsOf: Project.templates.appendingPathComponent("assets/style.css"), encoding: .utf8)) ?? ""

    /// `--name: #rrggbb;` declarations of `:root`.
    static let palette: [String: String] = {
        var colours: [String: String] = [:]
        guard let start = stylesheet.range(of: ":root {"), let end = stylesheet.range(of: "}", range: start.upperBound..<stylesheet.endIndex) else { return colours }
        for declaration in stylesheet[start.upperBound..<end.lowerBound].split(separator: ";") {
            let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if parts.count == 2, parts[0].hasPrefix("--"), parts[1].hasPrefix("#") { colours[String(parts[0].dropFirst(2))] = parts[1] }
        }
        return colours
    }()

    /// Relative luminance as WCAG 2.1 defines it.
    static func luminance(_ hex: String) -> Double? {
        var digits = hex.trimmingCharacters(in: CharacterSet(charactersIn: "#"))
        if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        func channel(_ shift: UInt32) -> Double {
            let c = Double((value >> shift) & 0xFF) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }

    static func ratio(_ a: String, _ b: String) -> Double? {
        guard let la = luminance(a), let lb = luminance(b) else { return nil }
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// `name` is a palette entry or a literal `#hex`.
    static func colour(_ name: String) -> String? { name.hasPrefix("#") ? name : palette[name] }

    @Test func theFormulaGivesWCAGsPublishedValues() throws {
        #expect(try #require(Self.ratio("#000000", "#ffffff")) == 21)
        #expect(try #require(Self.ratio("#ffffff", "#ffffff")) == 1)
        // #767676 on white is the lightest grey that passes 4.5:1; #777777 is the first that fails.
        #expect(try #require(Self.ratio("#767676", "#fff")) >= 4.5)
        #expect(try #require(Self.ratio("#777777", "#fff")) < 4.5)
    }

    @Test(arguments: [
        // Body text, muted notes and captions on white and on the grey panels and table heads.
        ("ink", "paper", 4.5), ("ink", "wash", 4.5), ("muted", "paper", 4.5), ("muted", "wash", 4.5),
        // Links, on white and on panels; hover colour.
        ("brand", "paper", 4.5), ("brand", "wash", 4.5), ("brand-dark", "paper", 4.5), ("brand-dark", "wash", 4.5),
        // Header text, navigation, buttons, current page number, map numbers: white on blue.
        ("paper", "brand", 4.5), ("paper", "brand-dark", 4.5), ("brand-dark", "paper", 4.5),
        // Outcomes: compliant and not compliant (always with words too, never colour alone).
        ("ok", "paper", 4.5), ("ok", "wash", 4.5), ("warn", "paper", 4.5), ("warn", "wash", 4.5),
        // The notice box.
        ("ink", "#fff8c5", 4.5),
        // Road names on the map's ground and its white town; markers on the ground.
        ("#57606a", "#f4f6f4", 4.5), ("#57606a", "paper", 4.5), ("brand", "#f4f6f4", 3),
        // Chart bars and map markers against the chart background (non-text, 3:1).
        ("brand", "paper", 3), ("brand", "wash", 3), ("muted", "wash", 3),
        // Focus: the dark ring on white and on panels, the yellow ring on the blue header.
        ("ink", "paper", 3), ("ink", "wash", 3), ("focus", "brand", 3), ("focus", "ink", 3),
    ])
    func pairMeetsAA(foreground: String, background: String, minimum: Double) throws {
        let fg = try #require(Self.colour(foreground), "\(foreground) is not in the stylesheet's :root")
        let bg = try #require(Self.colour(background), "\(background) is not in the stylesheet's :root")
        let contrast = try #require(Self.ratio(fg, bg))
        #expect(contrast >= minimum, "\(foreground) \(fg) on \(background) \(bg) is \(String(format: "%.2f", contrast)):1, needs \(minimum):1")
    }

    @Test func theHeaderSubtitleStaysReadableAtItsOpacity() throws {
        // `.brand-program` is white at 90 % opacity over the blue header.
        #expect(Self.stylesheet.contains(".brand-program { font-size: 0.85rem; opacity: 0.9; }"))
        let brand = try #require(Self.colour("brand"))
        let value = try #require(UInt32(brand.dropFirst(), radix: 16))
        func blend(_ shift: UInt32) -> Int { Int((0.9 * 255 + 0.1 * Double((value >> shift) & 0xFF)).rounded()) }
        let mixed = String(format: "#%02x%02x%02x", blend(16), blend(8), blend(0))
        #expect(try #require(Self.ratio(mixed, brand)) >= 4.5)
    }
}
