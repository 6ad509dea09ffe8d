/// The points of publishing, in order, at which `PublishingHooks` is called.
enum PublishingStep: String, CaseIterable, Sendable {
    /// Every file of the new site is in the staging folder; the ledger is not committed.
    case siteStaged
    /// The ledger's transaction holds everything and is about to commit.
    case ledgerCommitting
    /// The ledger is committed (the publication happened); the old site is still in place.
    case ledgerCommitted
    /// The new site is in place; the old one is about to be removed.
    case removingOldSite
    /// The new site is in place and the old one removed; the ledger's pending mark is not cleared.
    case siteSwapped
}

/// Called as publishing reaches each `PublishingStep`; tests stop the build there as a
/// crash or a full disk would.
struct PublishingHooks: Sendable {
    let reached: @Sendable (PublishingStep) throws -> Void

    static let none = PublishingHooks { _ in }
}
