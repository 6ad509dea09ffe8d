import PublicLog

/// A message the generator itself puts on a page, by its id in the catalogs. Each id is made
/// here and listed in `all`, which the English catalog must hold, so that a lookup never
/// comes back empty.
struct MessageID: Hashable, Sendable {
    let id: String
    /// A plural message (its forms chosen by a count), rather than one text.
    let isPlural: Bool

    private init(_ id: String, plural: Bool = false) {
        self.id = id
        isPlural = plural
    }

    /// A section's name in the navigation.
    static func section(_ section: Section) -> MessageID { MessageID("nav.\(section.rawValue)") }
    /// A section's link on the page-not-found page.
    static func notFoundLink(_ section: Section) -> MessageID { MessageID("not_found.link.\(section.rawValue)") }
    static let notFoundTitle = MessageID("not_found.title")
    static let notFoundText = MessageID("not_found.text")
    static let homeTitle = MessageID("home.title")

    // The tables of figures over spans of days (home page, council report, searches page).
    static let windowRecent = MessageID("window.last_30_days")
    static let windowAllTime = MessageID("window.all_time")
    static let windowSpan = MessageID("window.span")
    static let windowSince = MessageID("window.since")
    static let windowSameDates = MessageID("window.same_dates")
    static let windowWholeYear = MessageID("window.whole_year")
    static let rowPeriods = MessageID("row.periods")
    static let rowPlatesWithHits = MessageID("row.plates_with_hits")
    static let rowHitRate = MessageID("row.hit_rate")
    static let rowChecked = MessageID("row.checked")
    static let rowConfirmed = MessageID("row.confirmed")
    static let rowAuditsCompleted = MessageID("row.audits_completed")
    static let rowSearches = MessageID("row.searches")
    static let rowSearchesCaseNumber = MessageID("row.searches_case_number")
    static let rowSearchesOther = MessageID("row.searches_other")
    static let rowSearchesOwn = MessageID("row.searches_own")
    static let rowUnnamedAgencies = MessageID("row.unnamed_agencies")
    static let rowAgenciesNotRecorded = MessageID("row.agencies_not_recorded")
    /// `72.0% (1,249 of 1,735)`: a share with its base.
    static let share = MessageID("share")
    /// Searches for agencies of a jurisdiction, as a row under searches for other agencies.
    static func jurisdictionSearches(_ jurisdiction: SharingAgency.Jurisdiction) -> MessageID {
        MessageID("jurisdiction.\(jurisdiction.rawValue).searches")
    }
    /// What a figure counts, in a resident's words.
    static func figurePlain(_ figure: PeriodFigure) -> MessageID { MessageID("figure.\(figure.name).plain") }
    /// `3 fixed cameras`: readers in service of a kind.
    static func readers(_ kind: ReaderKind) -> MessageID { MessageID("readers.\(kind.rawValue)", plural: true) }
    // Sums over periods some of which were not recorded.
    static let sumAtLeast = MessageID("sum.at_least")
    static let sumNotRecorded = MessageID("sum.not_recorded")
    static let sumNote = MessageID("sum.note")
    static let sumPeriods = MessageID("sum.periods", plural: true)

    // Searches and sharing.
    static func agencyGroupTitle(_ status: SharingAgency.Status) -> MessageID { MessageID("agencies.\(status.rawValue).title") }
    static func agencyGroupAbout(_ status: SharingAgency.Status) -> MessageID { MessageID("agencies.\(status.rawValue).about") }
    static func jurisdictionName(_ jurisdiction: SharingAgency.Jurisdiction) -> MessageID {
        MessageID("jurisdiction.\(jurisdiction.rawValue).name")
    }
    static func purpose(_ purpose: SearchPurpose) -> MessageID { MessageID("purpose.\(purpose.rawValue)") }
    static let agreementNone = MessageID("agreement.none")
    static let agreementBegins = MessageID("agreement.begins")
    static let agreementSince = MessageID("agreement.since")
    static let dateSpan = MessageID("dates.span")
    // Charts: the text alternative read out in place of the bars.
    static let chartSummary = MessageID("chart.summary")
    static let chartMonthValue = MessageID("chart.month_value")
    static let chartMonthPartly = MessageID("chart.month_partly")
    static let chartNotRecorded = MessageID("chart.not_recorded")
    static let chartNoPlates = MessageID("chart.no_plates")
    static let chartReaderTitle = MessageID("chart.reader.title")
    /// The title and caption of a trend chart: `plates`, `hits`, `hit_rate`, or a kind of hit by its figure's name.
    static func chartTitle(_ chart: String) -> MessageID { MessageID("chart.\(chart).title") }
    static func chartCaption(_ chart: String) -> MessageID { MessageID("chart.\(chart).caption") }
    static let searchesChartTitle = MessageID("searches.chart_title")

