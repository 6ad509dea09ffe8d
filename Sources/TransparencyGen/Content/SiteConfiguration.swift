import Foundation
import PublicLog

/// The site's settings, from `site.yaml` in the site folder (every key optional).
public struct SiteConfiguration: Sendable {
    public static let fileName = "site.yaml"
    static let keys = ["agency_name", "time_zone", "retention_days", "database", "ledger", "base_url", "languages", "publish_partly", "contact", "signing_key",
                       "case_number_warning_percent", "blank_reason_warning_percent", SearchRuleConfiguration.listKey,
                       SearchRuleConfiguration.offKey]
    static let contactKeys = ["office", "address", "phone", "email", "web"]

    public struct Contact: Sendable, Equatable {
        public var office: String?
        public var address: String?
        public var phone: String?
        public var email: String?
        public var web: String?
    }

    public var agencyName: String
    public var timeZone: AgencyTimeZone
    public var retention: RetentionPolicy
    /// Where the operational data are: a file resolved against the site folder, or the sample.
    public var database: DatabaseLocation
    /// The ledger of published figures; `ledger.sqlite` in the site folder unless configured.
    public var ledger: URL?
    /// The OpenSSH Ed25519 private key that signs each publication's `SHA256SUMS`, and the line
    /// of site.yaml naming it; nil: publications are not signed.
    public var signingKey: URL?
    public var signingKeyLine: Int?
    /// The address the portal is published at, for the sitemap and feed; nil if unknown.
    public var baseURL: String?
    public var contact: Contact
    /// The languages of the explanatory pages, main language first: the main one is the
    /// language of every page (`<html lang>`); pages in the others are translations of
    /// `content/pages/` files, named like `faq.es.md`.
    public var languages: [Language] = [.english]
    /// Languages of `languages` published before their catalog is complete, with English
    /// (marked `lang="en"`) where a message is not yet translated.
    public var publishPartly: [Language] = []
    /// `check` warns when more than this share (in percent) of the last 30 days' searches,
    /// audits aside, had no case number recorded.
    public var caseNumberWarningPercent = SiteConfiguration.defaultCaseNumberWarningPercent
    public static let defaultCaseNumberWarningPercent = 10
    /// `check` warns when more than this share (in percent) of the last 30 days' searches had a blank reason.
    public var blankReasonWarningPercent = SiteConfiguration.defaultBlankReasonWarningPercent
    public static let defaultBlankReasonWarningPercent = 5
    /// The reason rules in force and those turned off.
    public var searchRules = SearchRuleConfiguration()

    /// What the operational database's search-scope view applies: the rules in force and the retention period.
    public var searchScope: SearchScopeSettings {
        SearchScopeSettings(rules: searchRules.reasonRules, retentionDays: retention.days)
    }
    /// Values still as `init` wrote them for the agency to replace, each a note naming its line:
    /// `build` refuses them as it refuses `[[…]]` text, and `check` lists them.
    public var placeholders: [String] = []

    public static func defaults() -> SiteConfiguration {
        SiteConfiguration(
            agencyName: "Sample Police Department",
            timeZone: AgencyTimeZone(identifier: AgencyTimeZone.defaultIdentifier)!,
            retention: RetentionPolicy(), database: .sample, ledger: nil, baseURL: nil, contact: Contact())
    }

    /// How to fix an unknown time zone: the likely intended one, and common ones.
    public static func timeZoneFix(for text: String) -> String {
        let guess = likelyTimeZone(for: text).map { "Did you mean \($0)? " } ?? ""
        return "\(guess)Use an IANA name such as America/Chicago (Minnesota), America/Denver, America/New_York or America/Los_Angeles; `timedatectl list-timezones` lists them all."
    }

    /// A known zone written with other capitals, or named by its city alone ("chicago").
    static func likelyTimeZone(for text: String) -> String? {
        let wanted = text.lowercased().replacingOccurrences(of: " ", with: "_")
        let known = TimeZone.knownTimeZoneIdentifiers.sorted()
        return known.first { $0.lowercased() == wanted }
            ?? known.first { $0.lowercased().hasSuffix("/" + wanted) }
    }

