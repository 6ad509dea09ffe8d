import Foundation
import PublicLog

/// Turns a `Portal` into the site's files: HTML pages through the templates, data files by code.
/// A renderer makes the pages of one language; the main language's also makes every other
/// published language's (under `LANG/`, each with its own templates' words) and the files the
/// languages share (data files, the feed, the sitemap, assets).
public struct SiteRenderer: Sendable {
    public let portal: Portal
    public let templates: TemplateSet
    /// The language of this renderer's pages.
    let language: Language
    /// Every language the site is published in, the main one first.
    let languages: [Language]
    /// The renderers of the other published languages (the main language's renderer only).
    let translations: [SiteRenderer]
    /// How numbers and dates read in this language.
    let format: Format
    /// The figures' labels in this language, for the log tables' cells.
    let figureWords: FigureCell.Words
    let readerSlugs: [String: String]
    /// The whole log summed by month, oldest first, for the home page and the log index.
    let months: [MonthlySummary]
    /// Where each month's periods are in `portal.log` (sorted by start, so each month is one run).
    let logMonths: [(month: YearMonth, range: Range<Int>)]
    /// Positions in `portal.log` of each reader's periods, in log order.
    let logByReader: [String: [Int]]
    /// The terms of the glossary page in this language, when the site has one.
    let glossary: GlossaryLinks?

    /// A renderer of the site in the main language of `templates`, and in the language of each
    /// of `translations` (templates with another catalog) under its own folder.
    public init(portal: Portal, templates: TemplateSet, translations: [TemplateSet] = []) {
        let languages = [templates.messages.language] + translations.map(\.messages.language)
        // The log's index is the same in every language: made once, for all of them.
        let index = LogIndex(portal)
        self.init(portal: portal, templates: templates, languages: languages, index: index,
                  translations: translations.map { SiteRenderer(portal: portal, templates: $0, languages: languages, index: index, translations: []) })
    }

    private init(portal: Portal, templates: TemplateSet, languages: [Language], index: LogIndex, translations: [SiteRenderer]) {
        self.portal = portal
        self.templates = templates
        self.language = templates.messages.language
        self.languages = languages
        self.translations = translations
        format = Format(language: language)
        figureWords = FigureCell.Words(templates.messages)
        readerSlugs = index.readerSlugs
        months = index.months
        logMonths = index.logMonths
        logByReader = index.logByReader
        let language = language
        glossary = portal.content.pages.first { $0.slug == GlossaryLinks.slug }
            .map { GlossaryLinks(glossaryHTML: $0.version(in: language).html) }.flatMap { $0.terms.isEmpty ? nil : $0 }
    }

    /// Where the log's periods are, by month and by reader, and their monthly sums.
    private struct LogIndex {
        let readerSlugs: [String: String]
        let months: [MonthlySummary]
        let logMonths: [(month: YearMonth, range: Range<Int>)]
        let logByReader: [String: [Int]]

        init(_ portal: Portal) {
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
    }

    var isMainLanguage: Bool { language == languages.first }

    /// The code content written in the main language is marked with on this page: nil on the
    /// main language's own pages, where nothing needs marking.
    private var contentLanguageMark: String? { isMainLanguage ? nil : (languages.first ?? .english).code }

    /// Content text (written in the main language) as HTML inside a sentence of this page:
    /// in a span marking its language on another language's page.
    func inContentLanguage(_ text: String) -> String {
        contentLanguageMark.map { "<span lang=\"\($0)\">\(XMLText.escape(text))</span>" } ?? XMLText.escape(text)
    }

    /// Fields of a page whose Markdown is in the main language (a policy, an audit, an
    /// untranslated page): in another language's site, the text is marked with its language.
    var mainLanguageText: MainLanguageMark {
        MainLanguageMark(contentLang: contentLanguageMark, mainLanguageName: contentLanguageMark.map { _ in (languages.first ?? .english).nativeName })
    }

    /// The folder of a language's pages: none for the main language, `es/` for Spanish.
    func folder(of language: Language) -> String { language == languages.first ? "" : "\(language.code)/" }

    /// The periods of one reader, in log order.
    func entries(of readerID: String) -> [LogEntry] {
        (logByReader[readerID] ?? []).map { portal.log[$0] }
    }

    /// A page to render: where it goes, with which template, and its own fields (made from its
    /// typed data, `PageData`).
    struct Page {
        let path: String
        let kind: PageKind
        let title: String
        /// Its typed data's fields (`PageFields`), never written by hand.
        let fields: [String: Any]
        /// The address of the site's top, as links on this page start it; nil for the relative
        /// `../` path of `path` (the 404 page, served at any depth, needs an absolute one).
        var root: String? = nil