    // Locations, kinds of reader, audits.
    static let locationsTitle = MessageID("locations.title")
    static let locationsMapTitle = MessageID("locations.map_title")
    static let mapDescription = MessageID("map.description")
    static let mapDescriptionBase = MessageID("map.description_base")
    static let mapNorth = MessageID("map.north")
    static let mapPrevious = MessageID("map.previous")
    static let mapCurrent = MessageID("map.current")
    static func databaseJurisdiction(_ jurisdiction: ComparisonSource.Jurisdiction) -> MessageID {
        MessageID("database_jurisdiction.\(jurisdiction.rawValue)")
    }
    /// A data file's title, by its file name (`searches-by-day.csv`: `data_file.searches_by_day_csv.title`).
    static func dataFileTitle(_ fileName: String) -> MessageID {
        MessageID("data_file.\(fileName.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")).title")
    }
    static func readerKind(_ kind: ReaderKind) -> MessageID { MessageID("reader_kind.\(kind.rawValue)") }
    static func outcome(_ result: AuditResult) -> MessageID { MessageID("outcome.\(result.rawValue)") }

    // The public log.
    static let logTitle = MessageID("log.title")
    static let logMonthHeading = MessageID("log.month_heading")
    static let logReaderHeading = MessageID("log.reader_heading")
    static let logMonthCaption = MessageID("log.month_caption")
    static let logReaderCaption = MessageID("log.reader_caption")
    static let logCaptionPage = MessageID("log.caption_page")
    static let logTitlePage = MessageID("log.title_page")
    static let logNoneRecorded = MessageID("log.none_recorded")
    /// A figure's column heading in the log tables, and the word naming its cell on a phone.
    static func figureLabel(_ figure: PeriodFigure) -> MessageID { MessageID("figure.\(figure.name).label") }
    static func figureShort(_ figure: PeriodFigure) -> MessageID { MessageID("figure.\(figure.name).short") }

    // Audits, the policy, the publication history.
    static let auditsTitle = MessageID("audits.title")
    static let auditTitle = MessageID("audit.title")
    static let auditSentOnTime = MessageID("audit.sent_on_time")
    static let auditSentLate = MessageID("audit.sent_late")
    static let auditNotSentOverdue = MessageID("audit.not_sent_overdue")
    static let auditNotSentDue = MessageID("audit.not_sent_due")
    static let policyTitle = MessageID("policy.title")
    static let policyVersionTitle = MessageID("policy.version_title")
    static let changesTitle = MessageID("changes.title")
    static let dataByChoice = MessageID("data.by_choice")

    /// Every id the generator uses.
    static var all: [MessageID] {
        Section.allCases.map(section) + Section.allCases.filter(\.onNotFoundPage).map(notFoundLink) + [notFoundTitle, notFoundText, homeTitle]
            + [windowRecent, windowAllTime, windowSpan, windowSince, windowSameDates, windowWholeYear, rowPeriods, rowPlatesWithHits,
               rowHitRate, rowChecked, rowConfirmed, rowAuditsCompleted, rowSearches, rowSearchesCaseNumber, rowSearchesOther,
               rowSearchesOwn, rowUnnamedAgencies, rowAgenciesNotRecorded, share, sumAtLeast, sumNotRecorded, sumNote, sumPeriods]
            + SharingAgency.Jurisdiction.allCases.map(jurisdictionSearches) + PeriodFigure.allCases.map(figurePlain)
            + ReaderKind.allCases.map(readers)
            + SharingAgency.Status.allCases.flatMap { [agencyGroupTitle($0), agencyGroupAbout($0)] }
            + SharingAgency.Jurisdiction.allCases.map(jurisdictionName) + SearchPurpose.allCases.map(purpose)
            + [agreementNone, agreementBegins, agreementSince, dateSpan, chartSummary, chartMonthValue, chartMonthPartly, chartNotRecorded, chartNoPlates, chartReaderTitle, searchesChartTitle, locationsTitle, locationsMapTitle,
               mapDescription, mapDescriptionBase, mapNorth, mapPrevious, mapCurrent]
            + ComparisonSource.Jurisdiction.allCases.map(databaseJurisdiction) + DataFiles.all.map { dataFileTitle($0.fileName) }
            + ReaderKind.allCases.map(readerKind) + AuditResult.allCases.map(outcome)
            + ["plates", "hits", "hit_rate"].flatMap { [chartTitle($0), chartCaption($0)] }
            + PeriodFigure.allCases.filter(\.isStatutoryHit).map { chartCaption($0.name) }
            + [logTitle, logMonthHeading, logReaderHeading, logMonthCaption, logReaderCaption, logCaptionPage, logTitlePage, logNoneRecorded]
            + PeriodFigure.allCases.flatMap { [figureLabel($0), figureShort($0)] }
            + [auditsTitle, auditTitle, auditSentOnTime, auditSentLate, auditNotSentOverdue, auditNotSentDue, policyTitle,
               policyVersionTitle, changesTitle, dataByChoice]
    }
}
