import PublicLog

extension SiteRenderer {
    func locationsPage() -> Page {
        let placements = DataFiles.locatedPlacements(portal)
        func row(_ placement: Placement, _ reader: Reader) -> [String: Any] {
            [
                "reader_label": reader.label, "reader_href": readerHref(reader.id, root: "../"),
                "kind": messages(.readerKind(reader.kind)), "partner": reader.operator == .partner,
                "description": placement.description, "direction": placement.direction.orAbsent,
                "placed_on": format.date(placement.placedOn), "placed_on_iso": placement.placedOn.description,
                "removed_on": placement.removedOn.map(format.date).orAbsent,
                "removed_on_iso": (placement.removedOn?.description).orAbsent,
                "coordinates": placement.latitude.flatMap { lat in
                    placement.longitude.map { "\(DataFiles.coordinate(lat)), \(DataFiles.coordinate($0))" }
                }.orAbsent,
            ]
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
        let unpublished = portal.readersWithUnpublishedLocation.sorted { ($0.label, $0.id) < ($1.label, $1.id) }.map { reader -> [String: Any] in
            ["reader_label": reader.label, "reader_href": readerHref(reader.id, root: "../"), "kind": messages(.readerKind(reader.kind))]
        }
        return Page(path: "locations/index.html", kind: .locations, title: messages(.locationsTitle),
                    fields: [
                        "map": points.isEmpty ? absent : LocationMap(points: points, base: portal.content.baseLayer, words: mapWords(points)).svg,
                        "has_base_layer": portal.content.baseLayer != nil,
                        "current": current.map(row), "previous": previous.map(row),
                        "unpublished": unpublished, "has_unpublished": !unpublished.isEmpty,
                        "has_current": !current.isEmpty, "has_previous": !previous.isEmpty,
                        // The hollow circles, named under the map: a phone cannot show an SVG title.
                        "map_previous": points.filter { !$0.current }.map(\.title),
                        "has_map_previous": points.contains { !$0.current },
                    ])
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
