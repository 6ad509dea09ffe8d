import PublicLog

/// "How searches were made" (spec, "How searches were made, and why"): the searches of each
/// window by kind, by how many agencies' data they reached, by how far back they looked and by
/// their stated reason, each table adding up to all searches; and the reason rules in force,
/// with their words, as the searches page and the council report show them.
extension SiteRenderer {
    struct ScopeTable: PageData {
        let id: String
        let caption: String
        let column: String
        let rows: [FigureRow]
        let total: FigureRow
    }

    struct ReasonRuleLine: PageData {
        /// HTML: a rule's own title is marked with its language on another language's page.
        let title: String
        let id: String
        let words: String
        let wordsLang: String?
    }

    struct SearchScopeData: PageData {
        let scopeTables: [ScopeTable]
        let scopeChart: String
        let scopeRules: [ReasonRuleLine]
        let scopeRulesOff: String?
    }

    func searchScopeFields(_ windows: [(String, FigureWindow)]) -> SearchScopeData {
        let rules = portal.configuration.searchRules
        let tables = [
            scopeTable("scope-kinds", caption: .scopeKindCaption, column: .scopeKindColumn, windows: windows, \.byKind,
                       keys: SearchKind.allCases) { messages(.searchKind($0)) },
            scopeTable("scope-networks", caption: .scopeNetworksCaption, column: .scopeNetworksColumn, windows: windows, \.byNetworks,
                       keys: NetworkReach.allCases) { messages(.networkReach($0)) },
            scopeTable("scope-windows", caption: .scopeWindowCaption, column: .scopeWindowColumn, windows: windows, \.byWindow,
                       keys: [.beyondRetention, .withinRetention]) {
                messages($0 == .beyondRetention ? .scopeBeyondRetention : .scopeWithinRetention,
                         ["days": format.number(portal.configuration.retention.days)])
            },
            scopeTable("scope-reasons", caption: .scopeReasonCaption, column: .scopeReasonColumn, windows: windows, \.byReason,
                       keys: reasonGroups(windows), label: reasonLabel),
        ]
        return SearchScopeData(
            scopeTables: tables, scopeChart: searchScopeChart().svg,
            scopeRules: rules.inForce.map { rule in
                // A built-in rule's title is the page's words, its words the spec's English; a
                // rule of the agency's own is its text in the site's main language.
                let wordsLanguage = rule.isBuiltIn ? Language.english : (languages.first ?? .english)
                return ReasonRuleLine(title: rule.title.map(inContentLanguage) ?? XMLText.escape(messages(.reasonRuleTitle(rule.rule.id))),
                                      id: rule.rule.id, words: rule.rule.words.joined(separator: ", "),
                                      wordsLang: wordsLanguage == language ? nil : wordsLanguage.code)
            },
            scopeRulesOff: rules.turnedOff.isEmpty ? nil : messages(.scopeRulesOff, [
                "rules": rules.turnedOff.map { messages(.reasonRuleTitle($0.id)) }.joined(separator: ", "),
            ]))
    }

    /// Searches that reached other agencies' data, by month, over the trend charts' months
    /// through the one of `asOf`; a month whose searches' reach was not recorded is drawn as
    /// not recorded, never as zero.
    private func searchScopeChart() -> BarChart {
        var reached: [YearMonth: Int] = [:]
        var recorded: Set<YearMonth> = []
        for (group, count) in portal.accountability.searchScope {
            let month = group.date.yearMonth
            guard let networks = group.networks else { continue }
            recorded.insert(month)
            if networks.reachesOtherAgencies { reached[month, default: 0] += count }
        }
        var months: [YearMonth] = []
        if let first = portal.accountability.searchScope.keys.map(\.date.yearMonth).min() {
            var month = first
            while month <= portal.asOf.yearMonth {
                months.append(month)
                month = month.next
            }
        }
        let shown = months.suffix(TrendCharts.monthsShown)
        let notRecorded = messages(.chartNotRecorded)
        let bars = shown.map { month in
            BarChart.Bar(label: format.shortMonth(month), value: recorded.contains(month) ? reached[month] ?? 0 : nil,
                         unknownLabel: notRecorded)
        }
        let described = zip(shown, bars).map { month, bar in
            messages(.chartMonthValue, ["month": format.month(month), "value": bar.value.map(format.number) ?? notRecorded])
        }
        return BarChart(id: "chart-search-reach", title: messages(.scopeChartTitle),
                        summary: messages(.chartSummary, ["values": described.joined(separator: ", ")]),
                        bars: bars, format: { [format] in format.number($0) })
    }

