import Testing
@testable import PublicLog

/// The reason rules as the spec words them ("How searches were made, and why"): whole words
/// only (no letter or digit just before or after), capitals-only words in capitals only, other
/// words in any case, the first rule in order; blank after trimming spaces, tabs and line
/// breaks. The expectations were written from the spec's words, and where Unicode makes the
/// question subtle, as PostgreSQL 15 answered it for the same texts (its ICU regular
/// expressions are the other implementation, so the two must agree).
@Suite("Reason rules")
struct ReasonRulesTests {
    static let rules = ReasonRules(ReasonRules.builtIn)

    @Test(arguments: [
        // Capitals-only words: in capitals only, as a whole word.
        ("Assist ICE with a warrant", "immigration"), ("ice on the road", nil), ("Police pursuit", nil), ("ICED coffee", nil),
        ("_ICE_ joint op", "immigration"), ("ICE's request", "immigration"), ("x-ICE-x", "immigration"), ("ICE1", nil),
        ("éICE", nil), ("ΔICE", nil), ("Hsi task force", nil), ("HSI task force", "immigration"),
        // Other words: any case, whole words, listed forms only.
        ("IMMIGRATION check", "immigration"), ("Immigration", "immigration"), ("deporting", nil), ("immigrants", "immigration"),
        ("287(g) task", "immigration"), ("287(G)", "immigration"), ("a287(g)", nil), ("Removal Proceedings", "immigration"),
        ("removal  proceedings", nil), ("İmmigration", nil), ("immigratıon", nil),
        ("Family planning clinic threat", "reproductive_health"), ("abortion", "reproductive_health"),
        ("protesting", nil), ("Stolen car near the protest.", "protest"), ("First Amendment rally", "protest"),
        // Two rules: the first in order wins.
        ("Protest at the ICE office", "immigration"), ("rally for abortion rights", "reproductive_health"),
        ("Stolen vehicle", nil), ("", nil),
    ] as [(String, String?)])
    func aReasonMatchesTheFirstRuleWithOneOfItsWordsAsAWholeWord(_ reason: String, _ rule: String?) {
        #expect(Self.rules.matchingRule(in: reason) == rule)
    }

    @Test func blankIsEmptyAfterSpacesTabsAndLineBreaks() {
        for blank in [nil, "", " ", "\t", "\n", " \r\n\t "] as [String?] {
            #expect(Self.rules.group(of: blank) == .blank, "\(String(describing: blank))")
        }
        #expect(Self.rules.group(of: " x ") == .given)
        #expect(Self.rules.group(of: " ICE\n") == .rule("immigration"))
    }

    @Test func wordsAndIdsARuleMayHave() {
        #expect(ReasonRules.problem(with: "gun show") == nil)
        #expect(ReasonRules.problem(with: "287(g)") == nil)
        for bad in ["", "  ", " gun", "gun  show", "a|b", "x\\y", "[a]", "a:b", "---"] {
            #expect(ReasonRules.problem(with: bad) != nil, "\(bad)")
        }
        #expect(ReasonRules.isPlainID("gun_show"))
        for bad in ["Gun", "gun-show", "blank", "given", "1st", ""] { #expect(!ReasonRules.isPlainID(bad), "\(bad)") }
    }

    /// PostgreSQL's pattern holds no backslash and quotes nothing but through brackets, so a
    /// rule's words cannot break out of the regular expression or the SQL literal; a scalar of
    /// a word in any case stands in brackets with every scalar that folds as it does.
    @Test func thePostgreSQLPatternBracketsPunctuationAndCaseFoldingEquivalents() {
        let pattern = ReasonRules.postgreSQLPattern(.init(id: "x", words: ["287(g)", "ICE", "kiosk", "o'b"]))
        let other = "[^\(ReasonRules.letterOrDigitRanges)]"
        #expect(pattern == "(^|\(other))(287[(][Gg][)]|ICE|[Kk\u{212A}][Ii][Oo][Ss\u{17F}][Kk\u{212A}]|[Oo]['][Bb])($|\(other))")
        #expect(ReasonRules.letterOrDigitRanges.hasPrefix("0-9A-Za-zªµº"))
        #expect(!pattern.contains("\\"))
    }

    /// The spec's "Unicode simple case folding": the long s folds to s, the Kelvin sign to k;
    /// the dotted capital I and the dotless small i fold to themselves (Turkic foldings are not simple ones).
    @Test func wordsInAnyCaseMatchByCaseFolding() {
        let rules = ReasonRules([.init(id: "protest", words: ["protest"]), .init(id: "kiosk", words: ["kiosk"]),
                                 .init(id: "immigration", words: ["immigration"])])
        #expect(rules.matchingRule(in: "PROTE\u{17F}T") == "protest")
        #expect(rules.matchingRule(in: "\u{212A}IOSK") == "kiosk")
        #expect(rules.matchingRule(in: "\u{131}mmigration") == nil)
        #expect(rules.matchingRule(in: "\u{130}mmigration") == nil)
        #expect(rules.matchingRule(in: "IMMIGRATION") == "immigration")
    }
}
