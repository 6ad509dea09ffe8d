import CSQLite
import Foundation
import Testing
import PublicLog
import TestSupport
@testable import TransparencyGen

/// `transparency-gen import flock-audit` and `import flock-portal-audit` (spec/import.md), run as
/// a black box through the built binary. Every imported `data_access` row is compared column by
/// column with a small reference of the spec's mapping table written here from its text; it
/// shares no code with the importer (PublicLog's `Digest.sha256` gives the SHA-256 only).
///
/// Where the spec leaves a choice open, the reference accepts both: an empty `Case #` or
/// `Reason` cell may be stored as NULL or as an empty text (both read as "not recorded"/"blank"),
/// and another agency's `Org Name` may be stored as written or trimmed.
@Suite("Importing Flock's audits")
struct FlockImportTests {
    static let agencyName = "Test Police Department"
    static let ownOrgs = ["Metro Transit PD", "Test PD Records Unit", "Police de Québec"]
    static let now = "2024-11-20T18:00:00Z"

    /// The sharing agencies of the fixture databases: id, name, jurisdiction.
    static let sharingAgencies: [(id: String, name: String, jurisdiction: String)] = [
        ("hennepin-so", "Hennepin County Sheriff's Office", "minnesota"),
        ("ramsey-so", "Ramsey County Sheriff's Office", "minnesota"),
        ("fbi", "Federal Bureau of Investigation", "federal"),
        ("sq", "Sûreté du Québec", "other_state"),
        ("anoka-so", "Anoka County Sheriff's Office", "minnesota"),
    ]

    /// `--agency-names`: names padded and in another case, matched trimmed and ignoring case.
    static let agencyNamesCSV = """
        name,agency_id
        Hennepin County Sheriff's Office,hennepin-so
          ramsey county so  ,ramsey-so
        Federal Bureau of Investigation,fbi
        SÛRETÉ DU QUÉBEC,sq
        "Office of the Sheriff, Anoka County",anoka-so

        """

    /// The ids `--agency-names` gives, keyed as the reference matches them.
    static let agencyIDs: [String: String] = [
        "hennepin county sheriff's office": "hennepin-so", "ramsey county so": "ramsey-so", "federal bureau of investigation": "fbi",
        "sûreté du québec": "sq", "office of the sheriff, anoka county": "anoka-so",
    ]

    // MARK: - Layouts and rows

    /// The rows of `everyLayoutImportsAsTheMappingTableSays`, each exercising values of the spec.
    static let rows: [AuditRow] = [
        AuditRow(id: "FLK-0001", name: "officer.alpha", org: "Test Police Department", networks: "1", devices: "4",
                 timeFrame: "9/1/2024, 3:00:00 PM UTC\n10/1/2024, 3:00:00 PM UTC", plate: "ABC123", reason: "AMBER alert",
                 caseNumber: "24-000123", searchTime: "10/1/2024, 3:04:05 PM UTC", searchType: "lookup"),
        AuditRow(id: "FLK-0002", name: "officer.bravo", org: " test police department ", networks: "27", devices: "1204",
                 timeFrame: "8/2/2024, 1:02:03 AM UTC to 10/2/2024, 1:02:03 AM UTC", reason: "Runaway juvenile",
                 filters: "Make: Toyota, Color: Red", searchTime: "10/2/2024, 1:02:03 AM UTC", searchType: "search"),
        AuditRow(id: "FLK-0003", name: "***", org: "", plate: "[REDACTED]", reason: "audit", caseNumber: "REDACTED",
                 searchTime: "10/3/2024, 12:05:09 AM UTC", searchType: "search - Mobile", prompt: "red pickup with a ladder rack",
                 moderation: "approved"),
        AuditRow(id: "FLK-0004", name: "officer.charlie", org: "Hennepin County Sheriff's Office", networks: "1500",
                 timeFrame: "2024-08-01T00:00:00Z\n2024-10-04T12:05:09Z", plate: "XYZ 987", reason: "", caseNumber: "###",
                 searchTime: "10/4/2024, 12:05:09 PM UTC", searchType: "multiGeo"),
        AuditRow(id: "FLK-0005", name: "officer.delta", org: "HENNEPIN COUNTY SHERIFF'S OFFICE", networks: "3", devices: "12",
                 timeFrame: "1/5/2024, 9:00:00 AM UTC to 10/5/2024, 9:00:00 AM UTC", reason: "dismissing charges follow-up",
                 caseNumber: "24-77", filters: "Body Type: SUV", searchTime: "2024-10-05T16:07:08Z", searchType: "apiLookup"),
        AuditRow(id: "FLK-0006", name: "officer.echo", org: "Unknown Agency PD", networks: "2", plate: "KLM555",
                 reason: "Missing-person case", searchTime: "2024-10-06T16:07:08.987Z", searchType: "convoy"),
        AuditRow(id: "FLK-0007", name: "officer.foxtrot", org: "Metro Transit PD", networks: "11", reason: "Endangered adult",
                 searchTime: "10/7/2024, 11:59:59 PM UTC", searchType: "freeform",
                 prompt: "person in a \"blue\" jacket, northbound"),
        AuditRow(id: "FLK-0008", name: "officer.golf", org: "  METRO TRANSIT PD", reason: "   ",
                 searchTime: "10/8/2024, 12:00:00 AM UTC", searchType: "visual", moderation: "flagged"),
        AuditRow(id: "FLK-0009", name: "officer.hotel", org: "test pd records unit", plate: "JKL 321", reason: "audits",
                 filters: "State: MN", searchTime: "10/9/2024, 12:00:00 PM UTC", searchType: "teleport", prompt: "white van"),
        AuditRow(id: "FLK-0010", name: "officer.india", org: "Ramsey County SO", networks: "100", reason: "AUDIT",
                 searchTime: "11/10/2024, 9:08:07 AM UTC", searchType: ""),
        AuditRow(id: "FLK-0011", name: "officer.juliet", org: "FBI", networks: "1001", reason: "Audit re missing juvenile",
                 caseNumber: "24-1", searchTime: "11/11/2024, 10:11:12 AM UTC", searchType: "lookup - Mobile"),
        AuditRow(id: "FLK-0012", name: "officer.kilo", org: "Test Police Department",
                 timeFrame: "12/1/2023, 12:00:00 PM UTC to 12/31/2023, 12:00:00 AM UTC", reason: "amber missing",
                 searchTime: "12/31/2023, 12:00:00 AM UTC", searchType: "search"),
        AuditRow(id: "FLK-0013", name: "officer.lima", org: "Federal Bureau of Investigation", reason: "Amber's car",
                 searchTime: "2/29/2024, 1:00:00 PM UTC", searchType: "lookup"),
        AuditRow(id: "FLK-0014", name: "officer.mike", reason: "amberalert", searchTime: "3/9/2024, 4:05:06 AM UTC", searchType: "lookup"),
        AuditRow(id: "FLK-0015", name: "officer.november", reason: "Stolen vehicle; runaway?",
                 searchTime: "2024-03-10T08:30:00.5Z", searchType: "search"),
        AuditRow(id: "FLK-0016", name: "officer.oscar", networks: "5", timeFrame: "2024-10-01T00:00:00.250Z to 2024-11-03T07:30:00Z",
                 plate: "ABC123", reason: "Police request", filters: "Color: Blue", searchTime: "11/3/2024, 7:30:00 AM UTC",
                 searchType: "search", prompt: "sedan"),
        AuditRow(id: "FLK-0017", name: "agent.tremblay", org: "Sûreté du Québec", networks: "9", reason: "Enlèvement — AMBER",
                 searchTime: "11/12/2024, 10:00:00 PM UTC", searchType: "lookup"),
        AuditRow(id: "FLK-0018", name: "deputy.papa", org: "office of the sheriff, anoka county", reason: "warrant",
                 searchTime: "11/13/2024, 10:00:00 PM UTC", searchType: "search"),
        AuditRow(id: "FLK-0019", name: "agent.roy", org: "POLICE DE QUÉBEC", reason: "Personne disparue", caseNumber: "QC-1",
                 searchTime: "11/14/2024, 10:00:00 PM UTC", searchType: "search", moderation: ""),
    ]

    static let layouts: [AuditLayout] = [
        .current, .devices, .older, .ownAgency, .ownAgencyOlder, .reordered, .variants, .olderVariants,
    ]

    // MARK: - Running the tool

    /// Writes `data` as `name` in `folder` and returns its path.
    @discardableResult
    static func write(_ data: Data, _ name: String, in folder: URL) -> String {
        let url = folder.appendingPathComponent(name)
        try? data.write(to: url)
        return url.path
    }

    /// A fixture database with the operational schema and the sharing agencies, nothing else.
    static func databaseWithAgencies(_ path: String) {
        let db = FixtureDatabase(path: path)
        for agency in sharingAgencies {
            db.insert("sharing_agency", ["agency_id": agency.id, "name": agency.name, "jurisdiction": agency.jurisdiction])
        }
        db.close()
    }

    static func importAudit(_ files: [String], database: String, site: SiteFixture, format: String = "flock-audit",
                            extra: [String] = []) throws -> ImportTool.Run {
        try ImportTool.run(["import", format] + files + ["--database", database, "--site", site.site.path] + extra)
    }

    static func ownOrgArguments() -> [String] { ownOrgs.flatMap { ["--own-org", $0] } }

