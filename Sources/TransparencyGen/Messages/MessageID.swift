import PublicLog

/// A message the generator itself puts on a page, by its id in the catalogs. Each id is made
/// here and listed in `all`, which the English catalog must hold, so that a lookup never
/// comes back empty.
struct MessageID: Hashable, Sendable {
    let id: String
    /// A plural message (its forms chosen by a count), rather than one text.
    let isPlural: Bool

    init(_ id: String, plural: Bool = false) {
        self.id = id
        isPlural = plural
    }

    /// The generator's messages that are one of a kind, each named by its id in the catalogs
    /// (the raw value). `all` lists every case, so none can be left out of the English catalog.
    enum Fixed: String, CaseIterable, Sendable {
        case notFoundTitle = "not_found.title"
        case notFoundText = "not_found.text"
        case homeTitle = "home.title"
        case windowRecent = "window.last_30_days"
        case windowAllTime = "window.all_time"
        case windowSpan = "window.span"
        case windowSince = "window.since"
        case windowSameDates = "window.same_dates"
        case windowWholeYear = "window.whole_year"
        case rowPeriods = "row.periods"
        case rowPlatesWithHits = "row.plates_with_hits"
        case rowHitRate = "row.hit_rate"
        case rowChecked = "row.checked"
        case rowConfirmed = "row.confirmed"
        case rowAuditsCompleted = "row.audits_completed"
        case rowSearches = "row.searches"
        case rowSearchesCaseNumber = "row.searches_case_number"
        case rowSearchesOther = "row.searches_other"
        case rowSearchesOwn = "row.searches_own"
        case rowUnnamedAgencies = "row.unnamed_agencies"
        case rowAgenciesNotRecorded = "row.agencies_not_recorded"
        case rowHitAlerts = "row.hit_alerts"
        case searchesUnnamedRow = "searches.unnamed_row"
        case searchesNotRecordedRow = "searches.not_recorded_row"
        case scopeKindCaption = "scope.kind_caption"
        case scopeKindColumn = "scope.kind_column"
        case scopeNetworksCaption = "scope.networks_caption"
        case scopeNetworksColumn = "scope.networks_column"
        case scopeWindowCaption = "scope.window_caption"
        case scopeWindowColumn = "scope.window_column"
        case scopeReasonCaption = "scope.reason_caption"
        case scopeReasonColumn = "scope.reason_column"
        case scopeBeyondRetention = "scope.window.beyond_retention"
        case scopeWithinRetention = "scope.window.within_retention"
        case scopeBlank = "scope.reason.blank"
        case scopeGiven = "scope.reason.given"
        case scopeRetiredRule = "scope.reason.retired_rule"
        case scopeNotRecorded = "scope.not_recorded"
        case scopeAll = "scope.all"
        case scopeRulesOff = "scope.rules_off"
        case scopeHomeLine = "scope.home_line"
        case scopeChartTitle = "scope.chart_title"
        case scopeReachedOthers = "scope.reached_others"
        case scopeMatched = "scope.matched"
        case scopeNotFullyRecorded = "scope.not_fully_recorded"
        case scopeHomeLineUnknown = "scope.home_line_unknown"
        /// `72.0% (1,249 of 1,735)`: a share with its base.
        case share = "share"
        /// `(1,249 of 1,735)`: the base of a share, kept on one line.
        case shareBase = "share_base"
        case sumAtLeast = "sum.at_least"
        case sumNotRecorded = "sum.not_recorded"
        case sumNote = "sum.note"
        case sumPeriods = "sum.periods"
        case agreementNone = "agreement.none"
        case agreementBegins = "agreement.begins"
        case agreementSince = "agreement.since"
        case agreementSpan = "agreement.span"
        case dateSpan = "dates.span"
        case chartSummary = "chart.summary"
        case chartMonthValue = "chart.month_value"
        case chartMonthPartly = "chart.month_partly"
        case chartNotRecorded = "chart.not_recorded"
        case chartNoPlates = "chart.no_plates"
        case chartReaderTitle = "chart.reader.title"
        case searchesChartTitle = "searches.chart_title"
        case locationsTitle = "locations.title"
        case locationsMapTitle = "locations.map_title"
        case mapDescription = "map.description"
        case mapDescriptionBase = "map.description_base"
        case mapNorth = "map.north"
        case mapPrevious = "map.previous"
        case mapCurrent = "map.current"
        case logTitle = "log.title"
        case logMonthHeading = "log.month_heading"
        case logReaderHeading = "log.reader_heading"
        case logMonthCaption = "log.month_caption"
        case logReaderCaption = "log.reader_caption"
        case logReaderMonthHeading = "log.reader_month_heading"
        case logCaptionPage = "log.caption_page"
        case logTitlePage = "log.title_page"
        case logNoneRecorded = "log.none_recorded"
        case auditsTitle = "audits.title"
        case auditTitle = "audit.title"
        case auditSentOnTime = "audit.sent_on_time"
        case auditSentLate = "audit.sent_late"
        case auditNotSentOverdue = "audit.not_sent_overdue"
        case auditNotSentDue = "audit.not_sent_due"
        case policyTitle = "policy.title"
        case policyVersionTitle = "policy.version_title"
        case changesTitle = "changes.title"
        case changeFirstPublication = "changes.line.first_publication"
        case changeFirstPublicationNotRecorded = "changes.line.first_publication_not_recorded"
        case changeNewPolicy = "changes.line.new_policy"
        case changeLogMonth = "changes.line.log_month"
        case changePeriodsAdded = "changes.line.periods_added"
        case changePeriodsRevised = "changes.line.periods_revised"
        case changeSiteText = "changes.line.site_text"
        case catalogTitle = "catalog.title"
        case catalogDescription = "catalog.description"
        case catalogKeywords = "catalog.keywords"
        case changeRefreshed = "changes.line.refreshed"
        case changeSigningKey = "changes.line.signing_key_changed"
        case changeSigningStopped = "changes.line.signing_stopped"
        case changeAgreementStarted = "changes.line.agreement_started"
        case changeAgreementEnded = "changes.line.agreement_ended"
        case changeAgencyAdded = "changes.line.agency_added"
        case changeAgencyRemoved = "changes.line.agency_removed"
        case changeReaderAdded = "changes.line.reader_added"
        case changeReaderMoved = "changes.line.reader_moved"
        case changeReaderRetired = "changes.line.reader_retired"
        case feedTitle = "feed.title"
        case feedSubtitle = "feed.subtitle"
        case feedEntryTitle = "feed.entry_title"
        case dataByChoice = "data.by_choice"
        /// The sentence after the meaning of a figure's column in the public log.
        case dataUnknownCount = "data.unknown_count"
        /// `fixed, portable or mobile`: a column's codes, the last joined by the language's "or".
        case dataCodesOr = "data.codes_or"

