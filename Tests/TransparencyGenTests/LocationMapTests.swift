import Testing
@testable import TransparencyGen

@Suite("Location map")
struct LocationMapTests {
    let map = LocationMap(points: [
        .init(number: 1, label: "West", latitude: 45.10, longitude: -93.60, current: true),
        .init(number: 2, label: "East", latitude: 45.10, longitude: -93.50, current: true),
        .init(number: 3, label: "North <b>", latitude: 45.15, longitude: -93.55, current: false),
    ])

    @Test func northIsUpEastIsRightAndEverythingFits() {
        let p = map.positions
        #expect(p[1].x > p[0].x)                   // east of
        #expect(abs(p[1].y - p[0].y) < 0.001)      // same latitude, same height
        #expect(p[2].y < p[0].y)                   // north is up
        for position in p {
            #expect(position.x >= LocationMap.padding - 0.001 && position.x <= LocationMap.width - LocationMap.padding + 0.001)
            #expect(position.y >= LocationMap.padding - 0.001 && position.y <= LocationMap.height - LocationMap.padding + 0.001)
        }
    }

    @Test func longitudeIsScaledByLatitude() {
        // 0.1° of longitude at 45.1° N is cos(45.1°) ≈ 0.7059 of 0.1° of latitude.
        let square = LocationMap(points: [
            .init(number: 1, label: "a", latitude: 45.1, longitude: -93.6, current: true),
            .init(number: 2, label: "b", latitude: 45.1, longitude: -93.5, current: true),
            .init(number: 3, label: "c", latitude: 45.2, longitude: -93.6, current: true),
        ]).positions
        let dx = square[1].x - square[0].x
        let dy = square[0].y - square[2].y
        #expect(abs(dx / dy - 0.7059) < 0.002)
    }

    @Test func markersAreDistinguishedByShapeAndTextNotColourAlone() {
        let svg = map.svg
        #expect(svg.contains("r=\"11\"") && svg.contains("r=\"6\""))
        #expect(svg.contains(">1</text>") && svg.contains(">2</text>"))
        #expect(svg.contains("North &lt;b&gt; (previous)"))
        #expect(svg.contains("role=\"img\""))
    }
}
