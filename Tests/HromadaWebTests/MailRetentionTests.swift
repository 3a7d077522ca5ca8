import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// Issue 13, finding 3: the outbox does not keep live links or delivered mail.
@Suite struct MailRetentionTests {
    @Test(arguments: TestDatabase.available)
    func usingAResetLinkRemovesTheMailThatHeldIt(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var browser = Browser(client)
            try await browser.get("/password/forgot")
            // Two requests: using either link retires both, and both letters go.
            try await browser.post("/password/forgot", [("email", "olena@demo.hromada.ua")])
            try await browser.post("/password/forgot", [("email", "olena@demo.hromada.ua")])
            let links = try await harness.outbox().filter { $0.recipient == "olena@demo.hromada.ua" }
                .compactMap { $0.body.split(whereSeparator: \.isWhitespace).first { $0.contains("/password/reset?token=") } }
                .compactMap { URL(string: String($0)).map { $0.path + "?" + ($0.query ?? "") } }
            try #require(Set(links).count == 2)
            let link = links[0], first = links[1]
            let token = String(link.dropFirst("/password/reset?token=".count))
            let firstToken = String(first.dropFirst("/password/reset?token=".count))
            try await browser.get(link)
            let done = try await browser.post("/password/reset", [("token", token), ("password", "новий надійний пароль")])
            #expect(done.status == .ok)
            let outbox = try await harness.outbox()
            #expect(outbox.allSatisfy { !$0.body.contains(token) && !$0.body.contains(firstToken) })
            // The earlier link no longer works either.
            #expect(try await browser.get(first).status == .unprocessableContent)
        }
    }

    @Test(arguments: TestDatabase.available)
    func usingAConfirmationLinkRemovesTheMailThatHeldIt(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var browser = Browser(client)
            try await browser.get("/register")
            try await browser.post("/register", [("fullName", "Шевчук Олена Петрівна"), ("email", "new@example.com"), ("password", "вишня цвіте навесні")])
            let link = try await harness.lastLink(to: "new@example.com")
            let token = String(link.dropFirst("/confirm?token=".count))
            #expect(try await browser.get(link).status == .ok)
            #expect(try await harness.outbox().allSatisfy { !$0.body.contains(token) })
        }
    }

    @Test(arguments: TestDatabase.available)
    func deliveredMailIsPurgedAfterTheRetentionAndWaitingMailIsKept(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let services = harness.services
            var browser = Browser(client)
            try await browser.get("/password/forgot")
            try await browser.post("/password/forgot", [("email", "olena@demo.hromada.ua")])
            // Without SMTP the deliverer marks it delivered (it stays readable on /dev/mail for a while).
            let deliverer = OutboxDeliverer(store: services.store, smtp: nil, clock: harness.clock, logger: TestDatabase.logger)
            var rounds = 0
            while rounds < 50, try await harness.outbox().contains(where: { $0.sentAt == nil }) {
                try await deliverer.deliverDue()
                rounds += 1
            }
            #expect(try await harness.outbox().contains { $0.recipient == "olena@demo.hromada.ua" && $0.sentAt != nil })
            try await browser.post("/password/forgot", [("email", "andrii@demo.hromada.ua")])
            harness.clock.advance(by: 2 * 24 * 3600)
            try await Housekeeping(store: services.store, clock: harness.clock, logger: TestDatabase.logger).sweep()
            let outbox = try await harness.outbox()
            #expect(outbox.allSatisfy { $0.sentAt == nil })
            #expect(!outbox.contains { $0.recipient == "olena@demo.hromada.ua" })
            #expect(outbox.contains { $0.recipient == "andrii@demo.hromada.ua" })
        }
    }

    @Test(arguments: TestDatabase.available) func mailRetentionIsAnHourInProductionAndADayInDemoMode(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            #expect(harness.services.mailRetention == 24 * 3600)
            var browser = Browser(client)
            let page = try await browser.get("/dev/mail")
            #expect(page.body.contains("24 год"))
        }
        try await WebHarness.run(demo: false) { harness, _ in
            let retention = harness.services.mailRetention
            #expect(retention == 3600)
        }
    }

    @Test func retentionIsReadAsSecondsOrWithAUnit() {
        #expect(AppConfiguration.duration("3600") == 3600)
        #expect(AppConfiguration.duration("90s") == 90)
        #expect(AppConfiguration.duration("30m") == 1800)
        #expect(AppConfiguration.duration("1h") == 3600)
        #expect(AppConfiguration.duration(" 7D ") == 604_800)
        for bad in ["", "h", "1.5h", "-1h", "1w", "soon", "99999999999"] {
            #expect(AppConfiguration.duration(bad) == nil, "\(bad)")
        }
    }

    @Test(arguments: TestDatabase.available) func deliveredMailStaysForTheRetentionThenGoes(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, client in
            try await harness.makeAccount("petro@example.com")
            var browser = Browser(client)
            try await browser.get("/password/forgot")
            try await browser.post("/password/forgot", [("email", "petro@example.com")])
            try await OutboxDeliverer(store: harness.services.store, smtp: nil, clock: harness.clock, logger: TestDatabase.logger).deliverDue()
            let sweep = Housekeeping(store: harness.services.store, clock: harness.clock, logger: TestDatabase.logger, mailRetention: harness.services.mailRetention)
            harness.clock.advance(by: 3500)
            try await sweep.sweep()
            #expect(try await harness.outbox().count == 1)
            harness.clock.advance(by: 200)
            try await sweep.sweep()
            #expect(try await harness.outbox().isEmpty)
        }
    }
}
