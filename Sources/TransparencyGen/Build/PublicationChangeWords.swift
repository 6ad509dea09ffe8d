import PublicLog

extension PublicationChange {
    /// Its words in a language; a line recorded as an English sentence is shown as written.
    func text(_ messages: Messages, _ format: Format) -> String {
        switch self {
        case .firstPublication(let periods, let notRecorded):
            return messages.plural(notRecorded > 0 ? .changeFirstPublicationNotRecorded : .changeFirstPublication,
                                   count: periods, formatted: format.number(periods), ["not_recorded": format.number(notRecorded)])
        case .newAudit(let start, let end, let outcome):
            return messages(.changeNewAudit(outcome), ["start": format.date(start), "end": format.date(end)])
        case .newPolicy(let effective): return messages(.changeNewPolicy, ["date": format.date(effective)])
        case .logMonth(let month): return messages(.changeLogMonth, ["month": format.month(month)])
        case .periodsAdded(let count): return messages.plural(.changePeriodsAdded, count: count, formatted: format.number(count))
        case .periodsRevised(let count): return messages.plural(.changePeriodsRevised, count: count, formatted: format.number(count))
        case .siteText: return messages(.changeSiteText)
        case .refreshed(let day): return messages(.changeRefreshed, ["date": format.date(day)])
        case .signingKeyChanged: return messages(.changeSigningKey)
        case .signingStopped: return messages(.changeSigningStopped)
        case .agreementStarted(let agency, let day): return messages(.changeAgreementStarted, ["agency": agency, "date": format.date(day)])
        case .agreementEnded(let agency, let day): return messages(.changeAgreementEnded, ["agency": agency, "date": format.date(day)])
        case .agencyAdded(let agency): return messages(.changeAgencyAdded, ["agency": agency])
        case .agencyRemoved(let agency): return messages(.changeAgencyRemoved, ["agency": agency])
        case .readerAdded(let reader, let day): return messages(.changeReaderAdded, ["reader": reader, "date": format.date(day)])
        case .readerMoved(let reader, let place, let day):
            return messages(.changeReaderMoved, ["reader": reader, "place": place, "date": format.date(day)])
        case .readerRetired(let reader, let day): return messages(.changeReaderRetired, ["reader": reader, "date": format.date(day)])
        case .recordedText(let text): return text
        }
    }
}
