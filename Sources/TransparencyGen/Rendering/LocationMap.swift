import Foundation

/// A map of public reader locations as inline SVG over the agency's own base layer: no tile
/// server, no request anywhere. North is up; longitude is scaled by the cosine of the middle
/// latitude so distances look right at Minnesota's latitudes. Current places are labelled with
/// their reader's name, placed where it overlaps no other label or marker when there is room.
struct LocationMap {
    struct Point: Equatable {
        /// The reader's public name, written beside a current place.
        let label: String
        /// What its tooltip says: the name and the place.
        let title: String
        let latitude: Double
        let longitude: Double
        let current: Bool
    }

    struct Box: Equatable {
        var x, y, width, height: Double

        /// The box grown by `margin` on every side.
        func inflated(_ margin: Double) -> Box { Box(x: x - margin, y: y - margin, width: width + 2 * margin, height: height + 2 * margin) }

        func overlap(_ other: Box) -> Double {
            max(0, min(x + width, other.x + other.width) - max(x, other.x))
                * max(0, min(y + height, other.y + other.height) - max(y, other.y))
        }
    }

    struct Label: Equatable {
        let text: String
        let x, y: Double
        let anchor: String
        let box: Box
    }

    let points: [Point]
    var base: BaseLayer?

    static let width = 640.0
    static let padding = 24.0
    /// Labels are placed for the phone size of the stylesheet's `.map-label`, the larger in the
    /// SVG's units (26 units is 13 px on a 320 px wide map); on wider screens they are smaller and have more room.
    static let labelSize = 26.0
    static let markerRadius = 9.0

    /// Map height: the shape of the area drawn, between a wide and a tall limit.
    let height: Double
    private let project: @Sendable (Double, Double) -> (x: Double, y: Double)

    /// The map's words, in the page's language.
    struct Words: Sendable {
        /// Its accessible name.
        let title: String
        /// What it shows, for a screen reader.
        let description: String
        /// The letter of the north arrow.
        let north: String
        /// A current and a previous place's tooltip, from the place's own.
        let current: @Sendable (String) -> String
        let previous: @Sendable (String) -> String
    }

    let words: Words

    init(points: [Point], base: BaseLayer? = nil, words: Words) {
        self.words = words
        self.points = points
        self.base = base
        let coordinates = points.map { (longitude: $0.longitude, latitude: $0.latitude) }
            + (base?.coordinates.map { (longitude: $0.longitude, latitude: $0.latitude) } ?? [])
        let lats = coordinates.map(\.latitude), lons = coordinates.map(\.longitude)
        let (minLat, maxLat) = (lats.min() ?? 0, lats.max() ?? 0)
        let (minLon, maxLon) = (lons.min() ?? 0, lons.max() ?? 0)
        let shrink = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max((maxLon - minLon) * shrink, 1e-6), spanY = max(maxLat - minLat, 1e-6)
        let inner = Self.width - 2 * Self.padding
        let height = min(max(inner * spanY / spanX + 2 * Self.padding, 320), 720)
        let scale = min(inner / spanX, (height - 2 * Self.padding) / spanY)
        let offsetX = (Self.width - spanX * scale) / 2, offsetY = (height - spanY * scale) / 2
        self.height = height
        self.project = { longitude, latitude in
            (offsetX + (longitude - minLon) * shrink * scale, offsetY + (maxLat - latitude) * scale)
        }
    }

    /// Each point's position in the SVG, in the order given.
    var positions: [(x: Double, y: Double)] { points.map { project($0.longitude, $0.latitude) } }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A rough box for `text` at `size`: wide enough for the average letter of a wide bold font (DejaVu Sans Bold is about 0.65 em).
    static func textBox(_ text: String, x: Double, y: Double, anchor: String, size: Double) -> Box {
        let width = Double(text.count) * size * 0.66
        let left = anchor == "end" ? x - width : anchor == "middle" ? x - width / 2 : x
        return Box(x: left, y: y - size * 0.8, width: width, height: size)
    }

