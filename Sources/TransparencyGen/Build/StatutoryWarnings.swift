import PublicLog

/// What `check` reports that is not an error but that the law asks staff to look at.
/// Each warning names public facts only (reader ids and labels, dates, counts).
struct StatutoryWarnings {
    static let bcaNoticeDays = 10
    static let longPeriodHours: Int64 = 48
    static let auditDueSoonDays = 90

    let portal: Portal

    var all: [String] {
        bcaNotices + audits + placements + periods + unlogged + retention + sharing + caseNumbers + searchScope + ledger + policy
            + publishing
    }

    var ledger: [String] {
        guard !portal.ledgerMismatches.isEmpty else { return [] }
        let examples = portal.ledgerMismatches.prefix(5).map(String.init).joined(separator: ", ")
        return ["\(Format.english.number(portal.ledgerMismatches.count)) periods in the ledger have the same period_id as a period in the operational database but another reader or other times (e.g. \(examples)); their recorded figures are not used. Has the ALPR system renumbered its periods?"]
    }

    var retention: [String] {
        guard let count = portal.readsPastRetention, count > 0 else { return [] }
        let days = portal.configuration.retention.days
        return ["\(Format.english.number(count)) \(count == 1 ? "plate read is" : "plate reads are") older than \(days) days and still in the operational database (13.824 subd. 3: destroy within \(days) days unless part of an active investigation). Check the ALPR system's purge job."]
    }

    /// Searches for other agencies that the audit trail does not tie to an agreement in force:
    /// made for an agency outside its agreement's dates, or for an agency the export does not name.
    var sharing: [String] {
        let agencies = portal.sharingAgencies
        var outside: [String: (count: Int, first: LocalDate)] = [:]
        var unnamed = 0
        for (group, count) in portal.record.liveAccountability.searchGroups {
            switch group.requestedBy {
            case .unnamedAgency: unnamed += count
            case .namedAgency:
                guard let id = group.agencyID, let agency = agencies[id], agency.agreementFrom != nil else { continue }
                let status = agency.status(on: group.date)
                guard status == .previous || status == .upcoming else { continue }
                let earlier = outside[id].map { min($0.first, group.date) } ?? group.date
                outside[id] = ((outside[id]?.count ?? 0) + count, earlier)
            case .thisAgency: continue
            }
        }
        var warnings = outside.sorted { $0.key < $1.key }.compactMap { id, found -> String? in
            guard let agency = agencies[id] else { return nil }
            let span = "\(agency.agreementFrom.map(String.init(describing:)) ?? "?") to \(agency.agreementUntil.map(String.init(describing:)) ?? "now")"
            return "\(Format.english.number(found.count)) \(found.count == 1 ? "search was" : "searches were") made for \(agency.name) (\(id)) outside its agreement (\(span)), the first on \(found.first). Data may be shared only on a written request (13.824 subd. 4): record the request, or correct the agreement's dates in sharing_agency."
        }
        let listed = Set(agencies.keys)
        let unlisted = Set(portal.accountability.searchGroups.keys.compactMap(\.agencyID)).subtracting(listed).sorted()
        if !unlisted.isEmpty {
            warnings.append("The ledger holds searches made for \(unlisted.count == 1 ? "agency" : "agencies") \(unlisted.joined(separator: ", ")), which sharing_agency no longer lists: they are published without a name or jurisdiction. Keep every agency the data were ever shared with in sharing_agency (an ended agreement keeps its row, with agreement_until set).")
        }
        if unnamed > 0 {
            warnings.append("\(Format.english.number(unnamed)) \(unnamed == 1 ? "search was" : "searches were") made for another agency that the export does not name (requesting_agency is filled in, requesting_agency_id is empty). Map the export's requesting agency to a sharing_agency id so that residents can see with whom the data were shared (13.824 subd. 7).")
        }
        return warnings
    }

    /// The share of the last 30 days' searches with no case number recorded, when above the
    /// site's threshold. Audits are left out: an audit of the system has no case to number.
    var caseNumbers: [String] {
        let last = portal.today.adding(days: -1)
        let first = portal.today.adding(days: -30)
        var searches = 0
        var without = 0
        for (group, count) in portal.accountability.searchGroups where group.purpose != .audit && group.date >= first && group.date <= last {
            searches += count
            if !group.caseNumberRecorded { without += count }
        }
        let threshold = portal.configuration.caseNumberWarningPercent
        guard searches > 0, without * 100 > threshold * searches else { return [] }
        return ["From \(first) to \(last), \(Format.english.number(without)) of \(Format.english.number(searches)) searches of stored data other than audits (\(Format.english.percent(without, of: searches) ?? "")) had no case number recorded, more than the \(threshold) % set by case_number_warning_percent in site.yaml. The law asks for a case number or a recorded factual basis for every search (13.824 subd. 7): check that the basis was recorded for these, and that the export carries case numbers."]
    }

