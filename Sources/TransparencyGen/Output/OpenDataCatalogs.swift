import Foundation
import PublicLog

/// The catalogs open-data harvesters and validators read (spec, "Provenance"), derived from
/// the one declaration of the data files (`DataFiles`) that makes the CSVs and the dictionary:
/// `datapackage.json` (Frictionless Data Package v2), `data.json` (DCAT-US 1.1) and the
/// schema.org `Dataset` of the data page. Their words are the catalogs' messages.
enum OpenDataCatalogs {
    static let dataPackagePath = "datapackage.json"
    static let dcatPath = "data.json"

    /// The data files that are tables: every CSV, each a resource of the package and a dataset of the catalog.
    static var tables: [DataFile] { DataFiles.all.filter { $0.path.hasSuffix(".csv") } }

    /// What the catalogs phase reads: the published portal, the main language's renderer, and
    /// every file written before (for the bytes and SHA-256 of each table).
    struct Inputs {
        let portal: Portal
        let renderer: SiteRenderer
        let entries: [Manifest.Entry]
    }

    // MARK: datapackage.json

    static func dataPackage(_ inputs: Inputs) throws(GeneratorError) -> OutputFile {
        let renderer = inputs.renderer
        let portal = inputs.portal
        let written = Dictionary(inputs.entries.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var resources: [JSONValue] = []
        for table in tables {
            guard let entry = written[table.path] else {
                throw GeneratorError(kind: .output, "\(dataPackagePath) lists \(table.path), which this build did not write. Nothing was published.")
            }
            resources.append(.object([
                ("name", .string(resourceName(table))),
                ("path", .string(table.path)),
                ("type", .string("table")),
                ("title", .string(renderer.messages(.dataFileTitle(table)))),
                ("description", .string(renderer.messages(.dataFileAbout(table)))),
                ("format", .string("csv")),
                ("mediatype", .string("text/csv")),
                ("encoding", .string("utf-8")),
                ("bytes", .integer(entry.bytes)),
                ("hash", .string("sha256:\(entry.sha256)")),
                ("schema", .object([("fields", .array(table.columns.map { field($0, of: table, renderer) }))])),
            ]))
        }
        var package: [(String, JSONValue)] = [
            ("$schema", .string("https://datapackage.org/profiles/2.0/datapackage.json")),
            ("name", .string(packageName(portal))),
            ("title", .string(title(renderer))),
            ("description", .string(description(renderer))),
        ]
        if let base = portal.configuration.baseURL { package.append(("homepage", .string(base))) }
        if let published = portal.publications.last { package.append(("created", .string(published.publishedAt.description))) }
        package.append(("keywords", .array(keywords(renderer).map(JSONValue.string))))
        package.append(("resources", .array(resources)))
        return OutputFile(path: dataPackagePath, text: JSONValue.object(package).text)
    }

    private static func field(_ column: DataColumn, of table: DataFile, _ renderer: SiteRenderer) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(column.name)),
            ("type", .string(column.type.tableSchemaType)),
            ("description", .string(renderer.columnMeaning(column, in: table))),
        ]
        if case .oneOf(let codes) = column.type { members.append(("constraints", .object([("enum", .array(codes.map(JSONValue.string)))]))) }
        return .object(members)
    }

    /// A resource's name: its file's name without `.csv` (lower case, digits and `-`, as the spec allows).
    static func resourceName(_ table: DataFile) -> String { String(table.fileName.dropLast(4)) }

    /// The package's name: the agency's, in lower case with `-` between words, then `-alpr`.
    static func packageName(_ portal: Portal) -> String {
        let words = portal.configuration.agencyName.lowercased().unicodeScalars
            .split { !(("a"..."z").contains($0) || ("0"..."9").contains($0)) }
            .map { String(String.UnicodeScalarView($0)) }
        return (words + ["alpr"]).joined(separator: "-")
    }

    // MARK: data.json

    /// The DCAT-US catalog: each table a dataset with one distribution. A catalog's addresses
    /// are absolute, so without `base_url` there is none (as there is no sitemap).
    static func dcat(_ inputs: Inputs) -> [OutputFile] {
        let portal = inputs.portal
        let renderer = inputs.renderer
        guard let base = portal.configuration.baseURL else { return [] }
        let contact = portal.configuration.contact
        var contactPoint: [(String, JSONValue)] = [
            ("@type", .string("vcard:Contact")), ("fn", .string(contact.office ?? portal.configuration.agencyName)),
        ]
        if let email = contact.email { contactPoint.append(("hasEmail", .string("mailto:\(email)"))) }
        let modified = portal.publications.last?.publishedAt.description ?? portal.now.description
        let datasets = tables.map { table -> JSONValue in
            let url = base + table.path
            return .object([
                ("@type", .string("dcat:Dataset")),
                ("title", .string("\(renderer.messages(.dataFileTitle(table))) (\(portal.configuration.agencyName))")),
                ("description", .string(renderer.messages(.dataFileAbout(table)))),
                ("keyword", .array(keywords(renderer).map(JSONValue.string))),
                ("modified", .string(modified)),
                ("publisher", .object([("@type", .string("org:Organization")), ("name", .string(portal.configuration.agencyName))])),
                ("contactPoint", .object(contactPoint)),
                ("identifier", .string(url)),
                ("accessLevel", .string("public")),
                ("landingPage", .string(base + "data/")),
                ("language", .array(portal.configuration.languages.map { .string($0.code) })),
                ("distribution", .array([.object([
                    ("@type", .string("dcat:Distribution")),
                    ("title", .string(table.fileName)),
                    ("downloadURL", .string(url)),
                    ("mediaType", .string("text/csv")),
                    ("format", .string("CSV")),
                    ("describedBy", .string(base + "data/#\(table.anchor)")),
                    ("describedByType", .string("text/html")),
                ])])),
            ])
        }
        let catalog = JSONValue.object([
            ("@context", .string("https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld")),
            ("@type", .string("dcat:Catalog")),
            ("conformsTo", .string("https://project-open-data.cio.gov/v1.1/schema")),
            ("describedBy", .string("https://project-open-data.cio.gov/v1.1/schema/catalog.json")),
            ("dataset", .array(datasets)),
        ])
        return [OutputFile(path: dcatPath, text: catalog.text)]
    }

    // MARK: the data page's schema.org Dataset

    /// The schema.org `Dataset` of the data page, in its language: every table a `DataDownload`
    /// (at the portal's address when `base_url` is set, else relative to the page).
    static func dataset(_ renderer: SiteRenderer, siteRoot: String) -> JSONValue {
        let portal = renderer.portal
        let base = portal.configuration.baseURL
        var members: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")),
            ("@type", .string("Dataset")),
            ("name", .string(title(renderer))),
            ("description", .string(description(renderer))),
            ("keywords", .array(keywords(renderer).map(JSONValue.string))),
            ("isAccessibleForFree", .bool(true)),
            ("inLanguage", .string(renderer.language.code)),
            ("creator", .object([("@type", .string("Organization")), ("name", .string(portal.configuration.agencyName))])),
        ]
        if let base { members.append(("url", .string(base + renderer.folder(of: renderer.language) + "data/"))) }
        if let published = portal.publications.last { members.append(("dateModified", .string(published.publishedAt.description))) }
        members.append(("distribution", .array(tables.map { table in
            .object([
                ("@type", .string("DataDownload")),
                ("name", .string(renderer.messages(.dataFileTitle(table)))),
                ("encodingFormat", .string("text/csv")),
                ("contentUrl", .string((base ?? siteRoot) + table.path)),
            ])
        })))
        return .object(members)
    }

    // MARK: words

    private static func title(_ renderer: SiteRenderer) -> String {
        renderer.messages(.catalogTitle, ["agency": renderer.portal.configuration.agencyName])
    }

    private static func description(_ renderer: SiteRenderer) -> String {
        renderer.messages(.catalogDescription, ["agency": renderer.portal.configuration.agencyName])
    }

    private static func keywords(_ renderer: SiteRenderer) -> [String] {
        renderer.messages(.catalogKeywords).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension ColumnType {
    /// Its type in a Frictionless Table Schema.
    var tableSchemaType: String {
        switch self {
        case .text, .code, .oneOf: "string"
        case .wholeNumber: "integer"
        case .number, .degrees: "number"
        case .date: "date"
        case .dateTime: "datetime"
        case .month: "yearmonth"
        }
    }
}