    /// Labels for the current points, in the order given: right of the marker, else left, above
    /// or below, whichever overlaps least what is already drawn and stays inside the map.
    var labels: [Label] {
        let gap = Self.markerRadius + 5
        var taken = zip(points, positions).map { point, position in
            let r = point.current ? Self.markerRadius : Self.markerRadius * 0.6
            return Box(x: position.x - r, y: position.y - r, width: 2 * r, height: 2 * r)
        } + roadLabels.map(\.box)
        let frame = Box(x: 0, y: 0, width: Self.width, height: height)
        var result: [Label] = []
        for (point, position) in zip(points, positions) where point.current {
            let baseline = position.y + Self.labelSize * 0.3
            let candidates = [
                (position.x + gap, baseline, "start"), (position.x - gap, baseline, "end"),
                (position.x, position.y - gap - 2, "middle"), (position.x, position.y + gap + Self.labelSize * 0.8, "middle"),
            ].map { x, y, anchor in
                Label(text: point.label, x: x, y: y, anchor: anchor,
                      box: Self.textBox(point.label, x: x, y: y, anchor: anchor, size: Self.labelSize))
            }
            func cost(_ label: Label) -> Double {
                let box = label.box
                let inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= frame.width && box.y + box.height <= frame.height
                let outside = inside ? 0 : box.width * box.height - box.overlap(frame)
                // A little air around each label, so that two never touch.
                return taken.reduce(outside * 4) { $0 + $1.overlap(label.box.inflated(4)) }
            }
            let best = candidates.enumerated().min { (cost($0.element), $0.offset) < (cost($1.element), $1.offset) }?.element ?? candidates[0]
            taken.append(best.box)
            result.append(best)
        }
        return result
    }

    /// Names of roads, at the middle point of each named road's longest line.
    var roadLabels: [Label] {
        (base?.shapes ?? []).filter { !$0.kind.isArea }.compactMap { shape in
            guard let name = shape.name, let line = shape.parts.max(by: { $0.count < $1.count }) else { return nil }
            let middle = line[line.count / 2]
            let (x, y) = project(middle.longitude, middle.latitude)
            return Label(text: name, x: x, y: y - 4, anchor: "middle",
                         box: Self.textBox(name, x: x, y: y - 4, anchor: "middle", size: Self.labelSize))
        }
    }

    private func path(_ line: [BaseLayer.Coordinate], closed: Bool) -> String {
        line.enumerated().map { index, coordinate in
            let (x, y) = project(coordinate.longitude, coordinate.latitude)
            return "\(index == 0 ? "M" : "L")\(Self.number(x)) \(Self.number(y))"
        }.joined() + (closed ? "Z" : "")
    }

    /// A label drawn twice, a white outline under the letters, so it reads over roads and areas
    /// (CSS `paint-order` would do it in one, but is not yet in the standards the validator knows).
    private static func haloed(_ kind: String, _ label: Label) -> String {
        let position = "x=\"\(number(label.x))\" y=\"\(number(label.y))\" text-anchor=\"\(label.anchor)\""
        let text = XMLText.escape(label.text)
        return "<text class=\"\(kind) map-halo\" \(position)>\(text)</text><text class=\"\(kind)\" \(position)>\(text)</text>"
    }

    var svg: String {
        var out = """
            <svg class="map" viewBox="0 0 \(Int(Self.width)) \(Int(height))" role="img" aria-labelledby="map-title map-desc" \
            xmlns="http://www.w3.org/2000/svg"><title id="map-title">\(XMLText.escape(words.title))</title>\
            <desc id="map-desc">\(XMLText.escape(words.description))</desc>\
            <rect class="map-ground" x="0" y="0" width="\(Int(Self.width))" height="\(Int(height))"/>
            """
        // Areas under roads, roads under markers; each kind in the order of `Kind`.
        for kind in BaseLayer.Kind.allCases {
            for shape in base?.shapes ?? [] where shape.kind == kind {
                out += "<path class=\"map-\(kind.rawValue)\" d=\"\(shape.parts.map { path($0, closed: kind.isArea) }.joined())\"/>"
            }
        }
        for label in roadLabels {
            out += Self.haloed("map-road-label", label)
        }
        out += "<text class=\"map-north\" x=\"\(Int(Self.width) - 20)\" y=\"26\" text-anchor=\"middle\">\(XMLText.escape(words.north)) ↑</text>"
        let positions = positions
        // Previous places first, so current markers are drawn on top.
        for (point, (x, y)) in zip(points, positions) where !point.current {
            out += "<g class=\"marker previous\"><circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(Self.markerRadius * 0.6))\"/><title>\(XMLText.escape(words.previous(point.title)))</title></g>"
        }
        for (point, (x, y)) in zip(points, positions) where point.current {
            out += "<g class=\"marker current\"><circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(Self.markerRadius))\"/><title>\(XMLText.escape(words.current(point.title)))</title></g>"
        }
        for label in labels {
            out += Self.haloed("map-label", label)
        }
        return out + "</svg>"
    }
}
