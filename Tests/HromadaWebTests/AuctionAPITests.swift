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

@Suite struct AuctionAPITests {
    @Test(arguments: TestDatabase.available) func aLotIsAnnouncedBidOnAndRunThroughTheAPIWithINTERFACESStatuses(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let olena = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let zhmerynka = try await apiToken(client, "zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            let objectBody = #"{"kind": "premises", "title": "Нежитлове приміщення", "address": "вул. Соборна, 64", "area": 86.4, "balanceHolder": "КП «Вінницька міська нерухомість»", "leaseList": "first"}"#
            // Another city's admin cannot add to Vinnytsia's register; a resident cannot either.
            #expect(try await client.json(.post, "/api/v1/vinnytsia/property", body: objectBody, token: zhmerynka).0 == .notFound)
            #expect(try await client.json(.post, "/api/v1/vinnytsia/property", body: objectBody, token: olena).0 == .notFound)
            let bad = try await client.json(.post, "/api/v1/vinnytsia/property", body: #"{"kind": "land_plot", "title": "Ділянка", "address": "вул. 1", "cadastralNumber": "123", "balanceHolder": "Рада"}"#, token: admin)
            #expect(bad.0 == .unprocessableContent)
            let (created, object) = try await client.json(.post, "/api/v1/vinnytsia/property", body: objectBody, token: admin)
            #expect(created == .created)
            let objectID = try #require(object["id"] as? String)

            let now = harness.clock.now()
            let iso = ISO8601DateFormatter()
            let lotBody = """
                {"title": "Оренда приміщення на Соборній, 64", "objectId": "\(objectID)", "procedure": "lease_english",
                 "value": {"amount": 1000000}, "minimalStep": {"percent": 1}, "guarantee": {"amount": 100000}, "registrationFee": {"amount": 20000},
                 "tenderPeriod": {"endDate": "\(iso.string(from: now.addingTimeInterval(60)))"},
                 "auctionPeriod": {"startDate": "\(iso.string(from: now.addingTimeInterval(120)))"}}
                """
            let (lotStatus, lot) = try await client.json(.post, "/api/v1/vinnytsia/auctions", body: lotBody, token: admin)
            #expect(lotStatus == .created && lot["status"] as? String == "active.tendering")
            #expect((lot["minimalStep"] as? [String: Any])?["amount"] as? Int == 10_000)
            let lotID = try #require(lot["id"] as? String)
            let bids = "/api/v1/vinnytsia/auctions/\(lotID)/bids"
            #expect(try await client.json(.post, bids, body: #"{"amount": 900000}"#, token: olena).0 == .unprocessableContent)
            #expect(try await client.json(.post, bids, body: #"{"amount": 1050000}"#, token: olena).0 == .created)
            // Before the auction nobody sees the closed bids, the organiser included.
            let (_, seen) = try await client.json(.get, "/api/v1/vinnytsia/auctions/\(lotID)", token: admin)
            // Nor how many bid: the count appears at the deadline (security review).
            #expect(seen["bidders"] == nil && seen["standings"] == nil)
            #expect(try await client.json(.get, "/api/v1/zhmerynka/auctions/\(lotID)").0 == .notFound)
            let (listed, list) = try await client.json(.get, "/api/v1/vinnytsia/auctions?status=active.tendering")
            #expect(listed == .ok && (list["items"] as? [[String: Any]])?.contains { $0["id"] as? String == lotID } == true)
            #expect(try await client.json(.get, "/api/v1/vinnytsia/auctions?status=open").0 == .unprocessableContent)

            // One admitted bidder: no rounds, straight to qualification.
            let city = try await harness.city("vinnytsia")
            let bidder = try #require(try await harness.services.store.read { try await $0.auctions.bidders(of: LotID(rawValue: lotID)) }.first)
            let principal = try await harness.principal("vinnytsia.admin@demo.hromada.ua")
            try await harness.services.auctions.recordPayments(LotID(rawValue: lotID), bidder: bidder.id, guarantee: "ПН-1", fee: "ПН-2", city: city, by: principal)
            harness.clock.advance(by: 120)
            #expect(try await client.json(.post, bids, body: #"{"move": "pass"}"#, token: olena).0 == .conflict)
            #expect(try await harness.services.auctions.advance() == 1)
            let (_, after) = try await client.json(.get, "/api/v1/vinnytsia/auctions/\(lotID)")
            #expect(after["status"] as? String == "active.qualification")
            let awards = try #require(after["awards"] as? [[String: Any]])
            #expect(awards.first?["name"] as? String == "Олена Шевчук" && awards.first?["amount"] as? Int == 1_050_000)
        }
    }

    @Test(arguments: TestDatabase.available) func theOrganiserAdmitsBiddersThroughTheAPIAndChoosesTheAuctionsDurations(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let olena = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let zhmerynka = try await apiToken(client, "zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            let city = try await harness.city("vinnytsia")
            let object = try #require(try await harness.services.store.read { try await $0.auctions.objects(in: city.id) }.first)
            let iso = ISO8601DateFormatter(), now = harness.clock.now()
            func lotBody(_ timings: String) -> String {
                """
                {"title": "Оренда з власними тривалостями", "objectId": "\(object.id.rawValue)", "procedure": "lease_english",
                 "value": {"amount": 1000000}, "minimalStep": {"amount": 10000}, "guarantee": {"amount": 100000}, "registrationFee": {"amount": 20000},
                 "tenderPeriod": {"endDate": "\(iso.string(from: now.addingTimeInterval(60)))"},
                 "auctionPeriod": {"startDate": "\(iso.string(from: now.addingTimeInterval(120)))"}, "timings": \(timings)}
                """
            }
            let (refused, error) = try await client.json(.post, "/api/v1/vinnytsia/auctions", body: lotBody(#"{"pauseSeconds": 0, "turnSeconds": 5, "rounds": 3}"#), token: admin)
            #expect(refused == .unprocessableContent && errorCode(error) == "lot_timings_invalid")
            let (created, lot) = try await client.json(.post, "/api/v1/vinnytsia/auctions", body: lotBody(#"{"pauseSeconds": 2, "turnSeconds": 6, "rounds": 2}"#), token: admin)
            #expect(created == .created)
            let lotID = try #require(lot["id"] as? String)
            let stored = try #require(try await harness.services.store.read { try await $0.auctions.lot(LotID(rawValue: lotID), in: city.id) })
            #expect(stored.lot.timings == AuctionTimings(pause: 2, turn: 6, rounds: 2))

            #expect(try await client.json(.post, "/api/v1/vinnytsia/auctions/\(lotID)/bids", body: #"{"amount": 1234500}"#, token: olena).0 == .created)
            let bidders = "/api/v1/vinnytsia/auctions/\(lotID)/bidders"
            // Only Vinnytsia's organisers see who registered; nobody sees the amount.
            #expect(try await client.json(.get, bidders, token: olena).0 == .notFound)
            #expect(try await client.json(.get, bidders.replacingOccurrences(of: "vinnytsia", with: "zhmerynka"), token: zhmerynka).0 == .notFound)
            #expect(try await client.json(.get, bidders).0 == .unauthorized)
            let (listed, list) = try await client.json(.get, bidders, token: admin)
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(listed == .ok && items.count == 1 && items[0]["admitted"] as? Bool == false && items[0]["amount"] == nil)
            let bidderID = try #require(items[0]["id"] as? String)
            let payments = "\(bidders)/\(bidderID)/payments"
            #expect(try await client.json(.post, payments, body: #"{"guarantee": "ПН-7"}"#, token: zhmerynka).0 == .notFound)
            let (paid, bidder) = try await client.json(.post, payments, body: #"{"guarantee": "ПН-7", "fee": "ПН-8"}"#, token: admin)
            #expect(paid == .ok && bidder["admitted"] as? Bool == true && bidder["feeReference"] as? String == "ПН-8")
            #expect(try await client.json(.post, "\(bidders)/no-such-bidder/payments", body: #"{"guarantee": "1", "fee": "2"}"#, token: admin).0 == .notFound)
        }
    }
}
