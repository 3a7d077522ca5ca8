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

@Suite struct ProzorroExchangeAPITests {
    /// A Vinnytsia lot with two admitted bidders, still taking closed bids.
    func sealedLot(_ harness: WebHarness) async throws -> (Municipality, Lot, [LotBidder]) {
        let setup = AuctionServiceTests()
        let (city, lot) = try await setup.announce(harness)
        let admin = try await harness.principal("vinnytsia.admin@demo.hromada.ua")
        let ivan = try await setup.resident(harness, "ivan", in: city), petro = try await setup.resident(harness, "petro", in: city)
        _ = try await harness.services.auctions.submitBid(lot.id, amount: Money(kopiyky: 1_012_345), legalEntityCode: nil, city: city, by: ivan)
        _ = try await harness.services.auctions.submitBid(lot.id, amount: Money(kopiyky: 1_100_000), legalEntityCode: "12345678", city: city, by: petro)
        let bidders = try await harness.services.store.read { try await $0.auctions.bidders(of: lot.id) }
        for bidder in bidders {
            try await harness.services.auctions.recordPayments(lot.id, bidder: bidder.id, guarantee: "ПН-1", fee: "РВ-1", city: city, by: admin)
        }
        return (city, lot, try await harness.services.store.read { try await $0.auctions.bidders(of: lot.id) })
    }

    /// What Prozorro.Sale would publish after running the auction: the first bidder won at 12 345,67 and signed.
    func result(_ export: [String: Any], winner: String, runnerUp: String) throws -> [String: Any] {
        var document = export
        document["status"] = "complete"
        document["awards"] = [
            ["id": "award-1", "bidId": winner, "status": "active", "value": ["amount": 12345.67, "currency": "UAH", "valueAddedTaxIncluded": false],
             "date": "2026-12-01T10:00:00.000Z"],
            ["id": "award-2", "bidId": runnerUp, "status": "pending.waiting", "value": ["amount": 11000, "currency": "UAH", "valueAddedTaxIncluded": false]],
        ]
        document["contracts"] = [["id": "contract-1", "awardId": "award-1", "status": "active", "dateSigned": "2026-12-03T10:00:00Z"]]
        return document
    }

    func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test(arguments: TestDatabase.available) func onlyTheCitysOrganisersExportASealedLotAndNoClosedBidLeaks(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (_, lot, _) = try await sealedLot(harness)
            let path = "/api/v1/vinnytsia/auctions/\(lot.id.rawValue)/prozorro"
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let zhmerynka = try await apiToken(client, "zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            let olena = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await client.json(.get, path).0 == .unauthorized)
            #expect(try await client.json(.get, path, token: olena).0 == .notFound)
            #expect(try await client.json(.get, path, token: zhmerynka).0 == .notFound)
            #expect(try await client.json(.get, "/api/v1/zhmerynka/auctions/\(lot.id.rawValue)/prozorro", token: zhmerynka).0 == .notFound)
            let (status, export) = try await client.json(.get, path, token: admin)
            #expect(status == .ok && export["status"] as? String == "active.tendering" && export["sellingMethod"] as? String == "legitimatePropertyLease-english")
            #expect(export["bids"] == nil && (export["value"] as? [String: Any])?["amount"] as? Int == 10_000)
            let raw = try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(admin)"])
            #expect(!String(buffer: raw.body).contains("10123.45"))
        }
    }

    @Test(arguments: TestDatabase.available) func aProzorroResultClosesTheLotOnceWithAnAuditEntryAndIsPublicAfterwards(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (city, lot, bidders) = try await sealedLot(harness)
            harness.clock.set(lot.auctionStart.addingTimeInterval(86_400))  // the auction has run
            let path = "/api/v1/vinnytsia/auctions/\(lot.id.rawValue)/prozorro"
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let zhmerynka = try await apiToken(client, "zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            let moderator = try await apiToken(client, "vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            let (_, export) = try await client.json(.get, path, token: admin)
            let document = try json(try result(export, winner: bidders[0].id.rawValue, runnerUp: bidders[1].id.rawValue))

            // Another city's admin, or a moderator: as if there were no such lot.
            #expect(try await client.json(.post, path, body: document, token: zhmerynka).0 == .notFound)
            #expect(try await client.json(.post, path, body: document, token: moderator).0 == .notFound)
            #expect(try await client.json(.post, "/api/v1/zhmerynka/auctions/\(lot.id.rawValue)/prozorro", body: document, token: zhmerynka).0 == .notFound)

            let (status, imported) = try await client.json(.post, path, body: document, token: admin)
            #expect(status == .ok && imported["status"] as? String == "complete")
            let stored = try await harness.services.auctions.lot(lot.id, in: city.id).lot
            #expect(stored.status == .complete && stored.awards?.awards.first?.amount == Money(kopiyky: 1_234_567))
            #expect(stored.awards?.awards.map(\.status) == [.active, .pendingWaiting])
            let audited = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 20) }
            #expect(audited.contains { $0.action == AuditAction.auctionResultImported && $0.subject == lot.id.rawValue })