        init(path: String, kind: PageKind, title: String, data: some PageData, root: String? = nil, dated: Bool = true) {
            self.init(path: path, kind: kind, title: title, fields: PageFields.fields(of: data), root: root, dated: dated)
        }

        /// A page whose fields are those of several typed parts (tables two pages share); a
        /// field two parts both have is the later part's.
        init(path: String, kind: PageKind, title: String, parts: [any PageData], root: String? = nil, dated: Bool = true) {
            var fields: [String: Any] = [:]
            for part in parts { fields.merge(PageFields.fields(of: part)) { _, later in later } }
            self.init(path: path, kind: kind, title: title, fields: fields, root: root, dated: dated)
        }

        private init(path: String, kind: PageKind, title: String, fields: [String: Any], root: String?, dated: Bool) {
            self.path = path
            self.kind = kind
            self.title = title
            self.fields = fields
            self.root = root
            self.dated = dated
        }

        /// False for a page of a month that is over: it says what the log records for that
        /// month, not the day it was built, so that it stays the same page from one night's
        /// build to the next (and is carried over, see `PageCache`) until its figures change.
        var dated = true
    }

    /// The marks of a page whose text is in the main language on another language's page (see
    /// `mainLanguageText`).
    struct MainLanguageMark: PageData {
        let contentLang: String?
        let mainLanguageName: String?
    }

    /// Pages rendered as one piece of work, and how many there are (known before rendering,
    /// for the progress line).
    struct PageGroup: Sendable {
        let count: Int
        let make: @Sendable () -> [Page]
    }

    /// How far rendering has got: pages written, of how many.
    public struct Progress: Sendable, Equatable {
        public let written: Int
        public let total: Int
    }

    /// Renders every file of the site and hands each to `emit` as soon as it is ready. Pages are
    /// rendered on all cores in groups (each of the site's own pages, each month of the log,
    /// each reader), so only the groups in progress are in memory; `emit` and `progress` are
    /// called from any thread. `includeDataFiles` false leaves out the CSV and GeoJSON files
    /// under `data/` (a build writes them first, see `SiteBuilder.build`).
    /// With a `pageCache`, every page is keyed (`PageKey`) and a page whose key is the published
    /// page's is carried over from the published site instead of rendered; the result says how
    /// many were.
    @discardableResult
    public func render(includeDataFiles: Bool = true, pageCache: PageCache? = nil, signer: SSHSigningKey? = nil,
                       progress: @escaping @Sendable (Progress) -> Void = { _ in },
                       emit: @escaping @Sendable (OutputFile) throws(GeneratorError) -> Void) throws(GeneratorError) -> RenderSummary {
        let headline = HeadlineFigures(portal: portal)
        let renderers = [self] + translations
        let jobs = renderers.flatMap { renderer in renderer.pageGroups(headline).map { (renderer, $0) } }
        let counter = ProgressCounter(total: jobs.reduce(0) { $0 + $1.1.count }, report: progress)
        let paths = try ParallelGroups.run(jobs.count) { (index) throws(GeneratorError) -> [String] in
            let (renderer, group) = jobs[index]
            var paths: [String] = []
            for page in group.make() {
                let path = renderer.folder(of: renderer.language) + page.path
                let context = renderer.context(for: page)
                let key = pageCache?.key(template: page.kind.template, templates: renderer.templates, context: context)
                if let key, let carried = pageCache?.carriedOver(path, key: key) {
                    try emit(carried)
                    counter.add(carried: true)
                } else {
                    try emit(OutputFile(path: path, text: try renderer.html(page, context: context), pageKey: key))
                    counter.add(carried: false)
                }
                if renderer.isMainLanguage { paths.append(page.path) }
            }
            return paths
        }.flatMap { $0 }.filter { $0 != SiteMap.notFound }

        if includeDataFiles {
            for declared in PublicationOutputs.figureFiles {
                if let file = declared.file(portal) { try emit(file) }
            }
        }
        // Every page is published in every language, at the same path in the language's folder.
        let inputs = PublicationOutputs.PortalInputs(portal: portal, headline: headline, renderer: self, signer: signer,
                                                     pagePaths: languages.flatMap { language in paths.map { folder(of: language) + $0 } })
        for output in PublicationOutputs.outputs(in: .portal) {
            guard case .portal(let make) = output.maker else { continue }
            for file in try make(inputs) { try emit(file) }
        }
        return RenderSummary(pages: counter.total, carriedOver: counter.carried)
    }

    /// What a render made: its pages, and how many of them were carried over unchanged.
    public struct RenderSummary: Sendable, Equatable {
        public let pages: Int
        public let carriedOver: Int
    }

