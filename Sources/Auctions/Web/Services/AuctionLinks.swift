import Foundation
import HromadaDomain
import HromadaWeb

/// The auctions' lots as other modules point at them (`LinkKind.auctionLot`):
/// the investment portal's site in auction names its lot here, and shows
/// where the lot stands without knowing this module.
enum AuctionLinks {
    static let lot = LinkTarget(
        kind: .auctionLot,
        resolve: { id, city, services in
            guard let found = try await services.store.read({ tx in try await tx.auctions.lot(LotID(rawValue: id), in: city.id) }) else {
                return nil
            }
            return thing(found.lot, number: found.number, in: city)
        },
        choices: { city, limit, services in
            let lots = try await services.store.read { tx in try await tx.auctions.lots(in: city.id) }
            return lots.reversed().prefix(max(0, limit)).map { thing($0.lot, number: $0.number, in: city) }
        })

    static func thing(_ lot: Lot, number: Int, in city: Municipality) -> LinkedThing {
        LinkedThing(
            kind: .auctionLot, id: lot.id.rawValue, title: "№ \(number) · \(lot.title)", path: "/\(city.slug.rawValue)/auctions/\(lot.id.rawValue)",
            statusKey: "auctions.status.\(lot.status.rawValue.replacingOccurrences(of: ".", with: "_"))",
            isActive: [.activeTendering, .activeAuction, .activeQualification, .activeAwarded].contains(lot.status))
    }
}