    /// Records an issue unless the import exited 0.
    static func expectSuccess(_ run: ImportTool.Run, _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 0, "import failed \(what): status \(run.status), stderr: \(run.error) stdout: \(run.output)",
                sourceLocation: sourceLocation)
    }

    /// Records an issue for every difference between `data_access` and `expected` (keyed by vendor_search_id).
    static func expectRows(_ path: String, _ expected: [[String: StoredValue]], _ what: String = "",
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        let actual = try SQLiteFile.rows(path, table: "data_access", columns: FlockReference.columns)
        #expect(actual.count == expected.count, "\(what): \(actual.count) rows imported, \(expected.count) expected",
                sourceLocation: sourceLocation)
        var byID: [StoredValue: [String: StoredValue]] = [:]
        for row in actual { byID[row["vendor_search_id"] ?? .null] = row }
        var differences: [String] = []
        for row in expected {
            let id = row["vendor_search_id"] ?? .null
            guard let imported = byID[id] else {
                differences.append("\(id): not imported")
                continue
            }
            for column in FlockReference.columns {
                let wanted = row[column] ?? .null, got = imported[column] ?? .null
                if wanted == got { continue }
                if FlockReference.emptyOrNull.contains(column), wanted == .null, got == .text("") { continue }
                // The spec matches Org Name trimmed but does not say whether requesting_agency keeps
                // the cell's surrounding white space: either is accepted.
                if column == "requesting_agency", let cell = wanted.text, got == .text(cell.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    continue
                }
                differences.append("\(id) \(column): expected \(wanted), imported \(got)")
            }
        }
        let expectedIDs = Set(expected.map { $0["vendor_search_id"] ?? .null })
        for row in actual where !expectedIDs.contains(row["vendor_search_id"] ?? .null) {
            differences.append("unexpected row \(row["vendor_search_id"] ?? .null)")
        }
        if !differences.isEmpty {
            let list = differences.prefix(40).joined(separator: "\n")
            Issue.record("\(what): \(differences.count) differences\n\(list)",
                         sourceLocation: sourceLocation)
        }
    }

    // MARK: - 0. The reference itself

    @Test func theReferenceAgreesWithTheHandWrittenCases() {
        let times: [(String, String?)] = [
            ("10/1/2024, 3:04:05 PM UTC", "2024-10-01T15:04:05Z"), ("1/2/2024, 1:02:03 AM UTC", "2024-01-02T01:02:03Z"),
            ("12/31/2023, 12:05:09 AM UTC", "2023-12-31T00:05:09Z"), ("12/31/2023, 12:05:09 PM UTC", "2023-12-31T12:05:09Z"),
            ("3/9/2024, 11:59:59 PM UTC", "2024-03-09T23:59:59Z"), ("2024-10-06T16:07:08.987Z", "2024-10-06T16:07:08Z"),
            ("2024-10-06T16:07:08Z", "2024-10-06T16:07:08Z"), ("2/29/2024, 1:00:00 PM UTC", "2024-02-29T13:00:00Z"),
            ("2/30/2024, 1:00:00 PM UTC", nil), ("2/29/2023, 1:00:00 PM UTC", nil), ("10/1/2024, 13:04:05 PM UTC", nil),
            ("2024-13-01T00:00:00Z", nil), ("2024-02-30T10:00:00.000Z", nil),
        ]
        for (text, iso) in times { #expect(FlockReference.utc(text) == iso, "\(text)") }
        #expect(FlockReference.windowStart("9/1/2024, 3:00:00 PM UTC\n10/1/2024, 3:00:00 PM UTC") == .text("2024-09-01T15:00:00Z"))
        #expect(FlockReference.windowStart("9/1/2024, 3:00:00 PM UTC\r\n10/1/2024, 3:00:00 PM UTC") == .text("2024-09-01T15:00:00Z"))
        #expect(FlockReference.windowStart("2024-10-01T00:00:00.250Z to 2024-11-03T07:30:00Z") == .text("2024-10-01T00:00:00Z"))
        #expect(FlockReference.windowStart("") == .null)
        let purposes: [(String, String)] = [
            ("AMBER alert", "amber_alert"), ("Runaway juvenile", "missing_person"), ("audit", "audit"), ("", "other"),
            ("   ", "other"), ("dismissing charges", "criminal_investigation"), ("Missing-person case", "missing_person"),
            ("Endangered adult", "missing_person"), ("audits", "criminal_investigation"), ("AUDIT", "audit"),
            ("Audit re missing juvenile", "missing_person"), ("amber missing", "amber_alert"), ("Amber's car", "amber_alert"),
            ("amberalert", "criminal_investigation"), ("Stolen vehicle; runaway?", "missing_person"), ("###", "criminal_investigation"),
            ("RUNAWAYS", "criminal_investigation"), ("auditor request", "criminal_investigation"), ("missing2", "criminal_investigation"),
            ("ENDANGERED", "missing_person"), ("***", "criminal_investigation"), ("Police request", "criminal_investigation"),
        ]
        for (reason, purpose) in purposes { #expect(FlockReference.purpose(reason) == purpose, "\(reason.debugDescription)") }
        let kinds: [(String, StoredValue)] = [
            ("lookup", .text("plate_lookup")), ("search", .text("vehicle_search")), ("convoy", .text("convoy")),
            ("freeform", .text("freeform")), ("multiGeo", .text("multi_location")), ("visual", .text("visual")),
            ("apiLookup", .text("api")), ("teleport", .text("other")), ("search - Mobile", .text("vehicle_search")),
            ("lookup - Mobile", .text("plate_lookup")), ("", .null),
        ]
        for (type, kind) in kinds { #expect(FlockReference.searchKind(type) == kind, "\(type)") }
        #expect(FlockReference.queryText(["License Plate": "ABC123", "Filters": "", "Text Prompt": "van"])
                == .text("License Plate: ABC123\nText Prompt: van"))
        #expect(FlockReference.queryText(["License Plate": "", "Filters": ""]) == .null)
        #expect(Digest.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(FlockReference.localDate("2024-11-03T05:00:00Z") == "2024-11-03" && FlockReference.localDate("2024-11-04T05:59:59Z") == "2024-11-03")
        #expect(FlockReference.asOf(Self.now) == "2024-11-19")
        #expect(ImportTool.binary.lastPathComponent == "transparency-gen")
    }

    // MARK: - 1. Every layout, every value

    @Test(arguments: layouts, [FileEncoding.plain, .bomCRLF, .quotedCRLF, .noFinalLineBreak, .bomQuotedNoFinalLineBreak])
    func everyLayoutImportsAsTheMappingTableSays(layout: AuditLayout, encoding: FileEncoding) throws {
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        Self.databaseWithAgencies(site.databasePath)
        let file = Self.write(layout.file(Self.rows, encoding: encoding), "organization-audit.csv", in: inputs)
        let names = Self.write(encoding.encode(Self.agencyNamesCSV), "agency-names.csv", in: inputs)
        let run = try Self.importAudit([file], database: site.databasePath, site: site,
                                       extra: ["--agency-names", names] + Self.ownOrgArguments())
        Self.expectSuccess(run, "\(layout) \(encoding)")
        let expected = Self.rows.map {
            FlockReference.expected($0, layout: layout, ownOrgs: Self.ownOrgs + [Self.agencyName], agencyIDs: Self.agencyIDs)
        }
        #expect(Set(expected.map { $0["vendor_search_id"] }).count == Self.rows.count, "the fixture's rows have distinct keys")
        try Self.expectRows(site.databasePath, expected, "\(layout), \(encoding)")
        #expect(ImportTool.count("read", in: run.output) == Self.rows.count, "output: \(run.output)")
        #expect(ImportTool.count("added", in: run.output) == Self.rows.count, "output: \(run.output)")
    }

    /// A file saved with a byte order mark and CRLF line ends reads the same as the plain file:
    /// the keys of a layout without ID (the digest of the row's fields) are the same too.
    @Test(arguments: [AuditLayout.older, .olderVariants, .current])
    func aFileWithBOMAndCRLFReadsTheSameAsThePlainFile(layout: AuditLayout) throws {
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        Self.databaseWithAgencies(site.databasePath)
        let plain = Self.write(layout.file(Self.rows, encoding: .plain), "plain.csv", in: inputs)
        let windows = Self.write(layout.file(Self.rows, encoding: .bomCRLF), "windows.csv", in: inputs)
        Self.expectSuccess(try Self.importAudit([plain], database: site.databasePath, site: site, extra: Self.ownOrgArguments()))
        let again = try Self.importAudit([windows], database: site.databasePath, site: site, extra: Self.ownOrgArguments())
        Self.expectSuccess(again)
        #expect(try SQLiteFile.count(site.databasePath) == Self.rows.count)
        #expect(ImportTool.count("added", in: again.output) == 0, "output: \(again.output)")
        #expect(ImportTool.count("already", in: again.output) == Self.rows.count, "output: \(again.output)")
    }

    // MARK: - 2. Organization and Network audits

    @Test func aSearchInBothAuditsIsImportedOnce() throws {
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        // The Organization audit: this agency's searches. The Network audit: searches of the
        // agency's cameras, by anyone, this agency's included (FLK-0002 and FLK-0003 in both).
        let organization = [Self.rows[0], Self.rows[1], Self.rows[2], Self.rows[11]]
        let network = [Self.rows[1], Self.rows[3], Self.rows[2], Self.rows[5], Self.rows[10]]
        let organizationFile = Self.write(AuditLayout.devices.file(organization, encoding: .plain), "organization-audit.csv", in: inputs)
        let networkFile = Self.write(AuditLayout.current.file(network, encoding: .bomCRLF), "network-audit.csv", in: inputs)
        let union = [Self.rows[0], Self.rows[1], Self.rows[2], Self.rows[11], Self.rows[3], Self.rows[5], Self.rows[10]]
        let expected = union.map { FlockReference.expected($0, layout: .current, ownOrgs: [Self.agencyName], agencyIDs: [:]) }

        // Both files in one call.
        let together = try Self.importAudit([organizationFile, networkFile], database: site.databasePath, site: site)
        Self.expectSuccess(together)
        try Self.expectRows(site.databasePath, expected, "both audits in one call")
        #expect(ImportTool.count("read", in: together.output) == organization.count + network.count, "output: \(together.output)")
        #expect(ImportTool.count("added", in: together.output) == union.count, "output: \(together.output)")

        // One call each.
        let second = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        Self.expectSuccess(try Self.importAudit([organizationFile], database: second.databasePath, site: second))
        let then = try Self.importAudit([networkFile], database: second.databasePath, site: second)
        Self.expectSuccess(then)
        try Self.expectRows(second.databasePath, expected, "one audit after the other")
        #expect(ImportTool.count("read", in: then.output) == network.count, "output: \(then.output)")
        #expect(ImportTool.count("added", in: then.output) == network.count - 2, "output: \(then.output)")
        #expect(ImportTool.count("already", in: then.output) == 2, "output: \(then.output)")
    }

    // MARK: - 3. Importing again

    @Test(arguments: [AuditLayout.current, .older])
    func importingTheSameFileAgainAddsNothing(layout: AuditLayout) throws {
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        let file = Self.write(layout.file(Self.rows, encoding: .plain), "audit.csv", in: inputs)
        let first = try Self.importAudit([file], database: site.databasePath, site: site)
        Self.expectSuccess(first)
        #expect(ImportTool.count("read", in: first.output) == Self.rows.count, "output: \(first.output)")
        #expect(ImportTool.count("added", in: first.output) == Self.rows.count, "output: \(first.output)")
        #expect(ImportTool.count("already", in: first.output) == 0, "output: \(first.output)")
        let count = try SQLiteFile.count(site.databasePath)
        #expect(count == Self.rows.count)
        let expected = Self.rows.map { FlockReference.expected($0, layout: layout, ownOrgs: [Self.agencyName], agencyIDs: [:]) }
        try Self.expectRows(site.databasePath, expected, "first import")

        let again = try Self.importAudit([file], database: site.databasePath, site: site)
        Self.expectSuccess(again)
        #expect(try SQLiteFile.count(site.databasePath) == count)
        #expect(ImportTool.count("read", in: again.output) == Self.rows.count, "output: \(again.output)")
        #expect(ImportTool.count("added", in: again.output) == 0, "output: \(again.output)")
        #expect(ImportTool.count("already", in: again.output) == Self.rows.count, "output: \(again.output)")
        try Self.expectRows(site.databasePath, expected, "after importing again")

        // The same file twice in one call.
        let twice = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let both = try Self.importAudit([file, file], database: twice.databasePath, site: twice)
        Self.expectSuccess(both)
        #expect(ImportTool.count("read", in: both.output) == 2 * Self.rows.count, "output: \(both.output)")
        #expect(ImportTool.count("added", in: both.output) == Self.rows.count, "output: \(both.output)")
        try Self.expectRows(twice.databasePath, expected, "the same file twice in one call")
    }

    // MARK: - 4. Broken files

    /// A good row with canaries in every private cell, its time `n` minutes after 15:00 UTC on October 10.
    static func canaryRow(_ n: Int, timeFrame: String? = nil) -> AuditRow {
        AuditRow(id: "CANARY-ID-B\(n)", name: "CANARY-NAME-B\(n)", org: "CANARY-ORG-B\(n)", networks: "4",
                 timeFrame: timeFrame ?? "10/1/2024, 3:00:00 PM UTC to 10/10/2024, 3:0\(n % 10):00 PM UTC", plate: "CANARY-PLATE-B\(n)",
                 reason: "CANARY-REASON-B\(n)", caseNumber: "CANARY-CASE-B\(n)", filters: "CANARY-FILTER-B\(n)",
                 searchTime: "10/10/2024, 3:0\(n % 10):00 PM UTC", searchType: "lookup", prompt: "CANARY-PROMPT-B\(n)")
    }

    static let brokenCases: [BrokenFile] = {
        func bad(_ change: (inout AuditRow) -> Void) -> AuditRow {
            var row = canaryRow(9)
            change(&row)
            return row
        }
        let twoLines = canaryRow(1, timeFrame: "10/1/2024, 3:00:00 PM UTC\n10/10/2024, 3:01:00 PM UTC")
        return [
            BrokenFile("a row with an extra field", AuditLayout.current.text([canaryRow(1), canaryRow(2), canaryRow(9)], extraField: [2: "CANARY-EXTRA-B9"]),
                       line: 4, column: nil, hidden: []),
            BrokenFile("a row with a field missing", AuditLayout.current.text([canaryRow(1), canaryRow(9), canaryRow(2)], lastFieldMissing: [1]),
                       line: 3, column: nil, hidden: []),
            BrokenFile("a header without Search Time", AuditLayout("current without Search Time",
                                                                    plain: AuditLayout.currentNames.filter { $0 != "Search Time" })
                .text([canaryRow(1), canaryRow(9)]), line: 1, column: "Search Time", hidden: []),
            BrokenFile("Search Time 2/30/2024", AuditLayout.current.text([canaryRow(1), bad { $0.cells["Search Time"] = "2/30/2024, 3:04:05 PM UTC" }]),
                       line: 3, column: "Search Time", hidden: ["2/30", "3:04:05"]),
            BrokenFile("Search Time 13 PM", AuditLayout.current.text([canaryRow(1), bad { $0.cells["Search Time"] = "10/1/2024, 13:04:05 PM UTC" }]),
                       line: 3, column: "Search Time", hidden: ["13:04"]),
            BrokenFile("Search Time month 13 (ISO)", AuditLayout.current.text([canaryRow(1), bad { $0.cells["Search Time"] = "2024-13-01T00:00:00Z" }]),
                       line: 3, column: "Search Time", hidden: ["2024-13"]),
            BrokenFile("Time Frame from 2/30/2024", AuditLayout.current.text([canaryRow(1), bad {
                $0.cells["Time Frame"] = "2/30/2024, 1:00:00 AM UTC to 10/10/2024, 3:09:00 PM UTC" }]),
                       line: 3, column: "Time Frame", hidden: ["2/30"]),
            BrokenFile("networks 0", AuditLayout.current.text([canaryRow(1), canaryRow(2), bad { $0.cells["Total Networks Searched"] = "0" }]),
                       line: 4, column: "Total Networks Searched", hidden: [], zero: true),
            BrokenFile("networks abc", AuditLayout.current.text([canaryRow(1), bad { $0.cells["Total Networks Searched"] = "abc" }]),
                       line: 3, column: "Total Networks Searched", hidden: ["abc"]),
            BrokenFile("networks 2.5", AuditLayout.current.text([canaryRow(1), bad { $0.cells["Total Networks Searched"] = "2.5" }]),
                       line: 3, column: "Total Networks Searched", hidden: ["2.5"]),
            BrokenFile("networks -4", AuditLayout.devices.text([canaryRow(1), bad { $0.cells["Total Networks Searched"] = "-4" }]),
                       line: 3, column: "Total Networks Searched", hidden: ["-4"]),
            BrokenFile("networks abc after a row over two lines", AuditLayout.older.text([twoLines, canaryRow(2), bad {
                $0.cells["Total Networks Searched"] = "abc" }]),
                       line: 5, column: "Total Networks Searched", hidden: ["abc"]),
            BrokenFile("portal networkCount 0", """
                id,userId,searchDate,networkCount,offenseType
                CANARY-PORTAL-B1,CANARY-USER-B1,2024-10-10T15:01:00.000Z,3,CANARY-REASON-B1
                CANARY-PORTAL-B9,CANARY-USER-B9,2024-10-10T15:09:00.000Z,0,CANARY-REASON-B9

                """, line: 3, column: "networkCount", hidden: [], zero: true, format: "flock-portal-audit"),
            BrokenFile("portal searchDate 2024-02-30", """
                id,userId,searchDate,networkCount,reason
                CANARY-PORTAL-B1,CANARY-USER-B1,2024-10-10T15:01:00.000Z,3,CANARY-REASON-B1
                CANARY-PORTAL-B2,CANARY-USER-B2,2024-10-10T15:02:00.000Z,3,CANARY-REASON-B2
                CANARY-PORTAL-B9,CANARY-USER-B9,2024-02-30T10:00:00.000Z,3,CANARY-REASON-B9

                """, line: 4, column: "searchDate", hidden: ["2024-02-30"], format: "flock-portal-audit"),
        ]
    }()

    /// A good file of the format, imported with the broken one (first), whose rows must not be written either.
    static func goodFile(for broken: BrokenFile) -> String {
        broken.format == "flock-portal-audit"
            ? "id,userId,searchDate,networkCount,offenseType\nGOOD-PORTAL-1,u1,2024-10-11T15:00:00.000Z,2,audit\n"
            : AuditLayout.current.text([Self.rows[0], Self.rows[4]])
    }

    /// Checks an error of a broken file: non-zero, one message naming the file, the line and the
    /// column, showing no cell of it.
    static func expectNamed(_ run: ImportTool.Run, _ broken: BrokenFile, path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let name = URL(fileURLWithPath: path).lastPathComponent
        #expect(run.status != 0, "\(broken): the import succeeded", sourceLocation: sourceLocation)
        #expect(run.error.contains(name), "\(broken): the message does not name the file: \(run.error)", sourceLocation: sourceLocation)
        #expect(ImportTool.mentionsLine(broken.line, of: name, in: run.error),
                "\(broken): the message does not name line \(broken.line): \(run.error)", sourceLocation: sourceLocation)
        if let column = broken.column {
            #expect(run.error.contains(column), "\(broken): the message does not name the column \(column): \(run.error)",
                    sourceLocation: sourceLocation)
        }
        // Nothing of the file's cells, wherever the tool wrote it (the folder's path aside).
        let message = (run.error + "\n" + run.output).replacingOccurrences(of: URL(fileURLWithPath: path).deletingLastPathComponent().path, with: "…")
        for value in broken.hidden + ["CANARY"] {
            #expect(!message.contains(value), "\(broken): the message shows \(value): \(message)", sourceLocation: sourceLocation)
        }
        if broken.zero {
            let words = message.split { !$0.isLetter && !$0.isNumber && $0 != "." && $0 != "-" && $0 != "_" }
            #expect(!words.contains { $0 == "0" || $0 == "0." }, "\(broken): the message shows the value 0: \(message)",
                    sourceLocation: sourceLocation)
        }
    }

    /// Makes the site's database already hold two imported searches, and returns its bytes.
    static func importTwoEarlierSearches(_ site: SiteFixture, inputs: URL) throws -> Data {
        let earlier = write(AuditLayout.current.file([rows[8], rows[9]], encoding: .plain), "earlier.csv", in: inputs)
        expectSuccess(try importAudit([earlier], database: site.databasePath, site: site))
        return try #require(fileBytes(site.databasePath))
    }

    @Test(arguments: brokenCases)
    func aBrokenFileWritesNothingAndIsNamedByFileLineAndColumn(broken: BrokenFile) throws {
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        let before = try Self.importTwoEarlierSearches(site, inputs: inputs)
        let count = try SQLiteFile.count(site.databasePath)
        #expect(count == 2)

        let good = Self.write(Data(Self.goodFile(for: broken).utf8), "good-audit.csv", in: inputs)
        let path = Self.write(Data(broken.text.utf8), "broken-audit.csv", in: inputs)
        let run = try Self.importAudit([good, path], database: site.databasePath, site: site, format: broken.format)
        Self.expectNamed(run, broken, path: path)
        #expect(fileBytes(site.databasePath) == before, "\(broken): the database file changed")
        #expect(try SQLiteFile.count(site.databasePath) == count)
        // The same file saved with a byte order mark and CRLF line ends: the same line.
        let windows = Self.write(FileEncoding.bomCRLF.encode(broken.text), "broken-audit-crlf.csv", in: inputs)
        let crlf = try Self.importAudit([windows], database: site.databasePath, site: site, format: broken.format)
        Self.expectNamed(crlf, broken, path: windows)
        #expect(fileBytes(site.databasePath) == before, "\(broken) (CRLF): the database file changed")
    }

    /// "On any error nothing is written": a database that did not exist is not created (and at
    /// the very least holds no search).
    @Test(arguments: brokenCases.filter { $0.description == "Search Time 2/30/2024" || $0.description == "networks 0" })
    func aBrokenFileLeavesNoDatabaseWhereThereWasNone(broken: BrokenFile) throws {
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        let good = Self.write(Data(Self.goodFile(for: broken).utf8), "good-audit.csv", in: inputs)
        let path = Self.write(Data(broken.text.utf8), "broken-audit.csv", in: inputs)
        let database = inputs.appendingPathComponent("new.sqlite").path
        let run = try Self.importAudit([good, path], database: database, site: site, format: broken.format)
        Self.expectNamed(run, broken, path: path)
        if FileManager.default.fileExists(atPath: database) {
            let rows = try? SQLiteFile.count(database)
            #expect(rows == nil || rows == 0, "\(broken): the failed import wrote \(rows ?? -1) searches")
        }
        #expect(!FileManager.default.fileExists(atPath: database), "\(broken): the failed import created the database file")
    }

    // MARK: - 4b. Large files

    /// Where a large file is split as it is read: the importer reads a chunk at a time (1 MiB in
    /// the version tested first); each case puts the split at byte 1 MiB inside something.
    struct Split: Sendable, CustomStringConvertible {
        let description: String
        let pattern: [UInt8]
        let offset: Int
        var layout: AuditLayout = .devices
    }

    static let splits: [Split] = [
        Split(description: "inside ë", pattern: [0xC3, 0xAB], offset: 1),
        Split(description: "inside 🚓, after its first byte", pattern: [0xF0, 0x9F, 0x9A, 0x93], offset: 1),
        Split(description: "inside 🚓, after its second byte", pattern: [0xF0, 0x9F, 0x9A, 0x93], offset: 2),
        Split(description: "inside 🚓, after its third byte (older layout)", pattern: [0xF0, 0x9F, 0x9A, 0x93], offset: 3, layout: .older),
        Split(description: "between CR and LF at a row's end", pattern: Array(",\r\nFLKB-".utf8), offset: 2),
        Split(description: "between CR and LF inside a quoted Time Frame (older layout)", pattern: Array(" UTC\r\n".utf8), offset: 5, layout: .older),
        Split(description: "between CR and LF inside a quoted Time Frame", pattern: Array(" UTC\r\n".utf8), offset: 5),
        Split(description: "between the two quotes of a doubled quote", pattern: Array("\"\"x\"\"".utf8), offset: 1),
        Split(description: "after a field's opening quote", pattern: Array(",\"runaway".utf8), offset: 2),
    ]

    static let chunk = 1 << 20

    /// Rows of a large audit with characters of two and four bytes, doubled quotes and times over two lines.
    static func largeRows(_ count: Int, padding: Int) -> [AuditRow] {
        let start = FlockTime.date("2024-10-01T00:00:00Z")
        return (0..<count).map { i in
            let at = start.addingTimeInterval(Double(i) * 37)
            return AuditRow(id: "FLKB-\(i)", name: (i == 0 ? String(repeating: "x", count: padding) : "") + "Zoë Ñúñez 🚓 \(i)",
                            org: i % 3 == 0 ? "Agence Québécoise 🚔" : "", networks: String(i % 50 + 1), devices: String(i % 7),
                            timeFrame: FlockTime.us(at.addingTimeInterval(-3 * 86_400)) + "\n" + FlockTime.us(at), plate: "ÅBC\(i)",
                            reason: "runaway — “quoted” \"x\" \(i)", caseNumber: "24-\(i)", filters: "Color: Grün, Make: Škoda",
                            searchTime: FlockTime.us(at), searchType: i % 2 == 0 ? "lookup" : "search - Mobile",
                            prompt: i % 5 == 0 ? "ünïcode prompt" : "")
        }
    }

    /// The file of `largeRows` whose byte `chunk` falls `split.offset` bytes into an occurrence of `split.pattern`.
    static func largeFile(_ split: Split, rows count: Int = 6000) throws -> (Data, [AuditRow]) {
        let unpadded = split.layout.file(largeRows(count, padding: 0), encoding: .bomCRLF)
        #expect(unpadded.count > chunk + 100_000)
        let bytes = [UInt8](unpadded)
        // The last occurrence starting early enough for padding to move it onto the chunk boundary.
        var position: Int?
        var p = chunk - split.offset
        while p >= 2000, position == nil {
            if Array(bytes[p..<(p + split.pattern.count)]) == split.pattern { position = p }
            p -= 1
        }
        let found = try #require(position, "\(split): no occurrence")
        let padding = chunk - split.offset - found
        let rows = largeRows(count, padding: padding)
        let data = split.layout.file(rows, encoding: .bomCRLF)
        let start = chunk - split.offset
        #expect(Array(data[start..<(start + split.pattern.count)]) == split.pattern, "\(split): the pattern is not at the boundary")
        return (data, rows)
    }

    @Test(arguments: splits)
    func aLargeFileReadsTheSameWhereverItIsSplit(split: Split) throws {
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        let (data, rows) = try Self.largeFile(split)
        let file = Self.write(data, "large-audit.csv", in: inputs)
        let run = try Self.importAudit([file], database: site.databasePath, site: site)
        Self.expectSuccess(run, "\(split)")
        #expect(ImportTool.count("read", in: run.output) == rows.count, "output: \(run.output)")
        let expected = rows.map { FlockReference.expected($0, layout: split.layout, ownOrgs: [Self.agencyName], agencyIDs: [:]) }
        try Self.expectRows(site.databasePath, expected, "\(split)")
    }

    /// An error in the last row of a large file: nothing written although rows are stored as
    /// they are read, and the line counted over every row's two lines.
    @Test func anErrorAtTheEndOfALargeFileWritesNothing() throws {
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        let before = try Self.importTwoEarlierSearches(site, inputs: inputs)
        var rows = Self.largeRows(6000, padding: 0)
        rows.append(Self.canaryRow(9, timeFrame: "10/1/2024, 3:00:00 PM UTC\n10/10/2024, 3:09:00 PM UTC"))
        rows[rows.count - 1].cells["Total Networks Searched"] = "abc"
        let broken = BrokenFile("networks abc in the last row of a large file", "", line: 1 + 2 * 6000 + 1,
                                column: "Total Networks Searched", hidden: ["abc"])
        for encoding in [FileEncoding.plain, .bomCRLF] {
            let path = Self.write(AuditLayout.devices.file(rows, encoding: encoding), "large-broken-\(encoding).csv", in: inputs)
            let run = try Self.importAudit([path], database: site.databasePath, site: site)
            Self.expectNamed(run, broken, path: path)
            #expect(fileBytes(site.databasePath) == before, "\(encoding): the database file changed")
            #expect(try SQLiteFile.count(site.databasePath) == 2)
        }
    }

    // MARK: - 5. --agency-names

    @Test func anAgencyIDNotInSharingAgencyIsAnErrorNamingTheCSVLine() throws {
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        Self.databaseWithAgencies(site.databasePath)
        let before = try #require(fileBytes(site.databasePath))
        let file = Self.write(AuditLayout.current.file(Self.rows, encoding: .plain), "network-audit.csv", in: inputs)
        let names = Self.write(Data("""
            name,agency_id
            Hennepin County Sheriff's Office,hennepin-so
            Saint Paul Police Department,st-paul-pd
            Federal Bureau of Investigation,fbi

            """.utf8), "agency-names.csv", in: inputs)
        let run = try Self.importAudit([file], database: site.databasePath, site: site, extra: ["--agency-names", names])
        #expect(run.status != 0)
        #expect(run.error.contains("agency-names.csv"), "\(run.error)")
        #expect(ImportTool.mentionsLine(3, of: "agency-names.csv", in: run.error), "the message does not name line 3: \(run.error)")
        #expect(!run.error.contains("network-audit.csv:"), "\(run.error)")
        #expect(fileBytes(site.databasePath) == before, "the database file changed")
        #expect(try SQLiteFile.count(site.databasePath) == 0)
    }

    // MARK: - 6. The portal's audit

    static let portalRows: [[String]] = [
        ["CANARY-PORTAL-1", "CANARY-USER-1", "2024-10-01T15:04:05.123Z", "12", "Runaway juvenile"],
        ["CANARY-PORTAL-2", "CANARY-USER-2", "2024-10-02T00:00:00.000Z", "", ""],
        ["CANARY-PORTAL-3", "CANARY-USER-3", "2024-10-03T23:59:59.999Z", "1", "AMBER alert, county-wide"],
        ["CANARY-PORTAL-4", "CANARY-USER-4", "2024-10-04T01:02:03.456Z", "1001", "audit"],
        ["CANARY-PORTAL-5", "CANARY-USER-5", "2024-11-03T07:30:00.000Z", "3", "dismissing a \"missing\" report? no: dismissing"],
        ["CANARY-PORTAL-6", "CANARY-USER-6", "2024-02-29T12:00:00.5Z", "250", "   "],
        ["CANARY-PORTAL-7", "CANARY-USER-7", "2024-10-07T08:00:00.000Z", "7", "Stolen vehicle"],
        ["CANARY-PORTAL-8", "CANARY-USER-8", "2024-10-08T08:00:00.000Z", "2", "***"],
    ]

    static func portalFile(_ rows: [[String]], lastColumn: String, encoding: FileEncoding) -> Data {
        let header = ["id", "userId", "searchDate", "networkCount", lastColumn]
        return encoding.encode(([header] + rows).map { $0.map { csvField($0, quote: encoding.quotesAll) }.joined(separator: ",") }
            .joined(separator: "\n") + "\n")
    }

    @Test(arguments: ["offenseType", "reason"], [FileEncoding.plain, .bomCRLF, .quotedCRLF, .bomQuotedNoFinalLineBreak])
    func thePortalAuditImportsAsTheSpecSays(lastColumn: String, encoding: FileEncoding) throws {
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        let file = Self.write(Self.portalFile(Self.portalRows, lastColumn: lastColumn, encoding: encoding), "portal-audit.csv", in: inputs)
        let run = try Self.importAudit([file], database: site.databasePath, site: site, format: "flock-portal-audit")
        Self.expectSuccess(run, "\(lastColumn) \(encoding)")
        try Self.expectRows(site.databasePath, Self.portalRows.map(FlockReference.expectedPortal), "portal audit, \(lastColumn), \(encoding)")
        #expect(ImportTool.count("read", in: run.output) == Self.portalRows.count, "output: \(run.output)")
        #expect(ImportTool.count("added", in: run.output) == Self.portalRows.count, "output: \(run.output)")
        // The user's id is not stored anywhere (user_name is ***).
        let bytes = try #require(fileBytes(site.databasePath))
        #expect(bytes.range(of: Data("CANARY-USER".utf8)) == nil, "the portal's userId is in the database")
        let again = try Self.importAudit([file], database: site.databasePath, site: site, format: "flock-portal-audit")
        Self.expectSuccess(again)
        #expect(ImportTool.count("added", in: again.output) == 0, "output: \(again.output)")
        #expect(try SQLiteFile.count(site.databasePath) == Self.portalRows.count)
    }

    // MARK: - 7. End to end

    /// Searches of October 28 to November 20, 2024, with canaries in every private cell.
    static func endToEndRow(_ i: Int, at: Date, id: Bool = true) -> AuditRow {
        let orgs = ["", "Test Police Department", "CANARY-ORG-\(i) Police", "Hennepin County Sheriff's Office", "ramsey county so",
                    "Federal Bureau of Investigation", " metro transit pd"]
        let reasons = ["CANARY-REASON-\(i) stolen auto", "ICE detainer CANARY-REASON-\(i)", "", "Runaway CANARY-REASON-\(i)",
                       "AMBER alert CANARY-REASON-\(i)", "audit", "protest at the capitol CANARY-REASON-\(i)", "   ",
                       "abortion clinic CANARY-REASON-\(i)", "missing hiker", "Deportation CANARY-REASON-\(i)"]
        let networks = ["", "1", "7", "55", "300", "2400", "11", "101"]
        let types = ["lookup", "search - Mobile", "", "multiGeo", "apiLookup", "weird", "convoy", "visual", "freeform", "lookup - Mobile"]
        let day = 86_400.0
        let frames = [
            "",
            FlockTime.us(at.addingTimeInterval(-10 * day)) + "\n" + FlockTime.us(at),
            FlockTime.us(at.addingTimeInterval(-61 * day)) + " to " + FlockTime.us(at),
            FlockTime.iso(at.addingTimeInterval(-60 * day)) + "\n" + FlockTime.iso(at),
            FlockTime.iso(at.addingTimeInterval(-60 * day - 1), fraction: ".5") + " to " + FlockTime.iso(at),
        ]
        return AuditRow(id: id ? "CANARY-ID-\(i)" : "", name: "CANARY-NAME-\(i)", org: orgs[i % orgs.count],
                        networks: networks[i % networks.count], devices: String(i * 3), timeFrame: frames[i % frames.count],
                        plate: i % 3 == 0 ? "CANARY-PLATE-\(i)" : "", reason: reasons[i % reasons.count],
                        caseNumber: i % 2 == 0 ? "CANARY-CASE-\(i)" : (i % 6 == 1 ? "***" : ""),
                        filters: i % 4 == 1 ? "CANARY-FILTER-\(i), Color: Red" : "",
                        searchTime: i % 2 == 0 ? FlockTime.us(at) : FlockTime.iso(at, fraction: ".123"),
                        searchType: types[i % types.count], prompt: i % 5 == 2 ? "CANARY-PROMPT-\(i)" : "",
                        moderation: i % 7 == 0 ? "CANARY-MODERATION-\(i)" : "")
    }

    @Test(arguments: [false, true])
    func importedSearchesArePublishedAsTheSpecCountsThemAndNothingPrivate(agencyNames: Bool) throws {
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        let base = FlockTime.date("2024-10-28T03:00:00Z")
        var all: [AuditRow] = (0..<48).map { Self.endToEndRow($0, at: base.addingTimeInterval(Double($0) * 19_020)) }
        // Around the build's day: November 19 (local) is published, November 20 is not yet.
        for (n, at) in ["2024-11-19T23:30:00Z", "2024-11-20T05:30:00Z", "2024-11-20T06:00:00Z", "2024-11-20T17:00:00Z"].enumerated() {
            all.append(Self.endToEndRow(48 + n, at: FlockTime.date(at)))
        }
        let organization = all.enumerated().filter { $0.offset % 3 != 2 }.map(\.element)
        let network = all.enumerated().filter { $0.offset % 3 != 0 }.map(\.element)
        let older = (0..<9).map { Self.endToEndRow(100 + $0, at: FlockTime.date("2024-11-12T14:00:00Z").addingTimeInterval(Double($0) * 10_800), id: false) }
        let portal: [[String]] = (0..<6).map { k in
            let at = FlockTime.date("2024-11-05T12:00:00Z").addingTimeInterval(Double(k) * 40_000)
            return ["CANARY-PORTAL-\(k)", "CANARY-USER-\(k)", FlockTime.iso(at, fraction: ".456"), ["", "1", "40", "2000"][k % 4],
                    ["CANARY-REASON-P\(k) ICE", "", "runaway", "CANARY-REASON-P\(k)", "audit", "Rally"][k]]
        }
        let files = [
            Self.write(AuditLayout.devices.file(organization, encoding: .plain), "organization-audit.csv", in: inputs),
            Self.write(AuditLayout.current.file(network, encoding: .bomCRLF), "network-audit.csv", in: inputs),
            Self.write(AuditLayout.older.file(older, encoding: .plain), "older-audit.csv", in: inputs),
        ]
        let portalFile = Self.write(Self.portalFile(portal, lastColumn: "offenseType", encoding: .plain), "portal-audit.csv", in: inputs)
        var extra = Self.ownOrgArguments()
        if agencyNames {
            Self.databaseWithAgencies(site.databasePath)
            extra += ["--agency-names", Self.write(Data(Self.agencyNamesCSV.utf8), "agency-names.csv", in: inputs)]
        } else {
            #expect(!FileManager.default.fileExists(atPath: site.databasePath))
        }
        let first = try Self.importAudit(files, database: site.databasePath, site: site, extra: extra)
        Self.expectSuccess(first)
        let second = try Self.importAudit([portalFile], database: site.databasePath, site: site, format: "flock-portal-audit")
        Self.expectSuccess(second)

        let ids = agencyNames ? Self.agencyIDs : [:]
        let own = Self.ownOrgs + [Self.agencyName]
        let expected = all.map { FlockReference.expected($0, layout: .current, ownOrgs: own, agencyIDs: ids) }
            + older.map { FlockReference.expected($0, layout: .older, ownOrgs: own, agencyIDs: ids) }
            + portal.map(FlockReference.expectedPortal)
        try Self.expectRows(site.databasePath, expected, "end to end")
        if !agencyNames {
            // The importer created the file with the operational schema.
            let tables = Set(try SQLiteFile.query(site.databasePath, "SELECT name FROM sqlite_master WHERE type = 'table'").compactMap {
                if case .text(let name) = $0.first { return name } else { return nil }
            })
            let wanted = OperationalSchema.sql.components(separatedBy: "CREATE TABLE ").dropFirst().compactMap {
                $0.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == "\n" }).first.map(String.init)
            }
            #expect(!wanted.isEmpty && Set(wanted).isSubset(of: tables), "tables missing: \(Set(wanted).subtracting(tables).sorted())")
        }

        try site.build(now: Self.now)
        let agencies = Dictionary(uniqueKeysWithValues: Self.sharingAgencies.map { ($0.id, ($0.name, $0.jurisdiction)) })
        let byDay = parseCSV(try #require(site.outputText("data/searches-by-day.csv")))
        let wantedByDay = FlockReference.searchesByDay(expected, agencies: agencies, now: Self.now)
        #expect(byDay.first == ["date", "purpose", "requested_by", "agency_id", "agency_name", "jurisdiction", "case_number_recorded", "searches"])
        Self.expectSameRows(Array(byDay.dropFirst()), wantedByDay, "data/searches-by-day.csv")
        let scope = parseCSV(try #require(site.outputText("data/search-scope-by-day.csv")))
        #expect(scope.first == ["date", "search_kind", "networks", "window", "reason", "searches"])
        Self.expectSameRows(Array(scope.dropFirst()), FlockReference.searchScopeByDay(expected, now: Self.now, retentionDays: 60),
                            "data/search-scope-by-day.csv")
        #expect(wantedByDay.contains { $0[2] == (agencyNames ? "named_agency" : "unnamed_agency") })
        #expect(wantedByDay.contains { $0[0] == "2024-11-19" } && !wantedByDay.contains { $0[0] == "2024-11-20" })

        // No private value in any file the generator wrote or keeps, nor in the import's messages.
        let outputs = site.outputFiles()
        #expect(outputs.count > 20)
        var kept = SiteFixture.files(in: site.folder).filter { !$0.key.hasPrefix("operational.sqlite") }
        kept["site/ledger.sqlite"] = fileBytes(site.site.appendingPathComponent("ledger.sqlite").path)
        #expect(kept["site/ledger.sqlite"] != nil)
        for (path, bytes) in outputs.merging(kept, uniquingKeysWith: { a, _ in a }) {
            #expect(bytes.range(of: Data("CANARY".utf8)) == nil, "a private value is in \(path)")
        }
        for text in [first.output, first.error, second.output, second.error] {
            #expect(!text.contains("CANARY"), "a private value is in the import's messages: \(text)")
        }
        // Moderation and Total Devices Searched are not stored.
        let database = try #require(fileBytes(site.databasePath))
        #expect(database.range(of: Data("CANARY-MODERATION".utf8)) == nil, "Moderation is stored")

        // The import never touches the ledger or a published site.
        let published = site.outputFiles()
        let ledger = fileBytes(site.site.appendingPathComponent("ledger.sqlite").path)
        let more = (0..<3).map { Self.endToEndRow(200 + $0, at: FlockTime.date("2024-11-18T14:00:00Z").addingTimeInterval(Double($0) * 600)) }
        let later = Self.write(AuditLayout.current.file(more, encoding: .plain), "later-audit.csv", in: inputs)
        Self.expectSuccess(try Self.importAudit([later], database: site.databasePath, site: site, extra: extra))
        #expect(site.outputFiles() == published, "the import changed the published site")
        #expect(fileBytes(site.site.appendingPathComponent("ledger.sqlite").path) == ledger, "the import changed the ledger")
        #expect(try SQLiteFile.count(site.databasePath) == expected.count + more.count)
    }

    /// Records an issue listing the rows that differ.
    static func expectSameRows(_ actual: [[String]], _ expected: [[String]], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard actual != expected else { return }
        let missing = expected.filter { !actual.contains($0) }, extra = actual.filter { !expected.contains($0) }
        Issue.record("""
            \(what) differs from the reference
            expected but not published (\(missing.count)): \(missing.prefix(20).map { $0.joined(separator: ",") })
            published but not expected (\(extra.count)): \(extra.prefix(20).map { $0.joined(separator: ",") })
            same rows in another order: \(missing.isEmpty && extra.isEmpty)
            """, sourceLocation: sourceLocation)
    }

    // MARK: - 8. Refused databases

    enum Refused: String, Sendable, CaseIterable { case ledger, text, binary, otherSQLite }

    @Test(arguments: Refused.allCases)
    func aLedgerOrAFileThatIsNotSQLiteIsRefusedUnchanged(kind: Refused) throws {
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        let target: String
        switch kind {
        case .ledger:
            PublishingTests.purgeFixture(site.databasePath)
            try site.build(now: PublishingTests.t0)
            target = site.site.appendingPathComponent("ledger.sqlite").path
            let tables = try SQLiteFile.query(target, "SELECT count(*) FROM sqlite_master WHERE name IN ('period_figures', 'ledger_seal')")
            #expect(tables.first?.first == .integer(2), "the build's ledger has the ledger's tables")
        case .text:
            target = Self.write(Data("period_id,reads\n1,2\n".utf8), "figures.sqlite", in: inputs)
        case .binary:
            target = Self.write(Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }), "blob.sqlite", in: inputs)
        case .otherSQLite:
            // Another program's SQLite file: no operational table.
            target = inputs.appendingPathComponent("notes.sqlite").path
            FixtureDatabase(path: target, schema: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'x');").close()
        }
        let before = try #require(fileBytes(target))
        let file = Self.write(AuditLayout.current.file(Self.rows, encoding: .plain), "audit.csv", in: inputs)
        let run = try Self.importAudit([file], database: target, site: site)
        #expect(run.status != 0, "\(kind): the import succeeded: \(run.output)")
        #expect(run.error.contains(URL(fileURLWithPath: target).lastPathComponent), "\(kind): \(run.error)")
        #expect(!run.error.contains("Fatal error"), "\(run.error)")
        #expect(fileBytes(target) == before, "\(kind): the file changed")
        #expect(!FileManager.default.fileExists(atPath: target + "-journal") && !FileManager.default.fileExists(atPath: target + "-wal"))
    }

    @Test func aPostgreSQLAddressIsRefused() throws {
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\n")
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        let file = Self.write(AuditLayout.current.file(Self.rows, encoding: .plain), "audit.csv", in: inputs)
        let run = try Self.importAudit([file], database: "postgresql://alpr@127.0.0.1:1/alpr?schema=alpr", site: site)
        #expect(run.status != 0, "the import succeeded: \(run.output)")
        #expect(run.error.hasPrefix("error: ") && !run.error.contains("Fatal error"), "\(run.error)")
    }

    /// `--database` defaults to the site configuration's `database:`, created with its schema.
    @Test func theDatabaseDefaultsToTheSiteConfiguration() throws {
        let inputs = temporaryFolder("flock-input")
        defer { try? FileManager.default.removeItem(at: inputs) }
        let database = inputs.appendingPathComponent("alpr.sqlite").path
        let site = SiteFixture(config: "agency_name: \(Self.agencyName)\ndatabase: \(database)\n")
        let file = Self.write(AuditLayout.current.file(Self.rows, encoding: .plain), "audit.csv", in: inputs)
        let run = try ImportTool.run(["import", "flock-audit", file, "--site", site.site.path])
        Self.expectSuccess(run)
        let expected = Self.rows.map { FlockReference.expected($0, layout: .current, ownOrgs: [Self.agencyName], agencyIDs: [:]) }
        try Self.expectRows(database, expected, "the configured database")
        #expect(!FileManager.default.fileExists(atPath: site.databasePath))
    }
}

