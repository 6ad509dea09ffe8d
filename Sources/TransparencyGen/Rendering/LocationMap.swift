import Foundation

/// A plot of public reader locations as inline SVG: no tile server, no request anywhere.
/// North is up; longitude is scaled by the cosine of the middle latitude so distances look
/// right at Minnesota's latitudes. Markers carry numbers that match the table beside it.
struct LocationMap {
    struct Point: Equatable {
        let number: Int
        let label: String
        let latitude: Double
        let longitude: Double
        let current: Bool
    }

    let points: [Point]
    static let width = 640.0
    static let height = 420.0
    static let padding = 28.0

    /// Each point's position in the SVG, in the order given.
    var positions: [(x: Double, y: Double)] {
        guard !points.isEmpty else { return [] }
        let lats = points.map(\.latitude)
        let midLat = ((lats.min()! + lats.max()!) / 2) * .pi / 180
        let xs = points.map { $0.longitude * cos(midLat) }
        let (minX, maxX) = (xs.min()!, xs.max()!)
        let (minY, maxY) = (lats.min()!, lats.max()!)
        let spanX = max(maxX - minX, 1e-6), spanY = max(maxY - minY, 1e-6)
        let scale = min((Self.width - 2 * Self.padding) / spanX, (Self.height - 2 * Self.padding) / spanY)
        let offsetX = (Self.width - spanX * scale) / 2, offsetY = (Self.height - spanY * scale) / 2
        return zip(points, xs).map { point, x in
            (offsetX + (x - minX) * scale, offsetY + (maxY - point.latitude) * scale)
        }
    }

    var svg: String {
        let current = points.filter(\.current).count
        var out = """
            <svg class="map" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" role="img" aria-labelledby="map-title map-desc" \
            xmlns="http://www.w3.org/2000/svg"><title id="map-title">Map of reader locations</title>\
            <desc id="map-desc">\(current) current locations (filled numbered circles) and \(points.count - current) previous \
            locations (hollow circles), placed by their coordinates with north up. The tables list every location by number.</desc>\
            <rect class="map-ground" x="0" y="0" width="\(Int(Self.width))" height="\(Int(Self.height))"/>\
            <text class="map-north" x="\(Int(Self.width) - 20)" y="22" text-anchor="middle">N ↑</text>
            """
        // Previous places first, so current markers are drawn on top.
        let order = points.indices.sorted { (points[$0].current ? 1 : 0, points[$0].number) < (points[$1].current ? 1 : 0, points[$1].number) }
        let positions = positions
        for index in order {
            let point = points[index], (x, y) = positions[index]
            let cx = String(format: "%.1f", x), cy = String(format: "%.1f", y)
            if point.current {
                out += "<g class=\"marker current\"><circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"11\"/><text x=\"\(cx)\" y=\"\(String(format: "%.1f", y + 4.5))\" text-anchor=\"middle\">\(point.number)</text><title>\(point.number). \(XMLText.escape(point.label)) (current)</title></g>"
            } else {
                out += "<g class=\"marker previous\"><circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"6\"/><title>\(XMLText.escape(point.label)) (previous)</title></g>"
            }
        }
        return out + "</svg>"
    }
}
