import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import Auctions
@testable import Budgets
@testable import Petitions

@Suite struct AuctionContractTests {
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let zhmerynka = MunicipalityID(rawValue: "zhmerynka")

    /// Two cities, an object and a lot in Vinnytsia, two bidders' accounts.
    func seeded(_ store: Store) async throws -> (Lot, [Account]) {
        try await seedCities(store)
        let accounts = try await insertAccounts(store, "bidder1@example.com", "bidder2@example.com")
        let object = try PropertyObject.recorded(
            kind: .premises, title: "Нежитлове приміщення", address: "вул. Соборна, 64", areaM2: 86.4, cadastralNumber: nil, latitude: nil,
            longitude: nil, balanceHolder: "КП «Вінницька міська нерухомість»", leaseList: .first, in: vinnytsia)
        let lot = try Lot.announced(
            title: "Оренда приміщення на Соборній, 64", object: object, procedure: .leaseEnglish, value: Money(hryvnias: 10_000),
            minimalStep: .percent(basisPoints: 100), guarantee: Money(hryvnias: 1_000), registrationFee: Money(hryvnias: 200),
            tenderPeriodEnd: t0.addingTimeInterval(3_600), auctionStart: t0.addingTimeInterval(7_200), at: t0)
        try await store.write { tx in
            try await tx.auctions.insert(object, at: t0)
            try await tx.auctions.insert(lot, at: t0)
        }
        return (lot, accounts)
    }

    @Test(arguments: TestDatabase.available)
    func objectsAndLotsRoundTripWithinTheirCityAndAreNumbered(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (lot, _) = try await seeded(store)
            let city = vinnytsia, other = zhmerynka
            let stored = try #require(try await store.read { try await $0.auctions.lot(lot.id, in: city) })
            #expect(stored.lot == lot && stored.number == 1)
            #expect(try await store.read { try await $0.auctions.lot(lot.id, in: other) } == nil)
            #expect(try await store.read { try await $0.auctions.object(lot.objectID, in: other) } == nil)
            #expect(try await store.read { try await $0.auctions.objects(in: city) }.map(\.id) == [lot.objectID])
            var auction = lot
            auction.status = .activeAuction
            let moved = auction
            #expect(try await store.write { try await $0.auctions.update(moved, from: .activeTendering) })
            #expect(try await store.write { try await $0.auctions.update(moved, from: .activeTendering) } == false)
            #expect(try await store.read { try await $0.auctions.lots(in: city, statuses: [.activeAuction]) }.map(\.lot.id) == [lot.id])
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBidderKeepsOneClosedBidPerLotAndItsIdWhenEditing(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (lot, accounts) = try await seeded(store)
            let first = LotBidder(
                id: AuctionBidderID(rawValue: "b1"), lotID: lot.id, accountID: accounts[0].id, name: "ТОВ «Поділля-Трейд»",
                legalEntityCode: "12345678", amount: Money(hryvnias: 10_000), submittedAt: t0.addingTimeInterval(0.123))
            _ = try await store.write { try await $0.auctions.register(first) }
            let edited = LotBidder(
                id: AuctionBidderID(rawValue: "another-id"), lotID: lot.id, accountID: accounts[0].id, name: first.name, legalEntityCode: "12345678",
                amount: Money(hryvnias: 12_500), submittedAt: t0.addingTimeInterval(60.456))
            let stored = try await store.write { try await $0.auctions.register(edited) }
            #expect(stored.id == first.id && stored.amount == Money(hryvnias: 12_500))
            #expect(AuctionRepository.milliseconds(stored.submittedAt) == AuctionRepository.milliseconds(t0.addingTimeInterval(60.456)),
                    "milliseconds survive")
            #expect(!stored.isAdmitted)
            let lotID = lot.id
            #expect(try await store.write { try await $0.auctions.recordPayments(of: first.id, on: lotID, guarantee: "ПН-17", fee: "ПН-18") })
            let bidders = try await store.read { try await $0.auctions.bidders(of: lotID) }
            #expect(bidders.count == 1 && bidders[0].isAdmitted)
        }
    }

    @Test(arguments: TestDatabase.available)
    func ofFiftyBidsRacingForOneTurnExactlyOneIsKept(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (lot, _) = try await seeded(store)
            let lotID = lot.id
            let turn = EnglishAuction.TurnKey(round: 1, position: 0)
            let kept = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let move = EnglishAuction.RecordedMove(
                            bidder: AuctionBidderID(rawValue: "b\(index % 2)"), move: .raise(to: Money(hryvnias: 11_000 + Int64(index))),
                            at: t0.addingTimeInterval(Double(index) / 1_000), turn: turn)
                        return try await store.write { try await $0.auctions.record(move, on: lotID) }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(kept == 1)
            let moves = try await store.read { try await $0.auctions.moves(of: lotID) }
            #expect(moves.count == 1 && moves[0].turn == turn)
            let next = EnglishAuction.RecordedMove(bidder: AuctionBidderID(rawValue: "b1"), move: .pass, at: t0.addingTimeInterval(5),
                                                   turn: .init(round: 1, position: 1))
            #expect(try await store.write { try await $0.auctions.record(next, on: lotID) })
            #expect(try await store.read { try await $0.auctions.moves(of: lotID) }.map(\.move).last == .pass)
        }
    }
}
