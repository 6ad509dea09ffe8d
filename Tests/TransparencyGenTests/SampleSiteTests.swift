import Foundation
import Testing
import PublicLog
import Samples
import TestSupport
@testable import TransparencyGen

/// The project's own site folder (site.yaml, content/, templates/) builds from the generated
/// sample agency, as the README's quick start promises.
@Suite("The shipped sample portal")
struct SampleSiteTests {
    let now = Instant(iso: "2026-11-21T15:00:00Z")!

    @Test func buildsFromTheGeneratedSampleAgency() throws {
        let out = temporaryFolder("sample")
        defer { try? FileManager.default.removeItem(at: out) }
        let output = out.appendingPathComponent("public")
        let report = try SiteBuilder(options: BuildOptions(siteDirectory: Project.root, output: output, now: now,
                                                           sampleScale: 0.05)).build()
        #expect(report.usedSampleDatabase)
        #expect(report.periods > 500)
        for page in ["index.html", "log/index.html", "locations/index.html", "policy/index.html", "audits/index.html",
                     "data/index.html", "faq/index.html", "request-your-data/index.html", "data/public-log.csv"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(page).path), "missing \(page)")
        }
        let locations = try String(contentsOf: output.appendingPathComponent("data/fixed-locations.csv"), encoding: .utf8)
        // The sample's security-information placement is never published.
        #expect(!locations.contains("Public Works yard"))
        #expect(locations.contains("Co Rd 30 near Co Rd 101"))
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!home.contains("Regional Task Force Watch List"))
    }

    @Test func theSampleDatabaseIsDeterministic() throws {
        let folder = temporaryFolder("sampledb")
        defer { try? FileManager.default.removeItem(at: folder) }
        let zone = AgencyTimeZone(identifier: "America/Chicago")!
        let a = folder.appendingPathComponent("a.sqlite").path
        let b = folder.appendingPathComponent("b.sqlite").path
        try SampleDatabaseWriter(now: now, timeZone: zone, scale: 0.05).write(to: a)
        try SampleDatabaseWriter(now: now, timeZone: zone, scale: 0.05).write(to: b)
        #expect(fileBytes(a) == fileBytes(b))
    }

    @Test func checkReportsStatutoryWarningsAndWritesNothing() throws {
        let site = SiteFixture()
        let db = FixtureDatabase(path: site.databasePath)
        db.reader("FX-LATE", kind: "fixed", label: "Late camera", installedOn: "2024-03-01", bcaNotifiedOn: "2024-03-20")
        db.reader("FX-NONE", kind: "fixed", label: "Unnoticed camera", installedOn: "2024-03-01", bcaNotifiedOn: nil)
        db.location("FX-LATE", "Somewhere", placedOn: "2024-03-01")
        db.period("FX-LATE", "2024-11-01T12:00:00Z", "2024-11-04T12:00:00Z", id: 77)
        db.read("FX-NONE", "2024-11-02T12:00:00Z", plate: "NOWHERE")
        db.close()
        site.write("content/audits/2024-audit.md", """
            ---
            auditor: A
            period_start: 2022-08-01
            period_end: 2024-07-31
            completed_on: 2024-09-01
            submitted_on: 2024-10-15
            outcome: compliant
            ---
            """)
        let warnings = try SiteBuilder(options: site.options(now: "2026-11-20T00:00:00Z")).check()
        let text = warnings.joined(separator: "\n")
        #expect(text.contains("FX-LATE (Late camera): the BCA was notified on 2024-03-20, 19 days after installation"))
        #expect(text.contains("FX-NONE (Unnoticed camera) was installed on 2024-03-01 but no BCA notice"))
        #expect(text.contains("Audit 2024-audit: its report was sent on 2024-10-15, more than 30 days"))
        #expect(text.contains("The next biennial audit was due by 2026-09-01 and is overdue"))
        #expect(text.contains("FX-NONE (Unnoticed camera) is a fixed reader in service with no placement"))
        #expect(text.contains("1 period of active use lasts longer than 48 hours, e.g. period 77 (FX-LATE)"))
        #expect(text.contains("1 plate read falls outside every period"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
        #expect(!text.contains("NOWHERE"))
    }
}
