import Foundation
import PublicLog

/// An audit as published: its results, its summary and its attached report.
public struct PublishedAudit: Sendable {
    public let audit: Audit
    public let summaryHTML: String
    /// The report file to copy beside the audit's page, if one is attached.
    public let reportSource: URL?
}

/// A free-standing page from `content/pages/` (FAQ, how to request your data).
public struct ContentPage: Sendable {
    public let slug: String
    public let title: String
    public let html: String
    /// The page's language when it is a translation (`faq.es.md`); nil in the main language.
    public let language: Language?
    /// The same page in the site's other languages, in the order of `languages` (main-language pages only).
    public var translations: [ContentPage] = []

    /// The page as published in `language`: its translation, or this page where it has none.
    public func version(in language: Language) -> ContentPage {
        translations.first { $0.language == language } ?? self
    }
}

/// Everything under `content/`, parsed and checked.
public struct SiteContent: Sendable {
    public var policies: [PolicyVersion]
    public var audits: [PublishedAudit]
    public var pages: [ContentPage]
    /// Starter passages in `[[double brackets]]` still in the content, one note per file: `build`
    /// refuses to publish them unless told to (`BuildOptions.allowPlaceholders`).
    public var placeholders: [String] = []
    /// Other warnings about the content: images from other sites published as links.
    public var warnings: [String] = []
    /// The agency's base map (`content/map.geojson`); nil when it has none.
    public var baseLayer: BaseLayer?

    /// Files whose names start with `_` are drafts and examples, never read or published.
    public static func load(from contentDirectory: URL, siteDirectory: URL,
                            languages: [Language] = [.english]) throws(GeneratorError) -> SiteContent {
        let loader = ContentLoader(contentDirectory: contentDirectory, siteDirectory: siteDirectory)
        var content = SiteContent(policies: try loader.policies(), audits: try loader.audits(),
                                  pages: try loader.pages(languages: languages))
        content.baseLayer = try loader.baseLayer()
        content.placeholders = loader.placeholders
        content.warnings = loader.warnings
        return content
    }
}

final class ContentLoader {
    let contentDirectory: URL
    let siteDirectory: URL
    /// Notes on starter text left and remote images, gathered as each file is read.
    private(set) var placeholders: [String] = []
    private(set) var warnings: [String] = []

    init(contentDirectory: URL, siteDirectory: URL) {
        self.contentDirectory = contentDirectory
        self.siteDirectory = siteDirectory
    }

