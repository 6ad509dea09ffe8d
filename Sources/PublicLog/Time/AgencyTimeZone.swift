import Foundation

/// The agency's local time zone (IANA name, `America/Chicago` by default), used to turn
/// instants into local dates and ISO 8601 local times with the offset then in force.
public struct AgencyTimeZone: Sendable, Equatable {
    public static let defaultIdentifier = "America/Chicago"

    public let identifier: String
    private let zone: TimeZone

    /// Nil when the system's time zone database does not know `identifier`.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    /// Offset from UTC in seconds at `instant`.
    public func offset(at instant: Instant) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.secondsSinceEpoch)))
    }

    public func localDate(of instant: Instant) -> LocalDate {
        let local = instant.secondsSinceEpoch + Int64(offset(at: instant))
        return LocalDate(dayNumber: Int((local >= 0 ? local : local - 86_399) / 86_400))
    }

    /// `2024-11-03T01:30:00-06:00`: local wall time with the offset in force at that instant.
    public func localTimestamp(_ instant: Instant) -> String {
        Self.localTimestamp(instant, offset: offset(at: instant))
    }

    /// `instant` as local wall time with `offset` (seconds east of UTC) written after it.
    public static func localTimestamp(_ instant: Instant, offset: Int) -> String {
        var text = FixedWidthText(capacity: 25)
        instant.adding(seconds: Int64(offset)).writeWallTime(into: &text)
        text.character(offset < 0 ? "-" : "+")
        let minutes = abs(offset) / 60
        text.number(minutes / 60, width: 2)
        text.character(":")
        text.number(minutes % 60, width: 2)
        return text.text
    }

    /// `HH:MM` local wall time, for tables.
    public func localClock(_ instant: Instant) -> String {
        var text = FixedWidthText(capacity: 5)
        text.clock(instant.adding(seconds: Int64(offset(at: instant))).secondOfDay, seconds: false)
        return text.text
    }

    /// The first instant of `date` in this zone (local midnight, or the first valid time after it).
    public func startOfDay(_ date: LocalDate) -> Instant {
        let guess = Int64(date.dayNumber) * 86_400
        // The offset may differ either side of a transition; two refinements settle it.
        var instant = Instant(secondsSinceEpoch: guess - Int64(offset(at: Instant(secondsSinceEpoch: guess))))
        instant = Instant(secondsSinceEpoch: guess - Int64(offset(at: instant)))
        return localDate(of: instant) < date ? instant.adding(seconds: 3600) : instant
    }

    public static func == (a: AgencyTimeZone, b: AgencyTimeZone) -> Bool { a.identifier == b.identifier }
}
