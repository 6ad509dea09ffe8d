import Foundation
import Testing
import TestSupport
@testable import TransparencyGen

/// The agency's base map (`content/map.geojson`) on the locations page, and a reader whose place
/// is security information: named, with nothing about where it is.
@Suite("Base map and unpublished locations")
struct BaseMapTests {
    let now = "2024-11-20T18:00:00Z"

    func site(map: String?) -> SiteFixture {
        let site = SiteFixture()
        let db = FixtureDatabase(path: site.databasePath)
        db.reader("FX-1", kind: "fixed", label: "Camera North")
        db.reader("FX-2", kind: "fixed", label: "Camera South")
        db.reader("FX-S", kind: "fixed", label: "Camera Secret")
        db.location("FX-1", "Main St at 1st Ave", placedOn: "2024-01-01", latitude: 45.12, longitude: -93.55)
        db.location("FX-2", "Oak Ave at 9th St", placedOn: "2024-01-01", latitude: 45.08, longitude: -93.57)
        db.location("FX-S", "Water tower gate", placedOn: "2024-02-01", direction: "Inbound", latitude: 45.0987, longitude: -93.5432,
                    security: true)
        db.close()
        if let map { site.write("content/map.geojson", map) }
        return site
    }

    static let town = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"kind": "boundary", "name": "City"}, "geometry": {"type": "Polygon",
           "coordinates": [[[-93.60, 45.05], [-93.50, 45.05], [-93.50, 45.15], [-93.60, 45.15], [-93.60, 45.05]]]}},
          {"type": "Feature", "properties": {"kind": "water"}, "geometry": {"type": "MultiPolygon",
           "coordinates": [[[[-93.59, 45.06], [-93.58, 45.06], [-93.58, 45.07], [-93.59, 45.06]]]]}},
          {"type": "Feature", "properties": {"kind": "highway", "name": "St Hwy 55"}, "geometry": {"type": "LineString",
           "coordinates": [[-93.60, 45.10], [-93.55, 45.10], [-93.50, 45.10]]}}
        ]}
        """

    @Test func theMapIsDrawnOverTheAgencysBaseLayerWithReadersNamed() throws {
        let site = site(map: Self.town)
        try site.build(now: now)
        let page = try #require(site.outputText("locations/index.html"))
        for drawn in ["<path class=\"map-boundary\"", "<path class=\"map-water\"", "<path class=\"map-highway\"", ">St Hwy 55</text>",
                      "<text class=\"map-label\"", ">Camera North</text>", ">Camera South</text>"] {
            #expect(page.contains(drawn), "\(drawn)")
        }
        // Still nothing from any other site.
        #expect(!page.contains("https://") || !page.contains("<image"))
        #expect(!page.contains("<img"))
    }

    @Test func aReaderWhosePlaceIsSecurityInformationIsNamedAndNothingMoreIsSaid() throws {
        let site = site(map: Self.town)
        try site.build(now: now)
        let page = try #require(site.outputText("locations/index.html"))
        #expect(page.contains("Camera Secret</a> <span class=\"muted\">Fixed camera</span>: location not published (security information, Minn. Stat. 13.37)"))
        let reader = try #require(site.outputText("log/readers/fx-s/index.html"))
        #expect(reader.contains("Location not published (security information, Minn. Stat. 13.37)."))
        // Not on the map, and neither its place, its direction, its coordinates nor its date anywhere.
        #expect(!page.contains(">Camera Secret</text>"))
        for (path, data) in site.outputFiles() {
            let text = String(decoding: data, as: UTF8.self)
            for secret in ["Water tower", "Inbound", "45.0987", "-93.5432", "2024-02-01", "February 1, 2024"] {
                #expect(!text.contains(secret), "\(path) holds \(secret)")
            }
        }
    }

    @Test func aSiteWithoutABaseLayerStillDrawsItsReaders() throws {
        let site = site(map: nil)
        try site.build(now: now)
        let page = try #require(site.outputText("locations/index.html"))
        #expect(page.contains(">Camera North</text>"))
        #expect(!page.contains("map-boundary"))
    }

    @Test(arguments: [
        ("{\"type\": \"FeatureCollection\", \"features\": [", "is not valid JSON"),
        ("{\"type\": \"Feature\"}", "is not a GeoJSON FeatureCollection"),
        ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [-93.5, 45.1]}}]}",
         "feature 1 is a Point"),
        ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"kind\": \"road\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[-93.5, 45.1], [-93.4, 45.1], [-93.4, 45.2]]]}}]}",
         "feature 1 is a Polygon but its kind is road"),
        ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"kind\": \"river\"}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[-93.5, 45.1], [-93.4, 45.1]]}}]}",
         "feature 1 has the kind river, which is none of boundary, water, park, road, highway"),
        ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[45.1, -93.5], [245.1, -93.4]]}}]}",
         "feature 1 has a position that is not [longitude, latitude] in degrees"),
    ])
    func aBadBaseLayerIsAnErrorNamingTheFileAndFeature(map: String, expected: String) throws {
        let site = site(map: map)
        do {
            try site.build(now: now)
            Issue.record("the build should have failed")
        } catch let error as GeneratorError {
            #expect(error.message.contains("content/map.geojson"), "\(error.message)")
            #expect(error.message.contains(expected), "\(error.message)")
        }
        #expect(site.outputText("locations/index.html") == nil)
    }
}
