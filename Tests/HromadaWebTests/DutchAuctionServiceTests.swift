import Foundation
import HromadaDomain
import HromadaStore
import Testing
@testable import HromadaWeb

/// The third auction of small privatization run live: the falling price, the
/// sealed bids and the Dutch winner's best bid, through the service and the page.
@Suite struct DutchAuctionServiceTests {
    /// A Dutch lot at 100 000 грн with three admitted bidders; 10 s pause, 1 s price steps, 15 s bid stages.
    func dutchLot(_ harness: WebHarness) async throws -> (Municipality, Lot, [Account]) {
        let city = try await harness.city("vinnytsia")
        let now = harness.clock.now()
        let object = try PropertyObject.recorded(
            kind: .building, title: "Будівля колишньої котельні", address: "вул. Князів Коріатовичів, 9", areaM2: 210, cadastralNumber: nil,
            latitude: nil, longitude: nil, balanceHolder: "Департамент комунального майна", leaseList: nil, in: city.id)
        let lot = try Lot.announced(
            title: "Мала приватизація: будівля котельні", object: object, procedure: .privatizationDutch, value: Money(hryvnias: 100_000),
            minimalStep: .percent(basisPoints: 100), guarantee: Money(hryvnias: 10_000), registrationFee: Money(hryvnias: 800),
            tenderPeriodEnd: now.addingTimeInterval(60), auctionStart: now.addingTimeInterval(120),
            timings: AuctionTimings(pause: 10, turn: 15, rounds: 1), at: now)
        try await harness.services.store.write { tx in
            try await tx.auctions.insert(object, at: now)
            try await tx.auctions.insert(lot, at: now)
        }
        let setup = AuctionServiceTests()
        let principal = try await PetitionFixture.principal(harness, "vinnytsia.admin@demo.hromada.ua")
        var accounts: [Account] = []
        for name in ["oksana", "taras", "iryna"] {
            let account = try await setup.resident(harness, name, in: city)
            let bidder = try await harness.services.auctions.submitBid(lot.id, amount: lot.startValue, legalEntityCode: nil, city: city, by: account)
            try await harness.services.auctions.recordPayments(lot.id, bidder: bidder.id, guarantee: "Г-\(name)", fee: "Р-\(name)", city: city, by: principal)
            harness.clock.advance(by: 1)
            accounts.append(account)
        }
        return (city, lot, accounts)
    }