    /// The council report's one table of it: the searches that reached other agencies' data,
    /// back past the retention period, with no reason, and matching each rule in force; and
    /// the searches for which any of it was not recorded.
    func searchScopeSummaryRows(_ windows: [(String, FigureWindow)]) -> [FigureRow] {
        let days = ["days": format.number(portal.configuration.retention.days)]
        var rows = [
            figureRow(messages(.scopeReachedOthers), windows) { format.number($0.searchScope.reachingOtherAgencies) },
            figureRow(messages(.scopeBeyondRetention, days), windows) { format.number($0.searchScope.beyondRetention) },
            figureRow(messages(.scopeBlank), windows) { format.number($0.searchScope.blankReasons) },
        ]
        for rule in portal.configuration.searchRules.inForce {
            let label = messages(.scopeMatched, ["rule": rule.title ?? messages(.reasonRuleTitle(rule.rule.id))])
            rows.append(figureRow(label, windows) { format.number($0.searchScope.byReason[.rule(rule.rule.id)] ?? 0) })
        }
        if windows.contains(where: { $0.1.searchScope.total > min($0.1.searchScope.networksRecorded, $0.1.searchScope.windowsRecorded,
                                                                    $0.1.searchScope.reasonsRecorded) }) {
            rows.append(figureRow(messages(.scopeNotFullyRecorded), windows) {
                let scope = $0.searchScope
                return format.number(scope.total - min(scope.networksRecorded, scope.windowsRecorded, scope.reasonsRecorded))
            })
        }
        return rows
    }

    /// The reason groups in the windows' order: blank, each rule in force, rules no longer in
    /// force that the ledger recorded, then given.
    private func reasonGroups(_ windows: [(String, FigureWindow)]) -> [ReasonGroup] {
        let inForce = portal.configuration.searchRules.inForce.map { ReasonGroup.rule($0.rule.id) }
        let recorded = Set(windows.flatMap { $0.1.searchScope.byReason.keys.compactMap { $0 } })
        let retired = recorded.subtracting(inForce + [.blank, .given]).sorted()
        return [.blank] + inForce + retired + [.given]
    }

    private func reasonLabel(_ group: ReasonGroup) -> String {
        switch group {
        case .blank: return messages(.scopeBlank)
        case .given: return messages(.scopeGiven)
        case .rule(let id):
            if let rule = portal.configuration.searchRules.inForce.first(where: { $0.rule.id == id }) {
                return rule.title ?? messages(.reasonRuleTitle(id))
            }
            return messages(.scopeRetiredRule, ["rule": id])
        }
    }

    /// One table: a row per key, a row of searches for which it was not recorded when there are
    /// any in a window, and the total of all searches, one cell per window.
    private func scopeTable<Key: Hashable>(_ id: String, caption: MessageID.Fixed, column: MessageID.Fixed,
                                           windows: [(String, FigureWindow)], _ counts: KeyPath<SearchScopeFigures, [Key?: Int]>,
                                           keys: [Key], label: (Key) -> String) -> ScopeTable {
        var rows = keys.map { key in
            figureRow(label(key), windows) { format.number($0.searchScope[keyPath: counts][key] ?? 0) }
        }
        if windows.contains(where: { ($0.1.searchScope[keyPath: counts][nil] ?? 0) > 0 }) {
            rows.append(figureRow(messages(.scopeNotRecorded), windows) { format.number($0.searchScope[keyPath: counts][nil] ?? 0) })
        }
        return ScopeTable(id: id, caption: messages(caption), column: messages(column), rows: rows,
                          total: figureRow(messages(.scopeAll), windows) { format.number($0.searchScope.total) })
    }
}
