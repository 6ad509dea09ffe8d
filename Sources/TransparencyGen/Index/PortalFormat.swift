import Foundation
import PublicLog

/// What the index accepts of a portal's published files: only what the portal's own format
/// allows. A value of another type, a count out of range, a text holding a control or
/// direction-override character, a CSV line that is not CSV: each fails the portal, with the
/// reason, rather than being published, blanked or skipped.
enum PortalFormat {
    /// No real count comes near it (a trillion plates in 30 days); a larger one is not a
    /// count, and the index's totals of many portals stay far from overflowing.
    static let largestCount = 1_000_000_000_000

    struct Problem: Error {
        let reason: String
    }

    /// True when `text` holds a control character (a line end, a NUL, a terminal escape) or a
    /// character that turns the direction of the text around it (U+202A–E, U+2066–9): none
    /// belongs in a name, an id or a code, and either would garble the pages, the CSVs or the feed.
    static func holdsControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.isControlCharacter || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
    }

    /// The fields of `summary.json` the index reads, each null or of its type: counts whole
    /// numbers from 0 to `largestCount`, dates dates, the window's days in order.
    static func checkSummary(_ data: Data) throws(Problem) {
        let path = DataFiles.summary.path
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw Problem(reason: "its \(path) is not a JSON object")
        }
        func isNull(_ value: Any?) -> Bool { value == nil || value is NSNull }
        func count(_ value: Any?, _ name: String) throws(Problem) {
            guard !isNull(value) else { return }
            guard isWholeNumber(value), let number = value as? Int, (0...largestCount).contains(number) else {
                throw Problem(reason: "its \(path) gives \(name) as \(shown(value)), which is not a count (a whole number from 0)")
            }
        }
        func date(_ value: Any?, _ name: String) throws(Problem) -> LocalDate? {
            guard !isNull(value) else { return nil }
            guard let text = value as? String, let date = LocalDate(iso: text) else {
                throw Problem(reason: "its \(path) gives \(name) as \(shown(value)), which is not a date (YYYY-MM-DD)")
            }
            return date
        }
        guard let recent = object["last_30_days"] as? [String: Any] else {
            throw Problem(reason: "its \(path) has no last_30_days")
        }
        for name in ["plates", "hit_alerts", "searches", "searches_for_other_agencies"] {
            try count(recent[name], "last_30_days.\(name)")
        }
        let from = try date(recent["from"], "last_30_days.from"), to = try date(recent["to"], "last_30_days.to")
        if let from, let to, to < from {
            throw Problem(reason: "its \(path) gives a last 30 days that end (\(to)) before they begin (\(from))")
        }
        let asOf = try date(object["as_of"], "as_of")
        _ = try date(object["next_audit_due"], "next_audit_due")
        if !isNull(object["readers_in_service"]) {
            guard let readers = object["readers_in_service"] as? [String: Any] else {
                throw Problem(reason: "its \(path) gives readers_in_service as \(shown(object["readers_in_service"])), not an object of counts")
            }
            for kind in ReaderKind.allCases { try count(readers[kind.rawValue], "readers_in_service.\(kind.rawValue)") }
        }
        if !isNull(object["last_audit"]) {
            guard let audit = object["last_audit"] as? [String: Any], let id = audit["audit_id"] as? String, !id.isEmpty,
                  !holdsControlCharacters(id), id.count <= 200,
                  let completed = try date(audit["completed_on"], "last_audit.completed_on"),
                  let outcome = audit["outcome"] as? String, AuditResult(rawValue: outcome) != nil else {
                throw Problem(reason: "its \(path) names a last audit without an id (up to 200 characters, none a control character), a completion date (YYYY-MM-DD) and an outcome (compliant or noncompliant)")
            }
            if let asOf, asOf < completed {
                throw Problem(reason: "its \(path) gives a last audit completed on \(completed), after the day its figures are as of (\(asOf))")
            }
        }
    }

    /// True for a JSON number written as a whole number: not a boolean (which Foundation also
    /// reads as a number, of 1 or 0), not a fraction, not an exponent, not a string.
    static func isWholeNumber(_ value: Any?) -> Bool {
        guard let number = value as? NSNumber, !(value is NSDecimalNumber) else { return false }
        return ["i", "q", "l", "s", "I", "Q", "L", "S"].contains(String(cString: number.objCType))
    }

    /// A published CSV file's header and rows as text: every line CSV (RFC 4180, UTF-8), every
    /// row as wide as the header, and (from a portal) no field holding a control or
    /// direction-override character. The index reads its own published tables back with it too,
    /// whose names are the maintainer's `sources.yaml`'s.
    static func table(_ data: Data, path: String, refusingControlCharacters: Bool = true) throws(Problem) -> (header: [String], rows: [[String]]) {
        var records = CSVRecords(data: data)
        guard let header = records.next()?.fields else {
            throw Problem(reason: "its \(path) is empty or not CSV\(records.malformed.map { " (line \($0.line): \($0.problem))" } ?? "")")
        }
        var rows: [[String]] = []
        while let record = records.next() {
            guard record.fields.count == header.count else {
                throw Problem(reason: "its \(path) line \(record.line) has \(record.fields.count) fields, not \(header.count)")
            }
            if refusingControlCharacters, record.fields.contains(where: holdsControlCharacters) {
                throw Problem(reason: "its \(path) line \(record.line) holds a control or direction-override character")
            }
            rows.append(record.fields)
        }
        if let malformed = records.malformed {
            throw Problem(reason: "its \(path) line \(malformed.line) is not CSV (\(malformed.problem))")
        }
        return (header, rows)
    }

    /// A count as a CSV publishes it: digits only, at most `largestCount`.
    static func isCount(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 13 && text.allSatisfy { $0.isASCII && $0.isNumber } && (Int(text) ?? .max) <= largestCount
    }

    /// A value from a portal as an error message shows it: short, quoted, control characters escaped.
    static func shown(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "null" }
        if let text = value as? String { return "\"" + PublishedCopyVerifier.shown(String(text.prefix(40))) + "\"" }
        return PublishedCopyVerifier.shown(String(describing: value))
    }
}
