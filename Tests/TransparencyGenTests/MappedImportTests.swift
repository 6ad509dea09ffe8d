import Foundation
import Testing
import TestSupport

/// `transparency-gen import csv --mapping FILE.yaml FILE…` (docs/vendor-export.md, "Any other
/// table: a mapping file"; spec/import.md, "FORMAT `csv --mapping FILE.yaml`"), run as a black
/// box through the built binary.
///
/// Every expected value is written here from the doc's text: dates by hand, times converted with
/// Foundation's `TimeZone` rules by `MappedReference` (which shares no code with the importer),
/// words looked up by hand. The helpers of `FlockImportTests.swift` run the binary
/// (`ImportTool`), read the database (`SQLiteFile`, `StoredValue`) and write files with CRLF or
/// a byte order mark (`FileEncoding`).
@Suite("Importing any table with a mapping file")
struct MappedImportTests {
    // MARK: - 0. The reference itself

    /// The reference's local-to-UTC conversion agrees with Foundation's `DateFormatter` on
    /// ordinary times, and with the doc's two rules, written out by hand, around America/Chicago's
    /// 2026 transitions (March 8, 02:00 skipped; November 1, 01:00–01:59 repeated).
    @Test func theReferenceAgreesWithFoundationAndTheHandWrittenCases() {
        let ordinary: [(LocalTime, String)] = [
            (LocalTime(2026, 10, 30, 7, 15, 2), "America/Chicago"), (LocalTime(2026, 11, 2, 8, 5, 0), "America/Chicago"),
            (LocalTime(2026, 1, 15, 23, 59, 59), "America/Chicago"), (LocalTime(2026, 7, 1, 12, 0, 0), "America/Denver"),
            (LocalTime(2026, 10, 30, 5, 15, 0), "Asia/Kolkata"), (LocalTime(2026, 3, 8, 1, 30, 0), "America/New_York"),
            (LocalTime(2026, 12, 31, 23, 59, 59), "UTC"), (LocalTime(2028, 2, 29, 12, 0, 0), "Pacific/Honolulu"),
        ]
        for (local, zone) in ordinary {
            #expect(MappedReference.utc(local, zone: zone) == MappedReference.foundationUTC(local, zone: zone), "\(local) \(zone)")
        }
        let chicago = "America/Chicago"
        let written: [(LocalTime, String)] = [
            (LocalTime(2026, 10, 30, 7, 15, 2), "2026-10-30T12:15:02Z"), (LocalTime(2026, 11, 2, 8, 5, 0), "2026-11-02T14:05:00Z"),
            (LocalTime(2026, 3, 8, 1, 59, 59), "2026-03-08T07:59:59Z"), (LocalTime(2026, 3, 8, 2, 0, 0), "2026-03-08T08:00:00Z"),
            (LocalTime(2026, 3, 8, 2, 30, 0), "2026-03-08T08:30:00Z"), (LocalTime(2026, 3, 8, 3, 0, 0), "2026-03-08T08:00:00Z"),
            (LocalTime(2026, 11, 1, 0, 59, 59), "2026-11-01T05:59:59Z"), (LocalTime(2026, 11, 1, 1, 0, 0), "2026-11-01T06:00:00Z"),
            (LocalTime(2026, 11, 1, 1, 30, 0), "2026-11-01T06:30:00Z"), (LocalTime(2026, 11, 1, 1, 59, 59), "2026-11-01T06:59:59Z"),
            (LocalTime(2026, 11, 1, 2, 0, 0), "2026-11-01T08:00:00Z"), (LocalTime(2026, 12, 31, 23, 59, 59), "2027-01-01T05:59:59Z"),
        ]
        for (local, iso) in written { #expect(MappedReference.utc(local, zone: chicago) == iso, "\(local)") }
        #expect(MappedReference.utc(LocalTime(2026, 10, 30, 5, 15, 0), zone: "Asia/Kolkata") == "2026-10-29T23:45:00Z")
        // Paris skips 02:00-02:59 on March 29, 2026 (CET +1 before).
        #expect(MappedReference.utc(LocalTime(2026, 3, 29, 2, 30, 0), zone: "Europe/Paris") == "2026-03-29T01:30:00Z")
        let summary = "Imported 2 files into /tmp/x.sqlite: 7 rows read, 3 added, 1 updated, 3 already present."
        #expect(MappedImport.summary(summary) == ImportSummary(read: 7, added: 3, updated: 1, alreadyPresent: 3))
    }

    // MARK: - 1. Each kind of rule

    /// Plain columns matched by a header name trimmed and in any case, `values:` matched trimmed
    /// and in any case with and without `default:`, `date:` in three formats, empty and
    /// white-space cells stored as NULL; a CSV column no rule names is not read at all (its
    /// canaries and its unparseable text never reach the database); a new database file is
    /// created with the operational schema; the summary counts the rows. A file saved with a
    /// byte order mark, CRLF line ends or no final line break reads the same.
    @Test(arguments: [FileEncoding.plain, .bomCRLF, .noFinalLineBreak, .bomQuotedNoFinalLineBreak])
    func readersTakePlainColumnsValuesAndDates(encoding: FileEncoding) throws {
        let ws = MappedWorkspace()
        let database = ws.inputs.appendingPathComponent("new-operational.sqlite").path
        let mapping = ws.write("mapping/readers.yaml", """
            # cameras.csv -> reader
            table: reader
            columns:
              reader_id: CameraID
              kind:
                column: Type
                values: {Fixed: fixed, Mobile: mobile, Trailer: portable}
              label: {column: Camera Name}
              operator:
                column: Owner
                values: {Partner: partner, HOA: partner}
                default: agency
              installed_on: {column: INSTALLED, date: MM/dd/yyyy}
              decommissioned_on: {column: Retired, date: M/d/yyyy}
              bca_notified_on: {column: bca notice, date: yyyy-MM-dd}

            """)
        let csv = ws.write("export/cameras.csv", """
             cameraid ,TYPE,camera name,OWNER,  Installed  ,RETIRED,BCA Notice,Notes
            CAM-7,Fixed,Camera 7 (Main St),PD,03/02/2025,,2025-03-06,CANARY-NOTE-1
              SQ-22 , mobile ,  Squad 22  ,partner,01/15/2024,6/1/2026,2024-01-19,not a date
            TR-1,TRAILER,"Trailer 1, north lot",,12/31/2025,12/5/2026,   ,"CANARY-NOTE-3, quoted"
            CAM-8,fixed,Camera 8,hoa,02/29/2028,  ,2028-03-01,

            """, encoding: encoding)
        let run = try ws.importCSV(mapping: mapping, [csv], database: database)
        MappedImport.expectSuccess(run)
        MappedImport.expectRows(database, "SELECT reader_id, kind, label, operator, installed_on, decommissioned_on, bca_notified_on FROM reader ORDER BY reader_id", [
            [.text("CAM-7"), .text("fixed"), .text("Camera 7 (Main St)"), .text("agency"), .text("2025-03-02"), .null, .text("2025-03-06")],
            [.text("CAM-8"), .text("fixed"), .text("Camera 8"), .text("partner"), .text("2028-02-29"), .null, .text("2028-03-01")],
            [.text("SQ-22"), .text("mobile"), .text("Squad 22"), .text("partner"), .text("2024-01-15"), .text("2026-06-01"), .text("2024-01-19")],
            [.text("TR-1"), .text("portable"), .text("Trailer 1, north lot"), .text("agency"), .text("2025-12-31"), .text("2026-12-05"), .null],
        ], "readers")
        MappedImport.expectSummary(run, ImportSummary(read: 4, added: 4, updated: 0, alreadyPresent: 0))
        #expect(!MappedImport.databaseHolds("CANARY-NOTE", database), "a column no rule names was stored")
        // The file was created with the operational schema.
        let tables = Set(try SQLiteFile.query(database, "SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0.first?.text })
        let wanted: Set = ["reader", "reader_location", "active_period", "comparison_source", "plate_read", "hit", "sharing_agency",
                           "data_access", "acp_request"]
        #expect(wanted.isSubset(of: tables), "tables missing: \(wanted.subtracting(tables).sorted())")
    }

    /// `{value: …}` fills every row with the same text; INTEGER (`security_information`, left out
    /// here: the schema's default 0) and REAL columns (`45.0712`, `-93.4558`, padded, whole `45`)
    /// are stored as numbers; an empty or white-space REAL cell is NULL; a quoted cell is read
    /// trimmed of spaces and line breaks; `key: [reader_id, placed_on]` lets a table be imported
    /// without its id, which SQLite assigns.
    @Test func placementsTakeConstantsAndDecimalNumbers() throws {
        let ws = MappedWorkspace()
        MappedImport.seed(ws.database)
        let mapping = ws.write("mapping/placements.yaml", """
            # camera_sites.csv -> reader_location
            table: reader_location
            key: [reader_id, placed_on]
            columns:
              reader_id: CameraID
              description: SiteDescription
              direction: {value: Both directions}
              latitude: Lat
              longitude: Lon
              placed_on: {column: FromDate, date: M/d/yyyy}
              removed_on: {column: ToDate, date: M/d/yyyy}

            """)
        let csv = ws.write("export/camera_sites.csv", """
            CameraID,SiteDescription,Lat,Lon,FromDate,ToDate
            CAM-1,Main St at 3rd Ave,45.0712,-93.4558,3/2/2025,
            CAM-2,"
              Lakeview Dr, entrance 
            ", 45.0811 , -93.4402 ,5/12/2026,10/1/2026
            SQ-21,Trailer lot,45,-93,11/9/2026,
            CAM-1,Second site,,  ,10/2/2026,

            """)
        let run = try ws.importCSV(mapping: mapping, [csv])
        MappedImport.expectSuccess(run)
        MappedImport.expectRows(ws.database, """
            SELECT reader_id, description, direction, latitude, longitude, placed_on, removed_on, security_information
            FROM reader_location ORDER BY reader_id, placed_on
            """, [
            [.text("CAM-1"), .text("Main St at 3rd Ave"), .text("Both directions"), .real(45.0712), .real(-93.4558), .text("2025-03-02"), .null, .integer(0)],
            [.text("CAM-1"), .text("Second site"), .text("Both directions"), .null, .null, .text("2026-10-02"), .null, .integer(0)],
            [.text("CAM-2"), .text("Lakeview Dr, entrance"), .text("Both directions"), .real(45.0811), .real(-93.4402), .text("2026-05-12"),
             .text("2026-10-01"), .integer(0)],
            [.text("SQ-21"), .text("Trailer lot"), .text("Both directions"), .real(45), .real(-93), .text("2026-11-09"), .null, .integer(0)],
        ], "placements")
        let ids = try SQLiteFile.query(ws.database, "SELECT location_id FROM reader_location").map { $0[0] }
        #expect(ids.count == 4 && Set(ids).count == 4 && !ids.contains(.null), "location ids: \(ids)")
        MappedImport.expectSummary(run, ImportSummary(read: 4, added: 4, updated: 0, alreadyPresent: 0))
    }

    /// `case: lower` (after trimming), `values: {N: 0, Y: 1}` matched in any case, with a
    /// default that keeps the list private (`0`) for an empty cell, and dates `MM/dd/yyyy`.
    @Test func hotListsTakeLowerCaseAndAValueListWithADefault() throws {
        let ws = MappedWorkspace()
        MappedImport.seed(ws.database)
        let mapping = ws.write("mapping/hotlists.yaml", """
            # hotlists.csv -> comparison_source
            table: comparison_source
            columns:
              source_id: ListID
              name: ListName
              jurisdiction: {column: Level, case: lower}
              existence_public:
                column: Public
                values: {N: 0, Y: 1}
                default: 0
              in_use_from: {column: ActiveFrom, date: MM/dd/yyyy}
              in_use_until: {column: ActiveTo, date: MM/dd/yyyy}

            """)
        let csv = ws.write("export/hotlists.csv", """
            ListID,ListName,Level,Public,ActiveFrom,ActiveTo
            MN-HOT,Minnesota hot file,State,Y,01/01/2020,
            FED,Federal list, FEDERAL ,n,06/01/2025,12/31/2026
            CITY,City list,local,,07/04/2026,

            """)
        let run = try ws.importCSV(mapping: mapping, [csv])
        MappedImport.expectSuccess(run)
        MappedImport.expectRows(ws.database, """
            SELECT source_id, name, jurisdiction, existence_public, in_use_from, in_use_until FROM comparison_source
            WHERE source_id IN ('MN-HOT', 'FED', 'CITY') ORDER BY source_id
            """, [
            [.text("CITY"), .text("City list"), .text("local"), .integer(0), .text("2026-07-04"), .null],
            [.text("FED"), .text("Federal list"), .text("federal"), .integer(0), .text("2025-06-01"), .text("2026-12-31")],
            [.text("MN-HOT"), .text("Minnesota hot file"), .text("state"), .integer(1), .text("2020-01-01"), .null],
        ], "hot lists")
    }

    /// `values:` words matched trimmed and in any case; a word in no list takes the rule's
    /// `default:`, and so does an empty cell (the doc's hits.yaml: `other`, `pending`).
    @Test func alertReasonsAreMappedToTheStatutesCategories() throws {
        let ws = MappedWorkspace()
        MappedImport.seed(ws.database)
        let mapping = ws.write("mapping/hits.yaml", """
            # alerts.csv -> hit
            table: hit
            columns:
              hit_id: AlertID
              read_id: ReadID
              source_id: ListID
              category:
                column: Reason
                values:
                  Stolen Vehicle: stolen_vehicle
                  Stolen Plate: stolen_plate
                  Warrant: warrant
                  Revoked/Suspended: license_status
                  Investigation: active_investigation
                  Missing Person: missing_person
                  AMBER Alert: amber_alert
                default: other
              hotlist_record: Record
              disposition:
                column: Outcome
                values:
                  Confirmed: confirmed
                  Misread: misread
                  Not Current: not_current
                  No Action: no_action
                default: pending

            """)
        let csv = ws.write("export/alerts.csv", """
            AlertID,ReadID,ListID,Reason,Record,Outcome
            601,1,BCA,  stolen vehicle ,CANARY-REC-1,confirmed
            602,2,NCIC,WARRANT,,
            603,3,LOCAL,Gang member,CANARY-REC-3, NOT CURRENT 
            604,1,BCA,amber alert,CANARY-REC-4,Unknown outcome
            605,2,BCA,Revoked/Suspended,CANARY-REC-5,no action

            """)
        let run = try ws.importCSV(mapping: mapping, [csv])
        MappedImport.expectSuccess(run)
        MappedImport.expectRows(ws.database, "SELECT hit_id, read_id, source_id, category, hotlist_record, disposition FROM hit ORDER BY hit_id", [
            [.integer(601), .integer(1), .text("BCA"), .text("stolen_vehicle"), .text("CANARY-REC-1"), .text("confirmed")],
            [.integer(602), .integer(2), .text("NCIC"), .text("warrant"), .null, .text("pending")],
            [.integer(603), .integer(3), .text("LOCAL"), .text("other"), .text("CANARY-REC-3"), .text("not_current")],
            [.integer(604), .integer(1), .text("BCA"), .text("amber_alert"), .text("CANARY-REC-4"), .text("pending")],
            [.integer(605), .integer(2), .text("BCA"), .text("license_status"), .text("CANARY-REC-5"), .text("no_action")],
        ], "hits")
        MappedImport.expectSummary(run, ImportSummary(read: 5, added: 5, updated: 0, alreadyPresent: 0))
    }

    /// `lookup:` in a second CSV whose path is relative to the mapping file (the mapping in one
    /// folder, its list in a subfolder, the export elsewhere, the command run from yet another
    /// folder); words matched trimmed and in any case on both sides; `default: null` for a word
    /// the list lacks and for an empty cell. Also: a local time, a `values:` list with a default,
    /// a white-space cell stored as NULL, and the optional columns left out staying NULL.
    @Test(arguments: [FileEncoding.plain, .bomCRLF])
    func aLookupFileRelativeToTheMappingGivesAgencyIDs(encoding: FileEncoding) throws {
        let ws = MappedWorkspace()
        MappedImport.seed(ws.database)
        ws.write("mapping/lists/agency_names.csv", """
            ExportName,AgencyID
            Hennepin County SO,hennepin-so
              HCSO  ,hennepin-so
            FBI Minneapolis,fbi-mpls

            """, encoding: encoding)
        let mapping = ws.write("mapping/searches.yaml", Self.searchesMapping(lookupDefault: true))
        let csv = ws.write("export/searches.csv", """
            QueryID,QueryTimeLocal,User,CaseNo,Reason,ForAgency,Query
            9001,10/31/2026 10:20:00,CANARY-USER-1,CANARY-CASE-1,Criminal investigation,,CANARY-QUERY-1
            9002,11/02/2026 15:05:00,CANARY-USER-2,,  missing PERSON ,hennepin county so,CANARY-QUERY-2
            9003,11/02/2026 16:40:00,CANARY-USER-3, ,audit, hcso ,
            9004,11/02/2026 23:55:00,CANARY-USER-4,CANARY-CASE-4,Other,Wright Co SO,CANARY-QUERY-4
            9005,11/03/2026 00:10:00,CANARY-USER-5,,AMBER ALERT,FBI MINNEAPOLIS,CANARY-QUERY-5

            """, encoding: encoding)
        let run = try ws.importCSV(mapping: mapping, [csv])
        MappedImport.expectSuccess(run)
        func at(_ m: Int, _ d: Int, _ h: Int, _ mi: Int) -> StoredValue {
            .text(MappedReference.utc(LocalTime(2026, m, d, h, mi, 0), zone: "America/Chicago"))
        }
        MappedImport.expectRows(ws.database, """
            SELECT access_id, accessed_at, user_name, case_number, purpose, requesting_agency, query_text, requesting_agency_id,
                   vendor_search_id, reason, search_kind, networks_searched, window_start_at
            FROM data_access ORDER BY access_id
            """, [
            [.integer(9001), at(10, 31, 10, 20), .text("CANARY-USER-1"), .text("CANARY-CASE-1"), .text("criminal_investigation"), .null,
             .text("CANARY-QUERY-1"), .null, .null, .null, .null, .null, .null],
            [.integer(9002), at(11, 2, 15, 5), .text("CANARY-USER-2"), .null, .text("missing_person"), .text("hennepin county so"),
             .text("CANARY-QUERY-2"), .text("hennepin-so"), .null, .null, .null, .null, .null],
            [.integer(9003), at(11, 2, 16, 40), .text("CANARY-USER-3"), .null, .text("audit"), .text("hcso"), .null, .text("hennepin-so"),
             .null, .null, .null, .null, .null],
            [.integer(9004), at(11, 2, 23, 55), .text("CANARY-USER-4"), .text("CANARY-CASE-4"), .text("other"), .text("Wright Co SO"),
             .text("CANARY-QUERY-4"), .null, .null, .null, .null, .null, .null],
            [.integer(9005), at(11, 3, 0, 10), .text("CANARY-USER-5"), .null, .text("amber_alert"), .text("FBI MINNEAPOLIS"),
             .text("CANARY-QUERY-5"), .text("fbi-mpls"), .null, .null, .null, .null, .null],
        ], "searches")
        #expect(MappedReference.utc(LocalTime(2026, 11, 2, 23, 55, 0), zone: "America/Chicago") == "2026-11-03T05:55:00Z")
        MappedImport.expectSummary(run, ImportSummary(read: 5, added: 5, updated: 0, alreadyPresent: 0))
    }

    /// The mapping of `aLookupFileRelativeToTheMappingGivesAgencyIDs`, with or without `default: null`.
    static func searchesMapping(lookupDefault: Bool) -> String {
        """
        # searches.csv -> data_access
        table: data_access
        columns:
          access_id: QueryID
          accessed_at: {column: QueryTimeLocal, time: MM/dd/yyyy HH:mm:ss, zone: local}
          user_name: User
          case_number: CaseNo
          purpose:
            column: Reason
            values:
              Criminal investigation: criminal_investigation
              Missing person: missing_person
              AMBER Alert: amber_alert
              Audit: audit
            default: other
          requesting_agency: ForAgency
          query_text: Query
          requesting_agency_id:
            column: ForAgency
            lookup: {file: lists/agency_names.csv, match: ExportName, value: AgencyID}
        \(lookupDefault ? "    default: null\n" : "")
        """
    }

    /// An empty or white-space cell takes the rule's `default:` whatever the rule: a plain
    /// column's text, a `values:` list's word, a date's `null`; without a default it is NULL.
    @Test func anEmptyCellTakesTheRulesDefault() throws {
        let ws = MappedWorkspace()
        MappedImport.seed(ws.database)
        let mapping = ws.write("mapping/readers.yaml", """
            # cameras.csv -> reader
            table: reader
            columns:
              reader_id: CameraID
              kind:
                column: Type
                values: {Fixed: fixed, Mobile: mobile}
              label: {column: Name, default: Unnamed reader}
              operator: {column: Owner, values: {Partner: partner}, default: agency}
              installed_on: {column: Installed, date: MM/dd/yyyy}
              bca_notified_on: {column: Notice, date: MM/dd/yyyy, default: null}

            """)
        let csv = ws.write("export/cameras.csv", """
            CameraID,Type,Name,Owner,Installed,Notice
            D-1,Fixed,,,,
            D-2,Mobile,   ,  Partner ,01/02/2026,  
            D-3,fixed,Named,Other,,01/05/2026

            """)
        let run = try ws.importCSV(mapping: mapping, [csv])
        MappedImport.expectSuccess(run)
        MappedImport.expectRows(ws.database, "SELECT reader_id, kind, label, operator, installed_on, bca_notified_on FROM reader WHERE reader_id LIKE 'D-%' ORDER BY reader_id", [
            [.text("D-1"), .text("fixed"), .text("Unnamed reader"), .text("agency"), .null, .null],
            [.text("D-2"), .text("mobile"), .text("Unnamed reader"), .text("partner"), .text("2026-01-02"), .null],
            [.text("D-3"), .text("fixed"), .text("Named"), .text("agency"), .null, .text("2026-01-05")],
        ], "defaults")
    }

    // MARK: - 1b. Dates and times

    static let dateCases: [DateCase] = [
        DateCase("MM/dd/yyyy", [("03/02/2025", "2025-03-02"), ("12/31/2026", "2026-12-31"), ("02/29/2028", "2028-02-29")]),
        DateCase("M/d/yyyy", [("3/2/2025", "2025-03-02"), ("12/31/2026", "2026-12-31"), ("10/5/2026", "2026-10-05"),
                              ("1/09/2026", "2026-01-09"), ("2/29/2028", "2028-02-29")]),
        DateCase("yyyy-MM-dd", [("2025-03-02", "2025-03-02"), ("2028-02-29", "2028-02-29"), ("2026-12-31", "2026-12-31")]),
        // Any other character stands for itself.
        DateCase("dd.MM.yyyy", [("31.12.2026", "2026-12-31"), ("01.02.2026", "2026-02-01")]),
        DateCase("yyyyMMdd", [("20260704", "2026-07-04"), ("20251102", "2025-11-02")]),
    ]

    /// A `date:` rule reads its format as the doc says and stores `YYYY-MM-DD`.
    @Test(arguments: dateCases)
    func datesAreStoredAsISODates(dates: DateCase) throws {
        let ws = MappedWorkspace()
        MappedImport.seed(ws.database)
        let mapping = ws.write("mapping/readers.yaml", """
            # installed.csv -> reader
            table: reader
            columns:
              reader_id: CameraID
              kind: {value: fixed}
              label: {value: Camera}
              installed_on:
                column: Installed
                date: "\(dates.format)"

            """)
        let rows = dates.cells.enumerated().map { "DATE-\($0.offset + 1),\(csvField($0.element.cell, quote: true))" }
        let csv = ws.write("export/installed.csv", "CameraID,Installed\n" + rows.joined(separator: "\n") + "\n")
        let run = try ws.importCSV(mapping: mapping, [csv])
        MappedImport.expectSuccess(run, "\(dates)")
        MappedImport.expectRows(ws.database, "SELECT reader_id, kind, label, installed_on FROM reader WHERE reader_id LIKE 'DATE-%' ORDER BY reader_id",
                                dates.cells.enumerated().map { [.text("DATE-\($0.offset + 1)"), .text("fixed"), .text("Camera"), .text($0.element.iso)] },
                                "\(dates)")
    }

    static let timeCases: [TimeCase] = [
        TimeCase("local, MM/dd/yyyy HH:mm:ss (the doc's example)", "MM/dd/yyyy HH:mm:ss", "local", [
            ("10/30/2026 07:15:02", LocalTime(2026, 10, 30, 7, 15, 2)), ("11/02/2026 08:05:00", LocalTime(2026, 11, 2, 8, 5, 0)),
            ("12/31/2026 23:59:59", LocalTime(2026, 12, 31, 23, 59, 59)), ("01/15/2026 00:00:00", LocalTime(2026, 1, 15, 0, 0, 0)),
        ]),
        TimeCase("local, M/d/yyyy h:mm:ss a (12 AM midnight, 12 PM noon, any case)", "M/d/yyyy h:mm:ss a", "local", [
            ("3/7/2026 12:05:09 AM", LocalTime(2026, 3, 7, 0, 5, 9)), ("3/7/2026 12:05:09 PM", LocalTime(2026, 3, 7, 12, 5, 9)),
            ("7/4/2026 1:02:03 pm", LocalTime(2026, 7, 4, 13, 2, 3)), ("12/31/2026 11:59:59 PM", LocalTime(2026, 12, 31, 23, 59, 59)),
            ("10/10/2026 10:30:00 am", LocalTime(2026, 10, 10, 10, 30, 0)), ("1/1/2026 12:00:00 am", LocalTime(2026, 1, 1, 0, 0, 0)),
        ]),
        TimeCase("UTC, MM/dd/yyyy hh:mm:ss a", "MM/dd/yyyy hh:mm:ss a", "UTC", [
            ("11/02/2026 12:00:00 AM", LocalTime(2026, 11, 2, 0, 0, 0)), ("11/02/2026 12:30:00 PM", LocalTime(2026, 11, 2, 12, 30, 0)),
            ("01/09/2026 09:08:07 pm", LocalTime(2026, 1, 9, 21, 8, 7)), ("01/09/2026 09:08:07 AM", LocalTime(2026, 1, 9, 9, 8, 7)),
        ]),
        TimeCase("UTC, yyyy-MM-dd HH:mm:ss.SSS (fraction dropped, not rounded)", "yyyy-MM-dd HH:mm:ss.SSS", "UTC", [
            ("2026-10-30 12:15:02.987", LocalTime(2026, 10, 30, 12, 15, 2)), ("2026-12-31 23:59:59.999", LocalTime(2026, 12, 31, 23, 59, 59)),
            ("2026-03-08 08:30:00.000", LocalTime(2026, 3, 8, 8, 30, 0)),
        ]),
        TimeCase("local, yyyy-MM-dd HH:mm:ss.SSS (fraction dropped)", "yyyy-MM-dd HH:mm:ss.SSS", "local", [
            ("2026-10-30 07:15:02.999", LocalTime(2026, 10, 30, 7, 15, 2)),
        ]),
        TimeCase("UTC, yyyy-MM-dd HH:mm:ss.S (one digit of fraction)", "yyyy-MM-dd HH:mm:ss.S", "UTC", [
            ("2026-10-30 12:15:02.9", LocalTime(2026, 10, 30, 12, 15, 2)),
        ]),
        TimeCase("UTC, yyyy-MM-dd HH:mm:ss.SSSSSS (microseconds)", "yyyy-MM-dd HH:mm:ss.SSSSSS", "UTC", [
            ("2026-10-30 12:15:02.123456", LocalTime(2026, 10, 30, 12, 15, 2)), ("2026-12-31 23:59:59.999999", LocalTime(2026, 12, 31, 23, 59, 59)),
        ]),
        TimeCase("UTC, yyyy-MM-dd'T'HH:mm:ss'Z' (quoted letters)", "yyyy-MM-dd'T'HH:mm:ss'Z'", "UTC", [
            ("2026-10-30T12:15:02Z", LocalTime(2026, 10, 30, 12, 15, 2)), ("2026-11-01T06:30:00Z", LocalTime(2026, 11, 1, 6, 30, 0)),
        ]),
        TimeCase("UTC, yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", "UTC", [
            ("2026-03-08T08:30:00.500Z", LocalTime(2026, 3, 8, 8, 30, 0)), ("2026-10-06T16:07:08.987Z", LocalTime(2026, 10, 6, 16, 7, 8)),
        ]),
        TimeCase("America/New_York, MM/dd/yyyy HH:mm:ss (a named zone, not the site's)", "MM/dd/yyyy HH:mm:ss", "America/New_York", [
            ("10/30/2026 07:15:02", LocalTime(2026, 10, 30, 7, 15, 2)), ("03/08/2026 01:30:00", LocalTime(2026, 3, 8, 1, 30, 0)),
            ("11/02/2026 08:05:00", LocalTime(2026, 11, 2, 8, 5, 0)),
        ]),
        TimeCase("Asia/Kolkata, yyyy-MM-dd HH:mm (half-hour offset, no seconds)", "yyyy-MM-dd HH:mm", "Asia/Kolkata", [
            ("2026-10-30 05:15", LocalTime(2026, 10, 30, 5, 15, 0)), ("2026-01-01 03:00", LocalTime(2026, 1, 1, 3, 0, 0)),
        ]),
        TimeCase("local, M/d/yyyy H:mm:ss (one-digit hour)", "M/d/yyyy H:mm:ss", "local", [
            ("3/9/2026 7:05:00", LocalTime(2026, 3, 9, 7, 5, 0)), ("1/5/2026 17:00:00", LocalTime(2026, 1, 5, 17, 0, 0)),
        ]),
        TimeCase("UTC, d.M.yyyy HH:mm:ss (other characters stand for themselves)", "d.M.yyyy HH:mm:ss", "UTC", [
            ("5.1.2026 10:00:00", LocalTime(2026, 1, 5, 10, 0, 0)), ("31.12.2026 23:00:01", LocalTime(2026, 12, 31, 23, 0, 1)),
        ]),
    ]

    /// A `time:` rule reads its format and zone as the doc says and stores the UTC instant
    /// `YYYY-MM-DDTHH:MM:SSZ`; `case: upper` on the plate and state; an empty state is NULL.
    @Test(arguments: timeCases)
    func timesAreStoredAsUTCInstants(times: TimeCase) throws {
        try Self.expectTimes(times, siteZone: "America/Chicago")
    }

    /// Local times around America/Chicago's 2026 transitions, and ordinary times on either side:
    /// the hour repeated on November 1 (01:00–01:59) is read as the first of the two (daylight
    /// time, UTC−5); the hour skipped on March 8 (02:00–02:59) with the offset before the change
    /// (standard time, UTC−6).
    static let daylightSavingCases: [TimeCase] = {
        func local(_ description: String, _ cell: String, _ time: LocalTime) -> TimeCase {
            TimeCase("\(description): \(cell)", "MM/dd/yyyy HH:mm:ss", "local", [(cell, time)])
        }
        return [
            local("standard time, the day before", "03/07/2026 12:00:00", LocalTime(2026, 3, 7, 12, 0, 0)),
            local("the last second before the skipped hour", "03/08/2026 01:59:59", LocalTime(2026, 3, 8, 1, 59, 59)),
            local("skipped hour, its first second", "03/08/2026 02:00:00", LocalTime(2026, 3, 8, 2, 0, 0)),
            local("skipped hour", "03/08/2026 02:30:00", LocalTime(2026, 3, 8, 2, 30, 0)),
            local("skipped hour, its last second", "03/08/2026 02:59:59", LocalTime(2026, 3, 8, 2, 59, 59)),
            local("daylight time, just after the skip", "03/08/2026 03:00:00", LocalTime(2026, 3, 8, 3, 0, 0)),
            local("daylight time, that noon", "03/08/2026 12:00:00", LocalTime(2026, 3, 8, 12, 0, 0)),
            local("daylight time, the evening before the repeat", "10/31/2026 23:00:00", LocalTime(2026, 10, 31, 23, 0, 0)),
            local("daylight time, just before the repeated hour", "11/01/2026 00:59:59", LocalTime(2026, 11, 1, 0, 59, 59)),
            local("repeated hour, its first second", "11/01/2026 01:00:00", LocalTime(2026, 11, 1, 1, 0, 0)),
            local("repeated hour", "11/01/2026 01:30:00", LocalTime(2026, 11, 1, 1, 30, 0)),
            local("repeated hour, its last second", "11/01/2026 01:59:59", LocalTime(2026, 11, 1, 1, 59, 59)),
            local("standard time, just after the repeated hour", "11/01/2026 02:00:00", LocalTime(2026, 11, 1, 2, 0, 0)),
            local("standard time, the day after", "11/02/2026 08:05:00", LocalTime(2026, 11, 2, 8, 5, 0)),
            TimeCase("repeated hour, 12-hour clock: 11/1/2026 1:30:00 AM", "M/d/yyyy h:mm:ss a", "local",
                     [("11/1/2026 1:30:00 AM", LocalTime(2026, 11, 1, 1, 30, 0))]),
            TimeCase("skipped hour, 12-hour clock: 3/8/2026 2:15:00 AM", "M/d/yyyy h:mm:ss a", "local",
                     [("3/8/2026 2:15:00 AM", LocalTime(2026, 3, 8, 2, 15, 0))]),
            TimeCase("repeated hour, zone named America/Chicago: 11/01/2026 01:45:00", "MM/dd/yyyy HH:mm:ss", "America/Chicago",
                     [("11/01/2026 01:45:00", LocalTime(2026, 11, 1, 1, 45, 0))]),
        ]
    }()

    @Test(arguments: daylightSavingCases)
    func localTimesFollowDaylightSavingTimeAsTheDocSays(times: TimeCase) throws {
        try Self.expectTimes(times, siteZone: "America/Chicago")
    }

    /// `zone: local` is the site's `time_zone`: the same cells read in four sites give each
    /// site's instants (the repeated and skipped hours of each zone included).
    @Test(arguments: ["America/Chicago", "America/Denver", "Pacific/Honolulu", "Europe/Paris"])
    func localIsTheSitesTimeZone(zone: String) throws {
        let times = TimeCase("local in \(zone)", "MM/dd/yyyy HH:mm:ss", "local", [
            ("07/01/2026 12:00:00", LocalTime(2026, 7, 1, 12, 0, 0)), ("01/15/2026 12:00:00", LocalTime(2026, 1, 15, 12, 0, 0)),
            ("11/01/2026 01:30:00", LocalTime(2026, 11, 1, 1, 30, 0)), ("03/29/2026 02:30:00", LocalTime(2026, 3, 29, 2, 30, 0)),
            ("10/25/2026 02:30:00", LocalTime(2026, 10, 25, 2, 30, 0)),
        ])
        try Self.expectTimes(times, siteZone: zone)
    }

    /// Imports `times`' cells into `plate_read.read_at` with its format and zone in a site of
    /// `siteZone`, and compares each row with the reference.
    static func expectTimes(_ times: TimeCase, siteZone: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ws = MappedWorkspace(timeZone: siteZone)
        MappedImport.seed(ws.database)
        let mapping = ws.write("mapping/reads.yaml", """
            # seen.csv -> plate_read
            table: plate_read
            columns:
              read_id: ReadID
              reader_id: {value: CAM-1}
              read_at:
                column: Seen
                time: "\(times.format)"
                zone: \(times.zone)
              plate: {column: Plate, case: upper}
              plate_state: {column: State, case: upper}

            """)
        let rows = times.cells.enumerated().map { n, cell in
            "\(101 + n),\(csvField(cell.cell, quote: true)),abc\(n)x,\(n % 2 == 0 ? "mn" : "")"
        }
        let csv = ws.write("export/seen.csv", "ReadID,Seen,Plate,State\n" + rows.joined(separator: "\n") + "\n")
        let run = try ws.importCSV(mapping: mapping, [csv])
        MappedImport.expectSuccess(run, "\(times)", sourceLocation: sourceLocation)
        let zone = times.zone == "local" ? siteZone : times.zone
        let expected: [[StoredValue]] = times.cells.enumerated().map { n, cell in
            [.integer(Int64(101 + n)), .text("CAM-1"), .text(MappedReference.utc(cell.local, zone: zone)), .text("ABC\(n)X"),
             n % 2 == 0 ? .text("MN") : .null]
        }
        MappedImport.expectRows(ws.database, "SELECT read_id, reader_id, read_at, plate, plate_state FROM plate_read WHERE read_id > 100 ORDER BY read_id",
                                expected, "\(times) in a site of \(siteZone)", sourceLocation: sourceLocation)
    }

    /// `--database` defaults to the site configuration's `database:`, created with its schema.
    @Test func theDatabaseDefaultsToTheSiteConfiguration() throws {
        let inputs = temporaryFolder("mapped-default")
        defer { try? FileManager.default.removeItem(at: inputs) }
        let database = inputs.appendingPathComponent("alpr.sqlite").path
        let site = SiteFixture(config: "agency_name: Test Police Department\ntime_zone: America/Chicago\ndatabase: \(database)\n")
        let mapping = inputs.appendingPathComponent("hotlists.yaml")
        try Data("""
            table: comparison_source
            columns:
              source_id: ListID
              name: ListName
              jurisdiction: {column: Level, case: lower}
              in_use_from: {column: ActiveFrom, date: MM/dd/yyyy}

            """.utf8).write(to: mapping)
        let csv = inputs.appendingPathComponent("hotlists.csv")
        try Data("ListID,ListName,Level,ActiveFrom\nBCA,Minnesota hot file,State,01/01/2020\n".utf8).write(to: csv)
        let run = try ImportTool.run(["import", "csv", "--mapping", mapping.path, csv.path, "--site", site.site.path])
        MappedImport.expectSuccess(run)
        MappedImport.expectRows(database, "SELECT source_id, name, jurisdiction, existence_public, in_use_from, in_use_until FROM comparison_source", [
            [.text("BCA"), .text("Minnesota hot file"), .text("state"), .integer(1), .text("2020-01-01"), .null],
        ], "the configured database")
        #expect(!FileManager.default.fileExists(atPath: site.databasePath))
    }

    // MARK: - 2. Importing again

    /// Importing the same file again adds nothing: every row is counted as already present and
    /// the rows are unchanged; the same file twice in one call adds each row once.
    @Test func importingTheSameFileAgainAddsNothing() throws {
        let ws = MappedWorkspace()
        MappedImport.seed(ws.database)
        let mapping = ws.write("mapping/periods.yaml", Self.periodsMapping)
        let csv = ws.write("export/sessions.csv", Self.sessions(endOf1004: ""))
        let first = try ws.importCSV(mapping: mapping, [csv])
        MappedImport.expectSuccess(first)
        MappedImport.expectSummary(first, ImportSummary(read: 4, added: 4, updated: 0, alreadyPresent: 0))
        let rows = try SQLiteFile.query(ws.database, "SELECT * FROM active_period ORDER BY period_id")
        MappedImport.expectRows(ws.database, "SELECT * FROM active_period ORDER BY period_id", Self.expectedPeriods(endOf1004: nil), "first import")

        let again = try ws.importCSV(mapping: mapping, [csv])
        MappedImport.expectSuccess(again)
        MappedImport.expectSummary(again, ImportSummary(read: 4, added: 0, updated: 0, alreadyPresent: 4))
        #expect(try SQLiteFile.query(ws.database, "SELECT * FROM active_period ORDER BY period_id") == rows, "importing again changed rows")

        // The same file twice in one call, into a new database.
        let fresh = MappedWorkspace()
        MappedImport.seed(fresh.database)
        let twice = try fresh.importCSV(mapping: mapping, [csv, csv])
        MappedImport.expectSuccess(twice)
        MappedImport.expectSummary(twice, ImportSummary(read: 8, added: 4, updated: 0, alreadyPresent: 4))
        MappedImport.expectRows(fresh.database, "SELECT * FROM active_period ORDER BY period_id", Self.expectedPeriods(endOf1004: nil), "twice in one call")
    }

    /// A row whose values changed (a session that has since ended) is updated and counted as
    /// updated, a new row added, the others already present; a later file lacking rows deletes
    /// none.
    @Test func aSessionThatHasSinceEndedIsUpdated() throws {
        let ws = MappedWorkspace()
        MappedImport.seed(ws.database)
        let mapping = ws.write("mapping/periods.yaml", Self.periodsMapping)
        let running = ws.write("export/sessions-1.csv", Self.sessions(endOf1004: ""))
        MappedImport.expectSuccess(try ws.importCSV(mapping: mapping, [running]))
        let ended = ws.write("export/sessions-2.csv", Self.sessions(endOf1004: "11/02/2026 23:59:59") + "1005,SQ-21,11/03/2026 06:00:00,\n")
        let run = try ws.importCSV(mapping: mapping, [ended])
        MappedImport.expectSuccess(run)
        MappedImport.expectSummary(run, ImportSummary(read: 5, added: 1, updated: 1, alreadyPresent: 3))
        let chicago = "America/Chicago"
        let expected = Self.expectedPeriods(endOf1004: LocalTime(2026, 11, 2, 23, 59, 59))
            + [[.integer(1005), .text("SQ-21"), .text(MappedReference.utc(LocalTime(2026, 11, 3, 6, 0, 0), zone: chicago)), .null]]
        MappedImport.expectRows(ws.database, "SELECT * FROM active_period ORDER BY period_id", expected, "after the session ended")

        // Rows are never deleted.
        let one = ws.write("export/sessions-3.csv", "SessionID,CameraID,StartLocal,EndLocal\n1001,CAM-1,10/30/2026 00:00:00,10/30/2026 23:59:59\n")
        let last = try ws.importCSV(mapping: mapping, [one])
        MappedImport.expectSuccess(last)
        MappedImport.expectSummary(last, ImportSummary(read: 1, added: 0, updated: 0, alreadyPresent: 1))
        MappedImport.expectRows(ws.database, "SELECT * FROM active_period ORDER BY period_id", expected, "after a file of one session")
    }

    /// The doc's periods.yaml.
    static let periodsMapping = """
        # sessions.csv -> active_period: periods of active use. An empty end is a session still running.
        table: active_period
        columns:
          period_id: SessionID
          reader_id: CameraID
          started_at: {column: StartLocal, time: MM/dd/yyyy HH:mm:ss, zone: local}
          ended_at: {column: EndLocal, time: MM/dd/yyyy HH:mm:ss, zone: local}

        """

    static func sessions(endOf1004: String) -> String {
        """
        SessionID,CameraID,StartLocal,EndLocal
        1001,CAM-1,10/30/2026 00:00:00,10/30/2026 23:59:59
        1002,SQ-21,10/30/2026 18:00:00,10/31/2026 02:00:00
        1003,CAM-2,11/02/2026 00:00:00,11/02/2026 23:59:59
        1004,CAM-1,11/02/2026 00:00:00,\(endOf1004)

        """
    }

    static func expectedPeriods(endOf1004: LocalTime?) -> [[StoredValue]] {
        func at(_ t: LocalTime) -> StoredValue { .text(MappedReference.utc(t, zone: "America/Chicago")) }
        return [
            [.integer(1001), .text("CAM-1"), at(LocalTime(2026, 10, 30, 0, 0, 0)), at(LocalTime(2026, 10, 30, 23, 59, 59))],
            [.integer(1002), .text("SQ-21"), at(LocalTime(2026, 10, 30, 18, 0, 0)), at(LocalTime(2026, 10, 31, 2, 0, 0))],
            [.integer(1003), .text("CAM-2"), at(LocalTime(2026, 11, 2, 0, 0, 0)), at(LocalTime(2026, 11, 2, 23, 59, 59))],
            [.integer(1004), .text("CAM-1"), at(LocalTime(2026, 11, 2, 0, 0, 0)), endOf1004.map(at) ?? .null],
        ]
    }

    /// A column left out of the mapping takes the schema's default when a row is added
    /// (`operator` 'agency') and is left as it is when a row is updated or already present (a
    /// reader's `operator` and `bca_notified_on` survive a mapping that does not name them); a
    /// reader since retired is updated.
    @Test func aColumnLeftOutIsKeptWhenARowIsUpdated() throws {
        let ws = MappedWorkspace()
        MappedImport.seed(ws.database)
        let minimal = ws.write("mapping/readers-minimal.yaml", """
            # cameras.csv -> reader: the id, kind and label only
            table: reader
            columns:
              reader_id: CameraID
              kind:
                column: Type
                values: {Fixed: fixed, Mobile: mobile, Trailer: portable}
              label: CameraName

            """)
        let full = ws.write("mapping/readers.yaml", """
            # cameras.csv -> reader (the doc's readers.yaml)
            table: reader
            columns:
              reader_id: CameraID
              kind:
                column: Type
                values: {Fixed: fixed, Mobile: mobile, Trailer: portable}
              label: CameraName
              operator:
                column: Owner
                values: {Partner: partner}
                default: agency
              installed_on: {column: InstallDate, date: MM/dd/yyyy}
              decommissioned_on: {column: RetiredDate, date: MM/dd/yyyy}
              bca_notified_on: {column: BCANoticeDate, date: MM/dd/yyyy}

            """)
        let header = "CameraID,CameraName,Type,Owner,InstallDate,RetiredDate,BCANoticeDate\n"
        let cameras = ws.write("export/cameras-1.csv", header + """
            CAM-5,Camera 5,Fixed,Partner,03/02/2025,,03/06/2025
            SQ-30,Squad 30,Mobile,PD,01/15/2024,,01/19/2024

            """)
        let query = "SELECT reader_id, kind, label, operator, installed_on, decommissioned_on, bca_notified_on FROM reader WHERE reader_id IN ('CAM-5', 'SQ-30') ORDER BY reader_id"

        // Added with the minimal mapping: operator is the schema's default, the dates empty.
        let added = try ws.importCSV(mapping: minimal, [cameras])
        MappedImport.expectSuccess(added)
        MappedImport.expectSummary(added, ImportSummary(read: 2, added: 2, updated: 0, alreadyPresent: 0))
        MappedImport.expectRows(ws.database, query, [
            [.text("CAM-5"), .text("fixed"), .text("Camera 5"), .text("agency"), .null, .null, .null],
            [.text("SQ-30"), .text("mobile"), .text("Squad 30"), .text("agency"), .null, .null, .null],
        ], "added with the minimal mapping")

        // The full mapping fills the other columns: both rows updated.
        let filled = try ws.importCSV(mapping: full, [cameras])
        MappedImport.expectSuccess(filled)
        MappedImport.expectSummary(filled, ImportSummary(read: 2, added: 0, updated: 2, alreadyPresent: 0))
        let complete: [[StoredValue]] = [
            [.text("CAM-5"), .text("fixed"), .text("Camera 5"), .text("partner"), .text("2025-03-02"), .null, .text("2025-03-06")],
            [.text("SQ-30"), .text("mobile"), .text("Squad 30"), .text("agency"), .text("2024-01-15"), .null, .text("2024-01-19")],
        ]
        MappedImport.expectRows(ws.database, query, complete, "updated with the full mapping")

        // The minimal mapping again: same values in the columns it names, so already present,
        // and the columns it leaves out are not reset to the schema's default.
        let same = try ws.importCSV(mapping: minimal, [cameras])
        MappedImport.expectSuccess(same)
        MappedImport.expectSummary(same, ImportSummary(read: 2, added: 0, updated: 0, alreadyPresent: 2))
        MappedImport.expectRows(ws.database, query, complete, "the minimal mapping again")

        // A squad since retired: updated; a label changed through the minimal mapping: updated, the rest kept.
        let retired = ws.write("export/cameras-2.csv", header + """
            CAM-5,Camera 5,Fixed,Partner,03/02/2025,,03/06/2025
            SQ-30,Squad 30,Mobile,PD,01/15/2024,10/31/2026,01/19/2024

            """)
        let retiring = try ws.importCSV(mapping: full, [retired])
        MappedImport.expectSuccess(retiring)
        MappedImport.expectSummary(retiring, ImportSummary(read: 2, added: 0, updated: 1, alreadyPresent: 1))
        let renamed = ws.write("export/cameras-3.csv", header + "CAM-5,Camera 5 (moved),Fixed,,,,\n")
        let renaming = try ws.importCSV(mapping: minimal, [renamed])
        MappedImport.expectSuccess(renaming)
        MappedImport.expectSummary(renaming, ImportSummary(read: 1, added: 0, updated: 1, alreadyPresent: 0))
        MappedImport.expectRows(ws.database, query, [
            [.text("CAM-5"), .text("fixed"), .text("Camera 5 (moved)"), .text("partner"), .text("2025-03-02"), .null, .text("2025-03-06")],
            [.text("SQ-30"), .text("mobile"), .text("Squad 30"), .text("agency"), .text("2024-01-15"), .text("2026-10-31"), .text("2024-01-19")],
        ], "retired and renamed")
    }

    /// `key: [reader_id, placed_on]` (the doc's placements.yaml): placements without an id of
    /// their own are known by their reader and day; a removal fills `removed_on` of the same row
    /// (its `location_id` kept), a move adds a row, an unchanged placement is already present.
    @Test func placementsAreKnownByReaderAndDay() throws {
        let ws = MappedWorkspace()
        MappedImport.seed(ws.database)
        let mapping = ws.write("mapping/placements.yaml", """
            # camera_sites.csv -> reader_location (the doc's placements.yaml)
            table: reader_location
            key: [reader_id, placed_on]
            columns:
              reader_id: CameraID
              description: SiteDescription
              direction: Direction
              latitude: Lat
              longitude: Lon
              placed_on: {column: FromDate, date: MM/dd/yyyy}
              removed_on: {column: ToDate, date: MM/dd/yyyy}
              security_information:
                column: Restricted
                values: {Y: 1, N: 0}

            """)
        let header = "CameraID,SiteDescription,Direction,Lat,Lon,FromDate,ToDate,Restricted\n"
        let first = ws.write("export/camera_sites-1.csv", header + """
            CAM-1,Main St at 3rd Ave,Northbound traffic,45.0712,-93.4558,03/02/2025,,N
            CAM-2,Lakeview Dr entrance,Both directions,45.0811,-93.4402,05/12/2026,,y

            """)
        let run1 = try ws.importCSV(mapping: mapping, [first])
        MappedImport.expectSuccess(run1)
        MappedImport.expectSummary(run1, ImportSummary(read: 2, added: 2, updated: 0, alreadyPresent: 0))
        let before = try SQLiteFile.query(ws.database, "SELECT reader_id, placed_on, location_id FROM reader_location ORDER BY reader_id, placed_on")
        #expect(before.count == 2)

        let second = ws.write("export/camera_sites-2.csv", header + """
            CAM-1,Main St at 3rd Ave,Northbound traffic,45.0712,-93.4558,03/02/2025,10/31/2026,N
            CAM-2,Lakeview Dr entrance,Both directions,45.0811,-93.4402,05/12/2026,,Y
            CAM-1,Oak Ave at 5th St,Southbound traffic,45.0601,-93.47,11/01/2026,,N

            """)
        let run2 = try ws.importCSV(mapping: mapping, [second])
        MappedImport.expectSuccess(run2)
        MappedImport.expectSummary(run2, ImportSummary(read: 3, added: 1, updated: 1, alreadyPresent: 1))
        MappedImport.expectRows(ws.database, """
            SELECT reader_id, description, direction, latitude, longitude, placed_on, removed_on, security_information
            FROM reader_location ORDER BY reader_id, placed_on
            """, [
            [.text("CAM-1"), .text("Main St at 3rd Ave"), .text("Northbound traffic"), .real(45.0712), .real(-93.4558), .text("2025-03-02"),
             .text("2026-10-31"), .integer(0)],
            [.text("CAM-1"), .text("Oak Ave at 5th St"), .text("Southbound traffic"), .real(45.0601), .real(-93.47), .text("2026-11-01"), .null, .integer(0)],
            [.text("CAM-2"), .text("Lakeview Dr entrance"), .text("Both directions"), .real(45.0811), .real(-93.4402), .text("2026-05-12"), .null, .integer(1)],
        ], "placements after a move")
        let after = try SQLiteFile.query(ws.database, "SELECT reader_id, placed_on, location_id FROM reader_location WHERE placed_on < '2026-11-01' ORDER BY reader_id, placed_on")
        #expect(after == before, "the updated placements changed their location_id: \(before) -> \(after)")
    }

    // MARK: - 3. Several files in one call

    /// Two files of one call are imported together: the summary counts the rows of both; a
    /// second call with one of them and a new file adds only the new rows. No cell's value is
    /// in the output.
    @Test func twoFilesAreImportedInOneCall() throws {
        let ws = MappedWorkspace()
        MappedImport.seed(ws.database)
        let mapping = ws.write("mapping/reads.yaml", MappedImport.readsMapping)
        let a = ws.write("export/reads-a.csv", MappedImport.readsHeader + (11...13).map(MappedImport.readRow).joined(separator: "\n") + "\n")
        let b = ws.write("export/reads-b.csv", MappedImport.readsHeader + (14...15).map(MappedImport.readRow).joined(separator: "\n") + "\n")
        let run = try ws.importCSV(mapping: mapping, [a, b])
        MappedImport.expectSuccess(run)
        MappedImport.expectSummary(run, ImportSummary(read: 5, added: 5, updated: 0, alreadyPresent: 0))
        MappedImport.expectRows(ws.database, "SELECT read_id, reader_id, read_at, plate, plate_state, latitude, longitude, image_ref FROM plate_read WHERE read_id > 10 ORDER BY read_id",
                                (11...15).map(MappedImport.expectedRead), "two files")
        let c = ws.write("export/reads-c.csv", MappedImport.readsHeader + MappedImport.readRow(16) + "\n")
        let again = try ws.importCSV(mapping: mapping, [b, c])
        MappedImport.expectSuccess(again)
        MappedImport.expectSummary(again, ImportSummary(read: 3, added: 1, updated: 0, alreadyPresent: 2))
        MappedImport.expectRows(ws.database, "SELECT read_id, reader_id, read_at, plate, plate_state, latitude, longitude, image_ref FROM plate_read WHERE read_id > 10 ORDER BY read_id",
                                (11...16).map(MappedImport.expectedRead), "three files")
        for text in [run.output, run.error, again.output, again.error] {
            #expect(!text.contains("CANARY"), "a cell's value is in the import's messages: \(text)")
        }
    }

    // MARK: - 4. Broken CSV files

    static let csvErrors: [BrokenMappedFile] = {
        let reads = MappedImport.readsMapping
        func readsFile(_ rows: [String]) -> String { MappedImport.readsHeader + rows.joined(separator: "\n") + "\n" }
        let r = MappedImport.readRow
        func bad(_ n: Int, _ column: Int, _ value: String) -> String {
            var fields = MappedImport.readFields(n)
            fields[column] = value
            return fields.map { csvField($0) }.joined(separator: ",")
        }
        let readers = """
            # cameras.csv -> reader
            table: reader
            columns:
              reader_id: CameraID
              kind:
                column: Type
                values: {Fixed: fixed, Mobile: mobile, Trailer: portable}
              label: CameraName
              installed_on: {column: InstallDate, date: MM/dd/yyyy}

            """
        let readersGood = "CameraID,CameraName,Type,InstallDate\nGOOD-1,Good camera,Fixed,01/02/2026\n"
        func readersFile(_ rows: [String]) -> String {
            "CameraID,CameraName,Type,InstallDate\n" + rows.joined(separator: "\n") + "\n"
        }
        let canaryReader = "CANARY-R1,CANARY-LABEL-1,Fixed,03/02/2025"
        // Times on a 12-hour clock, in UTC.
        let clock12 = """
            # seen.csv -> plate_read
            table: plate_read
            columns:
              read_id: ReadID
              reader_id: {value: CAM-1}
              read_at: {column: Seen, time: "M/d/yyyy h:mm:ss a", zone: UTC}
              plate: Plate

            """
        let clock12Good = "ReadID,Seen,Plate\n61,10/30/2026 7:15:02 AM,GOODPLATE1\n"
        func clock12File(_ seen: String) -> String {
            "ReadID,Seen,Plate\n62,10/30/2026 1:00:00 PM,CANARY-P62\n63,\(seen),CANARY-P63\n"
        }
        // Hits: references to reads and lists.
        let hits = """
            # alerts.csv -> hit
            table: hit
            columns:
              hit_id: AlertID
              read_id: ReadID
              source_id: ListID
              category: {value: other}
              hotlist_record: Record

            """
        let hitsGood = "AlertID,ReadID,ListID,Record\n701,1,BCA,GOODRECORD\n"
        // The kind from a plain column: a word the schema's CHECK refuses reaches the database.
        let kindRule = "  kind:\n    column: Type\n    values: {Fixed: fixed, Mobile: mobile, Trailer: portable}\n"
        precondition(readers.contains(kindRule))
        let plainKind = readers.replacingOccurrences(of: kindRule, with: "  kind: Type\n")
        return [
            BrokenMappedFile("an empty ReadID (the primary key)", mapping: reads, broken: readsFile([r(21), bad(22, 0, ""), r(23)]),
                             line: 3, column: "ReadID"),
            BrokenMappedFile("Lat nan", mapping: reads, broken: readsFile([r(21), bad(22, 5, "nan")]), line: 3, column: "Lat"),
            BrokenMappedFile("Lon inf", mapping: reads, broken: readsFile([r(21), bad(22, 6, "-inf")]), line: 3, column: "Lon"),
            BrokenMappedFile("Lat as a hexadecimal float", mapping: reads, broken: readsFile([bad(21, 5, "0x1.68p5")]), line: 2, column: "Lat",
                             hidden: ["0x1.68p5"]),
            BrokenMappedFile("hour 13 PM on a 12-hour clock", mapping: clock12, good: clock12Good, broken: clock12File("10/30/2026 13:04:05 PM"),
                             line: 3, column: "Seen", hidden: ["13:04:05"]),
            BrokenMappedFile("hour 0 AM on a 12-hour clock", mapping: clock12, good: clock12Good, broken: clock12File("10/30/2026 0:04:05 AM"),
                             line: 3, column: "Seen", hidden: ["0:04:05"]),
            BrokenMappedFile("no AM or PM on a 12-hour clock", mapping: clock12, good: clock12Good, broken: clock12File("10/30/2026 7:04:05"),
                             line: 3, column: "Seen", hidden: ["7:04:05"]),
            BrokenMappedFile("a hit of a read that is not stored", mapping: hits, good: hitsGood,
                             broken: "AlertID,ReadID,ListID,Record\n702,2,BCA,CANARY-REC-702\n703,99999,BCA,CANARY-REC-703\n",
                             line: 3, column: nil, hidden: ["99999"]),
            BrokenMappedFile("a hit from a list that is not stored", mapping: hits, good: hitsGood,
                             broken: "AlertID,ReadID,ListID,Record\n704,1,CANARY-LIST,CANARY-REC-704\n705,2,BCA,CANARY-REC-705\n",
                             line: 2, column: nil),
            BrokenMappedFile("a search for an agency id not in sharing_agency (from the lookup)",
                             mapping: MappedImportTests.searchesMapping(lookupDefault: true),
                             extra: ["lists/agency_names.csv": "ExportName,AgencyID\nHCSO,hennepin-so\nCANARY-RAMSEY,ramsey-so\n"],
                             good: "QueryID,QueryTimeLocal,User,CaseNo,Reason,ForAgency,Query\n8001,10/31/2026 10:20:00,u,,Audit,HCSO,\n",
                             broken: """
                                 QueryID,QueryTimeLocal,User,CaseNo,Reason,ForAgency,Query
                                 8201,10/31/2026 10:20:00,CANARY-USER-1,CANARY-CASE-1,Audit,hcso,CANARY-QUERY-1
                                 8202,10/31/2026 10:25:00,CANARY-USER-2,CANARY-CASE-2,Audit,canary-ramsey,CANARY-QUERY-2

                                 """, line: 3, column: nil),
            BrokenMappedFile("an empty CameraID (a TEXT primary key)", mapping: readers, good: readersGood,
                             broken: readersFile([canaryReader, " ,CANARY-LABEL-2,Mobile,01/05/2026"]),
                             line: 3, column: "CameraID"),
            BrokenMappedFile("a date followed by more text", mapping: readers, good: readersGood,
                             broken: readersFile([canaryReader, "CANARY-R2,CANARY-LABEL-2,Mobile,03/02/2025x"]),
                             line: 3, column: "InstallDate", hidden: ["2025x"]),
            BrokenMappedFile("a row with an extra field", mapping: reads, broken: readsFile([r(21), r(22) + ",CANARY-EXTRA", r(23)]),
                             line: 3, column: nil),
            BrokenMappedFile("a row with a field missing", mapping: reads, broken: readsFile([r(21), r(22), String(r(23).dropLast(",CANARY-IMG-23".count))]),
                             line: 4, column: nil),
            BrokenMappedFile("ReadID not a whole number (12.5)", mapping: reads, broken: readsFile([r(21), bad(22, 0, "12.5")]),
                             line: 3, column: "ReadID", hidden: ["12.5"]),
            BrokenMappedFile("ReadID not a number at all", mapping: reads, broken: readsFile([r(21), r(22), bad(23, 0, "CANARY-ID")]),
                             line: 4, column: "ReadID"),
            BrokenMappedFile("Lat not a decimal number", mapping: reads, broken: readsFile([r(21), bad(22, 5, "CANARY-LAT")]),
                             line: 3, column: "Lat"),
            BrokenMappedFile("Lon with a decimal comma", mapping: reads, broken: readsFile([bad(21, 6, "-93,4558")]),
                             line: 2, column: "Lon", hidden: ["93,4558"]),
            BrokenMappedFile("a time on February 30", mapping: reads, broken: readsFile([r(21), bad(22, 2, "02/30/2026 07:15:02")]),
                             line: 3, column: "ReadTimeLocal", hidden: ["02/30", "07:15:02"]),
            BrokenMappedFile("a time at hour 24", mapping: reads, broken: readsFile([r(21), r(22), bad(23, 2, "10/30/2026 24:10:00")]),
                             line: 4, column: "ReadTimeLocal", hidden: ["24:10"]),
            BrokenMappedFile("a time not in the format", mapping: reads, broken: readsFile([bad(21, 2, "2026-10-30 07:15:02")]),
                             line: 2, column: "ReadTimeLocal", hidden: ["2026-10-30", "07:15:02"]),
            BrokenMappedFile("an empty plate (NOT NULL)", mapping: reads, broken: readsFile([r(21), bad(22, 3, "")]),
                             line: 3, column: nil),
            BrokenMappedFile("a read of a reader that is not stored", mapping: reads, broken: readsFile([r(21), r(22), bad(23, 1, "CANARY-CAM")]),
                             line: 4, column: nil),
            BrokenMappedFile("a header without a column the mapping names (ImageFile)", mapping: reads,
                             broken: "ReadID,CameraID,ReadTimeLocal,Plate,State,Lat,Lon\n" + (21...22).map { r($0).components(separatedBy: ",").dropLast().joined(separator: ",") }.joined(separator: "\n") + "\n",
                             line: 1, column: "ImageFile"),
            BrokenMappedFile("Lat not a number after a cell over two lines", mapping: reads,
                             broken: readsFile([bad(21, 7, "CANARY-IMG\nsecond line"), r(22), bad(23, 5, "CANARY-LAT")]),
                             line: 5, column: "Lat"),
            BrokenMappedFile("an impossible date 02/30/2026", mapping: readers, good: readersGood,
                             broken: readersFile([canaryReader, "CANARY-R2,CANARY-LABEL-2,Mobile,02/30/2026"]),
                             line: 3, column: "InstallDate", hidden: ["02/30"]),
            BrokenMappedFile("February 29 of 2026, not a leap year", mapping: readers, good: readersGood,
                             broken: readersFile([canaryReader, "CANARY-R2,CANARY-LABEL-2,Mobile,01/05/2026", "CANARY-R3,CANARY-LABEL-3,Fixed,02/29/2026"]),
                             line: 4, column: "InstallDate", hidden: ["02/29"]),
            BrokenMappedFile("month 13", mapping: readers, good: readersGood,
                             broken: readersFile([canaryReader, "CANARY-R2,CANARY-LABEL-2,Mobile,13/01/2026"]),
                             line: 3, column: "InstallDate", hidden: ["13/01"]),
            BrokenMappedFile("a one-digit month where MM wants two", mapping: readers, good: readersGood,
                             broken: readersFile([canaryReader, "CANARY-R2,CANARY-LABEL-2,Mobile,3/2/2026"]),
                             line: 3, column: "InstallDate", hidden: ["3/2/2026"]),
            BrokenMappedFile("a word in no values: list and no default", mapping: readers, good: readersGood,
                             broken: readersFile([canaryReader, "CANARY-R2,CANARY-LABEL-2,CANARY-KIND,01/05/2026"]),
                             line: 3, column: "Type"),
            BrokenMappedFile("a value the schema's CHECK refuses", mapping: plainKind,
                             good: "CameraID,CameraName,Type,InstallDate\nGOOD-1,Good camera,fixed,01/02/2026\n",
                             broken: readersFile(["CANARY-R1,CANARY-LABEL-1,fixed,03/02/2025", "CANARY-R2,CANARY-LABEL-2,CANARY-KIND,01/05/2026"]),
                             line: 3, column: nil),
            BrokenMappedFile("a word the lookup list lacks, no default", mapping: MappedImportTests.searchesMapping(lookupDefault: false),
                             extra: ["lists/agency_names.csv": "ExportName,AgencyID\nHCSO,hennepin-so\n"],
                             good: "QueryID,QueryTimeLocal,User,CaseNo,Reason,ForAgency,Query\n8001,10/31/2026 10:20:00,u,,Audit,HCSO,\n",
                             broken: """
                                 QueryID,QueryTimeLocal,User,CaseNo,Reason,ForAgency,Query
                                 8101,10/31/2026 10:20:00,CANARY-USER-1,CANARY-CASE-1,Audit,hcso,CANARY-QUERY-1
                                 8102,10/31/2026 10:25:00,CANARY-USER-2,CANARY-CASE-2,Audit,,CANARY-QUERY-2
                                 8103,10/31/2026 10:30:00,CANARY-USER-3,CANARY-CASE-3,Audit,CANARY-AGENCY,CANARY-QUERY-3

                                 """, line: 4, column: "ForAgency"),
        ]
    }()

    /// An error in a CSV file (the second of two: a good file comes first) writes nothing — the
    /// database file is byte-identical, the first file's rows are not stored — and its message
    /// names the file, the line and the column, never a cell's value (canaries, and the bad
    /// value itself). The same file saved with a byte order mark and CRLF line ends gives the
    /// same line.
    @Test(arguments: csvErrors)
    func aBrokenCSVFileWritesNothingAndIsNamedByFileLineAndColumn(broken: BrokenMappedFile) throws {
        let ws = MappedWorkspace()
        let before = try MappedImport.seedWithAnEarlierImport(ws)
        let counts = try MappedImport.rowCounts(ws.database)
        let mapping = ws.write("mapping/\(broken.mappingName)", broken.mapping)
        for (path, text) in broken.extra { ws.write("mapping/\(path)", text) }
        let good = ws.write("export/good.csv", broken.good)
        let path = ws.write("export/broken.csv", broken.broken)
        let run = try ws.importCSV(mapping: mapping, [good, path])
        MappedImport.expectNamed(run, file: path, line: broken.line, column: broken.column, hidden: broken.hidden, what: "\(broken)")
        #expect(fileBytes(ws.database) == before, "\(broken): the database file changed")
        #expect(try MappedImport.rowCounts(ws.database) == counts, "\(broken): rows were written")
        #expect(!FileManager.default.fileExists(atPath: ws.database + "-journal"), "\(broken): a journal was left")

        let windows = ws.write("export/broken-crlf.csv", broken.broken, encoding: .bomCRLF)
        let crlf = try ws.importCSV(mapping: mapping, [windows])
        MappedImport.expectNamed(crlf, file: windows, line: broken.line, column: broken.column, hidden: broken.hidden, what: "\(broken) (BOM, CRLF)")
        #expect(fileBytes(ws.database) == before, "\(broken) (BOM, CRLF): the database file changed")
    }

    /// "On any error nothing is written": a database that did not exist is not created.
    @Test func aBrokenFileLeavesNoDatabaseWhereThereWasNone() throws {
        let ws = MappedWorkspace()
        let database = ws.inputs.appendingPathComponent("never.sqlite").path
        let mapping = ws.write("mapping/hotlists.yaml", """
            table: comparison_source
            columns:
              source_id: ListID
              name: ListName
              jurisdiction: {column: Level, case: lower}
              in_use_from: {column: ActiveFrom, date: MM/dd/yyyy}

            """)
        let csv = ws.write("export/hotlists.csv", "ListID,ListName,Level,ActiveFrom\nBCA,CANARY-LIST-1,State,01/01/2020\nNCIC,CANARY-LIST-2,Federal,02/30/2020\n")
        let run = try ws.importCSV(mapping: mapping, [csv], database: database)
        MappedImport.expectNamed(run, file: csv, line: 3, column: "ActiveFrom", hidden: ["02/30"], what: "a date on February 30")
        #expect(!FileManager.default.fileExists(atPath: database), "the failed import created the database file")
    }

    // MARK: - 5. Broken mapping files

    static let mappingErrors: [BrokenMapping] = {
        let reads = MappedImport.readsMapping
        func replacing(_ line: String, with new: String) -> String {
            precondition(reads.contains(line), line)
            return reads.replacingOccurrences(of: line, with: new)
        }
        return [
            BrokenMapping("an unknown table", replacing("table: plate_read", with: "table: cameras"), marker: "table: cameras"),
            BrokenMapping("acp_request, never imported", """
                # requests.csv -> acp_request
                table: acp_request
                columns:
                  request_id: ReadID
                  received_on: {column: ReadTimeLocal, date: MM/dd/yyyy}
                  participant_ref: Plate

                """, marker: "table: acp_request"),
            BrokenMapping("an unknown column", replacing("  plate: {column: Plate, case: upper}\n",
                                                          with: "  plate: {column: Plate, case: upper}\n  colour: Plate\n"), marker: "  colour:"),
            BrokenMapping("a time without zone", replacing("  read_at: {column: ReadTimeLocal, time: MM/dd/yyyy HH:mm:ss, zone: local}",
                                                            with: "  read_at: {column: ReadTimeLocal, time: MM/dd/yyyy HH:mm:ss}"), marker: "  read_at:"),
            BrokenMapping("a rule with a column and a value", replacing("  plate: {column: Plate, case: upper}",
                                                                         with: "  plate: {column: Plate, value: ABC123}"), marker: "  plate:"),
            BrokenMapping("a rule with a date and a time", replacing("  read_at: {column: ReadTimeLocal, time: MM/dd/yyyy HH:mm:ss, zone: local}",
                                                                      with: "  read_at: {column: ReadTimeLocal, date: MM/dd/yyyy, time: MM/dd/yyyy HH:mm:ss, zone: local}"),
                          marker: "  read_at:"),
            BrokenMapping("a rule with values and a lookup", replacing("  plate_state: {column: State, case: upper}", with: """
                  plate_state:
                    column: State
                    values: {Minnesota: MN}
                    lookup: {file: states.csv, match: Name, value: Code}
                """), marker: "  plate_state:", extra: ["states.csv": "Name,Code\nMinnesota,MN\n"]),
            BrokenMapping("a zone no system knows", replacing("zone: local}", with: "zone: Mars/Olympus_Mons}"), marker: "  read_at:"),
            BrokenMapping("a case that is neither upper nor lower", replacing("  plate: {column: Plate, case: upper}",
                                                                               with: "  plate: {column: Plate, case: title}"), marker: "  plate:"),
            BrokenMapping("a key naming an unknown column", replacing("table: plate_read\n", with: "table: plate_read\nkey: [reader_id, colour]\n"),
                          marker: "key:"),
            // A file that cannot be read is said as such (like a missing CSV file), naming the
            // lookup file; the doc does not say it is "an error in the mapping file".
            BrokenMapping("a lookup file that does not exist", replacing("  plate_state: {column: State, case: upper}",
                                                                          with: "  plate_state: {column: State, lookup: {file: states.csv, match: Name, value: Code}}"),
                          marker: nil, mustName: ["states.csv"], namesMapping: false),
            BrokenMapping("a lookup without value:", replacing("  plate_state: {column: State, case: upper}",
                                                                with: "  plate_state: {column: State, lookup: {file: states.csv, match: Name}}"),
                          marker: "  plate_state:", extra: ["states.csv": "Name,Code\nMinnesota,MN\n"]),
            BrokenMapping("no table:", replacing("table: plate_read\n", with: ""), marker: nil),
            BrokenMapping("no rule fills the primary key, and no key:", replacing("  read_id: ReadID\n", with: ""), marker: nil,
                          mustName: ["read_id"]),
        ]
    }()

    /// An error in the mapping file writes nothing (the database file byte-identical) and its
    /// message names the mapping file and the line, and shows no cell of the CSV files.
    @Test(arguments: mappingErrors)
    func aBrokenMappingWritesNothingAndIsNamedByItsLine(broken: BrokenMapping) throws {
        let ws = MappedWorkspace()
        let before = try MappedImport.seedWithAnEarlierImport(ws)
        let mapping = ws.write("mapping/reads.yaml", broken.mapping)
        for (path, text) in broken.extra { ws.write("mapping/\(path)", text) }
        let csv = ws.write("export/reads.csv", MappedImport.readsHeader + (31...33).map(MappedImport.readRow).joined(separator: "\n") + "\n")
        let run = try ws.importCSV(mapping: mapping, [csv])
        if broken.namesMapping {
            MappedImport.expectNamed(run, file: mapping, line: broken.line, column: nil, hidden: [], what: "\(broken)")
        } else {
            MappedImport.expectNamed(run, file: nil, line: nil, column: nil, hidden: [], what: "\(broken)")
        }
        for word in broken.mustName {
            #expect(run.error.contains(word), "\(broken): the message does not name \(word): \(run.error)")
        }
        if broken.line == nil, broken.namesMapping {
            #expect(run.error.range(of: #"(line \d+|reads\.yaml:\d+)"#, options: [.regularExpression, .caseInsensitive]) != nil,
                    "\(broken): the message names no line of the mapping: \(run.error)")
        }
        #expect(fileBytes(ws.database) == before, "\(broken): the database file changed")
    }
}

// MARK: - Fixtures

/// A site whose site.yaml gives `time_zone`, and a folder for mapping and CSV files (and
/// databases other than the site's), removed when the test ends.
final class MappedWorkspace {
    let site: SiteFixture
    let inputs = temporaryFolder("mapped-input")

    init(timeZone: String = "America/Chicago") {
        site = SiteFixture(config: "agency_name: Test Police Department\ntime_zone: \(timeZone)\n")
    }

    deinit { try? FileManager.default.removeItem(at: inputs) }

    /// The site's operational database (`--database` given explicitly).
    var database: String { site.databasePath }

    /// Writes `text` at `relativePath` under the inputs folder and returns its path.
    @discardableResult
    func write(_ relativePath: String, _ text: String, encoding: FileEncoding = .plain) -> String {
        let url = inputs.appendingPathComponent(relativePath)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? encoding.encode(text).write(to: url)
        return url.path
    }

    /// `transparency-gen import csv --mapping MAPPING FILE… --database DB --site SITE`.
    func importCSV(mapping: String, _ files: [String], database: String? = nil) throws -> ImportTool.Run {
        try ImportTool.run(["import", "csv", "--mapping", mapping] + files + ["--database", database ?? self.database, "--site", site.site.path])
    }
}

/// A wall-clock time, as a CSV cell means it.
struct LocalTime: Sendable, Hashable, CustomStringConvertible {
    let year, month, day, hour, minute, second: Int

    init(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    var description: String { String(format: "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute, second) }
}

/// A `date:` format and cells with the ISO date each means.
struct DateCase: Sendable, CustomStringConvertible {
    let format: String
    let cells: [(cell: String, iso: String)]

    init(_ format: String, _ cells: [(String, String)]) {
        self.format = format
        self.cells = cells.map { (cell: $0.0, iso: $0.1) }
    }

    var description: String { format }
}

/// A `time:` format and `zone:` (as written in the mapping) and cells with the wall-clock time each means.
struct TimeCase: Sendable, CustomStringConvertible {
    let description: String
    let format: String
    let zone: String
    let cells: [(cell: String, local: LocalTime)]

    init(_ description: String, _ format: String, _ zone: String, _ cells: [(String, LocalTime)]) {
        self.description = description
        self.format = format
        self.zone = zone
        self.cells = cells.map { (cell: $0.0, local: $0.1) }
    }
}

/// A CSV file the import must refuse, with a good file of the same mapping imported before it
/// in the same call: where (line, column) and what the message must not show.
struct BrokenMappedFile: Sendable, CustomStringConvertible {
    let description: String
    let mappingName: String
    let mapping: String
    let extra: [String: String]
    let good: String
    let broken: String
    let line: Int
    let column: String?
    let hidden: [String]

    init(_ description: String, mapping: String, extra: [String: String] = [:], good: String? = nil, broken: String, line: Int,
         column: String?, hidden: [String] = []) {
        self.description = description
        let table = mapping.split(separator: "\n").first { $0.hasPrefix("table:") }.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) } ?? "x"
        self.mappingName = "\(table).yaml"
        self.mapping = mapping
        self.extra = extra
        self.good = good ?? MappedImport.readsHeader + MappedImport.readRow(41) + "\n" + MappedImport.readRow(42) + "\n"
        self.broken = broken
        self.line = line
        self.column = column
        self.hidden = hidden
    }
}

/// A mapping file the import must refuse, and the line (of `marker`) its message must name.
struct BrokenMapping: Sendable, CustomStringConvertible {
    let description: String
    let mapping: String
    let line: Int?
    let extra: [String: String]
    let mustName: [String]
    /// Whether the message must name the mapping file and one of its lines.
    let namesMapping: Bool

    init(_ description: String, _ mapping: String, marker: String?, extra: [String: String] = [:], mustName: [String] = [],
         namesMapping: Bool = true) {
        self.description = description
        self.namesMapping = namesMapping
        self.mapping = mapping
        if let marker {
            let range = mapping.range(of: marker)!
            line = mapping[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        } else {
            line = nil
        }
        self.extra = extra
        self.mustName = mustName
    }
}

/// The counts of a summary line; nil for a count it does not give.
struct ImportSummary: Equatable, Sendable, CustomStringConvertible {
    var read: Int?
    var added: Int?
    var updated: Int?
    var alreadyPresent: Int?

    var description: String {
        "read \(read.map(String.init) ?? "?"), added \(added.map(String.init) ?? "?"), updated \(updated.map(String.init) ?? "?"), "
            + "already present \(alreadyPresent.map(String.init) ?? "?")"
    }
}

// MARK: - Helpers

enum MappedImport {
    /// The doc's reads.yaml.
    static let readsMapping = """
        # reads.csv -> plate_read (the doc's reads.yaml)
        table: plate_read
        columns:
          read_id: ReadID
          reader_id: CameraID
          read_at: {column: ReadTimeLocal, time: MM/dd/yyyy HH:mm:ss, zone: local}
          plate: {column: Plate, case: upper}
          plate_state: {column: State, case: upper}
          latitude: Lat
          longitude: Lon
          image_ref: ImageFile

        """

    static let readsHeader = "ReadID,CameraID,ReadTimeLocal,Plate,State,Lat,Lon,ImageFile\n"

    /// The fields of read `n` (10 to 59): at 07:n:02 local on October 30, 2026, canaries in its private cells.
    static func readFields(_ n: Int) -> [String] {
        ["\(n)", n % 2 == 0 ? "CAM-1" : "SQ-21", "10/30/2026 07:\(n):02", "CANARY-PLATE-\(n)", n % 3 == 0 ? "" : "mn",
         n % 2 == 0 ? "45.0712" : "45.065", n % 2 == 0 ? "-93.4558" : "-93.45", "CANARY-IMG-\(n)"]
    }

    static func readRow(_ n: Int) -> String { readFields(n).map { csvField($0) }.joined(separator: ",") }

    static func expectedRead(_ n: Int) -> [StoredValue] {
        [.integer(Int64(n)), .text(n % 2 == 0 ? "CAM-1" : "SQ-21"),
         .text(MappedReference.utc(LocalTime(2026, 10, 30, 7, n, 2), zone: "America/Chicago")), .text("CANARY-PLATE-\(n)"),
         n % 3 == 0 ? .null : .text("MN"), .real(n % 2 == 0 ? 45.0712 : 45.065), .real(n % 2 == 0 ? -93.4558 : -93.45), .text("CANARY-IMG-\(n)")]
    }

    /// A database with the operational schema holding what the mappings refer to: three
    /// readers, three hot lists, three reads and two sharing agencies.
    static func seed(_ path: String) {
        let db = FixtureDatabase(path: path)
        db.reader("CAM-1", kind: "fixed", label: "Camera 1")
        db.reader("CAM-2", kind: "fixed", label: "Camera 2", operator: "partner")
        db.reader("SQ-21", kind: "mobile", label: "Squad 21")
        db.source("BCA", "Minnesota License Plate Data File (BCA)")
        db.source("NCIC", "NCIC (via BCA)", jurisdiction: "federal")
        db.source("LOCAL", "Local investigative list", jurisdiction: "local", isPublic: false)
        for (id, reader, at) in [(1, "CAM-1", "2026-10-30T12:15:02Z"), (2, "CAM-1", "2026-10-30T12:16:40Z"), (3, "SQ-21", "2026-10-31T00:45:00Z")] {
            db.insert("plate_read", ["read_id": id, "reader_id": reader, "read_at": at, "plate": "SEED\(id)"])
        }
        db.insert("sharing_agency", ["agency_id": "hennepin-so", "name": "Hennepin County Sheriff's Office", "jurisdiction": "minnesota",
                                     "agreement_from": "2024-01-01"])
        db.insert("sharing_agency", ["agency_id": "fbi-mpls", "name": "FBI Minneapolis Field Office", "jurisdiction": "federal"])
        db.close()
    }

    /// Seeds the workspace's database, imports two reads into it with the mapping import, and
    /// returns its bytes.
    static func seedWithAnEarlierImport(_ ws: MappedWorkspace, sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
        seed(ws.database)
        let mapping = ws.write("earlier/reads.yaml", readsMapping)
        let csv = ws.write("earlier/reads.csv", readsHeader + readRow(51) + "\n" + readRow(52) + "\n")
        expectSuccess(try ws.importCSV(mapping: mapping, [csv]), "the earlier import", sourceLocation: sourceLocation)
        return try #require(fileBytes(ws.database))
    }

    /// The number of rows of every table.
    static func rowCounts(_ path: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["reader", "reader_location", "active_period", "comparison_source", "plate_read", "hit", "sharing_agency", "data_access"] {
            if case .integer(let n)? = try SQLiteFile.query(path, "SELECT count(*) FROM \(table)").first?.first { counts[table] = Int(n) }
        }
        return counts
    }

    /// Whether the database file (or its WAL log) holds `text`.
    static func databaseHolds(_ text: String, _ path: String) -> Bool {
        [path, path + "-wal"].contains { fileBytes($0)?.range(of: Data(text.utf8)) != nil }
    }

    static func expectSuccess(_ run: ImportTool.Run, _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        FlockImportTests.expectSuccess(run, what, sourceLocation: sourceLocation)
        #expect(!(run.output + run.error).contains("CANARY"), "\(what): a cell's value is in the messages: \(run.output) \(run.error)",
                sourceLocation: sourceLocation)
    }

    /// The counts of the summary: the last "N … read", "N … added", "N … updated", "N … already present".
    static func summary(_ output: String) -> ImportSummary {
        func last(_ pattern: String) -> Int? {
            guard let regex = try? NSRegularExpression(pattern: #"(\d+)\s+(?:[A-Za-z_]+\s+){0,2}"# + pattern, options: [.caseInsensitive]) else { return nil }
            let range = NSRange(output.startIndex..., in: output)
            guard let match = regex.matches(in: output, range: range).last, let number = Range(match.range(at: 1), in: output) else { return nil }
            return Int(output[number])
        }
        return ImportSummary(read: last(#"read\b"#), added: last(#"added\b"#), updated: last(#"updated\b"#),
                             alreadyPresent: last(#"already\s+present\b"#))
    }

    static func expectSummary(_ run: ImportTool.Run, _ expected: ImportSummary, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = summary(run.output)
        #expect(actual == expected, "summary: expected \(expected), got \(actual) from \(run.output.debugDescription)", sourceLocation: sourceLocation)
    }

    /// Checks a refused import: non-zero, a message naming the file, the line and the column,
    /// showing no cell (no canary, none of `hidden`) in what it wrote.
    static func expectNamed(_ run: ImportTool.Run, file path: String?, line: Int?, column: String?, hidden: [String], what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status != 0, "\(what): the import succeeded: \(run.output)", sourceLocation: sourceLocation)
        #expect(!run.error.contains("Fatal error"), "\(what): crashed: \(run.error)", sourceLocation: sourceLocation)
        #expect(run.error.hasPrefix("error: "), "\(what): not one error message: \(run.error)", sourceLocation: sourceLocation)
        guard let path else {
            #expect(!(run.error + run.output).contains("CANARY"), "\(what): the message shows a cell: \(run.error)", sourceLocation: sourceLocation)
            return
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        #expect(run.error.contains(name), "\(what): the message does not name \(name): \(run.error)", sourceLocation: sourceLocation)
        if let line {
            #expect(ImportTool.mentionsLine(line, of: name, in: run.error), "\(what): the message does not name line \(line): \(run.error)",
                    sourceLocation: sourceLocation)
        }
        if let column {
            #expect(run.error.contains(column), "\(what): the message does not name the column \(column): \(run.error)", sourceLocation: sourceLocation)
        }
        // The folders' paths aside (a temporary folder's name is random).
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent().path
        let message = (run.error + "\n" + run.output).replacingOccurrences(of: folder, with: "…")
        for value in hidden + ["CANARY"] {
            #expect(!message.contains(value), "\(what): the message shows \(value): \(message)", sourceLocation: sourceLocation)
        }
    }

    /// A cell of the SQL script's database as the doc's rules read it: trimmed, empty as NULL.
    static func asTheDocReadsCells(_ value: StoredValue) -> StoredValue {
        guard case .text(let text) = value else { return value }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? .null : .text(trimmed)
    }

    static func same(_ a: StoredValue, _ b: StoredValue) -> Bool {
        if case .real(let x) = a, case .real(let y) = b { return abs(x - y) < 1e-9 }
        return a == b
    }

    /// Records an issue for every row of `sql` that differs from `expected`.
    static func expectRows(_ path: String, _ sql: String, _ expected: [[StoredValue]], _ what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let actual: [[StoredValue]]
        do {
            actual = try SQLiteFile.query(path, sql)
        } catch {
            Issue.record("\(what): \(error)", sourceLocation: sourceLocation)
            return
        }
        var differences: [String] = []
        if actual.count != expected.count { differences.append("\(actual.count) rows, \(expected.count) expected") }
        for (n, (row, wanted)) in zip(actual, expected).enumerated() where row.count != wanted.count || !zip(row, wanted).allSatisfy(same) {
            differences.append("row \(n + 1): expected \(wanted), stored \(row)")
        }
        if actual.count > expected.count { differences += actual[expected.count...].map { "unexpected row \($0)" } }
        if actual.count < expected.count { differences += expected[actual.count...].map { "missing row \($0)" } }
        if !differences.isEmpty {
            let list = differences.joined(separator: "\n")
            Issue.record("\(what):\n\(list)", sourceLocation: sourceLocation)
        }
    }
}

/// The operational schema's text, as `transparency-gen schema` prints it.
enum OperationalSchemaText {
    static func sql() throws -> String {
        let run = try ImportTool.run(["schema"])
        return run.output
    }
}

// MARK: - The reference: local times to UTC, from the doc's text

enum MappedReference {
    static let utcZone = TimeZone(identifier: "UTC")!

    static var utcCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utcZone
        return calendar
    }

    /// The UTC instant `YYYY-MM-DDTHH:MM:SSZ` of `local` in the zone `identifier` ("UTC" or a
    /// name), with the zone's rules: in an hour repeated when clocks go back, the first of the
    /// two instants (daylight time); in an hour skipped when they go forward, the offset before
    /// the change.
    static func utc(_ local: LocalTime, zone identifier: String) -> String {
        let zone = TimeZone(identifier: identifier)!
        // The wall-clock reading as if it were UTC; the true instant is it minus the offset.
        let wall = utcCalendar.date(from: DateComponents(year: local.year, month: local.month, day: local.day, hour: local.hour,
                                                         minute: local.minute, second: local.second))!
        let offsetBefore = zone.secondsFromGMT(for: wall.addingTimeInterval(-43_200))
        let offsetAfter = zone.secondsFromGMT(for: wall.addingTimeInterval(43_200))
        let instants = Set([offsetBefore, offsetAfter]).compactMap { offset -> Date? in
            let instant = wall.addingTimeInterval(-Double(offset))
            return zone.secondsFromGMT(for: instant) == offset ? instant : nil
        }
        return iso(instants.min() ?? wall.addingTimeInterval(-Double(offsetBefore)))
    }

    /// Foundation's own reading of `local` in the zone (for times that are neither skipped nor repeated).
    static func foundationUTC(_ local: LocalTime, zone: String) -> String? {
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: zone)
        parser.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return parser.date(from: local.description).map { ISO8601DateFormatter().string(from: $0) }
    }

    static func iso(_ date: Date) -> String {
        let p = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
    }
}
