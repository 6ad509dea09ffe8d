import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// `check` points at searches for other agencies that no agreement in force covers, naming
/// public facts only (the agency's id and name, dates, counts).
@Suite("Sharing warnings")
struct SharingWarningsTests {
    @Test func searchesOutsideAnAgreementAndForUnnamedAgenciesAreReported() throws {
        let site = SiteFixture()
        let db = FixtureDatabase(path: site.databasePath)
        for (id, name, jurisdiction, from, until) in [
            ("wi-dnr", "Wisconsin DNR", "other_state", "2023-01-01", "2024-10-31"),
            ("maple", "Maple Grove PD", "minnesota", "2023-01-01", nil),
            ("rogers", "Rogers PD", "minnesota", "2025-01-01", nil),
            ("fbi-tf", "FBI task force", "federal", nil, nil),
        ] as [(String, String, String, String?, String?)] {
            db.insert("sharing_agency", ["agency_id": id, "name": name, "jurisdiction": jurisdiction,
                                         "agreement_from": from, "agreement_until": until])
        }
        func search(_ at: String, id: String?, text: String? = nil) {
            db.insert("data_access", ["accessed_at": at, "user_name": "officer.private", "purpose": "criminal_investigation",
                                      "requesting_agency": text, "requesting_agency_id": id, "case_number": "CASE-SECRET",
                                      "query_text": "PLATE-SECRET"])
        }
        search("2024-10-31T15:00:00Z", id: "wi-dnr")      // the agreement's last day: covered
        search("2024-11-02T15:00:00Z", id: "wi-dnr")      // after it ended
        search("2024-11-05T15:00:00Z", id: "wi-dnr")
        search("2024-11-06T15:00:00Z", id: "rogers")      // before it begins
        search("2024-11-06T16:00:00Z", id: "maple")       // covered
        search("2024-11-06T17:00:00Z", id: "fbi-tf")      // case by case: no agreement to be outside of
        search("2024-11-07T17:00:00Z", id: nil, text: "Private Agency Text")
        search("2024-11-07T18:00:00Z", id: nil)           // this agency's own
        db.close()
        let warnings = try SiteBuilder(options: site.options(now: "2024-11-20T18:00:00Z")).check()
        let text = warnings.joined(separator: "\n")
        #expect(text.contains("2 searches were made for Wisconsin DNR (wi-dnr) outside its agreement (2023-01-01 to 2024-10-31), the first on 2024-11-02."))
        #expect(text.contains("1 search was made for Rogers PD (rogers) outside its agreement (2025-01-01 to now), the first on 2024-11-06."))
        #expect(!text.contains("Maple Grove PD") && !text.contains("FBI task force"))
        #expect(text.contains("1 search was made for another agency that the export does not name"))
        for secret in ["Private Agency Text", "officer.private", "CASE-SECRET", "PLATE-SECRET"] {
            #expect(!text.contains(secret), "\(secret)")
        }
    }
}