    /// Reads `site.yaml` from `siteDirectory`; defaults when the file is absent.
    public static func load(siteDirectory: URL) throws(GeneratorError) -> SiteConfiguration {
        let url = siteDirectory.appendingPathComponent(fileName)
        var config = defaults()
        guard FileManager.default.fileExists(atPath: url.path) else { return config }
        let text = try SiteFile.text(url, inside: siteDirectory, name: fileName)
        let fields = try YAMLFields.parse(text, file: fileName, lineOffset: 0)
        try fields.rejectUnknownKeys(keys)
        if let name = try fields.optionalText("agency_name") { config.agencyName = name }
        if let zone = try fields.optionalText("time_zone") {
            guard let timeZone = AgencyTimeZone(identifier: zone) else {
                throw .at(fileName, line: fields.line(of: fields.value("time_zone")),
                          "time_zone '\(zone)' is not a time zone this system knows", fix: Self.timeZoneFix(for: zone))
            }
            config.timeZone = timeZone
        }
        if let days = try fields.optionalInteger("retention_days", in: 1...RetentionPolicy.statutoryMaximumDays) {
            config.retention = RetentionPolicy(days: days)
        }
        if let database = try fields.optionalText("database") {
            config.database = try DatabaseLocation.parse(database, relativeTo: siteDirectory)
        }
        if let ledger = try fields.optionalText("ledger") {
            config.ledger = URL(fileURLWithPath: ledger, relativeTo: siteDirectory).standardizedFileURL
        }
        if let key = try fields.optionalText("signing_key") {
            config.signingKey = URL(fileURLWithPath: (key as NSString).expandingTildeInPath, relativeTo: siteDirectory).standardizedFileURL
            config.signingKeyLine = fields.line(of: fields.value("signing_key"))
        }
        config.baseURL = try fields.baseURL(file: fileName, example: "https://alpr.example.gov/") ?? config.baseURL
        config.languages = try fields.languages(file: fileName) ?? config.languages
        config.publishPartly = try fields.publishPartly(of: config.languages, file: fileName)
        if let percent = try fields.optionalInteger("case_number_warning_percent", in: 0...100) {
            config.caseNumberWarningPercent = percent
        }
        if let percent = try fields.optionalInteger("blank_reason_warning_percent", in: 0...100) {
            config.blankReasonWarningPercent = percent
        }
        config.searchRules = try SearchRuleConfiguration.load(fields)
        if let contact = try fields.nested("contact") {
            try contact.rejectUnknownKeys(contactKeys)
            config.contact = Contact(office: try contact.optionalText("office"), address: try contact.optionalText("address"),
                                     phone: try contact.optionalText("phone"), email: try contact.optionalText("email"),
                                     web: try contact.optionalText("web"))
            for key in contactKeys {
                if let value = try contact.optionalText(key), isStarterValue(value) {
                    config.placeholders.append(placeholderNote("contact: \(key)", value, line: contact.line(of: contact.value(key))))
                }
            }
        }
        if config.agencyName == SiteScaffold.placeholderAgency {
            config.placeholders.insert(placeholderNote("agency_name", config.agencyName, line: fields.line(of: fields.value("agency_name"))), at: 0)
        }
        return config
    }

    /// A value the starter `site.yaml` wrote for the agency to replace: any in [[double
    /// brackets]], and the starter's own values without them (a site made by an older `init`).
    static func isStarterValue(_ value: String) -> Bool {
        value.contains("[[") || starterValues.contains(value)
    }

    /// The bracketed values of the starter `site.yaml`, without their brackets.
    private static let starterValues: Set<String> = {
        guard let file = EmbeddedSiteFiles.starter.first(where: { $0.path == fileName }),
              let text = String(data: file.data, encoding: .utf8) else { return [] }
        return Set(text.matches(of: /\[\[([^\]]+)\]\]/).map { String($0.output.1) })
    }()

    private static func placeholderNote(_ key: String, _ value: String, line: Int?) -> String {
        "\(fileName)\(line.map { " line \($0)" } ?? ""): \(key) is still the starter's “\(value)”: write your agency's own, or delete the line."
    }
}
