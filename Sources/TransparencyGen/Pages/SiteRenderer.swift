import Foundation
import PublicLog

/// Turns a `Portal` into the site's files: HTML pages through the templates, data files by code.
public struct SiteRenderer: Sendable {
    public let portal: Portal
    public let templates: TemplateSet
    let readerSlugs: [String: String]
    /// The whole log summed by month, oldest first, for the home page and the log index.
    let months: [MonthlySummary]

    public init(portal: Portal, templates: TemplateSet) {
        self.portal = portal
        self.templates = templates
        readerSlugs = portal.readerSlugs
        months = MonthlySummary.months(of: portal.log)
    }

    /// A page to render: where it goes, with which template, and its own fields.
    struct Page {
        let path: String
        let template: String
        let title: String
        let section: String
        var fields: [String: Any]
    }

    /// Every file of the site, in a fixed order, with the manifest of them all last.
    public func render() throws(GeneratorError) -> [OutputFile] {
        var files = try renderContent()
        files += try Manifest.files(for: files).files
        return files
    }

    /// The site's files without the manifest.
    func renderContent() throws(GeneratorError) -> [OutputFile] {
        let headline = HeadlineFigures(portal: portal)
        var pages = [homePage(headline), logIndexPage(), locationsPage(), auditsIndexPage(), dataPage(), changesPage()]
        pages += logMonthPages()
        pages += logReaderPages()
        pages += policyPages()
        pages += auditPages()
        pages += contentPages()
        var files: [OutputFile] = []
        for page in pages {
            var context = baseContext(for: page)
            context.merge(page.fields) { _, own in own }
            files.append(OutputFile(path: page.path, text: try templates.render(page.template, context)))
        }
        files += DataFiles(portal: portal).files
        files.append(OutputFile(path: "data/summary.json", text: SummaryJSON.text(portal, headline)))
        let feeds = Feeds(portal: portal)
        files.append(OutputFile(path: "feed.xml", text: feeds.atom))
        let sitemap = feeds.sitemap(pages: pages.map(\.path))
        if let sitemap { files.append(OutputFile(path: "sitemap.xml", text: sitemap)) }
        files.append(OutputFile(path: "robots.txt", text: feeds.robots(hasSitemap: sitemap != nil)))
        files += assetFiles()
        files += portal.content.audits.compactMap { published in
            published.reportSource.map { OutputFile(path: "audits/\(published.audit.id)/\($0.lastPathComponent)", copying: $0) }
        }
        return files
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
