import Testing
@testable import TransparencyGen

@Suite("Location map")
struct LocationMapTests {
    static let words = LocationMap.Words(title: "Map of reader locations", description: "Readers", north: "N",
                                         current: { "\($0) (current)" }, previous: { "\($0) (previous)" })
    let map = LocationMap(points: [
        .init(label: "West", title: "West: Main St", latitude: 45.10, longitude: -93.60, current: true),
        .init(label: "East", title: "East: Oak Ave", latitude: 45.10, longitude: -93.50, current: true),
        .init(label: "North", title: "North <b>", latitude: 45.15, longitude: -93.55, current: false),
    ], words: Self.words)

    @Test func northIsUpEastIsRightAndEverythingFits() {
        let p = map.positions
        #expect(p[1].x > p[0].x)                   // east of
        #expect(abs(p[1].y - p[0].y) < 0.001)      // same latitude, same height
        #expect(p[2].y < p[0].y)                   // north is up
        for position in p {
            #expect(position.x >= LocationMap.padding - 0.001 && position.x <= LocationMap.width - LocationMap.padding + 0.001)
            #expect(position.y >= LocationMap.padding - 0.001 && position.y <= map.height - LocationMap.padding + 0.001)
        }
    }

    @Test func longitudeIsScaledByLatitude() {
        // 0.1° of longitude at 45.1° N is cos(45.1°) ≈ 0.7059 of 0.1° of latitude.
        let square = LocationMap(points: [
            .init(label: "a", title: "a", latitude: 45.1, longitude: -93.6, current: true),
            .init(label: "b", title: "b", latitude: 45.1, longitude: -93.5, current: true),
            .init(label: "c", title: "c", latitude: 45.2, longitude: -93.6, current: true),
        ], words: Self.words).positions
        let dx = square[1].x - square[0].x
        let dy = square[0].y - square[2].y
        #expect(abs(dx / dy - 0.7059) < 0.002)
    }

    @Test func currentPlacesAreLabelledWithTheirReadersNamesAndPreviousOnesAreHollow() {
        let svg = map.svg
        #expect(svg.contains("<text class=\"map-label\"") && svg.contains(">West</text>") && svg.contains(">East</text>"))
        // The previous place has no label, only its tooltip; markers differ by shape and size, not colour alone.
        #expect(!svg.contains(">North</text>"))
        #expect(svg.contains("North &lt;b&gt; (previous)"))
        #expect(svg.contains("class=\"marker previous\"") && svg.contains("class=\"marker current\""))
        #expect(svg.contains("role=\"img\""))
    }

    @Test func labelsCrowdedTogetherMoveApart() {
        // Three readers in a row in the middle of the town, about 40 units apart: a label right of
        // each of the first two (about 107 units long) would run over the next marker.
        let crowded = LocationMap(points: (0..<3).map {
            .init(label: "Camera \($0 + 1)", title: "", latitude: 45.1, longitude: -93.6 + Double($0) * 0.02, current: true)
        } + [.init(label: "", title: "", latitude: 45.3, longitude: -93.3, current: false),
             .init(label: "", title: "", latitude: 44.9, longitude: -93.9, current: false)], words: Self.words)
        let labels = crowded.labels
        #expect(labels.count == 3)
        for (index, label) in labels.enumerated() {
            for other in labels[(index + 1)...] { #expect(label.box.overlap(other.box) == 0, "\(label.text) / \(other.text)") }
            // Nor does a label cover any marker.
            for (point, position) in zip(crowded.points, crowded.positions) where point.current {
                let marker = LocationMap.Box(x: position.x - LocationMap.markerRadius, y: position.y - LocationMap.markerRadius,
                                             width: 2 * LocationMap.markerRadius, height: 2 * LocationMap.markerRadius)
                #expect(label.box.overlap(marker) == 0, "\(label.text)")
            }
        }
    }

    @Test func theBaseLayerIsDrawnUnderTheMarkersAndFramesTheMap() throws {
        let base = try BaseLayer(text: """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"kind": "boundary"}, "geometry": {"type": "Polygon",
               "coordinates": [[[-93.7, 45.0], [-93.4, 45.0], [-93.4, 45.2], [-93.7, 45.2], [-93.7, 45.0]]]}},
              {"type": "Feature", "properties": {"name": "Main St"}, "geometry": {"type": "LineString",
               "coordinates": [[-93.7, 45.1], [-93.55, 45.1], [-93.4, 45.1]]}}
            ]}
            """, file: "content/map.geojson")
        #expect(base.shapes.map(\.kind) == [.boundary, .road])
        let framed = LocationMap(points: map.points, base: base, words: Self.words)
        let svg = framed.svg
        let boundary = try #require(svg.range(of: "<path class=\"map-boundary\""))
        let road = try #require(svg.range(of: "<path class=\"map-road\""))
        let marker = try #require(svg.range(of: "<g class=\"marker"))
        #expect(boundary.lowerBound < road.lowerBound && road.lowerBound < marker.lowerBound)
        #expect(svg.contains(">Main St</text>"))
        // The boundary, wider than the readers, sets the frame: its corners sit at the padding.
        let corners = LocationMap(points: [
            .init(label: "", title: "", latitude: 45.0, longitude: -93.7, current: true),
            .init(label: "", title: "", latitude: 45.2, longitude: -93.4, current: true),
        ] + map.points, base: base, words: Self.words).positions
        #expect(corners[0].x < framed.positions[0].x && corners[1].x > framed.positions[1].x)
        for (a, b) in zip(corners.dropFirst(2), framed.positions) {
            #expect(abs(a.x - b.x) < 0.001 && abs(a.y - b.y) < 0.001)
        }
    }
}
