import PublicLog

/// How a sum over periods reads when some or all of its periods were not recorded (their reads
/// were destroyed before the log recorded them): never as zero. A wholly unrecorded sum reads
/// "Not recorded"; a partly recorded one is a lower bound, marked "at least", with a note of how
/// many periods are missing.
struct SumText {
    let periods: Int
    let unrecorded: Int
    let format: Format
    let messages: Messages
    /// The days reads are kept: what the note says a period's figures were older than.
    let retentionDays: Int

    /// No period of the span has figures.
    var isUnrecorded: Bool { Self.isUnrecorded(periods: periods, unrecorded: unrecorded) }

    static func isUnrecorded(periods: Int, unrecorded: Int) -> Bool { periods > 0 && unrecorded == periods }
    /// Some periods have no figures: the sums count only the others.
    var isLowerBound: Bool { unrecorded > 0 && unrecorded < periods }

    /// `1,234`, `at least 1,234`, or `Not recorded`.
    func number(_ value: Int) -> String {
        if isUnrecorded { return messages(.sumNotRecorded) }
        return isLowerBound ? messages(.sumAtLeast, ["value": format.number(value)]) : format.number(value)
    }

    /// A rate: not a bound, but unknown when nothing was recorded; nil with nothing to divide by.
    func percent(_ part: Int, of whole: Int) -> String? {
        isUnrecorded ? messages(.sumNotRecorded) : format.percent(part, of: whole)
    }

    /// `figures of 21 of 381 periods no longer exist (older than 60 days)`, or nil when every
    /// period was recorded: the figures were destroyed as the law requires, not left out.
    var note: String? {
        guard unrecorded > 0 else { return nil }
        let periods = messages.plural(.sumPeriods, count: periods, formatted: format.number(periods))
        return messages(.sumNote, ["unrecorded": format.number(unrecorded), "periods": periods, "retention_days": format.number(retentionDays)])
    }
}

extension SiteRenderer {
    /// How a sum over `periods` periods, `unrecorded` of them without figures, reads on this site's pages.
    func sumText(periods: Int, unrecorded: Int) -> SumText {
        SumText(periods: periods, unrecorded: unrecorded, format: format, messages: messages,
                retentionDays: portal.configuration.retention.days)
    }
}

extension MonthlySummary {
    /// The sum of `figure` (any figure every period has, when nil) over the month's periods.
    func sumText(_ renderer: SiteRenderer, for figure: PeriodFigure? = nil) -> SumText {
        renderer.sumText(periods: periods, unrecorded: periodsWithoutFigures + (figure.map(figures.unknownPeriods) ?? 0))
    }
}

extension FigureWindow {
    /// The sum of `figure` (any figure every period has, when nil) over the window's periods.
    func sumText(_ renderer: SiteRenderer, for figure: PeriodFigure? = nil) -> SumText {
        renderer.sumText(periods: periods, unrecorded: unknownPeriods + (figure.map(figures.unknownPeriods) ?? 0))
    }
}
