import Testing
import PublicLog
@testable import TransparencyGen

/// What a publication changed is recorded in the ledger as facts and read back the same; the
/// English sentences older versions recorded are kept as written.
@Suite("Publication changes in the ledger")
struct PublicationChangeTests {
    @Test func everyFactReadsBackAsRecorded() throws {
        let changes: [PublicationChange] = [
            .firstPublication(periods: 915, notRecorded: 193), .firstPublication(periods: 1, notRecorded: 0),
            .newAudit(start: try #require(LocalDate(iso: "2024-08-01")), end: try #require(LocalDate(iso: "2026-07-31")), outcome: .compliant),
            .newAudit(start: try #require(LocalDate(iso: "2022-01-01")), end: try #require(LocalDate(iso: "2023-12-31")), outcome: .noncompliant),
            .newPolicy(effective: try #require(LocalDate(iso: "2026-01-15"))), .logMonth(YearMonth(year: 2026, month: 11)),
            .periodsAdded(12), .periodsRevised(1), .siteText,
        ]
        for change in changes {
            #expect(PublicationChange(recorded: change.recorded) == change, "\(change.recorded)")
            #expect(change.recorded.first?.isLowercase == true)
        }
    }

    @Test func sentencesFromOlderVersionsAndDamagedFactsAreKeptAsText() {
        for line in ["First publication of this portal: 3 periods of use in the public log.", "12 periods of use added to the public log.",
                     "New audit: August 1, 2024 to July 31, 2026, compliant.", "new_audit start=2024-08-01 outcome=compliant",
                     "log_month month=November", "periods_added count=twelve", "unknown_fact count=1"] {
            #expect(PublicationChange(recorded: line) == .recordedText(line), "\(line)")
        }
    }

    @Test func eachLanguageWordsTheFacts() throws {
        let spanish = try #require(Language(code: "es"))
        let catalogs = try MessageCatalogs.load(templates: Project.templates, languages: [.english, spanish])
        let change = PublicationChange.periodsAdded(1_234)
        #expect(change.text(catalogs.messages(.english), Format.english) == "1,234 periods of use added to the public log.")
        #expect(change.text(catalogs.messages(spanish), Format(language: spanish)) == "1.234 períodos de uso añadidos al registro público.")
        #expect(PublicationChange.periodsRevised(1).text(catalogs.messages(spanish), Format(language: spanish))
                == "1 período corregido con datos subidos tarde.")
        #expect(PublicationChange.recordedText("As written.").text(catalogs.messages(spanish), Format(language: spanish)) == "As written.")
    }
}
