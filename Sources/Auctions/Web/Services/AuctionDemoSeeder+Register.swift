import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Objects of the demo register that were never offered: the second-type
/// list (lease without an auction) and a building the city has not decided
/// on yet, so the register shows free objects beside those with lots.
extension AuctionDemoSeeder {
    static let freeObjects: [(kind: PropertyObject.Kind, title: String, address: String, area: Double, list: PropertyObject.LeaseList?, latitude: Double, longitude: Double)] = [
        (.premises, "Приміщення для громадської організації, вул. Театральна, 15", "вул. Театральна, 15", 54.3, .second, 49.2325, 28.4650),
        (.building, "Будівля колишнього дитячого садка, вул. Стахурського, 9", "вул. Стахурського, 9", 640, nil, 49.2440, 28.4920),
    ]

    func seedFreeObjects(into city: Municipality) async throws {
        let now = services.clock.now()
        for item in Self.freeObjects {
            let object = try PropertyObject.recorded(
                kind: item.kind, title: item.title, address: item.address, areaM2: item.area, cadastralNumber: nil, latitude: item.latitude,
                longitude: item.longitude, territory: city.settings.placeBounds, balanceHolder: "Департамент комунального майна Вінницької міської ради",
                leaseList: item.list, in: city.id)
            try await services.store.write { try await $0.auctions.insert(object, at: now) }
        }
    }
}