    /// This language's pages, in groups rendered as one piece of work each (the 404 page in the
    /// main language only: a server shows one).
    private func pageGroups(_ headline: HeadlineFigures) -> [PageGroup] {
        var groups: [PageGroup] = [
            PageGroup(count: 1) { [self] in [homePage(headline)] },
            PageGroup(count: 1) { [self] in [logIndexPage()] },
            PageGroup(count: 1) { [self] in [locationsPage()] },
            PageGroup(count: 1) { [self] in [searchesPage(headline)] },
            PageGroup(count: 1) { [self] in [auditsIndexPage()] },
            PageGroup(count: 1) { [self] in [dataPage()] },
            PageGroup(count: 1) { [self] in [changesPage()] },
            PageGroup(count: 1) { [self] in [reportPage(headline)] },
        ]
        groups += logMonths.indices.map { index in
            PageGroup(count: Self.pageCount(rows: logMonths[index].range.count)) { [self] in logMonthPages(index) }
        }
        groups += portal.readers.sorted { $0.id < $1.id }.map { reader in
            PageGroup(count: readerPageCount(reader)) { [self] in logReaderPages(reader) }
        }
        // Few and cheap to make: made now, so that their count is exact.
        let smallPages = ImmutablePages(pages: policyPages() + auditPages() + contentPages() + (isMainLanguage ? [notFoundPage()] : []))
        groups.append(PageGroup(count: smallPages.pages.count) { smallPages.pages })
        return groups
    }

    /// Everything `page` is rendered from: the fields every page has, then its own.
    private func context(for page: Page) -> [String: Any] {
        var context = baseContext(for: page)
        context.merge(page.fields) { _, own in own }
        // What the links to the glossary are made from is part of the page's key.
        if page.kind.linksGlossary, let glossary { context["glossary_terms"] = glossary.terms.map { "\($0.anchor) \($0.text)" } }
        return context
    }

    /// A page through its template (see `TemplateSet.page`), its glossary terms linked.
    private func html(_ page: Page, context: [String: Any]) throws(GeneratorError) -> String {
        var html = try templates.page(page.kind.template, context, path: page.path)
        if page.kind.linksGlossary, let glossary, let root = context["root"] as? String {
            html = glossary.link(html, href: "\(root)\(GlossaryLinks.slug)/")
        }
        return html
    }

    /// Pages of a log table of `rows` rows (one page when empty); see `pagedLog`.
    static func pageCount(rows: Int) -> Int {
        max(1, (rows + rowsPerPage - 1) / rowsPerPage)
    }

    /// `../../` for a page two folders down; empty at the top.
    static func root(of path: String) -> String {
        path.contains("/") ? String(repeating: "../", count: path.split(separator: "/").count - 1) : "./"
    }


    /// Every page may load only the portal's own files, and runs no script at all: a second
    /// wall behind Markdown's safe mode and the HTML escaping of every value.
    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    /// The tag every rendered page must hold, as `templates/base.mustache` writes it.
    static let contentSecurityPolicyMeta =
        "<meta http-equiv=\"Content-Security-Policy\" content=\"\(contentSecurityPolicy)\">"

    /// True when the page's `<head>` holds the Content-Security-Policy tag (a browser ignores
    /// one in the body). Searched as bytes: the log's thousands of pages are all checked.
    static func headHoldsPolicy(_ html: String) -> Bool {
        var html = html
        return html.withUTF8 { page in
            let head = Self.firstRange(of: Array("</head>".utf8), in: page).map { page[..<$0] } ?? page[...]
            return Self.firstRange(of: policyMetaBytes, in: UnsafeBufferPointer(rebasing: head)) != nil
        }
    }

    private static let policyMetaBytes = Array(contentSecurityPolicyMeta.utf8)

    /// The offset where `needle` first occurs in `haystack`, or nil.
    private static func firstRange(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, needle.indices.allSatisfy({ haystack[index + $0] == needle[$0] }) { return index }
            index += 1
        }
        return nil
    }

    private func baseContext(for page: Page) -> [String: Any] {
        PageFields.fields(of: baseFields(for: page))
    }

    /// The fields every page of the portal has (its header, navigation, languages and footer).
    struct BaseFields: PageData {
        struct ContentPageLink: PageData {
            let title: String
            let href: String
            let current: Bool
        }
        struct FigureHeader: PageData {
            let label: TemplateText
            let shortLabel: TemplateText
            let name: String
        }

        let siteRoot: String
        let languageLinks: [LanguageLink]
        let hasLanguages: Bool
        /// Set by pages whose Markdown is in the main language (see `mainLanguageText`).
        let contentLang: String?
        let pageTitle: String
        let contentSecurityPolicy: String
        let generator: String
        let sampleData: Bool
        let logFigures: [FigureHeader]
        let logFigureCount: Int
        let agencyName: String
        let root: String
        let lang: String
        let nav: [NavigationLink]
        let contentPages: [ContentPageLink]
        let dated: Bool
        let generatedOn: String?
        let asOfHtml: String?
        let settingHtml: String
        /// For print: paper cannot follow a link, so a printed page says where it lives.
        let pageAddress: String?
        let portalAddress: String?
        let contactOffice: String?
        let contactAddress: String?
        let contactPhone: String?
        let contactEmail: String?
        /// A starter value published on purpose (--allow-placeholders) is no address to write to.
        let contactEmailHref: String?
        let contactWeb: String?
        let hasContact: Bool
    }

