import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// The register on the platform's map: `GET /api/v1/{city}/property.geojson`,
/// the objects that have a place as points linking to their pages.
extension AuctionAPIController {
    /// The register is public as a whole (every object the city records is
    /// published), so every object with a place is on the map; `kind` and
    /// `list` keep the ones the list shows.
    @Sendable func propertyPoints(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        let filter = try PropertyFilter.strict(request)
        let cityID = city.id
        let (objects, lots) = try await services.store.read { tx in
            (try await tx.auctions.objects(in: cityID), try await tx.auctions.lotsByObject(in: cityID))
        }
        let language = context.language, localizer = services.localizer
        return try MapPoint.response(Self.points(objects.filter(filter.matches), lots: lots, city: city) { key in
            localizer.string(key, language, [:])
        })
    }

    /// Each object with a place, linking to its page; the popup's second line is its kind and where it stands, in `t`'s language.
    static func points(
        _ objects: [PropertyObject], lots: [PropertyObjectID: [Lot]], city: Municipality, t: (String) -> String
    ) -> [MapPoint] {
        objects.compactMap { object in
            guard let longitude = object.longitude, let latitude = object.latitude else { return nil }
            let status = PropertyStatus(lots: lots[object.id] ?? [])
            return MapPoint(
                id: object.id.rawValue, longitude: longitude, latitude: latitude, title: object.title,
                url: "/\(city.slug.rawValue)/property/\(object.id.rawValue)",
                label: "\(t("property.kind.\(object.kind.rawValue)")) · \(t("property.status.\(status.rawValue)"))",
                kind: object.kind.rawValue, status: status.rawValue)
        }
    }
}
