import Foundation

/// What is read back of a published `data/summary.json` (by `verify` and the statewide index):
/// each key of its type, else absent (null, a string or a boolean is never a count).
struct PublishedSummary: Decodable {
    var asOf: String?
    var retentionDays: Int?
    var nextAuditDue: String?
    var last30Days: Window?

    struct Window: Decodable {
        var plates: Int?
        var searches: Int?
        var forOtherAgencies: Int?

        enum CodingKeys: String, CodingKey { case plates, searches, forOtherAgencies = "searches_for_other_agencies" }

        init(from decoder: any Decoder) throws {
            let json = try decoder.container(keyedBy: CodingKeys.self)
            plates = try? json.decodeIfPresent(Int.self, forKey: .plates)
            searches = try? json.decodeIfPresent(Int.self, forKey: .searches)
            forOtherAgencies = try? json.decodeIfPresent(Int.self, forKey: .forOtherAgencies)
        }
    }

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", retentionDays = "retention_days", nextAuditDue = "next_audit_due", last30Days = "last_30_days"
    }

    init(from decoder: any Decoder) throws {
        let json = try decoder.container(keyedBy: CodingKeys.self)
        asOf = try? json.decodeIfPresent(String.self, forKey: .asOf)
        retentionDays = try? json.decodeIfPresent(Int.self, forKey: .retentionDays)
        nextAuditDue = try? json.decodeIfPresent(String.self, forKey: .nextAuditDue)
        last30Days = try? json.decodeIfPresent(Window.self, forKey: .last30Days)
    }

    /// The `summary.json` of a published `folder`; nil when it has none that reads as JSON.
    static func of(_ folder: URL) -> PublishedSummary? {
        PublishedCopyVerifier.regularFile(folder.appendingPathComponent(DataFiles.summary.path))
            .flatMap { try? JSONDecoder().decode(PublishedSummary.self, from: $0) }
    }
}
