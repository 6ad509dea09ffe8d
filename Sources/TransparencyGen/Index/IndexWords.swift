import PublicLog

/// The messages the index's code puts on its pages, by id in the index's catalogs
/// (`templates/messages/` of an index folder). Listed whole in `all`, which the index's English
/// catalog must hold (see `SiteKind.index`); the words its templates name are checked as they load.
enum IndexWords {
    enum Fixed: String, CaseIterable, Sendable {
        case homeTitle = "home.title"
        case countiesTitle = "counties.title"
        case sharingTitle = "sharing.title"
        case changesTitle = "changes.title"
        case dataTitle = "data.title"
        case notFoundTitle = "not_found.title"
        case notFoundText = "not_found.text"
        case notPublished = "figure.not_published"
        case overdue = "agency.overdue"
        case stale = "agency.stale"
        case noAudit = "agency.no_audit"
        case auditLine = "agency.audit_line"
        case mapTitle = "map.title"
        case mapDescription = "map.description"
        case mapNorth = "map.north"
        case mapCounty = "map.county"
        case feedTitle = "feed.title"
        case feedSubtitle = "feed.subtitle"
        case dataCodesOr = "data.codes_or"
        case countAgencies = "home.count.agencies"
        case countOverdue = "home.count.overdue"
        case countStale = "home.count.stale"

        var isPlural: Bool { self == .mapCounty }
    }

    static func fixed(_ fixed: Fixed) -> MessageID { MessageID(fixed.rawValue, plural: fixed.isPlural) }
    static func section(_ section: IndexPage.Section) -> MessageID { MessageID("nav.\(section.rawValue)") }
    static func status(_ status: PublishedPortal.Status) -> MessageID { MessageID("status.\(status.rawValue)") }
    static func statusAbout(_ status: PublishedPortal.Status) -> MessageID { MessageID("status.\(status.rawValue).about") }
    static func change(_ kind: IndexChange.Kind) -> MessageID { MessageID("change.\(kind.rawValue)") }
    static func sharingStatus(_ status: SharingAgency.Status) -> MessageID { MessageID("sharing_status.\(status.rawValue)") }
    static func readers(_ kind: ReaderKind) -> MessageID { MessageID("readers.\(kind.rawValue)", plural: true) }
    static func jurisdiction(_ jurisdiction: SharingAgency.Jurisdiction) -> MessageID { MessageID("jurisdiction.\(jurisdiction.rawValue)") }
    static func outcome(_ result: AuditResult) -> MessageID { MessageID("outcome.\(result.rawValue)") }
    static func tableTitle(_ table: IndexTables.DataColumnsOfTable) -> MessageID { MessageID("data_file.\(table.messageKey).title") }
    static func tableAbout(_ table: IndexTables.DataColumnsOfTable) -> MessageID { MessageID("data_file.\(table.messageKey).about") }
    static func column(_ table: IndexTables.DataColumnsOfTable, _ column: DataColumn) -> MessageID {
        MessageID("data_column.\(table.messageKey).\(column.name)")
    }
    static func dataType(_ name: String) -> MessageID { MessageID("data.type.\(name)") }
    static func dataUnit(_ unit: String) -> MessageID { MessageID("data.unit.\(unit)") }

    /// Every id the index's code uses.
    static var all: [MessageID] {
        let columns = IndexTables.all.flatMap { table in table.columns.map { (table, $0) } }
        let units = Set(columns.map(\.1.unit)).subtracting([""]).sorted()
        let types = Set(columns.compactMap(\.1.type.messageName)).sorted()
        return Fixed.allCases.map(fixed) + IndexPage.Section.allCases.map(section)
            + PublishedPortal.Status.allCases.flatMap { [status($0), statusAbout($0)] }
            + IndexChange.Kind.allCases.map(change) + SharingAgency.Status.allCases.map(sharingStatus)
            + ReaderKind.allCases.map(readers) + SharingAgency.Jurisdiction.allCases.map(jurisdiction) + AuditResult.allCases.map(outcome)
            + IndexTables.all.flatMap { [tableTitle($0), tableAbout($0)] } + columns.map(column)
            + units.map(dataUnit) + types.map(dataType)
    }
}
