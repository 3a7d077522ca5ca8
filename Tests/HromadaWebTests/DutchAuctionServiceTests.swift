import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// The third auction of small privatization run live: the falling price, the
/// sealed bids and the Dutch winner's best bid, through the service and the page.
@Suite struct DutchAuctionServiceTests {
    /// A Dutch lot valued at 200 000 грн (so starting at the reduced 100 000) with three admitted bidders; 10 s pause, 1 s price steps, 15 s bid stages.
    func dutchLot(_ harness: WebHarness) async throws -> (Municipality, Lot, [Account]) {
        let city = try await harness.city("vinnytsia")
        let now = harness.clock.now()
        let object = try PropertyObject.recorded(
            kind: .building, title: "Будівля колишньої котельні", address: "вул. Князів Коріатовичів, 9", areaM2: 210, cadastralNumber: nil,
            latitude: nil, longitude: nil, balanceHolder: "Департамент комунального майна", leaseList: nil, in: city.id)
        let lot = try Lot.announced(
            title: "Мала приватизація: будівля котельні", object: object, procedure: .privatizationDutch, value: Money(hryvnias: 200_000),
            minimalStep: .percent(basisPoints: 100), guarantee: Money(hryvnias: 10_000), registrationFee: Money(hryvnias: 800),
            tenderPeriodEnd: now.addingTimeInterval(60), auctionStart: now.addingTimeInterval(120),
            timings: AuctionTimings(pause: 10, turn: 15, rounds: 1), at: now)
        try await harness.services.store.write { tx in
            try await tx.auctions.insert(object, at: now)
            try await tx.auctions.insert(lot, at: now)
        }
        let setup = AuctionServiceTests()
        let principal = try await harness.principal("vinnytsia.admin@demo.hromada.ua")
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

    @Test(arguments: TestDatabase.available) func theFirstToAcceptTheFallingPriceBecomesTheDutchWinnerAndAMatchingBestBidKeepsTheLot(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, _ in
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

    @Test(arguments: TestDatabase.available) func nobodyAcceptingAnyOfTheNinetyNinePricesLeavesTheLotUnsuccessful(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, _ in
            let (city, lot, _) = try await dutchLot(harness)
            harness.clock.set(lot.auctionStart.addingTimeInterval(10 + 100 + 1))
            #expect(try await harness.services.auctions.advance() == 1)
            let (after, _) = try await harness.services.auctions.lot(lot.id, in: city.id)
            #expect(after.status == .unsuccessful)
        }
    }

    @Test(arguments: TestDatabase.available) func theLotPageOffersEachBidderTheirDutchMove(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
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

@Suite struct PrivatizationCycleTests {
    @Test(arguments: TestDatabase.available) func anUnsuccessfulPrivatizationAuctionIsFollowedByOneAtHalfThePriceAndThenByADutchOne(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let zhmerynka = try await apiToken(client, "zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            let object = try #require(try await harness.services.store.read { try await $0.auctions.objects(in: city.id) }.first)
            let iso = ISO8601DateFormatter()
            func dates(from now: Date) -> String {
                #"{"tenderPeriod": {"endDate": "\#(iso.string(from: now.addingTimeInterval(60)))"}, "auctionPeriod": {"startDate": "\#(iso.string(from: now.addingTimeInterval(120)))"}}"#
            }
            let now = harness.clock.now()
            let (created, first) = try await client.json(.post, "/api/v1/vinnytsia/auctions", body: """
                {"title": "Мала приватизація: нежитлова будівля", "objectId": "\(object.id.rawValue)", "procedure": "privatization_english",
                 "value": {"amount": 40000000}, "minimalStep": {"percent": 1}, "guarantee": {"amount": 4000000}, "registrationFee": {"amount": 80000},
                 "tenderPeriod": {"endDate": "\(iso.string(from: now.addingTimeInterval(60)))"}, "auctionPeriod": {"startDate": "\(iso.string(from: now.addingTimeInterval(120)))"}}
                """, token: admin)
            #expect(created == .created)
            let firstID = try #require(first["id"] as? String)
            // While it is open the cycle cannot move on.
            let (early, refusal) = try await client.json(.post, "/api/v1/vinnytsia/auctions/\(firstID)/next", body: dates(from: now), token: admin)
            #expect(early == .conflict && errorCode(refusal) == "cycle_lot_not_unsuccessful")
            // Nobody bid: unsuccessful.
            harness.clock.advance(by: 121)
            #expect(try await harness.services.auctions.advance() >= 1)
            let next = "/api/v1/vinnytsia/auctions/\(firstID)/next"
            #expect(try await client.json(.post, next, body: dates(from: harness.clock.now()), token: zhmerynka).0 == .notFound)
            let (continued, reduced) = try await client.json(.post, next, body: dates(from: harness.clock.now()), token: admin)
            #expect(continued == .created && reduced["procedure"] as? String == "privatization_reduced")
            #expect((reduced["value"] as? [String: Any])?["amount"] as? Int == 40_000_000)
            #expect((reduced["minimalStep"] as? [String: Any])?["amount"] as? Int == 200_000)
            let (again, twice) = try await client.json(.post, next, body: dates(from: harness.clock.now()), token: admin)
            #expect(again == .conflict && errorCode(twice) == "cycle_already_continued")

            // The reduced auction fails too: the Dutch one follows, from the same halved price, and the cycle ends there.
            let reducedID = try #require(reduced["id"] as? String)
            harness.clock.advance(by: 121)
            #expect(try await harness.services.auctions.advance() >= 1)
            let (_, dutch) = try await client.json(.post, "/api/v1/vinnytsia/auctions/\(reducedID)/next", body: dates(from: harness.clock.now()), token: admin)
            #expect(dutch["procedure"] as? String == "privatization_dutch")
            let dutchID = try #require(dutch["id"] as? String)
            let stored = try #require(try await harness.services.store.read { try await $0.auctions.lot(LotID(rawValue: dutchID), in: city.id) })
            #expect(stored.lot.startValue == Money(hryvnias: 200_000) && stored.lot.continues == LotID(rawValue: reducedID))
            harness.clock.advance(by: 121 + 10 + 100 * 60)
            _ = try await harness.services.auctions.advance()
            let (over, end) = try await client.json(.post, "/api/v1/vinnytsia/auctions/\(dutchID)/next", body: dates(from: harness.clock.now()), token: admin)
            #expect(over == .conflict && errorCode(end) == "cycle_over")

            // The organiser's page says where each lot stands in the cycle.
            var browser = Browser(client)
            try await browser.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let page = try await browser.get("/vinnytsia/admin/auctions/\(reducedID)")
            #expect(page.body.contains("Продовжує цикл після лоту №") && page.body.contains("Наступний аукціон циклу: лот №"))
        }
    }

    @Test(arguments: TestDatabase.available) func theOrganiserAnnouncesTheNextAuctionOfTheCycleFromTheLotsPage(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (city, lot) = try await AuctionServiceTests().announce(harness)
            // Made a privatization lot that nobody bid on.
            var failed = lot
            failed.procedure = .privatizationEnglish
            failed.status = .unsuccessful
            let written = failed
            _ = try await harness.services.store.write { try await $0.auctions.update(written, from: .activeTendering) }
            var browser = Browser(client)
            try await browser.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let path = "/vinnytsia/admin/auctions/\(lot.id.rawValue)"
            let page = try await browser.get(path)
            #expect(page.body.contains("Оголосити наступний аукціон") && page.body.contains(Money(hryvnias: 5_000).formatted(currency: "грн")))
            let bad = try await browser.post(path + "/next", [("tenderPeriodEnd", "вчора"), ("auctionStart", "")])
            #expect(bad.status == .unprocessableContent)
            let soon = harness.clock.now().addingTimeInterval(3_600)
            let done = try await browser.post(path + "/next", [
                ("tenderPeriodEnd", DateText.kyivInput(soon)), ("auctionStart", DateText.kyivInput(soon.addingTimeInterval(3_600)))])
            #expect(done.status == .seeOther)
            let lots = try await harness.services.store.read { try await $0.auctions.lots(in: city.id) }
            #expect(lots.contains { $0.lot.continues == lot.id && $0.lot.procedure == .privatizationReduced })
        }
    }
}
