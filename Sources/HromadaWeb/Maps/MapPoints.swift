import Foundation
import HromadaDomain
import Hummingbird

/// Things that stand at one place (a budget project, a petition's place, an
/// object of the property register), as the GeoJSON a map's `data-source`
/// fetches: a FeatureCollection of points (RFC 7946) whose popups link to
/// each thing's page.
package struct MapPoint: Sendable, Equatable {
    package let id: String
    package let longitude: Double
    package let latitude: Double
    package let title: String
    package let url: String
    /// A short second line in the popup (a status, a cost).
    package let label: String
    /// What it is and where it stands, as codes for those who read the GeoJSON
    /// (a register object's `premises` and `on_auction`); left out when nil.
    package let kind: String?
    package let status: String?
    /// The marker's fill (`#rrggbb`, which `map.js` alone accepts): a point that stands out (a certified place); nil for the usual.
    package let colour: String?

    package init(
        id: String, longitude: Double, latitude: Double, title: String, url: String, label: String = "", kind: String? = nil, status: String? = nil,
        colour: String? = nil
    ) {
        self.id = id
        self.longitude = longitude
        self.latitude = latitude
        self.title = title
        self.url = url
        self.label = label
        self.kind = kind
        self.status = status
        self.colour = colour
    }

    /// Where a map of `points` opens before it fits them: their middle, or nil for none.
    package static func centre(of points: [MapPoint]) -> (longitude: Double, latitude: Double)? {
        guard !points.isEmpty else { return nil }
        let count = Double(points.count)
        return (points.map(\.longitude).reduce(0, +) / count, points.map(\.latitude).reduce(0, +) / count)
    }

    private struct Feature: Encodable {
        struct Geometry: Encodable {
            let type = "Point"
            let coordinates: [Double]
        }
        struct Properties: Encodable {
            let title: String
            let url: String
            let label: String
            let kind: String?
            let status: String?
            let colour: String?
        }
        let type = "Feature"
        let id: String
        let geometry: Geometry
        let properties: Properties
    }

    private struct Collection: Encodable {
        let type = "FeatureCollection"
        let features: [Feature]
    }

    /// The points as a FeatureCollection, served as `application/geo+json`.
    package static func response(_ points: [MapPoint]) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let collection = Collection(features: points.map {
            Feature(
                id: $0.id, geometry: .init(coordinates: [$0.longitude, $0.latitude]),
                properties: .init(title: $0.title, url: $0.url, label: $0.label, kind: $0.kind, status: $0.status, colour: $0.colour))
        })
        let body = try encoder.encode(collection)
        return Response(
            status: .ok, headers: [.contentType: "application/geo+json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
