import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The property auctions' yearly figures, worked out from the lots for a
/// strategy to follow and the results report to show (`ComputedIndicator`).
/// Years are Kyiv's (`KyivYear`).
enum AuctionIndicators {
    static let all = [proceeds, soldShare]

    static let proceeds = ComputedIndicator(
        key: "auctions.proceeds", nameKey: "auctions.indicators.proceeds", meaningKey: "auctions.indicators.proceeds_meaning", unit: .hryvnias,
        direction: .higher
    ) { city, year, services in
        guard let span = KyivYear(year) else { return nil }
        let lots = try await lots(of: city, services: services)
        let sold = lots.compactMap { sale(of: $0, in: span) }
        // A year of auctions that sold nothing made nothing; a year without auctions has no figure.
        guard !sold.isEmpty || lots.contains(where: { wasHeld($0, in: span) }) else { return nil }
        return (Double(Money.sum(sold).kopiyky) / 100).rounded()
    }

    static let soldShare = ComputedIndicator(
        key: "auctions.sold_share", nameKey: "auctions.indicators.sold_share", meaningKey: "auctions.indicators.sold_share_meaning",
        unit: .percent, direction: .higher
    ) { city, year, services in
        guard let span = KyivYear(year) else { return nil }
        // A lot whose winner is still being qualified has no outcome yet: it counts once it has one.
        let ended = try await lots(of: city, services: services).filter { wasHeld($0, in: span) && $0.status != .activeQualification && $0.status != .activeAwarded }
        guard !ended.isEmpty else { return nil }
        return Double(ended.filter { $0.status == .complete }.count) / Double(ended.count) * 100
    }

    static func lots(of city: Municipality, services: AppServices) async throws -> [Lot] {
        let cityID = city.id
        return try await services.store.read { tx in try await tx.auctions.lots(in: cityID) }.map(\.lot)
    }

    /// Its auction was held in the year (by the day it began) and is over,
    /// whatever came of it; a lot cancelled before its auction never had one.
    static func wasHeld(_ lot: Lot, in span: KyivYear) -> Bool {
        lot.auctionIsOver && span.contains(lot.auctionStart)
    }

    /// What the winner pays for a privatised object, when its contract was
    /// signed in the year. Leases are left out: a rent is money per period,
    /// and adding it to sale prices would make a sum of neither.
    static func sale(of lot: Lot, in span: KyivYear) -> Money? {
        guard lot.procedure.isPrivatization, lot.status == .complete, let chain = lot.awards, let signed = chain.contractSignedAt, span.contains(signed),
              let winner = chain.awards.first(where: { $0.status == .active })
        else { return nil }
        return winner.amount
    }
}