    /// How searches were made (the audit trail's optional columns), by counts and dates only:
    /// searches that reached back past the retention period, a share of blank reasons above the
    /// site's threshold in the last 30 days, and searches for federal or other states' agencies
    /// whose reason matched the immigration rule.
    var searchScope: [String] {
        var warnings: [String] = []
        let english = Format.english
        let live = portal.record.liveAccountability
        let beyond = live.searchScope.filter { $0.key.window == .beyondRetention }
        if let first = beyond.keys.map(\.date).min(), let last = beyond.keys.map(\.date).max() {
            let count = beyond.values.reduce(0, +)
            let days = portal.configuration.retention.days
            warnings.append("\(english.number(count)) \(count == 1 ? "search" : "searches") from \(first) to \(last) reached back past the \(days)-day retention period (window_start_at earlier than \(days) days before the search): data that old should have been destroyed unless part of an active investigation (13.824 subd. 3). Check what the searches read and the ALPR system's purge job.")
        }
        let last = portal.today.adding(days: -1)
        let first = portal.today.adding(days: -30)
        var recorded = 0
        var blank = 0
        for (group, count) in portal.accountability.searchScope where group.date >= first && group.date <= last && group.reason != nil {
            recorded += count
            if group.reason == .blank { blank += count }
        }
        let threshold = portal.configuration.blankReasonWarningPercent
        if recorded > 0, blank * 100 > threshold * recorded {
            warnings.append("From \(first) to \(last), \(english.number(blank)) of \(english.number(recorded)) searches (\(english.percent(blank, of: recorded) ?? "")) had no reason written, more than the \(threshold) % set by blank_reason_warning_percent in site.yaml. Stored data may be searched only with a recorded reason (13.824 subd. 7).")
        }
        let immigration = live.searchScopeOutsideMinnesota.filter { $0.key.reason == .rule("immigration") }
        if let firstDay = immigration.keys.map(\.date).min(), let lastDay = immigration.keys.map(\.date).max() {
            let count = immigration.values.reduce(0, +)
            warnings.append("\(english.number(count)) \(count == 1 ? "search" : "searches") made for a federal or another state's agency from \(firstDay) to \(lastDay) had a reason matching the immigration rule. Data may be shared only with law enforcement agencies for the purposes the law allows (13.824 subd. 4): check the written requests behind them.")
        }
        return warnings
    }

    var publishing: [String] {
        portal.configuration.baseURL == nil
            ? ["site.yaml has no base_url: sitemap.xml is not written, the feed's links are relative, and the printed council report (report/) can give its links only as paths on the portal, such as /policy/. Add the portal's address, e.g. base_url: https://alpr.example.gov/."]
            : []
    }

    var bcaNotices: [String] {
        portal.readers.sorted { $0.id < $1.id }.compactMap { reader in
            guard let installed = reader.installedOn else { return nil }
            guard let notified = reader.bcaNotifiedOn else {
                return reader.decommissionedOn == nil
                    ? "Reader \(reader.id) (\(reader.label)) was installed on \(installed) but no BCA notice is recorded (due within \(Self.bcaNoticeDays) days, 13.824 subd. 8)."
                    : nil
            }
            let days = notified.dayNumber - installed.dayNumber
            return days > Self.bcaNoticeDays
                ? "Reader \(reader.id) (\(reader.label)): the BCA was notified on \(notified), \(days) days after installation on \(installed) (due within \(Self.bcaNoticeDays) days, 13.824 subd. 8)."
                : nil
        }
    }

    var audits: [String] {
        var warnings: [String] = []
        for published in portal.content.audits {
            let audit = published.audit
            for (field, date) in [("completed_on", audit.completedOn), ("submitted_on", audit.submittedOn), ("period_end", audit.periodEnd)] {
                if let date, date > portal.today {
                    warnings.append("Audit \(audit.id): \(field) is \(date), after today (\(portal.today)). Is the date mistyped? A date in the future publishes as if it had happened.")
                }
            }
            if let submitted = audit.submittedOn, submitted > audit.reportDueOn {
                warnings.append("Audit \(audit.id): its report was sent on \(submitted), more than \(Audit.reportDueDays) days after completion on \(audit.completedOn) (13.824 subd. 6(c)).")
            } else if audit.submittedOn == nil {
                let state = portal.today > audit.reportDueOn ? "is overdue" : "is due"
                warnings.append("Audit \(audit.id): its report has not been sent; it \(state) by \(audit.reportDueOn) (13.824 subd. 6(c)). Add submitted_on once sent.")
            }
        }
        if let due = portal.nextAuditDue {
            if due < portal.today {
                warnings.append("The next biennial audit was due by \(due) and is overdue (13.824 subd. 6).")
            } else if due.dayNumber - portal.today.dayNumber <= Self.auditDueSoonDays {
                warnings.append("The next biennial audit is due by \(due) (13.824 subd. 6).")
            }
        } else {
            warnings.append("No audit is published yet: add each biennial audit under content/audits/ (13.824 subd. 6).")
        }
        return warnings
    }

    var placements: [String] {
        portal.readersWithoutPlacement.map {
            "Reader \($0.id) (\($0.label)) is a \($0.kind.rawValue) reader in service with no placement in reader_location for today (13.824 subd. 5(b))."
        }
    }

    var periods: [String] {
        let long = portal.log.filter { $0.durationSeconds > Self.longPeriodHours * 3600 }
        guard !long.isEmpty else { return [] }
        let examples = long.prefix(5).map { "\($0.periodID) (\($0.reader.id))" }.joined(separator: ", ")
        let lasts = long.count == 1 ? "period of active use lasts" : "periods of active use last"
        return ["\(Format.english.number(long.count)) \(lasts) longer than \(Self.longPeriodHours) hours, e.g. period \(examples). Check that shifts and collection windows are closed when they end."]
    }

    var unlogged: [String] {
        portal.unloggedReads > 0
            ? ["\(Format.english.number(portal.unloggedReads)) \(portal.unloggedReads == 1 ? "plate read falls" : "plate reads fall") outside every period of active use of their reader, so they are in no public log (13.824 subd. 5(a)). Check the readers' period records."]
            : []
    }

    var policy: [String] {
        portal.currentPolicy == nil
            ? ["No policy version is in effect: add content/policy/*.md with an effective_on date (Minn. Stat. 626.8472)."]
            : []
    }
}