// MARK: - The files

/// One row of a Flock audit by the spec's column names; "" for an empty cell.
struct AuditRow: Sendable {
    var cells: [String: String]

    subscript(_ column: String) -> String { cells[column] ?? "" }

    init(id: String = "", name: String = "", org: String = "", networks: String = "", devices: String = "", timeFrame: String = "",
         plate: String = "", reason: String = "", caseNumber: String = "", filters: String = "", searchTime: String,
         searchType: String = "", prompt: String = "", moderation: String = "") {
        cells = ["ID": id, "Name": name, "Org Name": org, "Total Networks Searched": networks, "Total Devices Searched": devices,
                 "Time Frame": timeFrame, "License Plate": plate, "Reason": reason, "Case #": caseNumber, "Filters": filters,
                 "Search Time": searchTime, "Search Type": searchType, "Text Prompt": prompt, "Moderation": moderation]
    }
}

/// The columns of a file: the header as written, and the spec's name of each.
struct AuditLayout: Sendable, CustomStringConvertible {
    struct Column: Sendable {
        let header: String
        let canonical: String
    }

    let description: String
    let columns: [Column]

    init(_ description: String, _ pairs: [(String, String)]) {
        self.description = description
        columns = pairs.map { Column(header: $0.0, canonical: $0.1) }
    }

