import Testing
import PublicLog
import TestSupport
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
            // Names with spaces, an equals sign, a percent sign and a line break stay one word each.
            .agreementStarted(agency: "Hennepin County Sheriff's Office", on: try #require(LocalDate(iso: "2026-11-01"))),
            .agreementEnded(agency: "A=B 100% \nforged_fact count=1", on: try #require(LocalDate(iso: "2026-10-09"))),
            .agencyAdded(agency: "Ramsey County Sheriff's Office"), .agencyRemoved(agency: "x y=z\nagency_added agency=Forged"),
            .readerAdded(reader: "Camera 8", on: try #require(LocalDate(iso: "2026-11-02"))),
            .readerMoved(reader: "Trailer 1", to: "Co Rd 19 near St Hwy 55", on: try #require(LocalDate(iso: "2026-11-03"))),
            .readerRetired(reader: "Camera 0 (retired)", on: try #require(LocalDate(iso: "2026-11-04"))),
        ]
        for change in changes {
            #expect(PublicationChange(recorded: change.recorded) == change, "\(change.recorded)")
            #expect(change.recorded.first?.isLowercase == true)
        }
    }

    /// Issue 26 item 6: agreements that began or ended and readers added, moved or taken out of
    /// service since the last publication are facts of the next one; a move to or from a place
    /// classified as security information never is.
    @Test func sharingAndReaderChangesAreFactsOfTheNextPublication() throws {
        let site = SiteFixture()
        let db = FixtureDatabase(path: site.databasePath)
        db.reader("FX-1", kind: "fixed", label: "Camera 1", installedOn: "2024-01-01")
        db.location("FX-1", "Main St at 5th Ave", placedOn: "2024-01-01", removedOn: "2024-11-05")
        db.location("FX-1", "Elm St at 2nd Ave", placedOn: "2024-11-06")
        db.reader("PT-1", kind: "portable", label: "Trailer 1", installedOn: "2024-01-01")
        db.location("PT-1", "Oak Rd near Lake St", placedOn: "2024-01-01", removedOn: "2024-11-04")
        db.location("PT-1", "SECRET-SPOT", placedOn: "2024-11-05", security: true)
        db.reader("FX-2", kind: "fixed", label: "Camera 2", installedOn: "2024-11-07")
        db.location("FX-2", "Pine Ave at 9th St", placedOn: "2024-11-07")
        db.reader("FX-0", kind: "fixed", label: "Camera 0", installedOn: "2023-01-01", decommissionedOn: "2024-11-08")
        db.insert("sharing_agency", ["agency_id": "maple", "name": "Maple Grove PD", "jurisdiction": "minnesota", "agreement_from": "2024-11-02"])
        db.insert("sharing_agency", ["agency_id": "wi", "name": "St. Croix County", "jurisdiction": "other_state",
                                     "agreement_from": "2022-01-01", "agreement_until": "2024-11-03"])
        db.insert("sharing_agency", ["agency_id": "old", "name": "Old Agency", "jurisdiction": "minnesota",
                                     "agreement_from": "2020-01-01", "agreement_until": "2021-01-01"])
        db.period("FX-1", "2024-10-30T12:00:00Z", "2024-10-30T20:00:00Z")
        db.close()
        try site.build(now: "2024-11-01T18:00:00Z")
        // Changes from November 1 to November 10.
        try site.build(now: "2024-11-10T18:00:00Z")
        let ledger = try Ledger(path: site.site.appendingPathComponent("ledger.sqlite").path, readOnly: true)
        let publications = try ledger.publications()
        #expect(publications.count == 2)
        let first = try #require(publications.first).changes, second = try #require(publications.last).changes
        func day(_ text: String) throws -> LocalDate { try #require(LocalDate(iso: text)) }
        #expect(!first.contains { if case .agreementStarted = $0 { true } else { false } }, "the first publication lists everything as new, not as changes")
        for fact in [PublicationChange.agreementStarted(agency: "Maple Grove PD", on: try day("2024-11-02")),
                     .agreementEnded(agency: "St. Croix County", on: try day("2024-11-03")),
                     .readerMoved(reader: "Camera 1", to: "Elm St at 2nd Ave", on: try day("2024-11-06")),
                     .readerAdded(reader: "Camera 2", on: try day("2024-11-07")),
                     .readerRetired(reader: "Camera 0", on: try day("2024-11-08"))] {
            #expect(second.contains(fact), "\(fact.recorded) is not a fact of the second publication: \(second.map(\.recorded))")
        }
        // Trailer 1 went to a place that is security information: nothing is told of it; nor of an agreement long over.
        #expect(!second.contains { $0.recorded.contains("Trailer") || $0.recorded.contains("SECRET") || $0.recorded.contains("Old") })
        let history = try #require(site.outputText("changes/index.html"))
        #expect(history.contains("Data sharing agreement with Maple Grove PD began on November 2, 2024."))
        #expect(history.contains("Camera 1 moved to Elm St at 2nd Ave on November 6, 2024."))
        #expect(!site.outputFiles().values.contains { String(decoding: $0, as: UTF8.self).contains("SECRET-SPOT") })
    }

    /// Issue 26 item 6: an agency that joins or leaves the export's list of agencies the data
    /// are shared with is a fact of the next publication, by its id in the export; one whose
    /// agreement began since is told by that alone. Names that could forge a line stay whole.
    @Test func agenciesAddedToOrRemovedFromTheListAreFactsOfTheNextPublication() throws {
        let site = SiteFixture()
        let db = FixtureDatabase(path: site.databasePath)
        db.reader("FX-1", kind: "fixed", label: "Camera 1", installedOn: "2024-01-01")
        db.location("FX-1", "Main St at 5th Ave", placedOn: "2024-01-01")
        db.period("FX-1", "2024-10-30T12:00:00Z", "2024-10-30T20:00:00Z")
        db.insert("sharing_agency", ["agency_id": "anoka", "name": "Anoka County Sheriff", "jurisdiction": "minnesota"])
        db.insert("sharing_agency", ["agency_id": "odd", "name": "Odd = Name\nagency_added agency=Forged", "jurisdiction": "tribal"])
        db.insert("sharing_agency", ["agency_id": "renamed", "name": "Plymouth PD", "jurisdiction": "minnesota"])
        db.close()
        try site.build(now: "2024-11-01T18:00:00Z")
        let edit = FixtureDatabase(existing: site.databasePath)
        edit.exec("DELETE FROM sharing_agency WHERE agency_id IN ('anoka', 'odd')")
        edit.exec("UPDATE sharing_agency SET name = 'Plymouth Police Department' WHERE agency_id = 'renamed'")
        edit.insert("sharing_agency", ["agency_id": "ramsey", "name": "Ramsey County Sheriff", "jurisdiction": "minnesota"])
        edit.insert("sharing_agency", ["agency_id": "fbi", "name": "FBI Minneapolis", "jurisdiction": "federal", "agreement_from": "2024-11-05"])
        edit.close()
        try site.build(now: "2024-11-10T18:00:00Z")
        let publications = try Ledger(path: site.site.appendingPathComponent("ledger.sqlite").path, readOnly: true).publications()
        #expect(publications.count == 2)
        #expect(publications.first?.sharingAgencies?.map(\.name).sorted()
                == ["Anoka County Sheriff", "Odd = Name\nagency_added agency=Forged", "Plymouth PD"])
        let agencyFacts = try #require(publications.last).changes.filter {
            switch $0 {
            case .agencyAdded, .agencyRemoved, .agreementStarted: true
            default: false
            }
        }
        let expected: [PublicationChange] = [
            .agencyAdded(agency: "Ramsey County Sheriff"), .agencyRemoved(agency: "Anoka County Sheriff"),
            .agencyRemoved(agency: "Odd = Name\nagency_added agency=Forged"),
            .agreementStarted(agency: "FBI Minneapolis", on: try #require(LocalDate(iso: "2024-11-05"))),
        ]
        #expect(agencyFacts == expected, "\(agencyFacts.map(\.recorded))")
        let history = try #require(site.outputText("changes/index.html"))
        #expect(history.contains("Ramsey County Sheriff was added to the agencies the data are shared with."))
        #expect(history.contains("Anoka County Sheriff is no longer listed among the agencies the data are shared with."))
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
