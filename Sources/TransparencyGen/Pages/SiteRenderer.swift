import Foundation
import PublicLog

/// Turns a `Portal` into the site's files: HTML pages through the templates, data files by code.
public struct SiteRenderer: Sendable {
    public let portal: Portal
    public let templates: TemplateSet
    let readerSlugs: [String: String]
    /// The whole log summed by month, oldest first, for the home page and the log index.
    let months: [MonthlySummary]
    /// Where each month's periods are in `portal.log` (sorted by start, so each month is one run).
    let logMonths: [(month: YearMonth, range: Range<Int>)]
    /// Positions in `portal.log` of each reader's periods, in log order.
    let logByReader: [String: [Int]]

    public init(portal: Portal, templates: TemplateSet) {
        self.portal = portal
        self.templates = templates
        readerSlugs = portal.readerSlugs
        months = MonthlySummary.months(of: portal.log)
        var runs: [(month: YearMonth, range: Range<Int>)] = []
        var byReader: [String: [Int]] = [:]
        for (index, entry) in portal.log.enumerated() {
            let month = entry.startDate.yearMonth
            if let last = runs.last, last.month == month {
                runs[runs.count - 1].range = last.range.lowerBound..<(index + 1)
            } else {
                runs.append((month, index..<(index + 1)))
            }
            byReader[entry.reader.id, default: []].append(index)
        }
        logMonths = runs
        logByReader = byReader
    }

    /// The periods of one reader, in log order.
    func entries(of readerID: String) -> [LogEntry] {
        (logByReader[readerID] ?? []).map { portal.log[$0] }
    }

    /// A page to render: where it goes, with which template, and its own fields.
    struct Page {
        let path: String
        let template: String
        let title: String
        let section: String
        var fields: [String: Any]
    }

    /// Renders every file of the site and hands each to `emit` as soon as it is ready. Pages are
    /// rendered on all cores in groups (the site's own pages, each month of the log, each
    /// reader), so only the groups in progress are in memory; `emit` is called from any thread.
    /// `includeDataFiles` false leaves out the CSV and GeoJSON files under `data/` (a build
    /// writes them first, see `SiteBuilder.build`).
    public func render(includeDataFiles: Bool = true,
                       emit: @escaping @Sendable (OutputFile) throws(GeneratorError) -> Void) throws(GeneratorError) {
        let headline = HeadlineFigures(portal: portal)
        var groups: [@Sendable () -> [Page]] = [
            { [self] in [homePage(headline), logIndexPage(), locationsPage(), auditsIndexPage(), dataPage(), changesPage()] },
        ]
        groups += logMonths.indices.map { index in { [self] in logMonthPages(index) } }
        groups += portal.readers.sorted { $0.id < $1.id }.map { reader in { [self] in logReaderPages(reader) } }
        groups.append { [self] in policyPages() + auditPages() + contentPages() }

        let jobs = groups
        let paths = try ParallelGroups.run(jobs.count) { (index) throws(GeneratorError) -> [String] in
            var paths: [String] = []
            for page in jobs[index]() {
                var context = baseContext(for: page)
                context.merge(page.fields) { _, own in own }
                try emit(OutputFile(path: page.path, text: try templates.render(page.template, context)))
                paths.append(page.path)
            }
            return paths
        }.flatMap { $0 }

        if includeDataFiles {
            for file in DataFiles(portal: portal).files { try emit(file) }
        }
        try emit(OutputFile(path: "data/summary.json", text: SummaryJSON.text(portal, headline)))
        let feeds = Feeds(portal: portal)
        try emit(OutputFile(path: "feed.xml", text: feeds.atom))
        let sitemap = feeds.sitemap(pages: paths)
        if let sitemap { try emit(OutputFile(path: "sitemap.xml", text: sitemap)) }
        try emit(OutputFile(path: "robots.txt", text: feeds.robots(hasSitemap: sitemap != nil)))
        for file in assetFiles() { try emit(file) }
        for published in portal.content.audits {
            if let source = published.reportSource {
                try emit(OutputFile(path: "audits/\(published.audit.id)/\(source.lastPathComponent)", copying: source))
            }
        }
    }

    /// `../../` for a page two folders down; empty at the top.
    static func root(of path: String) -> String {
        path.contains("/") ? String(repeating: "../", count: path.split(separator: "/").count - 1) : "./"
    }

    static let sections: [(id: String, label: String, href: String)] = [
        ("home", "Overview", ""), ("log", "Public log", "log/"), ("locations", "Camera locations", "locations/"),
        ("policy", "Policy", "policy/"), ("audits", "Audits", "audits/"), ("data", "Open data", "data/"),
    ]

    private func baseContext(for page: Page) -> [String: Any] {
        let root = Self.root(of: page.path)
        let contact = portal.configuration.contact
        let pageLinks: [[String: Any]] = portal.content.pages.map {
            ["title": $0.title, "href": "\(root)\($0.slug)/", "current": page.path == "\($0.slug)/index.html"]
        }
        return [
            "page_title": page.title,
            "agency_name": portal.configuration.agencyName,
            "root": root,
            "nav": Self.sections.map { section -> [String: Any] in
                ["label": section.label, "href": root + section.href, "current": section.id == page.section]
            },
            "content_pages": pageLinks,
            "generated_on": Format.date(portal.today),
            "generated_on_iso": portal.today.description,
            "contact_office": contact.office.orAbsent,
            "contact_address": contact.address.orAbsent,
            "contact_phone": contact.phone.orAbsent,
            "contact_email": contact.email.orAbsent,
            "contact_web": contact.web.orAbsent,
            "has_contact": contact != SiteConfiguration.Contact(),
        ]
    }

    /// Static assets: every file under `templates/assets/`, copied as it is.
    private func assetFiles() -> [OutputFile] {
        let assets = templates.directory.appendingPathComponent("assets").standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: assets, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        var files: [OutputFile] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  !url.lastPathComponent.hasPrefix(".") else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(assets.path.count + 1))
            files.append(OutputFile(path: "assets/\(relative)", copying: url))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Figures of a period as table cells; `known` false when they are unknown.
    func figureFields(_ figures: PeriodFigures?) -> [String: Any] {
        guard let f = figures else { return ["known": false] }
        return [
            "known": true, "plates": Format.number(f.plates), "reads": Format.number(f.reads),
            "stolen": Format.number(f.stolen), "warrant": Format.number(f.warrant),
            "license": Format.number(f.licenseSuspendedRevoked), "investigation": Format.number(f.activeInvestigation),
            "other": Format.number(f.other),
        ]
    }

    func readerHref(_ readerID: String, root: String) -> String {
        "\(root)log/readers/\(readerSlugs[readerID] ?? "reader")/"
    }
}