    init(_ description: String, plain names: [String]) {
        self.init(description, names.map { ($0, $0) })
    }

    func has(_ canonical: String) -> Bool { columns.contains { $0.canonical == canonical } }

    static let currentNames = ["ID", "Name", "Org Name", "Total Networks Searched", "Time Frame", "License Plate", "Reason", "Case #",
                               "Filters", "Search Time", "Search Type", "Text Prompt", "Moderation"]
    static let olderNames = ["Name", "Org Name", "Total Networks Searched", "Total Devices Searched", "Time Frame", "License Plate",
                             "Reason", "Case #", "Filters", "Search Time", "Search Type"]

    static let current = AuditLayout("current (13)", plain: currentNames)
    static let devices = AuditLayout("with devices (14)", plain: ["ID", "Name", "Org Name", "Total Networks Searched", "Total Devices Searched",
                                                             "Time Frame", "License Plate", "Reason", "Case #", "Filters", "Search Time",
                                                             "Search Type", "Text Prompt", "Moderation"])
    static let older = AuditLayout("older (11, no ID)", plain: olderNames)
    static let ownAgency = AuditLayout("own agency (no Org Name)", plain: currentNames.filter { $0 != "Org Name" })
    static let ownAgencyOlder = AuditLayout("older own agency (no ID, no Org Name)", plain: olderNames.filter { $0 != "Org Name" })
    static let reordered = AuditLayout("current, another order", plain: ["Search Time", "Reason", "ID", "Text Prompt", "Case #", "Search Type",
                                                                    "Org Name", "Moderation", "License Plate", "Total Networks Searched",
                                                                    "Name", "Filters", "Time Frame"])
    static let variants = AuditLayout("with devices, header variants", [
        ("id", "ID"), ("  Name", "Name"), ("ORG NAME ", "Org Name"), ("total networks searched", "Total Networks Searched"),
        ("Total Devices Searched  ", "Total Devices Searched"), ("time frame", "Time Frame"), ("License Plates", "License Plate"),
        ("Reason_1", "Reason"), ("Case Number", "Case #"), ("FILTERS", "Filters"), (" Search Time ", "Search Time"),
        ("search type", "Search Type"), ("Test Prompt", "Text Prompt"), ("MODERATION", "Moderation"),
    ])
    static let olderVariants = AuditLayout("older, another order, header variants", [
        (" search time", "Search Time"), ("REASON_1", "Reason"), ("license plates", "License Plate"), ("case number", "Case #"),
        ("Name", "Name"), ("Time Frame", "Time Frame"), ("org name", "Org Name"), ("Filters", "Filters"),
        ("Total Devices Searched", "Total Devices Searched"), ("Search Type", "Search Type"),
        ("Total Networks Searched", "Total Networks Searched"),
    ])