            // Decided: a second import is refused, and now anyone may read the result.
            let again = try await client.json(.post, path, body: document, token: admin)
            #expect(again.0 == .conflict && errorCode(again.1) == "lot_result_closed")
            let (publicStatus, published) = try await client.json(.get, path)
            #expect(publicStatus == .ok && (published["bids"] as? [[String: Any]])?.count == 2)
            #expect((published["contracts"] as? [[String: Any]])?.first?["awardId"] as? String == "award-1")
        }
    }

    @Test(arguments: TestDatabase.available) func aDocumentThatDoesNotMatchTheLotAnswers422AndChangesNothing(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (city, lot, bidders) = try await sealedLot(harness)
            harness.clock.set(lot.auctionStart.addingTimeInterval(86_400))  // the auction has run
            let path = "/api/v1/vinnytsia/auctions/\(lot.id.rawValue)/prozorro"
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let (_, export) = try await client.json(.get, path, token: admin)
            let good = try result(export, winner: bidders[0].id.rawValue, runnerUp: bidders[1].id.rawValue)
            var wrongLot = good
            wrongLot["auctionId"] = "HROMADA-VINNYTSIA-999"
            var stranger = good
            stranger["awards"] = [["id": "award-1", "bidId": "nobody", "status": "pending", "value": ["amount": 1, "currency": "UAH", "valueAddedTaxIncluded": false]]]
            var badStatus = good
            badStatus["status"] = "active.tendering"
            var fraction = good
            fraction["awards"] = [["id": "award-1", "bidId": bidders[0].id.rawValue, "status": "pending", "value": ["amount": 100.001, "currency": "UAH", "valueAddedTaxIncluded": false]]]
            var mismatch = good
            mismatch["status"] = "active.awarded"
            let cases: [(String, String)] = [
                (try json(wrongLot), "prozorro_lot_mismatch"), (try json(stranger), "prozorro_bidder_unknown"),
                (try json(badStatus), "prozorro_status_invalid"), (try json(fraction), "prozorro_amount_invalid"),
                (try json(mismatch), "prozorro_status_mismatch"), (#"{"auctionId": 7}"#, "prozorro_document_unreadable"),
            ]
            for (body, code) in cases {
                let (status, answer) = try await client.json(.post, path, body: body, token: admin)
                #expect(status == .unprocessableContent && errorCode(answer) == code, "\(code)")
            }
            let unchanged = try await harness.services.auctions.lot(lot.id, in: city.id).lot
            #expect(unchanged.status == .activeTendering && unchanged.awards == nil)
            let audited = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 50) }
            #expect(!audited.contains { $0.action == AuditAction.auctionResultImported })
        }
    }

    /// Security review: importing `unsuccessful` into a lot still taking
    /// closed bids made it count as over (names and amounts in open data, the
    /// protocol and the export) and let `…/next` re-announce it at half price.
    @Test(arguments: TestDatabase.available) func aResultCannotOpenClosedBidsBeforeTheAuction(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (city, lot, bidders) = try await sealedLot(harness)
            let path = "/api/v1/vinnytsia/auctions/\(lot.id.rawValue)/prozorro"
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let (_, export) = try await client.json(.get, path, token: admin)
            var unsuccessful = export
            unsuccessful["status"] = "unsuccessful"
            let refused = try await client.json(.post, path, body: try json(unsuccessful), token: admin)
            #expect(refused.0 == .conflict && errorCode(refused.1) == "lot_auction_not_over")
            #expect(try await harness.services.auctions.lot(lot.id, in: city.id).lot.status == .activeTendering)

            // Cancelling is allowed at any time, and the closed bids stay sealed for ever.
            var cancelled = try result(export, winner: bidders[0].id.rawValue, runnerUp: bidders[1].id.rawValue)
            cancelled["status"] = "cancelled"
            #expect(try await client.json(.post, path, body: try json(cancelled), token: admin).0 == .ok)
            harness.clock.set(lot.auctionStart.addingTimeInterval(86_400))
            let stored = try await harness.services.auctions.lot(lot.id, in: city.id).lot
            #expect(stored.status == .cancelled && stored.awards == nil)
            let bids = try await client.execute(uri: "/api/v1/vinnytsia/auctions/open-data/bids.csv", method: .get)
            let protocolPage = try await client.execute(uri: "/vinnytsia/auctions/\(lot.id.rawValue)/protocol", method: .get)
            let publicExport = try await client.execute(uri: path, method: .get)
            for text in [String(buffer: bids.body), String(buffer: protocolPage.body), String(buffer: publicExport.body)] {
                #expect(!text.contains("10123.45") && !text.contains("11000") && !text.contains("12345678"))
            }
            #expect(publicExport.status == .notFound || publicExport.status == .unauthorized)
            let next = try await client.json(
                .post, "/api/v1/vinnytsia/auctions/\(lot.id.rawValue)/next",
                body: #"{"tenderPeriod": {"endDate": "2099-01-01T00:00:00Z"}, "auctionPeriod": {"startDate": "2099-01-02T00:00:00Z"}}"#, token: admin)
            #expect(next.0 == .conflict)
        }
    }
}
