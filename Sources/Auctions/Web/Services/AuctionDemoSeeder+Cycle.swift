import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

extension AuctionDemoSeeder {
    /// English at the full price, English at half the price, Dutch.
    static let privatizationCycleLots = 3

    /// A whole small-privatization cycle on one building, weeks ago: the
    /// English auction at the full price and the one at half the price found
    /// no bidder; the Dutch auction sold it. Олена accepted the falling price,
    /// Андрій entered a sealed bid above it, and Олена's best bid matched his
    /// and kept the lot. Played through the domain's own engines.
    func seedPrivatizationCycle(into city: Municipality, bidders: [Account]) async throws {
        guard bidders.count == 2 else { return }
        let now = services.clock.now(), day: TimeInterval = 86_400
        let object = try PropertyObject.recorded(
            kind: .building, title: "Будівля колишнього дитячого садка, вул. Чехова, 12", address: "вул. Чехова, 12", areaM2: 640,
            cadastralNumber: nil, latitude: 49.2440, longitude: 28.4930, territory: city.settings.placeBounds,
            balanceHolder: "Департамент комунального майна Вінницької міської ради",
            leaseList: nil, in: city.id)
        let announced = now.addingTimeInterval(-90 * day)
        var lot = try Lot.announced(
            title: "Мала приватизація: будівля колишнього дитячого садка, вул. Чехова, 12", object: object, procedure: .privatizationEnglish,
            value: Money(hryvnias: 2_400_000), minimalStep: .percent(basisPoints: 100), guarantee: Money(hryvnias: 240_000),
            registrationFee: Money(hryvnias: 800), tenderPeriodEnd: announced.addingTimeInterval(20 * day),
            auctionStart: announced.addingTimeInterval(21 * day), timings: .statutory, at: announced)
        lot.status = .unsuccessful
        var lots = [(lot, announced)]
        // Each next auction is announced a week after the last one failed.
        for _ in 1..<Self.privatizationCycleLots {
            let (previous, _) = lots[lots.count - 1]
            let at = previous.auctionStart.addingTimeInterval(7 * day)
            var next = try previous.continuingCycle(tenderPeriodEnd: at.addingTimeInterval(20 * day), auctionStart: at.addingTimeInterval(21 * day), at: at)
            next.status = .unsuccessful
            lots.append((next, at))
        }
        var dutchLot = lots[2].0
        let entered = bidders.enumerated().map { position, account in
            LotBidder(
                id: .random(), lotID: dutchLot.id, accountID: account.id, name: account.fullName, legalEntityCode: nil, amount: dutchLot.startValue,
                submittedAt: dutchLot.tenderPeriodEnd.addingTimeInterval(-Double(2 - position) * day),
                guaranteeReference: "ПН-\(7_100 + position)", feeReference: "РВ-\(7_200 + position)")
        }
        let (olena, andrii) = (entered[0].id, entered[1].id)
        let timings = dutchLot.dutchTimings
        var dutch = DutchAuction(
            startValue: dutchLot.startValue, startsAt: dutchLot.auctionStart, timings: timings, participants: AuctionService.dutchParticipants(entered))
        var moves: [EnglishAuction.RecordedMove] = []
        let falling = dutchLot.auctionStart.addingTimeInterval(timings.pause)
        for (amount, bidder, at) in [
            (nil, olena, falling.addingTimeInterval(37 * timings.step + 20)),
            (Money(hryvnias: 790_000), andrii, falling.addingTimeInterval(37 * timings.step + 600)),
            (Money(hryvnias: 790_000), olena, falling.addingTimeInterval(37 * timings.step + 20 + timings.sealedBids + 300)),
        ] as [(Money?, AuctionBidderID, Date)] {
            let (next, entry) = try dutch.entering(amount, by: bidder, at: at)
            dutch = next
            moves.append(entry.move)
        }
        guard case .finished(let end, let ranking) = dutch.stage(at: now) else { return }
        dutchLot.awards = try AwardChain(ranking: ranking.map { ($0.bidder, $0.amount) })
            .activating(olena, at: end.addingTimeInterval(3 * day))
            .signingContract(at: end.addingTimeInterval(10 * day))
        dutchLot.status = .complete
        lots[2].0 = dutchLot
        let cycle = lots, bids = entered, made = moves, sold = dutchLot.id
        try await services.store.write { tx in
            try await tx.auctions.insert(object, at: announced)
            for (lot, at) in cycle { _ = try await tx.auctions.insert(lot, at: at) }
            for bidder in bids { _ = try await tx.auctions.register(bidder) }
            for move in made { _ = try await tx.auctions.record(move, on: sold) }
        }
    }
}
