import Foundation
import HromadaDomain
import HromadaStore

/// Sites as GeoJSON Features (RFC 7946): the stored boundary as it is, and
/// flat properties a GIS shows in its attribute table (no nested objects:
/// QGIS and shapefiles take only flat columns).
enum SiteFeatures {
    struct Properties: Encodable {
        let id: String
        let title: String
        let type: String
        let status: String
        let areaHa: Double
        let cadastralNumber: String?
        let right: String
        let powerKw: Int?
        let gas: Bool
        let water: Bool
        let rail: Bool
        let roadKm: Double?
        let price: Int64?
        let url: String
    }

    static func properties(_ id: SiteID, _ site: InvestmentSite, citySlug: String, language: Language) -> Properties {
        let facts = site.facts
        return Properties(
            id: id.rawValue, title: site.title.localized(language), type: site.type.rawValue, status: site.status.rawValue, areaHa: site.areaHa,
            cadastralNumber: site.cadastralNumber?.rawValue, right: site.right.rawValue, powerKw: site.utilities.powerKw, gas: facts.gas,
            water: facts.water, rail: facts.rail, roadKm: site.distances.roadKm, price: site.price?.kopiyky,
            url: "/\(citySlug)/invest/sites/\(id.rawValue)")
    }

    /// A FeatureCollection of these shapes, as text.
    static func collection(_ shapes: [InvestRepository.Shape], citySlug: String, language: Language) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = #"{"type":"FeatureCollection","features":["#
        for (index, shape) in shapes.enumerated() {
            if index > 0 { text += "," }
            let properties = String(decoding: try encoder.encode(properties(shape.id, shape.site, citySlug: citySlug, language: language)), as: UTF8.self)
            text += #"{"type":"Feature","id":"\#(shape.id.rawValue)","geometry":\#(shape.geometry),"properties":\#(properties)}"#
        }
        return text + "]}"
    }
}
