/// Where a fixed or portable reader stood, and when (schema `reader_location`).
///
/// Only public placements exist as values of this type: a placement classified as
/// security information is never read beyond the fact that it exists and when.
public struct Placement: Sendable, Equatable {
    public let locationID: Int64
    public let readerID: String
    public let description: String
    public let direction: String?
    public let latitude: Double?
    public let longitude: Double?
    public let placedOn: LocalDate
    /// Last local date at this place; nil while still there.
    public let removedOn: LocalDate?

    public init(locationID: Int64, readerID: String, description: String, direction: String?,
                latitude: Double?, longitude: Double?, placedOn: LocalDate, removedOn: LocalDate?) {
        self.locationID = locationID
        self.readerID = readerID
        self.description = description
        self.direction = direction
        self.latitude = latitude
        self.longitude = longitude
        self.placedOn = placedOn
        self.removedOn = removedOn
    }

    public var isCurrent: Bool { removedOn == nil }

    public func isInEffect(on date: LocalDate) -> Bool {
        placedOn <= date && (removedOn.map { date <= $0 } ?? true)
    }
}

/// A placement as the location rule sees it: public ones carry their `Placement`,
/// security-information ones carry only their dates.
public struct PlacementSpan: Sendable, Equatable {
    public let locationID: Int64
    public let readerID: String
    public let placedOn: LocalDate
    public let removedOn: LocalDate?
    /// Nil when the placement is security information.
    public let placement: Placement?

    public init(locationID: Int64, readerID: String, placedOn: LocalDate, removedOn: LocalDate?, placement: Placement?) {
        self.locationID = locationID
        self.readerID = readerID
        self.placedOn = placedOn
        self.removedOn = removedOn
        self.placement = placement
    }

    public func isInEffect(on date: LocalDate) -> Bool {
        placedOn <= date && (removedOn.map { date <= $0 } ?? true)
    }
}
