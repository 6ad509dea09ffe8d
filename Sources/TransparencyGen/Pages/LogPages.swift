import PublicLog

extension SiteRenderer {
    /// Periods grouped by the local month of their start, oldest month first.
    private var logByMonth: [(month: YearMonth, entries: [LogEntry])] {
        let grouped = Dictionary(grouping: portal.log) { $0.startDate.yearMonth }
        return grouped.keys.sorted().map { ($0, grouped[$0] ?? []) }
    }

    /// Each distinct list of databases compared gets a letter, explained once per page.
    private func databaseKeys(for entries: [LogEntry]) -> (keys: [String: String], legend: [[String: Any]]) {
        var keys: [String: String] = [:]
        var legend: [[String: Any]] = []
        for entry in entries where keys[entry.databasesComparedText] == nil {
            let key = Self.letterKey(legend.count)
            keys[entry.databasesComparedText] = key
            legend.append(["key": key, "names": entry.databasesCompared.isEmpty ? "None recorded" : entry.databasesComparedText])
        }
        return (keys, legend)
    }

    static func letterKey(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < 26 ? String(letters[index]) : "\(letters[index / 26 - 1])\(letters[index % 26])"
    }

    private func rows(_ entries: [LogEntry], root: String, keys: [String: String]) -> [[String: Any]] {
        entries.map { entry in
            var row = figureFields(entry.figures)
            row["period_id"] = String(entry.periodID)
            row["reader_label"] = entry.reader.label
            row["reader_href"] = readerHref(entry.reader.id, root: root)
            row["reader_kind"] = entry.reader.kind.displayName
            row["partner"] = entry.reader.operator == .partner
            row["location"] = entry.location.orAbsent
            row["start_iso"] = entry.startLocal
            row["end_iso"] = entry.endLocal
            row["start"] = "\(Format.shortDate(entry.startDate)), \(portal.timeZone.localClock(entry.startedAt))"
            row["end"] = (entry.endDate == entry.startDate ? "" : "\(Format.shortDate(entry.endDate)), ")
                + portal.timeZone.localClock(entry.endedAt)
            row["duration"] = Format.duration(seconds: entry.durationSeconds)
            row["databases_key"] = keys[entry.databasesComparedText] ?? ""
            return row
        }
    }

    private func totalsFields(_ entries: [LogEntry]) -> [String: Any] {
        let known = entries.compactMap(\.figures)
        var fields = figureFields(known.reduce(PeriodFigures.zero, +))
        fields["periods"] = Format.number(entries.count)
        fields["unknown_periods"] = known.count < entries.count ? Format.number(entries.count - known.count) : absent
        return fields
    }

    func logIndexPage() -> Page {
        let months = logByMonth.reversed().map { month -> [String: Any] in
            var fields = totalsFields(month.entries)
            fields["label"] = Format.month(month.month)
            fields["href"] = "\(month.month)/"
            return fields
        }
        let readers = portal.readers.sorted { ($0.kind, $0.label, $0.id) < ($1.kind, $1.label, $1.id) }.map { reader -> [String: Any] in
            let entries = portal.log.filter { $0.reader.id == reader.id }
            return [
                "label": reader.label, "href": readerHref(reader.id, root: "../"), "kind": reader.kind.displayName,
                "partner": reader.operator == .partner, "periods": Format.number(entries.count),
                "in_service": reader.isInService(on: portal.today),
            ]
        }
        return Page(path: "log/index.html", template: "log-index", title: "Public log of use", section: "log", fields: [
            "months": Array(months), "readers": readers, "has_periods": !portal.log.isEmpty,
            "retention_days": String(portal.configuration.retention.days),
        ])
    }

    func logMonthPages() -> [Page] {
        let months = logByMonth
        return months.enumerated().map { index, month in
            let root = "../../"
            let keys = databaseKeys(for: month.entries)
            var fields: [String: Any] = [
                "month": Format.month(month.month),
                "rows": rows(month.entries, root: root, keys: keys.keys),
                "databases_legend": keys.legend,
                "totals": totalsFields(month.entries),
                "previous": index > 0 ? ["href": "../\(months[index - 1].month)/", "label": Format.month(months[index - 1].month)] as [String: Any] : absent,
                "next": index + 1 < months.count ? ["href": "../\(months[index + 1].month)/", "label": Format.month(months[index + 1].month)] as [String: Any] : absent,
                "retention_days": String(portal.configuration.retention.days),
            ]
            fields["has_unknown"] = month.entries.contains { $0.figures == nil }
            fields["table_id"] = "log-caption"
            fields["table_caption"] = "Periods of use that started in \(Format.month(month.month)), in order of start"
            return Page(path: "log/\(month.month)/index.html", template: "log-month",
                        title: "Public log: \(Format.month(month.month))", section: "log", fields: fields)
        }
    }

    func logReaderPages() -> [Page] {
        portal.readers.sorted { $0.id < $1.id }.map { reader in
            let root = "../../../"
            let entries = portal.log.filter { $0.reader.id == reader.id }
            let keys = databaseKeys(for: entries)
            let placements = portal.placements.filter { $0.readerID == reader.id }.map { placement -> [String: Any] in
                [
                    "description": placement.description, "direction": placement.direction.orAbsent,
                    "placed_on": Format.date(placement.placedOn), "placed_on_iso": placement.placedOn.description,
                    "removed_on": placement.removedOn.map(Format.date).orAbsent,
                    "removed_on_iso": (placement.removedOn?.description).orAbsent, "current": placement.isCurrent,
                ]
            }
            let fields: [String: Any] = [
                "label": reader.label, "reader_id": reader.id, "kind": reader.kind.displayName,
                "partner": reader.operator == .partner, "has_placements": reader.kind.hasPlacements,
                "placements": placements,
                "installed_on": reader.installedOn.map(Format.date).orAbsent,
                "decommissioned_on": reader.decommissionedOn.map(Format.date).orAbsent,
                "rows": rows(entries.reversed(), root: root, keys: keys.keys),
                "databases_legend": keys.legend, "totals": totalsFields(entries),
                "retention_days": String(portal.configuration.retention.days),
                "has_unknown": entries.contains { $0.figures == nil },
                "table_id": "log-caption",
                "table_caption": "Periods of use of \(reader.label), most recent first",
            ]
            return Page(path: "log/readers/\(readerSlugs[reader.id] ?? "reader")/index.html", template: "log-reader",
                        title: "Public log: \(reader.label)", section: "log", fields: fields)
        }
    }
}
