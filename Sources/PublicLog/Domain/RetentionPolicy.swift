/// The retention horizon rule: reads older than the retention period may have been
/// destroyed, so a period that started before the horizon is no longer recomputed.
public struct RetentionPolicy: Sendable, Equatable {
    /// The statutory maximum (13.824 subd. 3).
    public static let statutoryMaximumDays = 60

    public let days: Int

    public init(days: Int = RetentionPolicy.statutoryMaximumDays) {
        self.days = days
    }

    /// H = now minus the retention period.
    public func horizon(now: Instant) -> Instant {
        now.adding(seconds: -Int64(days) * 86_400)
    }
}
