import Foundation
import PublicLog

/// Everything one build publishes, assembled before anything is rendered.
public struct Portal: Sendable {
    public let configuration: SiteConfiguration
    public let now: Instant
    public let log: [LogEntry]
    public let readers: [Reader]
    /// Public placements only, ordered by `placed_on`, then reader id, then location id.
    public let placements: [Placement]
    public let sources: [ComparisonSource]
    public let content: SiteContent
    /// Reads that fall in no period of active use (not in the log).
    public let unloggedReads: Int
    /// Fixed and portable readers in service today with no placement (public or not) in effect.
    public let readersWithoutPlacement: [Reader]
    /// Searches and hit dispositions by local day (the ledger's merged with the database's).
    public var accountability = AccountabilityCounts()
    /// Days whose hit dispositions are unknown: their reads were destroyed before recording.
    public var unknownDispositionDays: Set<LocalDate> = []
    /// Every publication so far, oldest first, including this build's when it is a new one.
    public var publications: [Publication] = []
    /// Period ids the ledger knows with another reader or other times (a renumbered export).
    public var ledgerMismatches: [Int64] = []
    /// Reads older than the retention period still in the operational database (`check` only).
    public var readsPastRetention: Int?

    public init(configuration: SiteConfiguration, now: Instant, log: [LogEntry], readers: [Reader],
                placements: [Placement], sources: [ComparisonSource], content: SiteContent, unloggedReads: Int,
                readersWithoutPlacement: [Reader] = []) {
        self.configuration = configuration
        self.now = now
        self.log = log
        self.readers = readers
        self.placements = placements.sorted { ($0.placedOn, $0.readerID, $0.locationID) < ($1.placedOn, $1.readerID, $1.locationID) }
        self.sources = sources
        self.content = content
        self.unloggedReads = unloggedReads
        self.readersWithoutPlacement = readersWithoutPlacement
    }

    public var timeZone: AgencyTimeZone { configuration.timeZone }
    public var today: LocalDate { timeZone.localDate(of: now) }

    /// Address segment for each reader's page, unique and safe whatever the reader id holds.
    public var readerSlugs: [String: String] {
        var slugs: [String: String] = [:]
        var taken: Set<String> = []
        for reader in readers.sorted(by: { $0.id < $1.id }) {
            var base = String(reader.id.lowercased().unicodeScalars.map { scalar -> Character in
                ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : "-"
            })
            base = base.split(separator: "-").joined(separator: "-")
            if base.isEmpty { base = "reader" }
            var slug = base
            var n = 2
            while taken.contains(slug) {
                slug = "\(base)-\(n)"
                n += 1
            }
            taken.insert(slug)
            slugs[reader.id] = slug
        }
        return slugs
    }

    public var currentPolicy: PolicyVersion? { PolicyVersion.current(of: content.policies, on: today) }

    public var latestAudit: PublishedAudit? { content.audits.last }

    /// The next biennial audit: two years after the last one was completed.
    public var nextAuditDue: LocalDate? { latestAudit.map { $0.audit.completedOn.adding(years: Audit.intervalYears) } }
}
