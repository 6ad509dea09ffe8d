import Foundation
import PublicLog

/// Everything one build publishes, assembled complete before anything is rendered: the site's
/// configuration and content, the public record read from the operational source and the
/// ledger, and the publications so far.
public struct Portal: Sendable {
    public let configuration: SiteConfiguration
    public let now: Instant
    public let content: SiteContent
    public let record: PublicRecord
    /// Every publication so far, oldest first, including this build's when it is a new one.
    public private(set) var publications: [Publication]
    /// Built from the made-up sample agency: every page says so.
    public let isSample: Bool
    /// The agencies the data may be shared with, by id.
    let sharingAgencies: [String: SharingAgency]
    /// Searches of stored data by local day, with their breakdown (see `SearchFigures`).
    let searchesByDay: [LocalDate: SearchFigures]
    /// Every search recorded, added up (the agencies' counts of `sharing-agencies.csv`).
    let searchesAllTime: SearchFigures
    /// The last local day every published figure counts: the day before the build, the last
    /// whole one. Periods that started, searches made and hits of reads on the build's own day
    /// are published by the next build, so that every total and its parts count the same days.
    public let asOf: LocalDate
    /// The public log as of `asOf` (the record's, for the ledger, also holds the build's own day).
    public let log: [LogEntry]
    /// Searches and hit dispositions as of `asOf`.
    public let accountability: AccountabilityCounts
    /// Days up to `asOf` whose hit dispositions are unknown.
    public let unknownDispositionDays: Set<LocalDate>

    public init(configuration: SiteConfiguration, now: Instant, content: SiteContent, record: PublicRecord,
                publications: [Publication] = [], isSample: Bool = false) {
        self.configuration = configuration
        self.now = now
        self.content = content
        self.record = record
        self.publications = publications
        self.isSample = isSample
        sharingAgencies = Dictionary(record.sharingAgencies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let asOf = configuration.timeZone.localDate(of: now).adding(days: -1)
        self.asOf = asOf
        log = record.log.allSatisfy { $0.startDate <= asOf } ? record.log : record.log.filter { $0.startDate <= asOf }
        accountability = record.accountability.through(asOf)
        unknownDispositionDays = record.unknownDispositionDays.filter { $0 <= asOf }
        searchesByDay = SearchFigures.byDay(accountability, agencies: sharingAgencies)
        searchesAllTime = searchesByDay.values.reduce(into: SearchFigures()) { $0 += $1 }
    }

    /// The same portal with `publications` (known once the data files' figures are digested).
    public func with(publications: [Publication]) -> Portal {
        var portal = self
        portal.publications = publications
        return portal
    }

    public var readers: [Reader] { record.readers }
    public var placements: [Placement] { record.placements }
    public var sources: [ComparisonSource] { record.sources }
    public var unloggedReads: Int { record.unloggedReads }
    public var readersWithoutPlacement: [Reader] { record.readersWithoutPlacement }
    public var readersWithUnpublishedLocation: [Reader] { record.readersWithUnpublishedLocation }
    public var ledgerMismatches: [Int64] { record.ledgerMismatches }
    public var readsPastRetention: Int? { record.readsPastRetention }

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
