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

extension RetentionPolicy {
    /// The first local day all of whose reads are still kept: its start is at or after H.
    public func firstLiveDay(now: Instant, timeZone: AgencyTimeZone) -> LocalDate {
        let horizon = horizon(now: now)
        let day = timeZone.localDate(of: horizon)
        return timeZone.startOfDay(day) >= horizon ? day : day.adding(days: 1)
    }
}
