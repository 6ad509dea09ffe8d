import Foundation
import PublicLog

/// Turns what the index read (its portals and its changes) into the index's files: its pages
/// in each language through the index's templates and words, its tables, its feed and assets.
struct IndexRenderer {
    let portals: [PublishedPortal]
    /// Every change so far, this build's included, oldest first.
    let changes: [IndexChange]
    let settings: IndexSettings
    let templates: SiteTemplates
    /// The maintainer's county boundaries (`counties.geojson`), when the index folder has them.
    let counties: BaseLayer?
    let today: LocalDate
    let now: Instant
    /// The portals by source id, for the changes' words (a history of thousands of changes).
    let portalsByID: [String: PublishedPortal]

    init(portals: [PublishedPortal], changes: [IndexChange], settings: IndexSettings, templates: SiteTemplates,
         counties: BaseLayer?, today: LocalDate, now: Instant) {
        self.portals = portals
        self.changes = changes
        self.settings = settings
        self.templates = templates
        self.counties = counties
        self.today = today
        self.now = now
        portalsByID = Dictionary(portals.map { ($0.source.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The outline of a source's county in the base layer: the boundary with its FIPS code, or
    /// with its name where the layer gives no code.
    static func outline(of source: IndexSource, in layer: BaseLayer) -> [BaseLayer.Coordinate]? {
        layer.shapes.first { $0.kind == .boundary && ($0.code == source.countyFIPS || ($0.code == nil && $0.name == source.county)) }?
            .parts.first.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The file of the county base layer in an index folder.
    static let countiesFile = "counties.geojson"
    /// The feed of changes, at the top of the index.
    static let feedPath = "feed.xml"

    /// Every file of the index: the tables, the pages in each language, the feed, the assets.
    func files() throws(GeneratorError) -> [OutputFile] {
        let rows = portals.map { IndexTables.AgencyRow(portal: $0, today: today) }
        var files = [
            IndexTables.agencies.file(rows), IndexTables.details.file(rows),
            IndexTables.counties.file(IndexTables.CountyRow.rows(portals)),
            IndexTables.sharing.file(IndexTables.sharingRows(portals)), IndexTables.changes.file(changes),
        ]
        let sets = [templates.main] + templates.translations
        let languages = sets.map(\.messages.language)
        for set in sets {
            files += try Pages(index: self, templates: set, languages: languages).all()
        }
        files.append(OutputFile(path: Self.feedPath, text: feed(templates.main)))
        files += SiteRenderer.assetFiles(of: templates.main)
        return files
    }

    /// The Atom feed of changes, newest first (the latest 100), in the main language.
    func feed(_ set: TemplateSet) -> String {
        let words = Pages(index: self, templates: set, languages: [set.messages.language])
        let base = settings.baseURL ?? ""
        let authority = Feeds.tagAuthority(baseURL: settings.baseURL)
        let first = changes.first?.date.description ?? today.description
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>\(XMLText.escape(words.say(.feedTitle)))</title>
            <subtitle>\(XMLText.escape(words.say(.feedSubtitle)))</subtitle>
            <id>tag:\(authority),\(first):alpr-index</id>
            <updated>\(now)</updated>
            <link rel="alternate" type="text/html" href="\(XMLText.escape(base))changes/"/>

            """
        for change in changes.reversed().prefix(100) {
            let text = words.text(of: change)
            out += """
                <entry>
                <title>\(XMLText.escape(text))</title>
                <id>tag:\(authority),\(first):\(change.date)/\(change.agencyID)/\(change.kind.rawValue)/\(XMLText.escape(change.detail))</id>
                <updated>\(change.date)T00:00:00Z</updated>
                <link rel="alternate" type="text/html" href="\(XMLText.escape(base))\(IndexPage.agencyAddress(change.agencyID))"/>
                <summary>\(XMLText.escape(text))</summary>
                </entry>

                """
        }
        return out + "</feed>\n"
    }
}

extension IndexRenderer {
    /// The pages of one language.
    struct Pages {
        let index: IndexRenderer
        let templates: TemplateSet
        /// Every language the index is published in, the main one first.
        let languages: [Language]
        /// How numbers and dates read in this language (made once: every figure is formatted with it).
        let format: Format

        init(index: IndexRenderer, templates: TemplateSet, languages: [Language]) {
            self.index = index
            self.templates = templates
            self.languages = languages
            format = Format(language: templates.messages.language)
        }

        var language: Language { templates.messages.language }
        var messages: Messages { templates.messages }
        /// `es/` for a language after the main one.
        func folder(_ language: Language) -> String { language == languages.first ? "" : "\(language.code)/" }

        func say(_ id: IndexWords.Fixed, _ values: [String: String] = [:]) -> String { messages(IndexWords.fixed(id), values) }

        func all() throws(GeneratorError) -> [OutputFile] {
            let agencies = index.portals.map { agency($0, root: "../../") }
            var pages: [(String, IndexPage.Kind, String, any PageData)] = [
                (IndexPage.Section.home.path, .home, say(.homeTitle), home()),
                (IndexPage.Section.counties.path, .counties, say(.countiesTitle), counties()),
                (IndexPage.Section.sharing.path, .sharing, say(.sharingTitle), sharing()),
                (IndexPage.Section.changes.path, .changes, say(.changesTitle), changesPage(limit: nil, root: "../")),
                (IndexPage.Section.data.path, .data, say(.dataTitle), data()),
            ]
            for (portal, line) in zip(index.portals, agencies) {
                pages.append((IndexPage.agencyPath(portal.source.id), .agency, portal.source.name, agencyPage(portal, line)))
            }
            if language == languages.first {
                pages.append((SiteMap.notFound, .notFound, say(.notFoundTitle), IndexPage.NotFound(title: say(.notFoundTitle), text: say(.notFoundText))))
            }
            var files: [OutputFile] = []
            for (path, kind, title, data) in pages {
                var context = PageFields.fields(of: base(path: path, kind: kind, title: title))
                context.merge(PageFields.fields(of: data)) { _, own in own }
                files.append(OutputFile(path: folder(language) + path, text: try templates.page(kind.template, context, path: path)))
            }
            return files
        }

        /// The fields of every page.
        func base(path: String, kind: IndexPage.Kind, title: String) -> IndexPage.Base {
            let absoluteRoot = kind == .notFound ? notFoundRoot(baseURL: index.settings.baseURL) : nil
            let root = absoluteRoot ?? SiteRenderer.root(of: path)
            let siteRoot = absoluteRoot ?? SiteRenderer.root(of: folder(language) + path)
            let address = pageAddress(path)
            let languageLinks = kind == .notFound ? [] : LanguageLink.links(
                to: address, in: languages, current: language, folder: folder, siteRoot: siteRoot, baseURL: index.settings.baseURL)
            return IndexPage.Base(
                lang: language.code, pageTitle: title, root: root, siteRoot: siteRoot, contentSecurityPolicy: SiteRenderer.contentSecurityPolicy,
                generator: BuildInfo.generator,
                nav: IndexPage.Section.allCases.map { NavigationLink(label: messages(IndexWords.section($0)), href: root + $0.href, current: $0 == kind.section) },
                languageLinks: languageLinks, hasLanguages: !languageLinks.isEmpty, builtOn: format.date(index.today),
                builtOnIso: index.today.description,
                pageAddress: kind == .notFound ? nil : index.settings.baseURL.map { $0 + folder(language) + address },
                sampleData: false)
        }

        /// A count as the page writes it; a value the portal did not publish as its words.
        func number(_ text: String) -> String { Int(text).map(format.number) ?? say(.notPublished) }

        func agency(_ portal: PublishedPortal, root: String) -> IndexPage.Agency {
            let failed = portal.status == .failed
            let readerCounts = ReaderKind.allCases.compactMap { kind in portal.readers[kind].map { (kind, $0) } }
            let readers = readerCounts.filter { $0.1 > 0 }
                .map { messages.plural(IndexWords.readers($0.0), count: $0.1, formatted: format.number($0.1)) }.joined(separator: ", ")
            let audit = portal.lastAudit.map { say(.auditLine, ["date": format.date($0.completedOn), "outcome": messages(IndexWords.outcome($0.outcome))]) }
            let address: String? = if case .address(let url) = portal.source.portal { url } else { nil }
            return IndexPage.Agency(
                id: portal.source.id, name: portal.source.name, href: root + IndexPage.agencyAddress(portal.source.id),
                county: portal.source.county, status: messages(IndexWords.status(portal.status)), statusCode: portal.status.rawValue,
                failed: failed, reason: failed ? portal.reason : nil,
                readers: failed ? "" : readerCounts.isEmpty ? say(.notPublished) : readers.isEmpty ? format.number(0) : readers,
                plates: failed ? "" : number(portal.platesLast30Days), hits: failed ? "" : number(portal.hitAlertsLast30Days.map(String.init) ?? ""),
                searches: failed ? "" : number(portal.searchesLast30Days),
                forOtherAgencies: failed ? "" : number(portal.searchesForOtherAgenciesLast30Days),
                lastAudit: failed ? "" : audit ?? say(.noAudit),
                nextAuditDue: failed ? "" : LocalDate(iso: portal.nextAuditDue).map(format.date) ?? say(.notPublished),
                auditOverdue: portal.isAuditOverdue(today: index.today),
                lastPublished: failed ? "" : portal.lastPublishedOn.map(format.date) ?? say(.notPublished),
                stale: portal.isStale(today: index.today), portalAddress: address)
        }

        func home() -> IndexPage.Home {
            let portals = index.portals
            func count(_ status: PublishedPortal.Status) -> LabelledValue {
                LabelledValue(label: messages(IndexWords.status(status)), value: format.number(portals.filter { $0.status == status }.count))
            }
            let counts = [LabelledValue(label: say(.countAgencies), value: format.number(portals.count))]
                + PublishedPortal.Status.allCases.map(count)
                + [LabelledValue(label: say(.countOverdue), value: format.number(portals.filter { $0.isAuditOverdue(today: index.today) }.count)),
                   LabelledValue(label: say(.countStale), value: format.number(portals.filter { $0.isStale(today: index.today) }.count))]
            let latest = changesPage(limit: 10, root: "./")
            return IndexPage.Home(title: say(.homeTitle), counts: counts, mapSvg: map(), agencies: index.portals.map { agency($0, root: "./") },
                                  changes: latest.changes, hasChanges: latest.hasChanges)
        }

        /// The county map: each county of the sources at the middle of its outline in the base
        /// layer, labelled with its number of agencies. Nil without a base layer.
        func map() -> String? {
            guard let layer = index.counties else { return nil }
            let byCounty = Dictionary(grouping: index.portals) { $0.source.countyFIPS }
            var points: [LocationMap.Point] = []
            for (fips, portals) in byCounty.sorted(by: { $0.key < $1.key }) {
                let name = portals[0].source.county
                guard let outline = IndexRenderer.outline(of: portals[0].source, in: layer) else { continue }
                let latitude = outline.map(\.latitude).reduce(0, +) / Double(outline.count)
                let longitude = outline.map(\.longitude).reduce(0, +) / Double(outline.count)
                let label = messages.plural(IndexWords.fixed(.mapCounty), count: portals.count, formatted: format.number(portals.count), ["county": name])
                points.append(LocationMap.Point(label: label, title: label, latitude: latitude, longitude: longitude, current: true))
            }
            let words = LocationMap.Words(title: say(.mapTitle), description: say(.mapDescription), north: say(.mapNorth),
                                          current: { $0 }, previous: { $0 })
            return LocationMap(points: points, base: layer, words: words).svg
        }

        func partner(_ row: [String: String]) -> IndexPage.Partner {
            let jurisdiction = row["jurisdiction"].flatMap(SharingAgency.Jurisdiction.init(rawValue:))
            let status = row["status"].flatMap(SharingAgency.Status.init(rawValue:))
            return IndexPage.Partner(
                id: row["agency_id"] ?? "", name: row["name"] ?? "",
                jurisdiction: jurisdiction.map { messages(IndexWords.jurisdiction($0)) } ?? row["jurisdiction"] ?? "",
                outside: jurisdiction?.isOutsideMinnesotaGovernment ?? false,
                status: status.map { messages(IndexWords.sharingStatus($0)) } ?? row["status"] ?? "", searches: number(row["searches"] ?? ""))
        }

        /// A portal's partners in `sharing.csv`'s order: by name, then id.
        func partners(_ portal: PublishedPortal) -> [[String: String]] {
            IndexTables.sharingRows([portal]).map(\.partner)
        }

        func agencyPage(_ portal: PublishedPortal, _ line: IndexPage.Agency) -> IndexPage.AgencyPage {
            let partners = portal.status == .failed ? [] : partners(portal).map(partner)
            let byJurisdiction = portal.searchesByJurisdiction.map { counts in
                SharingAgency.Jurisdiction.allCases.map { LabelledValue(label: messages(IndexWords.jurisdiction($0)), value: format.number(counts[$0] ?? 0)) }
            } ?? []
            return IndexPage.AgencyPage(agency: line, title: portal.source.name, partners: partners, hasPartners: !partners.isEmpty,
                                        jurisdictionSearches: byJurisdiction,
                                        hasJurisdictionSearches: !byJurisdiction.isEmpty, failed: portal.status == .failed, statusAbout: messages(IndexWords.statusAbout(portal.status)))
        }

        func counties() -> IndexPage.Counties {
            let columns = IndexTables.counties.columns.dropFirst(2)
            let table = IndexTables.DataColumnsOfTable(IndexTables.counties)
            let headings = columns.map { messages(IndexWords.column(table, $0.column)) }
            let rows = IndexTables.CountyRow.rows(index.portals).map { row in
                IndexPage.County(name: row.name, fips: row.fips, cells: columns.map { format.number(Int($0.value(row)) ?? 0) })
            }
            return IndexPage.Counties(title: say(.countiesTitle), headings: headings, counties: rows)
        }

        func sharing() -> IndexPage.Sharing {
            let lines = index.portals.filter { $0.status != .failed }.flatMap { portal in
                partners(portal).map { row in
                    IndexPage.SharingLine(agencyName: portal.source.name,
                                          agencyHref: "../" + IndexPage.agencyAddress(portal.source.id), partner: partner(row))
                }
            }
            let outside = lines.filter(\.partner.outside)
            return IndexPage.Sharing(title: say(.sharingTitle), outside: outside, hasOutside: !outside.isEmpty, all: lines, hasAll: !lines.isEmpty)
        }

        /// A change in words: the agency's name, and the audit or partner it names.
        func text(of change: IndexChange) -> String {
            let portal = index.portalsByID[change.agencyID]
            let partnerName = portal?.sharing.first { $0["agency_id"] == change.detail }?["name"] ?? change.detail
            return messages(IndexWords.change(change.kind), ["agency": portal?.source.name ?? change.agencyID, "detail": change.detail,
                                                             "partner": partnerName])
        }

        /// The changes, newest first (`limit` of them when given), linked from a page at `root`.
        func changesPage(limit: Int?, root: String) -> IndexPage.Changes {
            let newest = index.changes.reversed().prefix(limit ?? index.changes.count)
            let lines = newest.map { change in
                IndexPage.Change(date: format.date(change.date), dateIso: change.date.description, text: text(of: change),
                                 agencyHref: root + IndexPage.agencyAddress(change.agencyID))
            }
            return IndexPage.Changes(title: say(.changesTitle), changes: lines, hasChanges: !lines.isEmpty)
        }

        func data() -> IndexPage.Data {
            // The tables are at the site's top, shared by every language.
            let siteRoot = SiteRenderer.root(of: folder(language) + IndexPage.Section.data.path)
            let tables = IndexTables.all.map { table in
                IndexPage.Table(
                    href: siteRoot + table.path, fileName: table.fileName, anchor: table.anchor,
                    title: messages(IndexWords.tableTitle(table)), about: messages(IndexWords.tableAbout(table)),
                    columns: table.columns.map { column in
                        IndexPage.Column(name: column.name, type: type(column), meaning: messages(IndexWords.column(table, column)))
                    })
            }
            return IndexPage.Data(title: say(.dataTitle), tables: tables)
        }

        /// A column's kind in words: its type and unit, or its codes.
        func type(_ column: DataColumn) -> String {
            if case .oneOf(let codes) = column.type {
                guard let last = codes.last, codes.count > 1 else { return codes.last ?? "" }
                return say(.dataCodesOr, ["list": codes.dropLast().joined(separator: ", "), "last": last])
            }
            let type = column.type.messageName.map { messages(IndexWords.dataType($0)) } ?? ""
            return column.unit.isEmpty ? type : "\(type) (\(messages(IndexWords.dataUnit(column.unit))))"
        }
    }
}
