/// One search of stored data as an import writes it to `data_access` (spec, import.md).
/// Its values are private: they go to the operational database, never to a message.
struct ImportedSearch {
    var vendorSearchID: String
    var accessedAt: Instant
    var userName: String
    var caseNumber: String?
    var purpose: SearchPurpose
    var requestingAgency: String?
    var requestingAgencyID: String?
    var queryText: String?
    var reason: String?
    var searchKind: SearchKind?
    var networksSearched: Int64?
    var windowStartAt: Instant?

    /// The columns of `data_access` an import writes, in the order of `values`.
    static let columns = ["vendor_search_id", "accessed_at", "user_name", "case_number", "purpose", "requesting_agency",
                          "requesting_agency_id", "query_text", "reason", "search_kind", "networks_searched", "window_start_at"]

    var values: [SQLValue] {
        func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
        return [.text(vendorSearchID), .text(accessedAt.description), .text(userName), text(caseNumber), .text(purpose.rawValue),
                text(requestingAgency), text(requestingAgencyID), text(queryText), text(reason), text(searchKind?.rawValue),
                networksSearched.map(SQLValue.integer) ?? .null, text(windowStartAt?.description)]
    }

    /// `purpose` from the stated reason, by the reason rules' word matching (whole words, any
    /// case): amber → amber_alert; missing, runaway or endangered → missing_person; audit →
    /// audit; a blank reason → other; any other → criminal_investigation.
    static func purpose(ofReason reason: String?) -> SearchPurpose {
        switch purposeRules.group(of: reason) {
        case .blank: .other
        case .given: .criminalInvestigation
        case .rule(let id): SearchPurpose(rawValue: id) ?? .criminalInvestigation
        }
    }

    private static let purposeRules = ReasonRules([
        .init(id: SearchPurpose.amberAlert.rawValue, words: ["amber"]),
        .init(id: SearchPurpose.missingPerson.rawValue, words: ["missing", "runaway", "endangered"]),
        .init(id: SearchPurpose.audit.rawValue, words: ["audit"]),
    ])
}