    /// The file's text with LF line ends; `extraField` appends a field to the rows it names (by
    /// index), `lastFieldMissing` drops their last field.
    func text(_ rows: [AuditRow], quoteAll: Bool = false, extraField: [Int: String] = [:], lastFieldMissing: Set<Int> = []) -> String {
        var lines = [columns.map { csvField($0.header, quote: quoteAll) }.joined(separator: ",")]
        for (n, row) in rows.enumerated() {
            var fields = columns.map { csvField(row[$0.canonical], quote: quoteAll) }
            if let extra = extraField[n] { fields.append(csvField(extra, quote: quoteAll)) }
            if lastFieldMissing.contains(n) { fields.removeLast() }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func file(_ rows: [AuditRow], encoding: FileEncoding) -> Data {
        encoding.encode(text(rows, quoteAll: encoding.quotesAll))
    }
}

/// How a file is saved.
enum FileEncoding: String, Sendable, CustomStringConvertible {
    /// LF line ends, fields quoted only when they must be.
    case plain
    /// A byte order mark and CRLF line ends (also inside quoted fields: the whole file converted).
    case bomCRLF
    /// Every field quoted, CRLF line ends.
    case quotedCRLF
    /// LF line ends, no line break after the last row.
    case noFinalLineBreak
    /// A byte order mark, every field quoted, CRLF line ends, no line break after the last row.
    case bomQuotedNoFinalLineBreak

    var description: String { rawValue }

    var quotesAll: Bool { self == .quotedCRLF || self == .bomQuotedNoFinalLineBreak }

    func encode(_ text: String) -> Data {
        var data = Data()
        if self == .bomCRLF || self == .bomQuotedNoFinalLineBreak { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        var text = text
        if self == .noFinalLineBreak || self == .bomQuotedNoFinalLineBreak, text.hasSuffix("\n") { text.removeLast() }
        if self != .plain, self != .noFinalLineBreak { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        data.append(Data(text.utf8))
        return data
    }
}

/// An RFC 4180 field.
func csvField(_ value: String, quote: Bool = false) -> String {
    if quote || value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return value
}

/// A file the import must refuse: where (line, column) and what it must not show.
struct BrokenFile: Sendable, CustomStringConvertible {
    let description: String
    let text: String
    let line: Int
    let column: String?
    let hidden: [String]
    var zero = false
    var format = "flock-audit"

    init(_ description: String, _ text: String, line: Int, column: String?, hidden: [String], zero: Bool = false,
         format: String = "flock-audit") {
        self.description = description
        self.text = text
        self.line = line
        self.column = column
        self.hidden = hidden
        self.zero = zero
        self.format = format
    }
}

/// Writing times as Flock does.
enum FlockTime {
    static var utcCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    static func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    /// `M/D/YYYY, h:MM:SS AM UTC`.
    static func us(_ date: Date) -> String {
        let p = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let hour = p.hour! % 12 == 0 ? 12 : p.hour! % 12
        return "\(p.month!)/\(p.day!)/\(p.year!), \(hour):\(String(format: "%02d", p.minute!)):\(String(format: "%02d", p.second!)) "
            + (p.hour! < 12 ? "AM" : "PM") + " UTC"
    }

    /// ISO 8601 with `fraction` (".123") before the `Z`.
    static func iso(_ date: Date, fraction: String = "") -> String {
        let p = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!) + fraction + "Z"
    }
}

// MARK: - Running the binary

enum ImportTool {
    /// The `transparency-gen` built beside this test binary (whatever the scratch path), else `.build/debug`'s.
    static let binary: URL = {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first, first.hasPrefix("/") || first.contains("/") {
            let folder = URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent("transparency-gen"))
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("transparency-gen"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("transparency-gen"))
        let found = candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        }
        return found ?? InterruptionTests.binary
    }()

    struct Run: Sendable {
        let status: Int32
        let output: String
        let error: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let folder = temporaryFolder("flock-run")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        return Run(status: process.terminationStatus, output: String(decoding: fileBytes(outURL.path) ?? Data(), as: UTF8.self),
                   error: String(decoding: fileBytes(errURL.path) ?? Data(), as: UTF8.self))
    }

    /// The number the output gives with `keyword` (a whole word: `read`, `added`, `already`), in
    /// whichever order it writes them ("12 searches read", "read: 12"); nil when none or ambiguous.
    static func count(_ keyword: String, in output: String) -> Int? {
        let clauses = output.split(whereSeparator: { ",;:\n()".contains($0) })
        var found: [Int] = []
        for (n, clause) in clauses.enumerated() {
            let words = clause.lowercased().split(whereSeparator: { !$0.isLetter })
            guard words.contains(Substring(keyword)) else { continue }
            let numbers = clause.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            if numbers.count == 1 {
                found.append(numbers[0])
            } else if numbers.isEmpty, n + 1 < clauses.count,
                      let next = clauses[n + 1].split(whereSeparator: { !$0.isNumber }).compactMap({ Int($0) }).first {
                found.append(next)
            }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// Whether `message` names line `line`: "line 4" or "FILE:4".
    static func mentionsLine(_ line: Int, of file: String, in message: String) -> Bool {
        for marker in ["line \(line)", "Line \(line)", "\(file):\(line)"] {
            var searchRange = message.startIndex..<message.endIndex
            while let range = message.range(of: marker, range: searchRange) {
                if range.upperBound == message.endIndex || !message[range.upperBound].isNumber { return true }
                searchRange = range.upperBound..<message.endIndex
            }
        }
        return false
    }
}

// MARK: - Reading the database

enum StoredValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let value): "\(value)"
        case .real(let value): "\(value) (real)"
        case .text(let value): value.debugDescription
        }
    }

