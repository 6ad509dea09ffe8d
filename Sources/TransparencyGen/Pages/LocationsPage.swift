import PublicLog

extension SiteRenderer {
    func locationsPage() -> Page {
        let placements = DataFiles.locatedPlacements(portal)
        func row(_ placement: Placement, _ reader: Reader) -> [String: Any] {
            [
                "reader_label": reader.label, "reader_href": readerHref(reader.id, root: "../"),
                "kind": reader.kind.displayName, "partner": reader.operator == .partner,
                "description": placement.description, "direction": placement.direction.orAbsent,
                "placed_on": Format.date(placement.placedOn), "placed_on_iso": placement.placedOn.description,
                "removed_on": placement.removedOn.map(Format.date).orAbsent,
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
        var points: [LocationMap.Point] = []
        var currentRows: [[String: Any]] = []
        for (index, (placement, reader)) in current.enumerated() {
            var fields = row(placement, reader)
            fields["number"] = String(index + 1)
            currentRows.append(fields)
            if let lat = placement.latitude, let lon = placement.longitude {
                points.append(.init(number: index + 1, label: "\(reader.label): \(placement.description)",
                                    latitude: lat, longitude: lon, current: true))
            }
        }
        for (placement, reader) in previous {
            if let lat = placement.latitude, let lon = placement.longitude {
                points.append(.init(number: 0, label: "\(reader.label): \(placement.description)",
                                    latitude: lat, longitude: lon, current: false))
            }
        }
        return Page(path: "locations/index.html", kind: .locations, title: "Camera locations",
                    fields: [
                        "map": points.isEmpty ? absent : LocationMap(points: points).svg,
                        "current": currentRows, "previous": previous.map(row),
                        "has_current": !current.isEmpty, "has_previous": !previous.isEmpty,
                    ])
    }
}
