import Foundation
import HromadaDomain

/// A route's track from a GPX file staff upload (a walk recorded on a phone,
/// a route drawn in a map app): its track points in order, every segment of
/// every track one after another, or, in a file with no track, its route's
/// points. Read with the platform's strict XML reader (no DTD, no entities),
/// each point checked on the globe; then thinned for the page and the map.
public enum GPXTrack {
    public enum Problem: Error, Equatable, Sendable {
        case tooLarge
        /// Not XML the strict reader takes (a DTD, an entity, malformed).
        case notXML
        /// XML whose root is not `gpx`.
        case notGPX
        case noPoints
        /// The point, counted from 1, whose `lat` or `lon` is not a number on the globe.
        case badPoint(Int)
        case tooManyPoints
    }

    /// 8 MiB: a day's recording at a point a second is a few; more is not a route.
    public static let maximumBytes = 8 * 1_048_576
    /// Points read before thinning: a day at one a second.
    public static let maximumPoints = 100_000
    /// What a route keeps: enough for streets at a city's scale, little enough for a phone's page.
    public static let keptPoints = 1_500

    public static func points(_ bytes: [UInt8]) throws(Problem) -> [GeoPoint] {
        guard bytes.count <= maximumBytes else { throw .tooLarge }
        let root: StrictXML.Element
        do { root = try StrictXML.parse(bytes) } catch { throw .notXML }
        guard local(root.name) == "gpx" else { throw .notGPX }
        var track: [StrictXML.Element] = [], route: [StrictXML.Element] = []
        for child in root.children {
            switch local(child.name) {
            case "trk": track += child.children.filter { local($0.name) == "trkseg" }.flatMap { $0.children.filter { local($0.name) == "trkpt" } }
            case "rte": route += child.children.filter { local($0.name) == "rtept" }
            default: continue
            }
        }
        let chosen = track.isEmpty ? route : track
        guard !chosen.isEmpty else { throw .noPoints }
        guard chosen.count <= maximumPoints else { throw .tooManyPoints }
        var points: [GeoPoint] = []
        points.reserveCapacity(chosen.count)
        for (index, element) in chosen.enumerated() {
            guard let latitude = degrees(element.attribute("lat")), let longitude = degrees(element.attribute("lon")),
                  let point = try? GeoPoint(longitude: longitude, latitude: latitude)
            else { throw .badPoint(index + 1) }
            points.append(point)
        }
        return points
    }

    /// A name without its namespace prefix (`gpx:trkpt` is `trkpt`).
    static func local(_ name: String) -> Substring {
        name.split(separator: ":").last ?? Substring(name)
    }

    /// A decimal number of degrees as GPX writes it; nothing else (no `nan`, no `1e400`).
    static func degrees(_ text: String?) -> Double? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), (1...32).contains(text.count),
              text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let value = Double(text), value.isFinite
        else { return nil }
        return value
    }

    /// The line with points dropped where they add less than `tolerance`
    /// metres to its shape (Douglas–Peucker, without recursion), the
    /// tolerance doubled until at most `limit` remain. The ends always stay.
    public static func thinned(_ points: [GeoPoint], tolerance: Double = 3, limit: Int = keptPoints) -> [GeoPoint] {
        guard points.count > 2, limit >= 2 else { return Array(points.prefix(max(0, limit))) }
        // Metres on a plane through the first point: at a city's scale the error is far below a street's width.
        let origin = points[0], radians = Double.pi / 180, earth = 6_371_008.8
        let scale = cos(origin.latitude * radians)
        let flat = points.map { ((($0.longitude - origin.longitude) * radians) * earth * scale, (($0.latitude - origin.latitude) * radians) * earth) }
        var tolerance = max(0.1, tolerance)
        while true {
            var keep = [Bool](repeating: false, count: points.count)
            keep[0] = true
            keep[points.count - 1] = true
            var spans = [(0, points.count - 1)]
            while let (first, last) = spans.popLast() {
                guard last > first + 1 else { continue }
                var farthest = first, distance = -1.0
                for index in (first + 1)..<last {
                    let d = offset(flat[index], from: flat[first], to: flat[last])
                    if d > distance { (farthest, distance) = (index, d) }
                }
                if distance > tolerance {
                    keep[farthest] = true
                    spans.append((first, farthest))
                    spans.append((farthest, last))
                }
            }
            let kept = zip(points, keep).filter(\.1).map(\.0)
            if kept.count <= limit || tolerance > 100_000 { return kept.count <= limit ? kept : [points[0], points[points.count - 1]] }
            tolerance *= 2
        }
    }

    /// How far a point lies from the segment between two others, in the plane's metres.
    private static func offset(_ point: (Double, Double), from start: (Double, Double), to end: (Double, Double)) -> Double {
        let (dx, dy) = (end.0 - start.0, end.1 - start.1)
        let length = dx * dx + dy * dy
        guard length > 0 else { return ((point.0 - start.0) * (point.0 - start.0) + (point.1 - start.1) * (point.1 - start.1)).squareRoot() }
        let t = max(0, min(1, ((point.0 - start.0) * dx + (point.1 - start.1) * dy) / length))
        let (x, y) = (start.0 + t * dx, start.1 + t * dy)
        return ((point.0 - x) * (point.0 - x) + (point.1 - y) * (point.1 - y)).squareRoot()
    }
}
