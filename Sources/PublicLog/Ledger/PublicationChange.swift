import Foundation

/// One thing a publication changed. The ledger records it as a fact (`new_audit
/// start=2024-08-01 end=2026-07-31 outcome=compliant`), and each language's site words it
/// from its catalog, so the history reads in every language and a catalog edit rewords it everywhere.
public enum PublicationChange: Equatable, Sendable {
    case firstPublication(periods: Int, notRecorded: Int)
    case newAudit(start: LocalDate, end: LocalDate, outcome: AuditResult)
    case newPolicy(effective: LocalDate)
    case logMonth(YearMonth)
    case periodsAdded(Int)
    case periodsRevised(Int)
    case siteText
    /// Nothing the site holds changed but the day its figures run to (its windows, `as_of`).
    case refreshed(asOf: LocalDate)
    /// The publication is signed with another key than the last one, or is the first signed.
    case signingKeyChanged
    /// The last publication was signed and this one is not.
    case signingStopped
    /// A data sharing agreement began or ended (subd. 4): the agency's public name and the day.
    case agreementStarted(agency: String, on: LocalDate)
    case agreementEnded(agency: String, on: LocalDate)
    /// An agency joined or left the export's list of agencies the data are shared with, since
    /// the last publication (which gives no day).
    case agencyAdded(agency: String)
    case agencyRemoved(agency: String)
    /// A reader went into service, stands at a new public place, or was taken out of service.
    /// Only public placements count: a move to or from a place classified as security
    /// information is never a fact of its own.
    case readerAdded(reader: String, on: LocalDate)
    case readerMoved(reader: String, to: String, on: LocalDate)
    case readerRetired(reader: String, on: LocalDate)
    /// A line of a publication recorded before ledger version 5: an English sentence, kept as written.
    case recordedText(String)

    /// The fact as the ledger holds it: a kind in lower case, then `key=value` pairs. The lines
    /// that older versions wrote are English sentences, which begin with a capital or a digit.
    public var recorded: String {
        switch self {
        case .firstPublication(let periods, let notRecorded): "first_publication periods=\(periods) not_recorded=\(notRecorded)"
        case .newAudit(let start, let end, let outcome): "new_audit start=\(start) end=\(end) outcome=\(outcome.rawValue)"
        case .newPolicy(let effective): "new_policy effective=\(effective)"
        case .logMonth(let month): "log_month month=\(month)"
        case .periodsAdded(let count): "periods_added count=\(count)"
        case .periodsRevised(let count): "periods_revised count=\(count)"
        case .siteText: "site_text"
        case .refreshed(let day): "refreshed as_of=\(day)"
        case .signingKeyChanged: "signing_key_changed"
        case .signingStopped: "signing_stopped"
        case .agreementStarted(let agency, let day): "agreement_started agency=\(Self.encode(agency)) on=\(day)"
        case .agreementEnded(let agency, let day): "agreement_ended agency=\(Self.encode(agency)) on=\(day)"
        case .agencyAdded(let agency): "agency_added agency=\(Self.encode(agency))"
        case .agencyRemoved(let agency): "agency_removed agency=\(Self.encode(agency))"
        case .readerAdded(let reader, let day): "reader_added reader=\(Self.encode(reader)) on=\(day)"
        case .readerMoved(let reader, let place, let day): "reader_moved reader=\(Self.encode(reader)) to=\(Self.encode(place)) on=\(day)"
        case .readerRetired(let reader, let day): "reader_retired reader=\(Self.encode(reader)) on=\(day)"
        case .recordedText(let text): text
        }
    }

    /// A name as one word of a fact: percent-encoded but for letters and digits, so that no
    /// space, `=` or line break of a name can split or forge a fact.
    static func encode(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .init(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")) ?? ""
    }

    /// The change a ledger line records; a line that is not a fact this version knows is kept as text.
    public init(recorded line: String) {
        self = Self.fact(line) ?? .recordedText(line)
    }

    private static func fact(_ line: String) -> PublicationChange? {
        let words = line.split(separator: " ")
        guard let kind = words.first, kind.first?.isLowercase == true else { return nil }
        var values: [String: String] = [:]
        for pair in words.dropFirst() {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            values[String(parts[0])] = String(parts[1])
        }
        func int(_ key: String) -> Int? { values[key].flatMap { Int($0) } }
        func date(_ key: String) -> LocalDate? { values[key].flatMap { LocalDate(iso: $0) } }
        func name(_ key: String) -> String? { values[key].flatMap { $0.removingPercentEncoding } }
        switch kind {
        case "first_publication":
            guard let periods = int("periods"), let notRecorded = int("not_recorded") else { return nil }
            return .firstPublication(periods: periods, notRecorded: notRecorded)
        case "new_audit":
            guard let start = date("start"), let end = date("end"),
                  let outcome = values["outcome"].flatMap(AuditResult.init(rawValue:)) else { return nil }
            return .newAudit(start: start, end: end, outcome: outcome)
        case "new_policy":
            return date("effective").map { .newPolicy(effective: $0) }
        case "log_month":
            return values["month"].flatMap { LocalDate(iso: "\($0)-01") }.map { .logMonth($0.yearMonth) }
        case "periods_added": return int("count").map { .periodsAdded($0) }
        case "periods_revised": return int("count").map { .periodsRevised($0) }
        case "site_text": return .siteText
        case "refreshed": return date("as_of").map { .refreshed(asOf: $0) }
        case "signing_key_changed": return .signingKeyChanged
        case "signing_stopped": return .signingStopped
        case "agreement_started":
            guard let agency = name("agency"), let day = date("on") else { return nil }
            return .agreementStarted(agency: agency, on: day)
        case "agreement_ended":
            guard let agency = name("agency"), let day = date("on") else { return nil }
            return .agreementEnded(agency: agency, on: day)
        case "agency_added": return name("agency").map { .agencyAdded(agency: $0) }
        case "agency_removed": return name("agency").map { .agencyRemoved(agency: $0) }
        case "reader_added":
            guard let reader = name("reader"), let day = date("on") else { return nil }
            return .readerAdded(reader: reader, on: day)
        case "reader_moved":
            guard let reader = name("reader"), let place = name("to"), let day = date("on") else { return nil }
            return .readerMoved(reader: reader, to: place, on: day)
        case "reader_retired":
            guard let reader = name("reader"), let day = date("on") else { return nil }
            return .readerRetired(reader: reader, on: day)
        default: return nil
        }
    }
}