    var text: String? { if case .text(let value) = self { value } else { nil } }
}

enum SQLiteFile {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// The rows of `sql` on the file opened read-only.
    static func query(_ path: String, _ sql: String) throws -> [[StoredValue]] {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            sqlite3_close(db)
            throw Failure(description: "cannot open \(path)")
        }
        defer { sqlite3_close(db) }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else {
            throw Failure(description: String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(statement) }
        var rows: [[StoredValue]] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw Failure(description: String(cString: sqlite3_errmsg(db))) }
            var row: [StoredValue] = []
            for column in 0..<sqlite3_column_count(statement) {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_NULL: row.append(.null)
                case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
                case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(statement, column)))
                default:
                    let bytes = sqlite3_column_bytes(statement, column)
                    let pointer = sqlite3_column_text(statement, column)
                    row.append(.text(pointer.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(bytes)), as: UTF8.self) } ?? ""))
                }
            }
            rows.append(row)
        }
        return rows
    }

    static func rows(_ path: String, table: String, columns: [String]) throws -> [[String: StoredValue]] {
        try query(path, "SELECT \(columns.joined(separator: ", ")) FROM \(table)").map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
    }

    static func count(_ path: String) throws -> Int {
        guard case .integer(let n) = try query(path, "SELECT count(*) FROM data_access").first?.first else { return -1 }
        return Int(n)
    }
}