        /// The plural messages among them (`3 periods`), whose forms a count chooses.
        var isPlural: Bool {
            [.sumPeriods, .changeFirstPublication, .changeFirstPublicationNotRecorded, .changePeriodsAdded, .changePeriodsRevised]
                .contains(self)
        }
    }

    init(_ fixed: Fixed) { self.init(fixed.rawValue, plural: fixed.isPlural) }

    /// A section's name in the navigation.
    static func section(_ section: Section) -> MessageID { MessageID("nav.\(section.rawValue)") }
    /// A section's link on the page-not-found page.
    static func notFoundLink(_ section: Section) -> MessageID { MessageID("not_found.link.\(section.rawValue)") }

    /// Searches for agencies of a jurisdiction, as a row under searches for other agencies.
    static func jurisdictionSearches(_ jurisdiction: SharingAgency.Jurisdiction) -> MessageID {
        MessageID("jurisdiction.\(jurisdiction.rawValue).searches")
    }
    /// What a figure counts, in a resident's words.
    static func figurePlain(_ figure: PeriodFigure) -> MessageID { MessageID("figure.\(figure.name).plain") }
    /// `3 fixed cameras`: readers in service of a kind.
    static func readers(_ kind: ReaderKind) -> MessageID { MessageID("readers.\(kind.rawValue)", plural: true) }