    @Test func theFirstToAcceptTheFallingPriceBecomesTheDutchWinnerAndAMatchingBestBidKeepsTheLot() async throws {
        try await WebHarness.run { harness, _ in
            let (city, lot, people) = try await dutchLot(harness)
            let (oksana, taras, iryna) = (people[0], people[1], people[2])
            let auctions = harness.services.auctions
            // Ten seconds' pause, then the price falls by 1 % (1 000 грн) a second: at step 5 it is 95 000 грн.
            harness.clock.set(lot.auctionStart.addingTimeInterval(10 + 5.5))
            #expect(try await auctions.advance() == 1)
            let falling = try await auctions.live(try await auctions.lot(lot.id, in: city.id).lot).view(at: harness.clock.now())
            #expect(falling.kind == .falling && falling.price == Money(hryvnias: 95_000))
            // Taras and Iryna accept at the same moment: exactly one of them is the Dutch winner.
            let results = await withTaskGroup(of: Bool.self) { group in
                for person in [taras, iryna] {
                    group.addTask { (try? await auctions.move(lot.id, .match, city: city, by: person)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            let live = try await auctions.live(lot)
            let winner = try #require(live.dutch?.acceptance)
            #expect(winner.amount == Money(hryvnias: 95_000))
            let loser = winner.bidder == live.admitted.first(where: { $0.accountID == taras.id })?.id ? iryna : taras
            let dutchWinner = loser.id == taras.id ? iryna : taras

            // Sealed bids: above the Dutch price, one each, never the Dutch winner's; nobody sees them yet.
            await #expect(throws: AppError.invalid(code: "bid_below_minimal_step", field: "amount")) {
                try await auctions.move(lot.id, .raise(to: Money(hryvnias: 95_000)), city: city, by: oksana)
            }
            await #expect(throws: AppError.conflict(code: "not_your_turn")) {
                try await auctions.move(lot.id, .raise(to: Money(hryvnias: 99_000)), city: city, by: dutchWinner)
            }
            try await auctions.move(lot.id, .raise(to: Money(hryvnias: 97_500)), city: city, by: oksana)
            await #expect(throws: AppError.conflict(code: "already_bid")) {
                try await auctions.move(lot.id, .raise(to: Money(hryvnias: 98_000)), city: city, by: oksana)
            }
            try await auctions.move(lot.id, .raise(to: Money(hryvnias: 96_000)), city: city, by: loser)
            let sealed = try await auctions.live(lot).view(at: harness.clock.now())
            #expect(sealed.kind == .sealedBids && sealed.standings.map(\.amount) == [Money(hryvnias: 95_000)])

            // The best-bid stage: the Dutch winner must reach the highest sealed bid; matching it keeps the lot.
            harness.clock.advance(by: 15)
            let best = try await auctions.live(lot).view(at: harness.clock.now())
            #expect(best.kind == .bestBid && best.minimum == Money(hryvnias: 97_500))
            await #expect(throws: AppError.invalid(code: "bid_below_minimal_step", field: "amount")) {
                try await auctions.move(lot.id, .raise(to: Money(hryvnias: 97_000)), city: city, by: dutchWinner)
            }
            try await auctions.move(lot.id, .raise(to: Money(hryvnias: 97_500)), city: city, by: dutchWinner)
            #expect(try await auctions.advance() == 1)
            let (finished, _) = try await auctions.lot(lot.id, in: city.id)
            #expect(finished.status == .activeQualification)
            let chain = try #require(finished.awards)
            let names = try await auctions.live(finished).names
            #expect(chain.awards.map { names[$0.bidder] ?? "" } == [dutchWinner.fullName, oksana.fullName, loser.fullName])
            #expect(chain.awards.map(\.amount) == [Money(hryvnias: 97_500), Money(hryvnias: 97_500), Money(hryvnias: 96_000)])
        }
    }

    @Test func nobodyAcceptingAnyOfTheNinetyNinePricesLeavesTheLotUnsuccessful() async throws {
        try await WebHarness.run { harness, _ in
            let (city, lot, _) = try await dutchLot(harness)
            harness.clock.set(lot.auctionStart.addingTimeInterval(10 + 100 + 1))
            #expect(try await harness.services.auctions.advance() == 1)
            let (after, _) = try await harness.services.auctions.lot(lot.id, in: city.id)
            #expect(after.status == .unsuccessful)
        }
    }

    @Test func theLotPageOffersEachBidderTheirDutchMove() async throws {
        try await WebHarness.run { harness, client in
            let (_, lot, _) = try await dutchLot(harness)
            harness.clock.set(lot.auctionStart.addingTimeInterval(10 + 2.5))
            var oksana = Browser(client)
            try await oksana.signIn("oksana@example.com")
            let path = "/vinnytsia/auctions/\(lot.id.rawValue)"
            let page = try await oksana.get(path)
            #expect(page.body.contains("Ціна знижується") && page.body.contains("Прийняти ціну 98"))
            #expect(try await oksana.post(path + "/bid", [("move", "match")]).status == .seeOther)
            let after = try await oksana.get(path)
            #expect(after.body.contains("прийняв(-ла) ціну 98") && !after.body.contains("Подати закриту пропозицію"))
            var taras = Browser(client)
            try await taras.signIn("taras@example.com")
            #expect(try await taras.get(path).body.contains("Подати закриту пропозицію"))
        }
    }
}
