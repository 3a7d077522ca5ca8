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

/// Issue 13's security review: what the public can learn about who did what.
@Suite struct UnlinkabilityTests {
    /// A resident who signs a petition and bids on a lot appears under two
    /// names that share nothing; before, one pseudonym joined the public
    /// signer list (names, times) to the bids.
    @Test(arguments: TestDatabase.available) func oneResidentsSignatureAndBidAreNotJoinedByPseudonym(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, _ in
            let petitions = try await PetitionFixture(harness, threshold: 100)
            let petition = try await petitions.openPetition()
            let maria = try await petitions.resident("maria")
            _ = try await harness.services.petitions.sign(petition.id, city: petitions.city, by: maria, clientAddress: "10.0.0.1")
            let (city, lot) = try await AuctionServiceTests().announce(harness)
            _ = try await harness.services.auctions.submitBid(lot.id, amount: Money(hryvnias: 10_500), legalEntityCode: nil, city: city, by: maria)

            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 100) }
            let signed = try #require(entries.first { $0.action == AuditAction.petitionSigned && $0.subject == petition.id.rawValue })
            let bid = try #require(entries.first { $0.action == AuditAction.auctionBidEntered })
            #expect(signed.actor != bid.actor)
            #expect(signed.actor == harness.services.keys.pseudonym(of: maria.id, about: petition.id.rawValue))
            let hers = Set(entries.filter { $0.actor == signed.actor }.map(\.subject))
            #expect(hers == [petition.id.rawValue], "her pseudonym names her only on this petition")
        }
    }

    /// The public list of recent entries would count a lot's bidders before the deadline.
    @Test(arguments: TestDatabase.available) func theAuditPageListsNoBidsOrPayments(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (city, lot) = try await AuctionServiceTests().announce(harness)
            let ivan = try await AuctionServiceTests().resident(harness, "ivan", in: city)
            _ = try await harness.services.auctions.submitBid(lot.id, amount: Money(hryvnias: 10_500), legalEntityCode: nil, city: city, by: ivan)
            let stored = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 5) }
            #expect(stored.contains { $0.action == AuditAction.auctionBidEntered }, "the chain holds the bid")
            let page = try await client.execute(uri: "/audit", method: .get)
            #expect(page.status == .ok)
            #expect(!String(buffer: page.body).contains(AuditAction.auctionBidEntered))
        }
    }

    /// The number of bidders is hidden on the page, the API and the socket until the bidding deadline.
    @Test(arguments: TestDatabase.available) func theNumberOfBiddersIsHiddenUntilTheDeadline(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (city, lot) = try await AuctionServiceTests().announce(harness)
            for name in ["ivan", "petro"] {
                let bidder = try await AuctionServiceTests().resident(harness, name, in: city)
                _ = try await harness.services.auctions.submitBid(lot.id, amount: Money(hryvnias: 10_500), legalEntityCode: nil, city: city, by: bidder)
            }
            let path = "/api/v1/vinnytsia/auctions/\(lot.id.rawValue)"
            #expect(try await client.json(.get, path).1["bidders"] == nil)
            let page = String(buffer: try await client.execute(uri: "/vinnytsia/auctions/\(lot.id.rawValue)", method: .get).body)
            let label = harness.services.localizer.string("auctions.bidders", .uk)
            #expect(!page.contains(label + ":"))

            harness.clock.set(lot.tenderPeriodEnd)
            #expect(try await client.json(.get, path).1["bidders"] as? Int == 2)
            let after = String(buffer: try await client.execute(uri: "/vinnytsia/auctions/\(lot.id.rawValue)", method: .get).body)
            #expect(after.contains(label + ": 2"))
        }
    }

    @Test func aQuoteWithACombiningAccentStaysInsideTheChartsLabel() {
        // A quote with a combining acute accent: one Character, two scalars.
        let accented = "\"\u{301}"
        let chart = SVGBarChart(bars: [], title: "Категорія \(accented) onload=\(accented)alert(1)").render()
        let escaped = "&quot;\u{301} onload=&quot;\u{301}alert(1)"
        #expect(!chart.contains(accented))
        #expect(chart.contains(escaped))
    }
}