    static func agencyGroupTitle(_ status: SharingAgency.Status) -> MessageID { MessageID("agencies.\(status.rawValue).title") }
    static func agencyGroupAbout(_ status: SharingAgency.Status) -> MessageID { MessageID("agencies.\(status.rawValue).about") }
    static func jurisdictionName(_ jurisdiction: SharingAgency.Jurisdiction) -> MessageID {
        MessageID("jurisdiction.\(jurisdiction.rawValue).name")
    }
    static func purpose(_ purpose: SearchPurpose) -> MessageID { MessageID("purpose.\(purpose.rawValue)") }
    /// A kind of search, a band of agencies' data reached, and a built-in reason rule's title.
    static func searchKind(_ kind: SearchKind) -> MessageID { MessageID("search_kind.\(kind.rawValue)") }
    static func networkReach(_ reach: NetworkReach) -> MessageID {
        MessageID("networks.\(reach.rawValue.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: "+", with: "_plus"))")
    }
    static func reasonRuleTitle(_ id: String) -> MessageID { MessageID("reason_rule.\(id)") }
    /// What an officer found when checking a hit alert (`disposition.misread`).
    static func disposition(_ disposition: HitDisposition) -> MessageID { MessageID("disposition.\(disposition.rawValue)") }
    /// The title and caption of a trend chart: `plates`, `hits`, `hit_rate`, or a kind of hit by its figure's name.
    static func chartTitle(_ chart: String) -> MessageID { MessageID("chart.\(chart).title") }
    static func chartCaption(_ chart: String) -> MessageID { MessageID("chart.\(chart).caption") }

    static func databaseJurisdiction(_ jurisdiction: ComparisonSource.Jurisdiction) -> MessageID {
        MessageID("database_jurisdiction.\(jurisdiction.rawValue)")
    }
    /// A data file's title on the data page (`searches-by-day.csv`: `data_file.searches_by_day_csv.title`).
    static func dataFileTitle(_ file: DataFile) -> MessageID { MessageID("data_file.\(file.messageKey).title") }
    /// What the data page says of a file.
    static func dataFileAbout(_ file: DataFile) -> MessageID { MessageID("data_file.\(file.messageKey).about") }
    /// What a column of a file means, in the data dictionary (`data_column.public_log_csv.reader_id`).
    static func dataColumn(_ file: DataFile, _ column: DataColumn) -> MessageID {
        MessageID("data_column.\(file.messageKey).\(column.name)")
    }
    /// The name of a kind of column (`data.type.date`).
    static func dataType(_ name: String) -> MessageID { MessageID("data.type.\(name)") }
    /// What a column's numbers count (`data.unit.plates`).
    static func dataUnit(_ unit: String) -> MessageID { MessageID("data.unit.\(unit)") }
    static func readerKind(_ kind: ReaderKind) -> MessageID { MessageID("reader_kind.\(kind.rawValue)") }
    static func outcome(_ result: AuditResult) -> MessageID { MessageID("outcome.\(result.rawValue)") }
    /// A publication's new audit, in the list of what it changed.
    static func changeNewAudit(_ result: AuditResult) -> MessageID { MessageID("changes.line.new_audit.\(result.rawValue)") }

    /// A figure's column heading in the log tables, and the word naming its cell on a phone.
    static func figureLabel(_ figure: PeriodFigure) -> MessageID { MessageID("figure.\(figure.name).label") }
    static func figureShort(_ figure: PeriodFigure) -> MessageID { MessageID("figure.\(figure.name).short") }

    /// The data page's words for every file and column, each unit and type once.
    private static var dataDictionary: [MessageID] {
        let columns = DataFiles.all.flatMap { file in file.columns.map { (file, $0) } }
        let units = Set(columns.map(\.1.unit)).subtracting([""]).sorted()
        return DataFiles.all.flatMap { [dataFileTitle($0), dataFileAbout($0)] } + columns.map(dataColumn)
            + units.map(dataUnit) + ColumnType.named.compactMap(\.messageName).map(dataType)
    }

    /// Every id the generator uses.
    static var all: [MessageID] {
        Fixed.allCases.map(MessageID.init)
            + Section.allCases.map(section) + Section.allCases.filter(\.onNotFoundPage).map(notFoundLink)
            + SharingAgency.Jurisdiction.allCases.flatMap { [jurisdictionSearches($0), jurisdictionName($0)] }
            + PeriodFigure.allCases.flatMap { [figurePlain($0), figureLabel($0), figureShort($0)] }
            + ReaderKind.allCases.flatMap { [readers($0), readerKind($0)] }
            + SharingAgency.Status.allCases.flatMap { [agencyGroupTitle($0), agencyGroupAbout($0)] }
            + SearchPurpose.allCases.map(purpose) + SearchKind.allCases.map(searchKind) + NetworkReach.allCases.map(networkReach)
            + ReasonRules.builtIn.map { reasonRuleTitle($0.id) } + HitDisposition.allCases.map(disposition) + AuditResult.allCases.flatMap { [outcome($0), changeNewAudit($0)] }
            + ComparisonSource.Jurisdiction.allCases.map(databaseJurisdiction) + dataDictionary
            + TrendCharts.all.flatMap { [$0.title] + ($0.caption.map { [$0] } ?? []) }
    }
}