    private func baseFields(for page: Page) -> BaseFields {
        let root = page.root ?? Self.root(of: page.path)
        // The top of the whole site, where the files every language shares are (assets, data).
        let siteRoot = page.root ?? Self.root(of: folder(of: language) + page.path)
        let contact = portal.configuration.contact
        let address = pageAddress(page.path)
        let languageLinks = page.kind == .notFound ? [] : LanguageLink.links(
            to: address, in: languages, current: language, folder: folder(of:), siteRoot: siteRoot, baseURL: portal.configuration.baseURL)
        return BaseFields(
            siteRoot: siteRoot, languageLinks: languageLinks, hasLanguages: !languageLinks.isEmpty, contentLang: nil,
            pageTitle: page.title, contentSecurityPolicy: Self.contentSecurityPolicy, generator: BuildInfo.generator,
            sampleData: portal.isSample,
            logFigures: PeriodFigure.logTableFigures.map {
                BaseFields.FigureHeader(label: figureWords.figures[$0.rawValue].label, shortLabel: figureWords.figures[$0.rawValue].shortLabel, name: $0.name)
            },
            logFigureCount: PeriodFigure.logTableFigures.count, agencyName: portal.configuration.agencyName, root: root, lang: language.code,
            nav: Section.allCases.filter(\.inNavigation).map {
                NavigationLink(label: messages(.section($0)), href: root + $0.href, current: $0 == page.kind.section)
            },
            contentPages: portal.content.pages.map {
                BaseFields.ContentPageLink(title: $0.version(in: language).title, href: "\(root)\($0.slug)/", current: page.path == "\($0.slug)/index.html")
            },
            dated: page.dated, generatedOn: page.dated ? format.date(portal.today) : nil,
            asOfHtml: page.dated ? "<time datetime=\"\(portal.asOf)\">\(XMLText.escape(format.date(portal.asOf)))</time>" : nil,
            settingHtml: "<code>database:</code>",
            pageAddress: page.kind == .notFound ? nil : portal.configuration.baseURL.map { $0 + folder(of: language) + address },
            portalAddress: portal.configuration.baseURL,
            contactOffice: contact.office, contactAddress: contact.address, contactPhone: contact.phone, contactEmail: contact.email,
            contactEmailHref: contact.email.flatMap { SiteConfiguration.isStarterValue($0) ? nil : $0 },
            contactWeb: contact.web, hasContact: contact != SiteConfiguration.Contact())
    }

    /// Static assets: every file under `templates/assets/` but hidden ones, copied as it is
    /// once `SiteFile` has checked it (a link or an unexpected kind of file stops the build).
    func assetFiles() -> [OutputFile] { Self.assetFiles(of: templates) }

    /// The assets of `templates` (every kind of site copies its own the same way).
    static func assetFiles(of templates: TemplateSet) -> [OutputFile] {
        let assets = templates.directory.appendingPathComponent("assets").standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: assets, includingPropertiesForKeys: [.isDirectoryKey]) else {
            return []
        }
        var files: [OutputFile] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true,
                  !url.lastPathComponent.hasPrefix(".") else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(assets.path.count + 1))
            files.append(OutputFile(path: "assets/\(relative)", copying: url, inside: assets, kind: .asset,
                                    name: "templates/assets/\(relative)"))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The words of the site's main language.
    var messages: Messages { templates.messages }

    func readerHref(_ readerID: String, root: String) -> String {
        "\(root)log/readers/\(readerSlugs[readerID] ?? "reader")/"
    }
}

/// Pages made before rendering and only read after: their `Any` fields are never mutated.
private struct ImmutablePages: @unchecked Sendable {
    let pages: [SiteRenderer.Page]
}

/// Counts pages written from any thread and reports each count.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var written = 0
    private var carriedOver = 0
    let total: Int
    let report: @Sendable (SiteRenderer.Progress) -> Void

    init(total: Int, report: @escaping @Sendable (SiteRenderer.Progress) -> Void) {
        self.total = total
        self.report = report
    }

    /// Pages carried over so far.
    var carried: Int { lock.withLock { carriedOver } }

    func add(carried: Bool) {
        let progress = lock.withLock {
            written += 1
            if carried { carriedOver += 1 }
            return SiteRenderer.Progress(written: written, total: total)
        }
        report(progress)
    }
}
