import PublicLog

extension SiteRenderer {
    struct PlacementLine: PageData {
        let readerLabel: String
        let readerHref: String
        let kind: String
        let partner: Bool
        let description: String
        let direction: String?
        let placedOn: String
        let placedOnIso: String
        let removedOn: String?
        let removedOnIso: String?
        let coordinates: String?
    }

    struct UnpublishedReader: PageData {
        let readerLabel: String
        let readerHref: String
        let kind: String
    }

    struct LocationsPageData: PageData {
        let map: String?
        let hasBaseLayer: Bool
        let current: [PlacementLine]
        let previous: [PlacementLine]
        let unpublished: [UnpublishedReader]
        let hasUnpublished: Bool
        let hasCurrent: Bool
        let hasPrevious: Bool
        /// The hollow circles, named under the map: a phone cannot show an SVG title.
        let mapPrevious: [String]
        let hasMapPrevious: Bool
    }

    func locationsPage() -> Page {
        let placements = DataFiles.locatedPlacements(portal)
        func row(_ placement: Placement, _ reader: Reader) -> PlacementLine {
            PlacementLine(
                readerLabel: reader.label, readerHref: readerHref(reader.id, root: "../"), kind: messages(.readerKind(reader.kind)),
                partner: reader.operator == .partner, description: placement.description, direction: placement.direction,
                placedOn: format.date(placement.placedOn), placedOnIso: placement.placedOn.description,
                removedOn: placement.removedOn.map(format.date), removedOnIso: placement.removedOn?.description,
                coordinates: placement.latitude.flatMap { lat in
                    placement.longitude.map { "\(DataFiles.coordinate(lat)), \(DataFiles.coordinate($0))" }
                })
        }
        // Current places by reader; previous ones most recent first.
        let current = placements.filter { $0.0.isCurrent }.sorted { ($0.1.label, $0.1.id) < ($1.1.label, $1.1.id) }
        let previous = placements.filter { !$0.0.isCurrent }.sorted {
            ($1.0.removedOn ?? $1.0.placedOn, $0.1.id) < ($0.0.removedOn ?? $0.0.placedOn, $1.1.id)
        }
        let points = (current + previous).compactMap { placement, reader -> LocationMap.Point? in
            guard let latitude = placement.latitude, let longitude = placement.longitude else { return nil }
            return LocationMap.Point(label: reader.label, title: "\(reader.label): \(placement.description)",
                                     latitude: latitude, longitude: longitude, current: placement.isCurrent)
        }
        let unpublished = portal.readersWithUnpublishedLocation.sorted { ($0.label, $0.id) < ($1.label, $1.id) }.map { reader in
            UnpublishedReader(readerLabel: reader.label, readerHref: readerHref(reader.id, root: "../"), kind: messages(.readerKind(reader.kind)))
        }
        return Page(path: "locations/index.html", kind: .locations, title: messages(.locationsTitle), data: LocationsPageData(
            map: points.isEmpty ? nil : LocationMap(points: points, base: portal.content.baseLayer, words: mapWords(points)).svg,
            hasBaseLayer: portal.content.baseLayer != nil, current: current.map(row), previous: previous.map(row),
            unpublished: unpublished, hasUnpublished: !unpublished.isEmpty, hasCurrent: !current.isEmpty, hasPrevious: !previous.isEmpty,
            mapPrevious: points.filter { !$0.current }.map(\.title), hasMapPrevious: points.contains { !$0.current }))
    }

    /// The map's words: its name, what it shows, the north arrow, a previous place's tooltip.
    private func mapWords(_ points: [LocationMap.Point]) -> LocationMap.Words {
        let current = points.filter(\.current).count
        let values = ["current": format.number(current), "previous": format.number(points.count - current)]
        let messages = messages
        return LocationMap.Words(
            title: messages(.locationsMapTitle),
            description: messages(portal.content.baseLayer == nil ? .mapDescription : .mapDescriptionBase, values),
            north: messages(.mapNorth), current: { messages(.mapCurrent, ["place": $0]) },
            previous: { messages(.mapPrevious, ["place": $0]) })
    }
}
