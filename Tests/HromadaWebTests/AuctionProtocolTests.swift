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

@Suite struct AuctionProtocolTests {
    /// A resident whose name a browser would run as markup if it were not escaped.
    func resident(_ harness: WebHarness, _ email: String, name: String, in city: Municipality) async throws -> Account {
        let account = try await harness.services.accounts.register(
            .init(email: email, password: "correct horse battery", fullName: name), language: .uk, confirmed: true)
        _ = try await harness.services.residency.record(
            account: account.id, municipality: city.id, hash: IdentityHash(rawValue: "identity-\(email)"),
            birthDate: CalendarDate(year: 1980, month: 5, day: 5), method: .demo, verifiedBy: nil)
        return account
    }

    @Test(arguments: TestDatabase.available) func theProtocolStaysSealedUntilTheAuctionIsOverThenListsEveryBidAndMoveWithEscapedNames(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (city, lot) = try await AuctionServiceTests().announce(harness)
            let auctions = harness.services.auctions
            let admin = try await harness.principal("vinnytsia.admin@demo.hromada.ua")
            let yaryna = try await resident(harness, "yaryna@example.com", name: "Ярина Кравець", in: city)
            let petro = try await resident(harness, "petro@example.com", name: "Петро Коваль", in: city)
            let maria = try await resident(harness, "maria@example.com", name: "Марія Неоплатна", in: city)
            _ = try await auctions.submitBid(lot.id, amount: Money(hryvnias: 10_000), legalEntityCode: nil, city: city, by: yaryna)
            harness.clock.advance(by: 1)
            _ = try await auctions.submitBid(lot.id, amount: Money(hryvnias: 11_000), legalEntityCode: "12345678", city: city, by: petro)
            // Registration keeps markup out of names; a name stored some other way must still print as text.
            let stored = try #require(try await harness.services.store.read { try await $0.auctions.bidders(of: lot.id) }.first { $0.accountID == yaryna.id })
            var marked = stored
            marked.name = "<b>Ярина</b> & Co"
            try await harness.services.store.write { [marked] tx in _ = try await tx.auctions.register(marked) }
            // Maria never pays: she is no participant, and her closed bid is never opened.
            _ = try await auctions.submitBid(lot.id, amount: Money(hryvnias: 10_777), legalEntityCode: nil, city: city, by: maria)
            for bidder in try await harness.services.store.read({ try await $0.auctions.bidders(of: lot.id) }) where bidder.accountID != maria.id {
                try await auctions.recordPayments(lot.id, bidder: bidder.id, guarantee: "ПН-1", fee: "РВ-1", city: city, by: admin)
            }
            let path = "/vinnytsia/auctions/\(lot.id.rawValue)/protocol"
            var visitor = Browser(client), organiser = Browser(client)
            try await organiser.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")

            // Before the end nobody sees it, the organiser included; the lot pages do not link it.
            for stage in ["bidding", "auction"] {
                let early = try await organiser.get(path)
                #expect(early.status == .notFound, "\(stage)")
                #expect(early.body.contains("Протокол буде оприлюднено після завершення аукціону"))
                #expect(!early.body.contains("11\u{00A0}000") && !early.body.contains("Петро Коваль"))
                #expect(!(try await visitor.get("/vinnytsia/auctions/\(lot.id.rawValue)").body.contains(path)))
                harness.clock.set(lot.auctionStart.addingTimeInterval(10))
                _ = try await auctions.advance()
            }
            // Yaryna (the lower bid) raises in her turn; Petro passes.
            let raisedAt = harness.clock.now().addingTimeInterval(2)
            harness.clock.set(raisedAt)
            _ = try await auctions.move(lot.id, .raise(to: Money(hryvnias: 12_000)), city: city, by: yaryna)
            harness.clock.advance(by: 1)
            _ = try await auctions.move(lot.id, .pass, city: city, by: petro)
            harness.clock.advance(by: 600)
            _ = try await auctions.advance()
            let winner = try #require(try await auctions.lot(lot.id, in: city.id).lot.awards?.pending?.bidder)
            _ = try await auctions.decide(lot.id, .disqualify(winner, reason: "<i>Не сплатила</i> ціну"), city: city, by: admin)

            let page = try await visitor.get(path)
            #expect(page.status == .ok)
            #expect(page.body.contains("Протокол електронного аукціону") && page.body.contains("/static/auction-protocol.css"))
            // Names and reasons are text, never markup.
            #expect(page.body.contains("&lt;b&gt;Ярина&lt;/b&gt; &amp; Co") && !page.body.contains("<b>Ярина"))
            #expect(page.body.contains("&lt;i&gt;Не сплатила&lt;/i&gt; ціну") && !page.body.contains("<i>Не сплатила"))
            // Participants with their closed bids and the ЄДРПОУ code; the unpaid bidder nowhere.
            #expect(page.body.contains("Петро Коваль") && page.body.contains("12345678"))
            #expect(page.body.contains("10\u{00A0}000,00") && page.body.contains("11\u{00A0}000,00"))
            #expect(!page.body.contains("Марія Неоплатна") && !page.body.contains("10\u{00A0}777"))
            // Every move to the second, Kyiv time; the ranking and the award chain with the reason.
            #expect(page.body.contains(DateText.kyivSeconds(raisedAt)) && page.body.contains("підвищення ставки") && page.body.contains("пропуск ходу"))
            #expect(page.body.contains("12\u{00A0}000,00") && page.body.contains("Підсумкове ранжування") && page.body.contains("дискваліфіковано"))
            // Linked from the lot page and the organiser's page now; another city has no such lot.
            #expect(try await visitor.get("/vinnytsia/auctions/\(lot.id.rawValue)").body.contains(path))
            #expect(try await organiser.get("/vinnytsia/admin/auctions/\(lot.id.rawValue)").body.contains(path))
            #expect(try await visitor.get("/zhmerynka/auctions/\(lot.id.rawValue)/protocol").status == .notFound)
            // In English too.
            try await visitor.get("/en?next=\(path)")
            #expect(try await visitor.get(path).body.contains("Electronic auction protocol"))
        }
    }

    @Test(arguments: TestDatabase.available) func everyFinishedDemoLotHasAProtocolAndTheOpenOneDoesNot(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            var visitor = Browser(client)
            for (lot, _) in try await harness.services.store.read({ try await $0.auctions.lots(in: city.id) }) {
                let page = try await visitor.get("/vinnytsia/auctions/\(lot.id.rawValue)/protocol")
                switch lot.status {
                case .activeTendering, .activeAuction: #expect(page.status == .notFound)
                case .cancelled: #expect(page.status == (lot.awards == nil ? .notFound : .ok))
                default: #expect(page.status == .ok, "\(lot.status)")
                }
            }
        }
    }
}
