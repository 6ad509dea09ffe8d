/// A period of active use (schema `active_period`): a squad's logged-in shift, or a
/// collection window of a fixed or portable reader.
public struct ActivePeriod: Sendable, Equatable, Identifiable {
    public let id: Int64
    public let readerID: String
    public let startedAt: Instant
    /// Nil while the period is still open; open periods are not published.
    public let endedAt: Instant?

    public init(id: Int64, readerID: String, startedAt: Instant, endedAt: Instant?) {
        self.id = id
        self.readerID = readerID
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}
