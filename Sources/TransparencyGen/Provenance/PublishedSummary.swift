import Foundation

/// What is read back of a published `data/summary.json` (by `verify` and the statewide index):
/// each key of its type, else absent (null, a string or a boolean is never a count).
struct PublishedSummary: Decodable {
    var asOf: String?
    var retentionDays: Int?
    var nextAuditDue: String?
    var last30Days: Window?
    var readersInService: Readers?
    var lastAudit: LastAudit?

    struct Window: Decodable {
        var from: String?
        var to: String?
        var plates: Int?
        var hitAlerts: Int?
        var searches: Int?
        var forOtherAgencies: Int?

        enum CodingKeys: String, CodingKey {
            case from, to, plates, hitAlerts = "hit_alerts", searches, forOtherAgencies = "searches_for_other_agencies"
        }

        init(from decoder: any Decoder) throws {
            let json = try decoder.container(keyedBy: CodingKeys.self)
            from = try? json.decodeIfPresent(String.self, forKey: .from)
            to = try? json.decodeIfPresent(String.self, forKey: .to)
            plates = try? json.decodeIfPresent(Int.self, forKey: .plates)
            hitAlerts = try? json.decodeIfPresent(Int.self, forKey: .hitAlerts)
            searches = try? json.decodeIfPresent(Int.self, forKey: .searches)
            forOtherAgencies = try? json.decodeIfPresent(Int.self, forKey: .forOtherAgencies)
        }
    }

    /// `readers_in_service`: readers of each kind.
    struct Readers: Decodable {
        var fixed: Int?
        var portable: Int?
        var mobile: Int?

        init(from decoder: any Decoder) throws {
            let json = try decoder.container(keyedBy: CodingKeys.self)
            fixed = try? json.decodeIfPresent(Int.self, forKey: .fixed)
            portable = try? json.decodeIfPresent(Int.self, forKey: .portable)
            mobile = try? json.decodeIfPresent(Int.self, forKey: .mobile)
        }

        enum CodingKeys: String, CodingKey { case fixed, portable, mobile }
    }

    /// `last_audit`: the newest audit's id, completion date and outcome.
    struct LastAudit: Decodable {
        var auditID: String?
        var completedOn: String?
        var outcome: String?

        init(from decoder: any Decoder) throws {
            let json = try decoder.container(keyedBy: CodingKeys.self)
            auditID = try? json.decodeIfPresent(String.self, forKey: .auditID)
            completedOn = try? json.decodeIfPresent(String.self, forKey: .completedOn)
            outcome = try? json.decodeIfPresent(String.self, forKey: .outcome)
        }

        enum CodingKeys: String, CodingKey { case auditID = "audit_id", completedOn = "completed_on", outcome }
    }

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", retentionDays = "retention_days", nextAuditDue = "next_audit_due", last30Days = "last_30_days"
        case readersInService = "readers_in_service", lastAudit = "last_audit"
    }

    init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: CodingKeys.self)
        asOf = try? json.decodeIfPresent(String.self, forKey: .asOf)
        retentionDays = try? json.decodeIfPresent(Int.self, forKey: .retentionDays)
        nextAuditDue = try? json.decodeIfPresent(String.self, forKey: .nextAuditDue)
        last30Days = try? json.decodeIfPresent(Window.self, forKey: .last30Days)
        readersInService = try? json.decodeIfPresent(Readers.self, forKey: .readersInService)
        lastAudit = try? json.decodeIfPresent(LastAudit.self, forKey: .lastAudit)
    }

    /// The `summary.json` of a published `folder`; nil when it has none that reads as JSON.
    static func of(_ folder: URL) -> PublishedSummary? {
        PublishedCopyVerifier.regularFile(folder.appendingPathComponent(DataFiles.summary.path)).flatMap(decoding)
    }

    /// A `summary.json` already read; nil when it does not read as JSON.
    static func decoding(_ data: Data) -> PublishedSummary? {
        try? JSONDecoder().decode(PublishedSummary.self, from: data)
    }
}
