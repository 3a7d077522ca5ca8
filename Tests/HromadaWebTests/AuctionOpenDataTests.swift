import Foundation
import HromadaDomain
import HromadaStore
import HTTPTypes
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

@Suite struct AuctionOpenDataTests {
    func download(_ client: any TestClientProtocol, _ file: String) async throws -> (status: HTTPResponse.Status, body: String) {
        let response = try await client.execute(uri: "/api/v1/vinnytsia/auctions/open-data/\(file)", method: .get)
        return (response.status, String(buffer: response.body))
    }

    @Test(arguments: TestDatabase.available) func closedBidsNeverLeakIntoOpenDataWhileBiddingOrTheAuctionRuns(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let setup = AuctionServiceTests()
            let (city, lot) = try await setup.announce(harness)
            let auctions = harness.services.auctions
            let admin = try await harness.principal("vinnytsia.admin@demo.hromada.ua")
            let ivan = try await setup.resident(harness, "ivan", in: city), petro = try await setup.resident(harness, "petro", in: city)
            _ = try await auctions.submitBid(lot.id, amount: Money(kopiyky: 1_012_345), legalEntityCode: nil, city: city, by: ivan)
            _ = try await auctions.submitBid(lot.id, amount: Money(kopiyky: 1_123_456), legalEntityCode: "12345678", city: city, by: petro)
            for bidder in try await harness.services.store.read({ try await $0.auctions.bidders(of: lot.id) }) {
                try await auctions.recordPayments(lot.id, bidder: bidder.id, guarantee: "ПН-1", fee: "РВ-1", city: city, by: admin)
            }
            let number = try await auctions.lot(lot.id, in: city.id).number
            let ocid = "ocds-hromada-vinnytsia-\(number)"

            // Bidding, then the auction running: the lot is listed, its bids are not, in any file.
            for _ in 0..<2 {
                let lots = try await download(client, "lots.csv")
                #expect(lots.status == .ok && lots.body.contains(ocid) && lots.body.contains("10000.00"))
                for file in ["lots.csv", "lots.json", "bids.csv", "bids.json", "awards.csv", "awards.json"] {
                    let body = try await download(client, file).body
                    #expect(!body.contains("10123.45") && !body.contains("11234.56") && !body.contains("12345678"), "\(file) leaks a closed bid")
                    #expect(!body.contains(lot.id.rawValue) || file.hasPrefix("lots"), "\(file) lists a sealed lot")
                }
                harness.clock.set(lot.auctionStart.addingTimeInterval(11))
                _ = try await auctions.advance()
                #expect(try await auctions.lot(lot.id, in: city.id).lot.status == .activeAuction)
            }

            // Over: each participant's closed bid and final amount, and the awards.
            _ = try await auctions.move(lot.id, .raise(to: Money(kopiyky: 1_234_567)), city: city, by: ivan)
            harness.clock.advance(by: 600)
            _ = try await auctions.advance()
            let bids = try await download(client, "bids.json")
            #expect(bids.status == .ok)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(bids.body.utf8)) as? [[String: Any]]).filter { $0["ocid"] as? String == ocid }
            #expect(rows.count == 2)
            let ivanRow = try #require(rows.first { $0["initialBid"] as? String == "10123.45" })
            #expect(ivanRow["finalAmount"] as? String == "12345.67" && ivanRow["participantNumber"] as? Int == 1)
            #expect(rows.contains { $0["legalEntityCode"] as? String == "12345678" && $0["finalAmount"] as? String == "11234.56" })
            let awards = try await download(client, "awards.csv")
            #expect(awards.body.contains("\(ocid),\(lot.id.rawValue),\(number),1,1,Тест Тестович,pending,UAH,12345.67"))
            #expect(awards.body.contains(",pending.waiting,UAH,11234.56"))
            #expect(try await download(client, "bids.xml").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func theDemoLotsAreOpenDataWithOCDSIdentifiersAndTheAuctionsPageLinksThem(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let lots = try await download(client, "lots.json")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(lots.body.utf8)) as? [[String: Any]])
            #expect(rows.count == AuctionDemoSeeder.items.count + AuctionDemoSeeder.privatizationCycleLots)
            #expect(rows.allSatisfy { ($0["ocid"] as? String)?.hasPrefix("ocds-hromada-vinnytsia-") == true && $0["currency"] as? String == "UAH" })
            let bids = try await download(client, "bids.csv")
            #expect(bids.body.hasPrefix("ocid,lotId,lotNumber,participantNumber,bidderName,") && bids.body.contains("Олена Шевчук"))
            var visitor = Browser(client)
            let page = try await visitor.get("/vinnytsia/auctions")
            #expect(page.body.contains("/api/v1/vinnytsia/auctions/open-data/bids.csv") && page.body.contains("Відкриті дані"))
        }
    }
}