    /// Markdown files of a content folder, sorted by name; none when the folder is absent.
    func documents(in folder: String) throws(GeneratorError) -> [(id: String, document: MarkdownDocument)] {
        let directory = contentDirectory.appendingPathComponent(folder)
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw GeneratorError("Cannot read the folder \(relative(directory)): \(error.localizedDescription). Check its permissions.")
        }
        var result: [(String, MarkdownDocument)] = []
        for name in names.sorted() where name.hasSuffix(".md") && !name.hasPrefix("_") {
            let url = directory.appendingPathComponent(name)
            let file = relative(url)
            let id = String(name.dropLast(3))
            guard id.range(of: "^[A-Za-z0-9][A-Za-z0-9._-]*$", options: .regularExpression) != nil else {
                throw .at(file, line: nil, "the file name is used in the page's address and may hold only letters, digits, '.', '_' and '-'",
                          fix: "Rename the file, e.g. to 2024-biennial.md.")
            }
            let text = try SiteFile.text(url, inside: contentDirectory, name: file)
            let document = try MarkdownDocument(file: file, text: text)
            if let note = document.placeholderNote { placeholders.append(note) }
            warnings.append(contentsOf: document.remoteImageNotes)
            result.append((id, document))
        }
        return result
    }

    func relative(_ url: URL) -> String {
        let base = siteDirectory.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    func baseLayer() throws(GeneratorError) -> BaseLayer? {
        let url = contentDirectory.appendingPathComponent(BaseLayer.fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let file = relative(url)
        return try BaseLayer(text: try SiteFile.text(url, inside: contentDirectory, name: file), file: file)
    }

    func policies() throws(GeneratorError) -> [PolicyVersion] {
        var versions: [PolicyVersion] = []
        for (id, document) in try documents(in: "policy") {
            try document.fields.rejectUnknownKeys(["title", "effective_on"])
            versions.append(PolicyVersion(
                id: id, title: try document.fields.text("title", example: "Automated License Plate Reader Policy"),
                effectiveOn: try document.fields.date("effective_on"), html: document.html))
        }
        let byDate = Dictionary(grouping: versions, by: \.effectiveOn)
        if let clash = byDate.values.first(where: { $0.count > 1 }) {
            throw GeneratorError("content/policy/\(clash[0].id).md and content/policy/\(clash[1].id).md both take effect on \(clash[0].effectiveOn). Give each version its own effective_on date.")
        }
        return versions.sorted { $0.effectiveOn > $1.effectiveOn }
    }

    func audits() throws(GeneratorError) -> [PublishedAudit] {
        var audits: [PublishedAudit] = []
        for (id, document) in try documents(in: "audits") {
            let fields = document.fields
            try fields.rejectUnknownKeys(["auditor", "period_start", "period_end", "completed_on", "submitted_on",
                                          "outcome", "findings", "report"])
            let periodStart = try fields.date("period_start")
            let periodEnd = try fields.date("period_end")
            if periodEnd < periodStart {
                throw .at(document.file, line: fields.line(of: fields.value("period_end")),
                          "period_end (\(periodEnd)) is before period_start (\(periodStart))", fix: "Correct one of the dates.")
            }
            let completed = try fields.date("completed_on")
            let submitted = try fields.optionalDate("submitted_on")
            if let submitted, submitted < completed {
                throw .at(document.file, line: fields.line(of: fields.value("submitted_on")),
                          "submitted_on (\(submitted)) is before completed_on (\(completed))",
                          fix: "The report is sent after the audit is completed; correct one of the dates.")
            }
            var findings: [AuditFinding] = []
            for item in try fields.mappings("findings") ?? [] {
                try item.rejectUnknownKeys(["requirement", "statute", "result", "note"])
                findings.append(AuditFinding(
                    requirement: try item.text("requirement", example: "Data destroyed within 60 days"),
                    statute: try item.text("statute", example: "13.824 subd. 3"),
                    result: try item.choice("result", AuditResult.self), note: try item.optionalText("note")))
            }
            let reportFile = try fields.optionalText("report")
            var reportSource: URL?
            if let reportFile {
                let url = contentDirectory.appendingPathComponent("audits").appendingPathComponent(reportFile)
                guard !reportFile.contains("/"), !reportFile.contains("\\"), !reportFile.hasPrefix("."),
                      reportFile.lowercased().hasSuffix(".pdf"),
                      FileManager.default.fileExists(atPath: url.path) else {
                    throw .at(document.file, line: fields.line(of: fields.value("report")),
                              "the report '\(reportFile)' is not a PDF file beside the audit",
                              fix: "Put the report (a PDF, its name ending in .pdf) in content/audits/ and give its file name only.")
                }
                // Checked now, so that `check` reports it; checked again when it is copied.
                _ = try SiteFile.read(url, inside: contentDirectory, kind: .report, name: relative(url))
                reportSource = url
            }
            let audit = Audit(id: id, auditor: try fields.text("auditor", example: "Independent Audit Services, LLC"),
                              periodStart: periodStart, periodEnd: periodEnd, completedOn: completed, submittedOn: submitted,
                              outcome: try fields.choice("outcome", AuditResult.self), findings: findings,
                              reportFile: reportFile)
            audits.append(PublishedAudit(audit: audit, summaryHTML: document.html, reportSource: reportSource))
        }
        return audits.sorted { ($0.audit.completedOn, $0.audit.id) < ($1.audit.completedOn, $1.audit.id) }
    }

    /// Main-language pages, each with its translations (`faq.es.md` beside `faq.md`).
    func pages(languages: [Language]) throws(GeneratorError) -> [ContentPage] {
        let main = languages.first ?? .english
        let listed = languages.map { "\($0.code) (\($0.nativeName))" }.joined(separator: ", ")
        var pages: [ContentPage] = []
        var translations: [(base: String, file: String, page: ContentPage)] = []
        for (id, document) in try documents(in: "pages") {
            try document.fields.rejectUnknownKeys(["title"])
            guard !SiteMap.reservedNames.contains(id.lowercased()) else {
                throw .at(document.file, line: nil, "the name '\(id)' is taken by one of the portal's own sections or files, which this page would overwrite",
                          fix: "Rename the file (reserved: \(SiteMap.reservedNames.sorted().joined(separator: ", "))).")
            }
            let title = try document.fields.text("title", example: "Frequently asked questions")
            let parts = id.split(separator: ".")
            guard parts.count > 1, let suffix = parts.last, let language = Language(code: String(suffix)) else {
                pages.append(ContentPage(slug: id, title: title, html: document.html, language: nil))
                continue
            }
            let base = parts.dropLast().joined(separator: ".")
            guard language != main else {
                throw .at(document.file, line: nil, "is named for the main language (\(main.code)), which needs no language in the file name",
                          fix: "Rename it to \(base).md.")
            }
            guard languages.contains(language) else {
                throw .at(document.file, line: nil, "is a page in \(language.nativeName) (\(language.code)), which is not in `languages` in site.yaml (now: \(listed))",
                          fix: "Add \(language.code) to `languages:` in site.yaml, or rename the file.")
            }
            translations.append((base, document.file, ContentPage(slug: id, title: title, html: document.html, language: language)))
        }
        for translation in translations {
            guard let index = pages.firstIndex(where: { $0.slug == translation.base }) else {
                throw .at(translation.file, line: nil, "translates content/pages/\(translation.base).md, which does not exist",
                          fix: "Add content/pages/\(translation.base).md in the main language (\(main.code)), or rename this file.")
            }
            pages[index].translations.append(translation.page)
        }
        for index in pages.indices {
            pages[index].translations.sort { (languages.firstIndex(of: $0.language ?? main) ?? 0) < (languages.firstIndex(of: $1.language ?? main) ?? 0) }
        }
        return pages
    }
}
