import Foundation
import HromadaDomain
import HromadaWeb

/// A route as GPX 1.1 (topografix.com/GPX/1/1), which phones' map apps and
/// navigators open: the stops as waypoints (`wpt`) and as a route (`rte`)
/// for apps that navigate stop to stop, and the line as a track (`trk`) for
/// those that follow a path. The elements come in the order the schema
/// requires (metadata, wpt, rte, trk; within a point name, desc, link,
/// type), coordinates with seven decimals (a centimetre).
struct RouteGPX {
    struct Waypoint {
        let point: GeoPoint
        let name: String
        let description: String
        let type: String
        let link: String
    }

    let name: String
    let description: String
    let link: String
    let time: Date
    let stops: [Waypoint]
    let track: [GeoPoint]

    func render() -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gpx version="1.1" creator="Hromada" xmlns="http://www.topografix.com/GPX/1/1" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">
            <metadata><name>\(XMLText.escape(name))</name>
            """
        if !description.isEmpty { out += "<desc>\(XMLText.escape(description))</desc>" }
        out += "<link href=\"\(XMLText.escape(link))\"><text>\(XMLText.escape(name))</text></link>"
        out += "<time>\(Self.timestamp(time))</time></metadata>\n"
        for stop in stops {
            out += "<wpt \(Self.attributes(stop.point))>\(Self.pointBody(stop))</wpt>\n"
        }
        out += "<rte><name>\(XMLText.escape(name))</name>\n"
        for stop in stops {
            out += "<rtept \(Self.attributes(stop.point))><name>\(XMLText.escape(stop.name))</name></rtept>\n"
        }
        out += "</rte>\n<trk><name>\(XMLText.escape(name))</name><trkseg>\n"
        for point in track {
            out += "<trkpt \(Self.attributes(point))/>\n"
        }
        out += "</trkseg></trk>\n</gpx>\n"
        return out
    }

    private static func pointBody(_ stop: Waypoint) -> String {
        var body = "<name>\(XMLText.escape(stop.name))</name>"
        if !stop.description.isEmpty { body += "<desc>\(XMLText.escape(stop.description))</desc>" }
        body += "<link href=\"\(XMLText.escape(stop.link))\"><text>\(XMLText.escape(stop.name))</text></link>"
        body += "<type>\(XMLText.escape(stop.type))</type>"
        return body
    }

    private static func attributes(_ point: GeoPoint) -> String {
        "lat=\"\(degrees(point.latitudeE7))\" lon=\"\(degrees(point.longitudeE7))\""
    }

    /// Ten-millionths of a degree as a decimal (`49.2331000`), written from
    /// the integer so no locale or float formatting can change it.
    static func degrees(_ e7: Int64) -> String {
        let magnitude = e7.magnitude
        let whole = magnitude / 10_000_000, fraction = String(magnitude % 10_000_000)
        return (e7 < 0 ? "-" : "") + "\(whole)." + String(repeating: "0", count: 7 - fraction.count) + fraction
    }

    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// A file name from an id: letters, digits and dashes only.
    static func fileName(_ id: String) -> String {
        String(id.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }.prefix(64).map(Character.init))
    }
}

/// A route for the map (`map.js`): its line and its stops, numbered, each linking to its place.
enum RouteGeoJSON {
    static func collection(_ route: VisitRoute, stops: [PlaceID: Place], city: Municipality, language: Language) -> String {
        var features: [[String: Any]] = []
        let line = route.line(through: stops.mapValues(\.location))
        if line.count > 1 {
            features.append([
                "type": "Feature", "properties": ["colour": "#0b57a4"],
                "geometry": ["type": "LineString", "coordinates": line.map { [$0.longitude, $0.latitude] }],
            ])
        }
        for (index, stop) in route.stops.enumerated() {
            guard let place = stops[stop.place] else { continue }
            features.append([
                "type": "Feature",
                "properties": ["title": "\(index + 1). \(place.name.localized(language))", "url": GuidePages.url(city, place.id)],
                "geometry": ["type": "Point", "coordinates": [place.location.longitude, place.location.latitude]],
            ])
        }
        let collection: [String: Any] = ["type": "FeatureCollection", "features": features]
        guard let data = try? JSONSerialization.data(withJSONObject: collection, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