// MARK: - The reference: the spec's mapping table, from its text

enum FlockReference {
    /// The `data_access` columns compared (all but `access_id`).
    static let columns = ["vendor_search_id", "accessed_at", "user_name", "case_number", "purpose", "requesting_agency", "query_text",
                          "requesting_agency_id", "reason", "search_kind", "networks_searched", "window_start_at"]
    /// Columns whose empty cell may be stored as NULL or as "" (the spec does not choose).
    static let emptyOrNull: Set<String> = ["case_number", "reason"]
    static let zone = TimeZone(identifier: "America/Chicago")!

    static func nullIfEmpty(_ value: String?) -> StoredValue {
        guard let value, !value.isEmpty else { return .null }
        return .text(value)
    }

    /// The expected `data_access` row of `row` read from a file of `layout`.
    static func expected(_ row: AuditRow, layout: AuditLayout, ownOrgs: [String], agencyIDs: [String: String]) -> [String: StoredValue] {
        func cell(_ column: String) -> String? { layout.has(column) ? row[column] : nil }
        var result: [String: StoredValue] = [:]
        if let id = cell("ID") {
            result["vendor_search_id"] = .text(id)
        } else {
            result["vendor_search_id"] = .text("sha256:" + Digest.sha256(layout.columns.map { row[$0.canonical] }.joined(separator: "\n")))
        }
        result["accessed_at"] = utc(cell("Search Time") ?? "").map(StoredValue.text) ?? .null
        result["user_name"] = .text(cell("Name") ?? "")
        result["case_number"] = nullIfEmpty(cell("Case #"))
        let reason = cell("Reason")
        result["reason"] = nullIfEmpty(reason)
        result["purpose"] = .text(purpose(reason))
        let org = (cell("Org Name") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let own = org.isEmpty || ownOrgs.contains { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == org.lowercased() }
        result["requesting_agency"] = own ? .null : .text(cell("Org Name")!)
        result["requesting_agency_id"] = own ? .null : nullIfEmpty(agencyIDs[org.lowercased()])
        result["query_text"] = queryText(["License Plate": cell("License Plate"), "Filters": cell("Filters"), "Text Prompt": cell("Text Prompt")])
        result["networks_searched"] = networks(cell("Total Networks Searched"))
        result["window_start_at"] = windowStart(cell("Time Frame") ?? "")
        result["search_kind"] = searchKind(cell("Search Type") ?? "")
        return result
    }

    /// The expected row of a portal audit row `id,userId,searchDate,networkCount,offenseType|reason`.
    static func expectedPortal(_ row: [String]) -> [String: StoredValue] {
        [
            "vendor_search_id": .text(row[0]), "accessed_at": utc(row[2]).map(StoredValue.text) ?? .null, "user_name": .text("***"),
            "case_number": .null, "purpose": .text(purpose(row[4])), "requesting_agency": .null, "query_text": .null,
            "requesting_agency_id": .null, "reason": nullIfEmpty(row[4]), "search_kind": .null, "networks_searched": networks(row[3]),
            "window_start_at": .null,
        ]
    }

    static func networks(_ cell: String?) -> StoredValue {
        guard let cell, !cell.isEmpty, let n = Int64(cell), n >= 1 else { return .null }
        return .integer(n)
    }

    /// `License Plate`, `Filters`, `Text Prompt`: the non-empty ones as `Column: value`, one a line.
    static func queryText(_ cells: [String: String?]) -> StoredValue {
        let parts = ["License Plate", "Filters", "Text Prompt"].compactMap { column -> String? in
            guard let value = cells[column] ?? nil, !value.isEmpty else { return nil }
            return "\(column): \(value)"
        }
        return parts.isEmpty ? .null : .text(parts.joined(separator: "\n"))
    }

    static func searchKind(_ type: String) -> StoredValue {
        if type.isEmpty { return .null }
        var base = type
        if base.hasSuffix(" - Mobile") { base.removeLast(" - Mobile".count) }
        let kinds = ["lookup": "plate_lookup", "search": "vehicle_search", "convoy": "convoy", "freeform": "freeform",
                     "multiGeo": "multi_location", "visual": "visual", "apiLookup": "api"]
        return .text(kinds[base] ?? "other")
    }

    /// The first time of a Time Frame: two times separated by a line break or by ` to `.
    static func windowStart(_ frame: String) -> StoredValue {
        let text = frame.replacingOccurrences(of: "\r\n", with: "\n")
        if text.isEmpty { return .null }
        let first: String
        if let newline = text.firstIndex(of: "\n") {
            first = String(text[..<newline])
        } else if let to = text.range(of: " to ") {
            first = String(text[..<to.lowerBound])
        } else {
            first = text
        }
        return utc(first).map(StoredValue.text) ?? .null
    }

    /// `M/D/YYYY, h:MM:SS AM UTC` or ISO 8601 ending `Z` as `YYYY-MM-DDTHH:MM:SSZ` (fraction
    /// truncated); nil when it is not a valid time.
    static func utc(_ text: String) -> String? {
        func number(_ part: Substring, digits: ClosedRange<Int>) -> Int? {
            guard digits.contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(part)
        }
        if text.hasSuffix("Z") {
            let parts = text.dropLast().split(separator: "T", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            var clock = parts[1]
            if let dot = clock.firstIndex(of: ".") {
                let fraction = clock[clock.index(after: dot)...]
                guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
                clock = clock[..<dot]
            }
            let day = parts[0].split(separator: "-", omittingEmptySubsequences: false)
            let time = clock.split(separator: ":", omittingEmptySubsequences: false)
            guard day.count == 3, time.count == 3, let y = number(day[0], digits: 4...4), let m = number(day[1], digits: 2...2),
                  let d = number(day[2], digits: 2...2), let h = number(time[0], digits: 2...2), let mi = number(time[1], digits: 2...2),
                  let s = number(time[2], digits: 2...2), h <= 23 else { return nil }
            return instant(y, m, d, h, mi, s)
        }
        guard text.hasSuffix(" UTC") else { return nil }
        let body = text.dropLast(4)
        let halves = body.components(separatedBy: ", ")
        guard halves.count == 2 else { return nil }
        let day = halves[0].split(separator: "/", omittingEmptySubsequences: false)
        let clockAndHalf = halves[1].split(separator: " ", omittingEmptySubsequences: false)
        guard day.count == 3, clockAndHalf.count == 2, ["AM", "PM"].contains(clockAndHalf[1]) else { return nil }
        let time = clockAndHalf[0].split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 3, let m = number(day[0], digits: 1...2), let d = number(day[1], digits: 1...2),
              let y = number(day[2], digits: 4...4), let h = number(time[0], digits: 1...2), let mi = number(time[1], digits: 2...2),
              let s = number(time[2], digits: 2...2), (1...12).contains(h) else { return nil }
        return instant(y, m, d, h % 12 + (clockAndHalf[1] == "PM" ? 12 : 0), mi, s)
    }

    static func instant(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> String? {
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(m), (1...days[m - 1]).contains(d), (0...23).contains(h), (0...59).contains(mi), (0...59).contains(s) else {
            return nil
        }
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, h, mi, s)
    }

    // The reason-rule word matching of the product spec: whole words, any case.


    /// `purpose` from `Reason`: amber → amber_alert; else missing, runaway or endangered →
    /// missing_person; else audit → audit; else blank → other; else criminal_investigation.
    static func purpose(_ reason: String?) -> String {
        let text = Array((reason ?? "").unicodeScalars)
        if occurs("amber", in: text) { return "amber_alert" }
        if ["missing", "runaway", "endangered"].contains(where: { occurs($0, in: text) }) { return "missing_person" }
        if occurs("audit", in: text) { return "audit" }
        if isBlank(reason) { return "other" }
        return "criminal_investigation"
    }

    static let rules = SpecReference.rules
    static func isBlank(_ text: String?) -> Bool { SpecReference.isBlank(text) }


    static func reasonGroup(_ reason: String?) -> String { SpecReference.reasonGroup(reason) }
    static func localDate(_ iso: String) -> String { SpecReference.localDate(iso) }
    static func asOf(_ now: String) -> String { SpecReference.asOf(now) }
    static func occurs(_ word: String, in text: [Unicode.Scalar]) -> Bool { SpecReference.occurs(word, in: text) }

    // The two data files, from the expected rows.



    static func codePointOrder(_ a: [String], _ b: [String]) -> Bool {
        a.lexicographicallyPrecedes(b) { $0.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
    }

    static func searchesByDay(_ rows: [[String: StoredValue]], agencies: [String: (String, String)], now: String) -> [[String]] {
        var counts: [[String]: Int] = [:]
        let last = asOf(now)
        for row in rows {
            let date = localDate(row["accessed_at"]!.text!)
            guard date <= last else { continue }
            let agencyID = row["requesting_agency_id"]?.text
            let requestedBy = agencyID != nil ? "named_agency"
                : isBlank(row["requesting_agency"]?.text) ? "this_agency" : "unnamed_agency"
            let agency = agencyID.flatMap { agencies[$0] }
            let recorded = isBlank(row["case_number"]?.text) ? "no" : "yes"
            counts[[date, row["purpose"]!.text!, requestedBy, agencyID ?? "", agency?.0 ?? "", agency?.1 ?? "", recorded], default: 0] += 1
        }
        return counts.keys.sorted { codePointOrder([$0[0], $0[1], $0[2], $0[3], $0[6]], [$1[0], $1[1], $1[2], $1[3], $1[6]]) }
            .map { $0 + [String(counts[$0]!)] }
    }

    static func band(_ n: StoredValue?) -> String {
        guard case .integer(let n)? = n else { return "" }
        if n == 1 { return "1" }
        if n <= 10 { return "2-10" }
        if n <= 100 { return "11-100" }
        if n <= 1000 { return "101-1000" }
        return "1001+"
    }

    static func searchScopeByDay(_ rows: [[String: StoredValue]], now: String, retentionDays: Int) -> [[String]] {
        var counts: [[String]: Int] = [:]
        let last = asOf(now)
        for row in rows {
            let at = row["accessed_at"]!.text!
            let date = localDate(at)
            guard date <= last else { continue }
            var window = ""
            if let start = row["window_start_at"]?.text {
                window = FlockTime.date(start) < FlockTime.date(at).addingTimeInterval(-Double(retentionDays) * 86_400)
                    ? "beyond_retention" : "within_retention"
            }
            let key = [date, row["search_kind"]?.text ?? "", band(row["networks_searched"]), window, reasonGroup(row["reason"]?.text)]
            counts[key, default: 0] += 1
        }
        return counts.keys.sorted(by: codePointOrder).map { $0 + [String(counts[$0]!)] }
    }
}
