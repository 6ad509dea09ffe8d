import Foundation
import PublicLog

/// Writes a new agency's site folder: a commented `site.yaml`, starter content (a policy
/// incorporating 13.824 and 626.8472, an example audit, an FAQ and a data request page)
/// and the default templates. It never writes into a folder that already holds anything.
public struct SiteScaffold: Sendable {
    /// The placeholder agency name the starter files use, replaced by `agencyName`.
    static let placeholderAgency = "Your City Police Department"

    public var agencyName: String?
    public var timeZone: AgencyTimeZone?
    /// The site's languages, main first: written into `site.yaml`, with the starter pages'
    /// translations into each (those the generator has; `check` lists the others).
    public var languages: [Language] = [.english]

    public init(agencyName: String? = nil, timeZone: AgencyTimeZone? = nil, languages: [Language] = [.english]) {
        self.agencyName = agencyName
        self.timeZone = timeZone
        self.languages = languages
    }

    /// Every file of a new site, by path relative to the site folder, sorted by path.
    public func files() -> [(path: String, data: Data)] {
        var files = EmbeddedSiteFiles.starter.filter { isForSite($0.path) }.map { (path: $0.path, data: personalized($0.path, $0.data)) }
        files += EmbeddedSiteFiles.templates.map { (path: "templates/" + $0.path, data: $0.data) }
        return files.sorted { $0.path < $1.path }
    }

    /// A starter page's translation (`faq.es.md`) belongs to a site in that language only.
    private func isForSite(_ path: String) -> Bool {
        let parts = path.split(separator: ".")
        guard path.hasSuffix(".md"), parts.count > 2, let language = Language(code: String(parts[parts.count - 2])) else { return true }
        return languages.dropFirst().contains(language)
    }

    private func personalized(_ path: String, _ data: Data) -> Data {
        guard path.hasSuffix(".md") || path.hasSuffix(".yaml"), var text = String(data: data, encoding: .utf8) else { return data }
        if let agencyName {
            // YAML gets the name inside its double quotes; Markdown as written.
            let name = path.hasSuffix(".yaml")
                ? agencyName.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                : agencyName
            text = text.replacingOccurrences(of: Self.placeholderAgency, with: name)
        }
        if let timeZone, path == SiteConfiguration.fileName {
            text = text.replacingOccurrences(of: "\ntime_zone: America/Chicago\n", with: "\ntime_zone: \(timeZone.identifier)\n")
        }
        if path == SiteConfiguration.fileName {
            text = text.replacingOccurrences(of: "\nlanguages: [en]\n", with: "\nlanguages: [\(languages.map(\.code).joined(separator: ", "))]\n")
        }
        return Data(text.utf8)
    }

    /// Writes the site into `directory`, creating it if needed; returns the paths written.
    /// Refuses a folder that exists and is not empty, so nothing of the agency's is overwritten.
    @discardableResult
    public func write(to directory: URL) throws(GeneratorError) -> [String] {
        try Self.write(files(), to: directory, command: "transparency-gen init alpr-portal")
    }

    /// Writes `files` into `directory` (new or empty), all or nothing; `command` is the example
    /// an error suggests.
    static func write(_ files: [(path: String, data: Data)], to directory: URL, command: String) throws(GeneratorError) -> [String] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw GeneratorError("\(directory.path) is a file, not a folder. Give the name of a new folder, e.g. `\(command)`.")
            }
            let existing: [String]
            do { existing = try fileManager.contentsOfDirectory(atPath: directory.path) } catch {
                throw GeneratorError("Cannot read the folder \(directory.path) (\(error.localizedDescription)). Check its permissions, or choose another folder.")
            }
            if !existing.isEmpty {
                let shown = existing.sorted().prefix(5).joined(separator: ", ")
                throw GeneratorError("The folder \(directory.path) is not empty (it holds \(shown)\(existing.count > 5 ? ", …" : "")). A starter is written only into a new or empty folder, so that nothing already there is overwritten. Choose a new folder, e.g. `\(command)`. To update the templates of an existing site, see docs/templates.md.")
            }
        }
        let created = !fileManager.fileExists(atPath: directory.path)
        var written: [String] = []
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            for file in files {
                let url = directory.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: url, options: .withoutOverwriting)
                written.append(file.path)
            }
        } catch {
            // Leave nothing half-written behind: a starter is all or nothing.
            if created {
                try? fileManager.removeItem(at: directory)
            } else {
                for path in written { try? fileManager.removeItem(at: directory.appendingPathComponent(path)) }
            }
            throw GeneratorError("Could not write into \(directory.path) (\(error.localizedDescription)). Check that the disk has room and that you may write there.")
        }
        return written
    }
}
