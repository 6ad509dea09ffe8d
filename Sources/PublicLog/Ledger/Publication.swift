/// One publication of the portal: a build whose inputs differed from the previous one.
public struct Publication: Sendable, Equatable {
    public let number: Int
    public let publishedAt: Instant
    /// SHA-256 over the site's configuration, content and templates.
    public let contentDigest: String
    /// SHA-256 over the public figures read from the operational database.
    public let figuresDigest: String
    /// Periods of the public log seen for the first time.
    public let periodsAdded: Int
    /// Periods whose figures changed since they were last published (late uploads).
    public let periodsRevised: Int
    /// What changed (new audits, policy versions, months), as facts the site words in each
    /// language; publications recorded before ledger version 5 hold English sentences.
    public let changes: [PublicationChange]
    /// Audits and policy versions this publication carried, to tell what the next one adds.
    public let auditIDs: [String]
    public let policyIDs: [String]
    /// The agencies the export listed as sharing the data (`sharing_agency`), to tell which
    /// the next publication adds or removes; nil for a publication recorded before ledger
    /// version 7, which did not keep the list.
    public let sharingAgencies: [ListedAgency]?
    /// What its files were made as and the digest of its `SHA256SUMS`; nil for a publication
    /// recorded before ledger version 9, whose `SHA256SUMS` the ledger does not know.
    public var publishedAs: PublishedAs?

    /// An agency as a publication listed it: its id in the export, and its public name.
    public struct ListedAgency: Sendable, Equatable, Hashable {
        public let id: String
        public let name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public init(number: Int, publishedAt: Instant, contentDigest: String, figuresDigest: String,
                periodsAdded: Int, periodsRevised: Int, changes: [PublicationChange], auditIDs: [String], policyIDs: [String],
                sharingAgencies: [ListedAgency]?) {
        self.number = number
        self.publishedAt = publishedAt
        self.contentDigest = contentDigest
        self.figuresDigest = figuresDigest
        self.periodsAdded = periodsAdded
        self.periodsRevised = periodsRevised
        self.changes = changes
        self.auditIDs = auditIDs
        self.policyIDs = policyIDs
        self.sharingAgencies = sharingAgencies
    }

    /// True when both digests match: the same inputs, so not a new publication.
    public func hasSameInputs(contentDigest: String, figuresDigest: String) -> Bool {
        self.contentDigest == contentDigest && self.figuresDigest == figuresDigest
    }
}
