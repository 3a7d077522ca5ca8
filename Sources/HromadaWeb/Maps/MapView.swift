import Foundation
import HromadaDomain

/// A map on a page, for the `map` partial (`{{#page.map}}{{> map}}{{/page.map}}`):
/// what to draw (a GeoJSON FeatureCollection to fetch, or one geometry of
/// the page's own), on the deployment's base map if it has one, and
/// optionally a form input its box goes into for a "search this area".
/// The page's list or form works without it; `map.js` draws it with the
/// Leaflet the platform serves.
package struct MapView: Sendable {
    package let label: String
    package let tiles: String
    package let attribution: String
    /// Longitude,latitude where it opens before its shapes arrive.
    package let centre: String
    package let source: String?
    package let shape: String?
    package let boxField: String?
    package let boxLabel: String?
    /// A form's place: a tap puts a marker there and writes it into these inputs.
    package let pick: Pick?

    /// The inputs a tap on the map fills, and the box the tap must fall in (the city's territory).
    package struct Pick: Sendable {
        package let longitudeField: String
        package let latitudeField: String
        /// `west,south,east,north`, for the map to keep its marker within.
        package let bounds: String

        package init(longitudeField: String, latitudeField: String, bounds: GeoBox) {
            self.longitudeField = longitudeField
            self.latitudeField = latitudeField
            self.bounds = bounds.text
        }
    }

    /// A map of one thing's place: its point, where the map opens.
    package static func point(services: AppServices, label: String, longitude: Double, latitude: Double) -> MapView {
        MapView(
            services: services, label: label, centre: (longitude, latitude),
            shape: #"{"type":"Point","coordinates":[\#(longitude),\#(latitude)]}"#)
    }

    package init(
        services: AppServices, label: String, centre: (longitude: Double, latitude: Double), source: String? = nil, shape: String? = nil,
        boxField: String? = nil, boxLabel: String? = nil, pick: Pick? = nil
    ) {
        self.label = label
        tiles = services.configuration.mapTiles?.template ?? ""
        attribution = services.configuration.mapTiles?.attribution ?? ""
        self.centre = "\(centre.longitude),\(centre.latitude)"
        self.source = source
        self.shape = shape
        self.boxField = boxField
        self.boxLabel = boxLabel
        self.pick = pick
    }
}
