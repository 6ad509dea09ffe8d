import Foundation

/// The agency's own base map for the locations page, read from `content/map.geojson`: its
/// boundary, water, parks and main roads, drawn into the page's SVG at build time, so the map
/// needs no tile server and the page makes no request to any other site.
///
/// A GeoJSON FeatureCollection (RFC 7946, longitude before latitude, WGS 84). Polygons and
/// MultiPolygons are areas, LineStrings and MultiLineStrings are roads; each feature's
/// `properties.kind` says which kind it is (`Kind`) and an optional `properties.name` labels a road.
public struct BaseLayer: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case boundary, water, park, road, highway

        var isArea: Bool { self == .boundary || self == .water || self == .park }
    }

    public struct Coordinate: Sendable, Equatable {
        public let longitude: Double
        public let latitude: Double
    }

    public struct Shape: Sendable, Equatable {
        public let kind: Kind
        public let name: String?
        /// `properties.fips`, a county's FIPS code where the layer gives one (the index's county map).
        public var code: String? = nil
        /// Rings of an area (the first of each polygon its outline) or the lines of a road.
        public let parts: [[Coordinate]]
    }

    public let shapes: [Shape]

    /// Where the base map lives in a site folder, relative to `content/`.
    public static let fileName = "map.geojson"

    /// Parses `text`, naming `file` and the feature in every error.
    public init(text: String, file: String) throws(GeneratorError) {
        func fail(_ what: String, _ fix: String) -> GeneratorError { .at(file, line: nil, what, fix: fix) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "it is not valid JSON"
            throw fail("is not valid JSON (\(detail))", "Export the map again as GeoJSON, or check it with a JSON validator.")
        }
        guard let collection = object as? [String: Any], collection["type"] as? String == "FeatureCollection",
              let features = collection["features"] as? [Any] else {
            throw fail("is not a GeoJSON FeatureCollection (an object with \"type\": \"FeatureCollection\" and a list of \"features\")",
                       "Export the layers as one GeoJSON FeatureCollection.")
        }
        let kinds = Kind.allCases.map(\.rawValue).joined(separator: ", ")
        var shapes: [Shape] = []
        for (index, item) in features.enumerated() {
            let featureName = "feature \(index + 1)"
            guard let feature = item as? [String: Any], let geometry = feature["geometry"] as? [String: Any],
                  let type = geometry["type"] as? String, let coordinates = geometry["coordinates"] else {
                throw fail("\(featureName) has no geometry with a type and coordinates", "Give every feature a geometry, or remove it.")
            }
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let parts: [[Coordinate]]
            let isArea: Bool
            switch type {
            case "Polygon": (parts, isArea) = (try Self.lines(coordinates, depth: 2, featureName, fail), true)
            case "MultiPolygon": (parts, isArea) = (try Self.lines(coordinates, depth: 3, featureName, fail), true)
            case "LineString": (parts, isArea) = (try Self.lines(coordinates, depth: 1, featureName, fail), false)
            case "MultiLineString": (parts, isArea) = (try Self.lines(coordinates, depth: 2, featureName, fail), false)
            default:
                throw fail("\(featureName) is a \(type); the base map draws areas (Polygon, MultiPolygon) and roads (LineString, MultiLineString)",
                           "Remove the feature; the readers themselves come from the database.")
            }
            let kind: Kind
            if let name = properties["kind"] {
                guard let text = name as? String, let known = Kind(rawValue: text) else {
                    throw fail("\(featureName) has the kind \(name), which is none of \(kinds)", "Set properties.kind to one of \(kinds).")
                }
                guard known.isArea == isArea else {
                    throw fail("\(featureName) is a \(type) but its kind is \(known.rawValue), which is \(known.isArea ? "an area" : "a line")",
                               "Set properties.kind to one of \(Kind.allCases.filter { $0.isArea == isArea }.map(\.rawValue).joined(separator: ", ")).")
                }
                kind = known
            } else {
                kind = isArea ? .boundary : .road
            }
            let label = (properties["name"] as? String).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let code = (properties["fips"] as? String).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            shapes.append(Shape(kind: kind, name: label?.isEmpty == false ? label : nil, code: code?.isEmpty == false ? code : nil, parts: parts))
        }
        self.shapes = shapes
    }

    /// Flattens GeoJSON coordinates nested `depth` lists deep above the positions into lines of positions.
    private static func lines(_ value: Any, depth: Int, _ featureName: String,
                              _ fail: (String, String) -> GeneratorError) throws(GeneratorError) -> [[Coordinate]] {
        guard let list = value as? [Any] else {
            throw fail("\(featureName) has coordinates that are not a list", "Export the map again as GeoJSON.")
        }
        if depth == 1 {
            var line: [Coordinate] = []
            for position in list {
                guard let pair = position as? [Any], pair.count >= 2,
                      let longitude = degrees(pair[0]), let latitude = degrees(pair[1]),
                      (-180...180).contains(longitude), (-90...90).contains(latitude) else {
                    throw fail("\(featureName) has a position that is not [longitude, latitude] in degrees",
                               "GeoJSON positions are [longitude, latitude] in WGS 84 degrees; export the map in EPSG:4326.")
                }
                line.append(Coordinate(longitude: longitude, latitude: latitude))
            }
            return line.count >= 2 ? [line] : []
        }
        var result: [[Coordinate]] = []
        for item in list { result += try lines(item, depth: depth - 1, featureName, fail) }
        return result
    }

    private static func degrees(_ value: Any) -> Double? {
        switch value {
        case let number as Double: number
        case let number as Int: Double(number)
        default: nil
        }
    }

    /// Every coordinate of every shape.
    var coordinates: [Coordinate] { shapes.flatMap { $0.parts.flatMap { $0 } } }
}
