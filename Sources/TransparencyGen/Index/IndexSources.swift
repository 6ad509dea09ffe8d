import Foundation

/// One agency the statewide index lists, as `sources.yaml` gives it (spec, "Statewide index").
public struct IndexSource: Sendable, Equatable {
    /// Where its published portal is.
    public enum Location: Sendable, Equatable {
        /// A folder holding a published copy.
        case folder(URL)
        /// An `https://` address of the published portal.
        case address(String)
    }

    public let id: String
    public let name: String
    public let county: String
    /// The county's FIPS code as written (`27053`).
    public let countyFIPS: String
    public let portal: Location
    /// The `allowed_signers` line the agency gave, when it gave one.
    public let allowedSigners: String?
}

/// The index's own settings, beside its sources in `sources.yaml`.
struct IndexSettings: Sendable, Equatable {
    /// Where the index is published (for its feed, sitemap and printed pages); nil when not given.
    var baseURL: String?
    /// Its languages, the main one first.
    var languages: [Language] = [.english]
    /// Languages published before every message of their catalog is translated.
    var publishPartly: [Language] = []
}

/// `sources.yaml`: the agencies an index is built from, each checked field by field with its
/// line, and the index's settings (`base_url`, `languages`, `publish_partly`).
public enum IndexSources {
    public static let fileName = "sources.yaml"
    static let keys = ["base_url", "languages", "publish_partly", "sources"]
    static let sourceKeys = ["id", "name", "county", "portal", "allowed_signers"]
    static let countyKeys = ["name", "fips"]

    /// The sources of `url`; a folder portal is resolved against the file's folder.
    public static func load(_ url: URL) throws(GeneratorError) -> [IndexSource] {
        try loadWithSettings(url).sources
    }

    /// The sources of `url` and the index's settings.
    static func loadWithSettings(_ url: URL) throws(GeneratorError) -> (settings: IndexSettings, sources: [IndexSource]) {
        let folder = url.deletingLastPathComponent()
        let name = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw GeneratorError("\(url.path) cannot be read. Give the index's sources file with --sources (see `transparency-gen index build --help`).")
        }
        let fields = try YAMLFields.parse(String(decoding: data, as: UTF8.self), file: name, lineOffset: 0)
        try fields.rejectUnknownKeys(keys)
        var settings = IndexSettings()
        settings.baseURL = try fields.baseURL(file: name, example: "https://alpr-index.example.org/")
        settings.languages = try fields.languages(file: name) ?? settings.languages
        settings.publishPartly = try fields.publishPartly(of: settings.languages, file: name)
        guard let entries = try fields.mappings("sources"), !entries.isEmpty else {
            throw .at(name, line: nil, "lists no sources", fix: "List each agency under `sources:` with id, name, county (name, fips) and portal.")
        }
        var sources: [IndexSource] = []
        var seen: Set<String> = []
        for entry in entries {
            try entry.rejectUnknownKeys(sourceKeys)
            let id = try entry.text("id", example: "elm-creek")
            let line = entry.line(of: entry.value("id"))
            guard !id.isEmpty, id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
                throw .at(name, line: line, "id '\(id)' is not lower-case letters, digits and `-`", fix: "Write an id like elm-creek: it names the agency's rows and pages.")
            }
            guard seen.insert(id).inserted else {
                throw .at(name, line: line, "id '\(id)' is listed twice", fix: "Give each agency its own id.")
            }
            guard let county = try entry.nested("county") else {
                throw .at(name, line: line, "source \(id) has no county", fix: "Add county: with name: and fips: (e.g. fips: \"27053\").")
            }
            try county.rejectUnknownKeys(countyKeys)
            let fips = try county.text("fips", example: "27053")
            guard (3...5).contains(fips.count), fips.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw .at(name, line: county.line(of: county.value("fips")), "the county FIPS code '\(fips)' of source \(id) is not 3 to 5 digits",
                          fix: "Quote it so that its leading zeros stay: fips: \"27053\".")
            }
            let portal = try entry.text("portal", example: "../portals/elm-creek/public")
            let portalLine = entry.line(of: entry.value("portal"))
            let location: IndexSource.Location = portal.lowercased().hasPrefix("https://")
                ? .address(portal)
                : .folder(URL(fileURLWithPath: (portal as NSString).expandingTildeInPath, relativeTo: folder).standardizedFileURL)
            if portal.lowercased().hasPrefix("http://") {
                throw .at(name, line: portalLine, "the portal of \(id) is an http:// address, which anyone on the way can change",
                          fix: "Give its https:// address, or a folder holding a copy.")
            }
            if portal.range(of: "^[A-Za-z][A-Za-z0-9+.-]*://", options: .regularExpression) != nil, !portal.lowercased().hasPrefix("https://") {
                throw .at(name, line: portalLine, "the portal of \(id) is an address the index cannot read (\(portal))",
                          fix: "Give its https:// address, or a folder holding a copy.")
            }
            let signers = try entry.optionalText("allowed_signers")
            if let signers, SSHSignatureCheck.AllowedSigner(signers) == nil {
                throw .at(name, line: entry.line(of: entry.value("allowed_signers")),
                          "the allowed_signers of \(id) is not a line of an allowed_signers file",
                          fix: "Copy the agency's line whole, in single quotes: 'Agency-Name namespaces=\"alpr-transparency@v1\" ssh-ed25519 AAAA…'.")
            }
            sources.append(IndexSource(id: id, name: try entry.text("name", example: "Elm Creek Police Department"),
                                       county: try county.text("name", example: "Hennepin"), countyFIPS: fips, portal: location,
                                       allowedSigners: signers))
        }
        return (settings, sources.sorted { $0.id < $1.id })
    }
}
