import Foundation

/// The vendor files `transparency-gen import` reads (spec, import.md), each turned into the
/// searches it records. Every problem is named by file, line and column, never by a cell's value.
public enum ImportFormat: String, CaseIterable, Sendable {
    /// Flock Safety's search audit: the Organization audit or the Network audit, CSV.
    case flockAudit = "flock-audit"
    /// The search audit CSV of a Flock public portal.
    case flockPortalAudit = "flock-portal-audit"
}

/// Who "this agency" is in a vendor file, and the sharing agencies' ids by their names.
public struct ImportContext: Sendable {
    /// Names of this agency as the vendor writes them (`--own-org`, and the site's `agency_name`).
    let ownNames: Set<String>
    /// `sharing_agency` ids by the vendor's name for the agency (`--agency-names`).
    let agencyIDs: [String: String]

    public init(ownNames: [String], agencyIDs: [String: String]) {
        self.ownNames = Set(ownNames.map(Self.key))
        self.agencyIDs = Dictionary(agencyIDs.map { (Self.key($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// A name as names are compared: trimmed, in any case.
    static func key(_ name: String) -> String { name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
}

/// A vendor file's rows read into searches.
struct VendorFile {
    let name: String
    let format: ImportFormat
    let context: ImportContext

    func failure(line: Int, column: String? = nil, _ problem: String, fix: String) -> PublicLogError {
        ImportFailure.at(name, line: line, column: column, problem, fix: fix)
    }

    /// Hands each search of the file, with the line it starts on, to `body`, as the file is read.
    func forEachSearch(in records: inout CSVRecords,
                       _ body: (ImportedSearch, Int) throws(PublicLogError) -> Void) throws(PublicLogError) {
        guard let header = records.next() else {
            if let malformed = records.malformed { throw failure(line: malformed.line, malformed.problem, fix: ImportFailure.csvFix) }
            throw failure(line: 1, "the file is empty", fix: "Export the audit again; the first line names the columns.")
        }
        let columns = try columnIndex(header.fields)
        while let record = records.next() {
            if record.fields == [""] { continue }
            guard record.fields.count == header.fields.count else {
                throw failure(line: record.line, "the row has \(record.fields.count) fields and the header \(header.fields.count)",
                              fix: "A field holding a comma or a line break must be in double quotes; export the file again.")
            }
            try body(try search(record, columns), record.line)
        }
        if let malformed = records.malformed { throw failure(line: malformed.line, malformed.problem, fix: ImportFailure.csvFix) }
    }

    // MARK: - Columns

    /// The columns each format reads, by their canonical name, and the names that stand for them.
    private var known: [String: [String]] {
        switch format {
        case .flockAudit:
            [
                "ID": [], "Name": [], "Org Name": [], "Total Networks Searched": [], "Total Devices Searched": [],
                "Time Frame": [], "License Plate": ["License Plates"], "Reason": ["Reason_1"], "Case #": ["Case Number"],
                "Filters": [], "Search Time": [], "Search Type": [], "Text Prompt": ["Test Prompt"], "Moderation": [],
            ]
        case .flockPortalAudit:
            ["id": [], "userId": [], "searchDate": [], "networkCount": [], "offenseType": ["reason"]]
        }
    }

    private var required: [String] {
        switch format {
        case .flockAudit: ["Search Time"]
        case .flockPortalAudit: ["id", "searchDate", "networkCount", "offenseType"]
        }
    }

    /// Each canonical column's position in the header; a column named twice, or a required
    /// one missing, is an error of line 1.
    private func columnIndex(_ header: [String]) throws(PublicLogError) -> [String: Int] {
        var byKey: [String: String] = [:]
        for (canonical, variants) in known {
            for name in [canonical] + variants { byKey[ImportContext.key(name)] = canonical }
        }
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            guard let canonical = byKey[ImportContext.key(name)] else { continue }
            guard index[canonical] == nil else {
                throw failure(line: 1, column: canonical, "the header names this column twice",
                              fix: "Keep one column of each name (\(canonical) and its variants name the same column).")
            }
            index[canonical] = position
        }
        if let missing = required.first(where: { index[$0] == nil }) {
            throw failure(line: 1, column: missing, "the header has no such column",
                          fix: "Is this a \(format.rawValue) file? Its header names \(required.joined(separator: ", ")).")
        }
        return index
    }

    // MARK: - Rows

    private func search(_ record: CSVRecords.Record, _ columns: [String: Int]) throws(PublicLogError) -> ImportedSearch {
        func value(_ column: String) -> String? {
            columns[column].map { record.fields[$0].trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        func bad(_ column: String, _ problem: String, fix: String) -> PublicLogError {
            failure(line: record.line, column: column, problem, fix: fix)
        }
        switch format {
        case .flockAudit:
            guard let time = value("Search Time"), let accessedAt = VendorTime.utc(time) else {
                throw bad("Search Time", "the time is empty or not a time of the form M/D/YYYY, h:MM:SS AM UTC",
                          fix: "Export the audit again; times are written like 11/3/2024, 1:30:00 AM UTC.")
            }
            var window: Instant?
            if let frame = value("Time Frame") {
                guard let start = VendorTime.start(ofFrame: frame) else {
                    throw bad("Time Frame", "the time frame does not start with a time of the form M/D/YYYY, h:MM:SS AM UTC",
                              fix: "Export the audit again; a time frame is two times, on two lines or joined by “ to ”.")
                }
                window = start
            }
            let org = value("Org Name")
            let own = org.map { context.ownNames.contains(ImportContext.key($0)) } ?? true
            let reason = columns["Reason"].map { record.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            let query = ["License Plate", "Filters", "Text Prompt"].compactMap { column in value(column).map { "\(column): \($0)" } }
            return ImportedSearch(
                vendorSearchID: value("ID") ?? "sha256:" + Digest.sha256(record.fields.joined(separator: "\n")),
                accessedAt: accessedAt, userName: value("Name") ?? "", caseNumber: value("Case #"),
                purpose: ImportedSearch.purpose(ofReason: reason), requestingAgency: own ? nil : org,
                requestingAgencyID: own ? nil : org.flatMap { context.agencyIDs[ImportContext.key($0)] },
                queryText: query.isEmpty ? nil : query.joined(separator: "\n"), reason: reason,
                searchKind: value("Search Type").map(Self.searchKind), networksSearched: try networks("Total Networks Searched", value, bad),
                windowStartAt: window)
        case .flockPortalAudit:
            guard let id = value("id") else {
                throw bad("id", "the search has no id", fix: "Export the portal's audit again; every row has an id.")
            }
            guard let date = value("searchDate"), let accessedAt = VendorTime.utc(date) else {
                throw bad("searchDate", "the date is empty or not an ISO 8601 time ending in Z",
                          fix: "Export the portal's audit again; dates are written like 2024-11-03T13:05:00.000Z.")
            }
            let reason = columns["offenseType"].map { record.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            return ImportedSearch(
                vendorSearchID: id, accessedAt: accessedAt, userName: "***", caseNumber: nil,
                purpose: ImportedSearch.purpose(ofReason: reason), requestingAgency: nil, requestingAgencyID: nil,
                queryText: nil, reason: reason, searchKind: nil, networksSearched: try networks("networkCount", value, bad),
                windowStartAt: nil)
        }
    }

    private func networks(_ column: String, _ value: (String) -> String?,
                          _ bad: (String, String, String) -> PublicLogError) throws(PublicLogError) -> Int64? {
        guard let text = value(column) else { return nil }
        guard let number = Int64(text), number >= 1 else {
            throw bad(column, "the number of networks searched is not a whole number of 1 or more",
                      "Export the audit again, or leave the cell empty where the number is not known.")
        }
        return number
    }

    /// Flock's search types as the contract's kinds; a ` - Mobile` suffix is dropped.
    static func searchKind(_ type: String) -> SearchKind {
        let base = type.hasSuffix(" - Mobile") ? String(type.dropLast(" - Mobile".count)) : type
        switch base.trimmingCharacters(in: .whitespaces) {
        case "lookup": return .plateLookup
        case "search": return .vehicleSearch
        case "convoy": return .convoy
        case "freeform": return .freeform
        case "multiGeo": return .multiLocation
        case "visual": return .visual
        case "apiLookup": return .api
        default: return .other
        }
    }
}
