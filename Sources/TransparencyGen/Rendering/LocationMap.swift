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

    /// A rough box for `text` at `size`: wide enough for the average letter of a wide bold font
    /// (DejaVu Sans Bold is about 0.65 em), and as tall as a browser's box of the line (ascent
    /// about 0.93 em above the baseline, descent 0.24 below).
    static func textBox(_ text: String, x: Double, y: Double, anchor: String, size: Double) -> Box {
        let width = Double(text.count) * size * 0.66
        let left = anchor == "end" ? x - width : anchor == "middle" ? x - width / 2 : x
        return Box(x: left, y: y - size * 0.93, width: width, height: size * 1.17)
    }

    /// The labels drawn: the readers' names and the roads' names, none overlapping another
    /// label or a marker (boxes measured at the phone size, where the labels are largest).
    struct Layout: Equatable {
        var readers: [Label]
        var roads: [Label]
    }

    /// Labels for the current points, in the order given (see `layout`).
    var labels: [Label] { layout.readers }

    /// Names of roads that fit where no marker and no other name is (see `layout`).
    var roadLabels: [Label] { layout.roads }

    /// Each current point's name where it overlaps least: right of its marker, else left, above,
    /// below, or on a diagonal, nearer first. A reader's name matters more than a road's, so the
    /// roads come after: each road's name goes at the first point along its longest line (from the
    /// middle outwards) where it overlaps no marker and no name, or is left out.
    var layout: Layout {
        let markers = zip(points, positions).map { point, position in
            let r = point.current ? Self.markerRadius : Self.markerRadius * 0.6
            return Box(x: position.x - r, y: position.y - r, width: 2 * r, height: 2 * r)
        }
        let frame = Box(x: 0, y: 0, width: Self.width, height: height)
        func inside(_ box: Box) -> Bool {
            box.x >= 0 && box.y >= 0 && box.x + box.width <= frame.width && box.y + box.height <= frame.height
        }
        // A little air around each label, so that two never touch.
        func clash(_ box: Box, _ others: [Box]) -> Double { others.reduce(0) { $0 + $1.overlap(box.inflated(4)) } }
        var readers: [Label] = []
        let gap = Self.markerRadius + 5
        for (point, position) in zip(points, positions) where point.current {
            let baseline = position.y + Self.labelSize * 0.3
            // Beside, above, below and on the diagonals; then the same a step further out.
            let candidates = [1.0, 2.0].flatMap { step -> [(Double, Double, String)] in
                let side = gap * step, rise = gap * step + 2, drop = gap * step + Self.labelSize * 0.8
                return [
                    (position.x + side, baseline, "start"), (position.x - side, baseline, "end"),
                    (position.x, position.y - rise, "middle"), (position.x, position.y + drop, "middle"),
                    (position.x + side * 0.7, position.y - rise, "start"), (position.x - side * 0.7, position.y - rise, "end"),
                    (position.x + side * 0.7, position.y + drop, "start"), (position.x - side * 0.7, position.y + drop, "end"),
                ]
            }.map { x, y, anchor in
                Label(text: point.label, x: x, y: y, anchor: anchor,
                      box: Self.textBox(point.label, x: x, y: y, anchor: anchor, size: Self.labelSize))
            }
            let fixed = markers + readers.map(\.box)
            func cost(_ label: Label) -> Double {
                let outside = inside(label.box) ? 0 : label.box.width * label.box.height - label.box.overlap(frame)
                return outside * 4 + clash(label.box, fixed)
            }
            let best = candidates.enumerated().min { (cost($0.element), $0.offset) < (cost($1.element), $1.offset) }?.element ?? candidates[0]
            readers.append(best)
        }
        // Then the roads, in shape order, each where it overlaps no marker and no name placed before it.
        var roads: [Label] = []
        for candidates in roadCandidates {
            let taken = markers + readers.map(\.box) + roads.map(\.box)
            if let label = candidates.first(where: { inside($0.box) && clash($0.box, taken) == 0 }) {
                roads.append(label)
            }
        }
        return Layout(readers: readers, roads: roads)
    }

    /// For each named road, where its name may go: centred above points of its longest line, from
    /// the middle outwards, a twentieth of its length at a time (measured on the map, between vertices too).
    private var roadCandidates: [[Label]] {
        (base?.shapes ?? []).filter { !$0.kind.isArea }.compactMap { shape in
            guard let name = shape.name, let line = shape.parts.max(by: { $0.count < $1.count }), !line.isEmpty else { return nil }
            let points = line.map { project($0.longitude, $0.latitude) }
            var lengths = [0.0]
            for (a, b) in zip(points, points.dropFirst()) { lengths.append(lengths[lengths.count - 1] + hypot(b.x - a.x, b.y - a.y)) }
            let total = lengths[lengths.count - 1]
            func point(at fraction: Double) -> (x: Double, y: Double) {
                let target = total * fraction
                guard let segment = lengths.indices.dropFirst().first(where: { lengths[$0] >= target }) else { return points[0] }
                let span = lengths[segment] - lengths[segment - 1]
                let t = span > 0 ? (target - lengths[segment - 1]) / span : 0
                let (a, b) = (points[segment - 1], points[segment])
                return (a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
            }
            let fractions: [Double] = [0.5] + (1...9).flatMap { (step: Int) -> [Double] in [0.5 - Double(step) / 20, 0.5 + Double(step) / 20] }
            return fractions.map { fraction in
                let (x, y) = point(at: fraction)
                return Label(text: name, x: x, y: y - 4, anchor: "middle",
                             box: Self.textBox(name, x: x, y: y - 4, anchor: "middle", size: Self.labelSize))
            }
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
        let layout = layout
        for label in layout.roads {
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
        for label in layout.readers {
            out += Self.haloed("map-label", label)
        }
        return out + "</svg>"
    }
}
