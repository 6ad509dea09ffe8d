import PublicLog

/// The figures the home page leads with and `data/summary.json` carries: readers in service,
/// the last 30 days, this year and all time, audits and the policy. Computed once per build, used by both.
struct HeadlineFigures {
    let today: LocalDate
    /// The publication's moment (`Portal.asOf`): every window ends on it.
    let asOf: LocalDate
    let readersInService: [ReaderKind: Int]
    let partnerReaders: Int
    /// The 30 local dates before today.
    let recent: FigureWindow
    /// January 1 of yesterday's year through yesterday, so the first of January shows the whole past year.
    let yearToDate: FigureWindow
    /// The first day of the public log through yesterday.
    let allTime: FigureWindow

    init(portal: Portal) {
        today = portal.today
        asOf = portal.asOf
        let inService = portal.readers.filter { $0.isInService(on: portal.today) }
        readersInService = Dictionary(grouping: inService, by: \.kind).mapValues(\.count)
        partnerReaders = inService.filter { $0.operator == .partner }.count
        let yesterday = portal.asOf
        recent = FigureWindow(portal: portal, from: yesterday.adding(days: -29), through: yesterday)
        yearToDate = FigureWindow(portal: portal, from: yesterday.startOfYear, through: yesterday)
        let firstDay = [portal.log.lazy.map(\.startDate).min(), portal.accountability.searches.keys.min(),
                        portal.accountability.dispositions.keys.min()].compactMap { $0 }.min() ?? yesterday
        allTime = FigureWindow(portal: portal, from: min(firstDay, yesterday), through: yesterday)
    }

    func readers(_ kind: ReaderKind) -> Int { readersInService[kind] ?? 0 }
}
