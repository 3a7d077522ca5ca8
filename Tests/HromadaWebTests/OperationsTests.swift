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

@Suite struct OutboxDeliveryTests {
    static func deliverer(_ harness: WebHarness, _ smtp: FakeSMTPServer) throws -> OutboxDeliverer {
        let configuration = try SMTPConfiguration(url: "smtp+plain://127.0.0.1:\(smtp.port)?from=noreply@hromada.test")
        return OutboxDeliverer(
            store: harness.services.store, smtp: SMTPClient(configuration: configuration, logger: TestDatabase.logger),
            clock: harness.clock, logger: TestDatabase.logger)
    }

    @Test func confirmationMailIsDeliveredOverSMTPAndMarkedSent() async throws {
        try await FakeSMTPServer.withServer { smtp in
            try await WebHarness.run { harness, _ in
                _ = try await harness.services.accounts.register(
                    .init(email: "mail@example.com", password: "довгий пароль тут", fullName: "Поштова Скринька"), language: .uk)
                let deliverer = try Self.deliverer(harness, smtp)
                try await deliverer.deliverDue()
                #expect(smtp.recorder.messages.count == 1)
                #expect(smtp.recorder.commands.contains { $0.contains("RCPT TO:<mail@example.com>") })
                let pending = try await harness.services.store.read { try await $0.outbox.due(at: harness.clock.now(), limit: 10) }
                #expect(pending.isEmpty)
                // Nothing is sent twice.
                try await deliverer.deliverDue()
                #expect(smtp.recorder.messages.count == 1)
            }
        }
    }

    @Test func refusedMailStaysQueuedForRetry() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.recipientReply = (code: 450, text: "4.2.0 Mailbox busy")
        try await FakeSMTPServer.withServer(behaviour) { smtp in
            try await WebHarness.run { harness, _ in
                _ = try await harness.services.accounts.register(
                    .init(email: "busy@example.com", password: "довгий пароль тут", fullName: "Зайнята Скринька"), language: .uk)
                let deliverer = try Self.deliverer(harness, smtp)
                try await deliverer.deliverDue()
                let message = try #require(try await harness.outbox().first { $0.recipient == "busy@example.com" })
                #expect(message.sentAt == nil)
                #expect(message.attempts == 1)
                harness.clock.advance(by: 120)
                #expect(try await harness.services.store.read { try await $0.outbox.due(at: harness.clock.now(), limit: 10) }.count == 1)
            }
        }
    }

    /// A 5yz for the recipient (no such mailbox) is final: sending the same
    /// letter again would only be refused again, every doubling wait for a day.
    @Test func mailRefusedForGoodIsNotRetried() async throws {
        var behaviour = FakeSMTPServerBehaviour()
        behaviour.recipientReply = (code: 550, text: "5.1.1 Mailbox unavailable")
        try await FakeSMTPServer.withServer(behaviour) { smtp in
            try await WebHarness.run(demo: false) { harness, _ in
                _ = try await harness.services.accounts.register(
                    .init(email: "gone@example.com", password: "довгий пароль тут", fullName: "Зникла Скринька"), language: .uk)
                let deliverer = try Self.deliverer(harness, smtp)
                try await deliverer.deliverDue()
                let message = try #require(try await harness.outbox().first { $0.recipient == "gone@example.com" })
                #expect(message.sentAt == nil && message.attempts == OutboxRepository.attemptsBeforeGivingUp)
                harness.clock.advance(by: 86_400)
                #expect(try await harness.services.store.read { try await $0.outbox.due(at: harness.clock.now(), limit: 10) }.isEmpty)
                try await deliverer.deliverDue()
                #expect(smtp.recorder.commands.filter { $0.hasPrefix("RCPT TO") }.count == 1)
            }
        }
    }

    @Test func everyMailSaysItWasWrittenByAProgram() async throws {
        try await FakeSMTPServer.withServer { smtp in
            try await WebHarness.run(demo: false) { harness, _ in
                _ = try await harness.services.accounts.register(
                    .init(email: "auto@example.com", password: "довгий пароль тут", fullName: "Авто Відповідач"), language: .uk)
                try await Self.deliverer(harness, smtp).deliverDue()
                #expect(smtp.recorder.messages.first?.contains("\r\nAuto-Submitted: auto-generated\r\n") == true)
            }
        }
    }
}

@Suite struct AdminSettingsTests {
    @Test(arguments: TestDatabase.available) func adminChangesSettingsAndTheChangeIsAudited(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            try await admin.get("/vinnytsia/admin/settings")
            let saved = try await admin.post("/vinnytsia/admin/settings", [
                ("modules", "petitions"), ("modules", "budgets"), ("petitionSignatureThreshold", "400"),
                ("petitionCollectionDays", "60"), ("budgetMinimumAge", "16"), ("contactEmail", "info@vmr.gov.ua"),
            ])
            #expect(saved.location == "/vinnytsia/admin/settings?saved=1")
            let settings = try await harness.city("vinnytsia").settings
            #expect(settings.petitionSignatureThreshold == 400)
            #expect(settings.enabledModules == [.budgets, .petitions])
            let actions = try await harness.services.store.read { try await $0.audit.recentEntries(in: nil, limit: 5) }.map(\.action)
            #expect(actions.contains(AuditAction.settingsChanged))
        }
    }

    @Test(arguments: [
        ("petitionSignatureThreshold", "багато", "цілі числа"),
        ("petitionCollectionDays", "365", "від 1 до 92 днів"),
        ("budgetMinimumAge", "10", "від 14 до 18"),
        ("contactEmail", "not-an-email", "неправильний формат"),
    ])
    func invalidSettingsAreExplainedAndChangeNothing(_ field: String, _ value: String, _ message: String) async throws {
        try await WebHarness.run { harness, client in
            let before = try await harness.city("vinnytsia").settings
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            try await admin.get("/vinnytsia/admin/settings")
            var fields = [("petitionSignatureThreshold", "350"), ("petitionCollectionDays", "90"), ("budgetMinimumAge", "16"), ("contactEmail", "")]
            fields.removeAll { $0.0 == field }
            fields.append((field, value))
            let page = try await admin.post("/vinnytsia/admin/settings", fields)
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(message))
            #expect(page.body.contains("value=\"\(value)\""))
            #expect(try await harness.city("vinnytsia").settings == before)
        }
    }

    @Test(arguments: TestDatabase.available) func roleGrantToUnknownPersonOrRoleIsExplained(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            try await admin.get("/vinnytsia/admin")
            let unknown = try await admin.post("/vinnytsia/admin/roles", [("email", "ghost@example.com"), ("role", "moderator"), ("action", "grant")])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.body.contains("не знайдено"))
            let role = try await admin.post("/vinnytsia/admin/roles", [("email", "olena@demo.hromada.ua"), ("role", "mayor"), ("action", "grant")])
            #expect(role.status == .unprocessableContent)
            let own = try await admin.post("/vinnytsia/admin/roles", [("email", "vinnytsia.admin@demo.hromada.ua"), ("role", "admin"), ("action", "revoke")])
            #expect(own.status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.available) func grantedRoleIsAuditedByPseudonym(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            try await admin.get("/vinnytsia/admin")
            #expect(try await admin.post("/vinnytsia/admin/roles", [("email", "olena@demo.hromada.ua"), ("role", "moderator"), ("action", "grant")]).status == .seeOther)
            let entry = try #require(try await harness.services.store.read { try await $0.audit.recentEntries(in: nil, limit: 1) }.first)
            #expect(entry.action == AuditAction.roleGranted)
            let adminAccount = try #require(try await harness.account("vinnytsia.admin@demo.hromada.ua"))
            #expect(entry.actor == harness.services.keys.pseudonym(of: adminAccount.id, about: entry.subject))
            #expect(!entry.actor.contains("@") && !entry.subject.contains("@") && !entry.details.contains("@"))
        }
    }
}

@Suite struct FailureTests {
    @Test(arguments: TestDatabase.available) func databaseOutageGivesA503HealthAndAFriendly500Page(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            await harness.services.store.backend.shutdown()
            let (status, _) = try await client.json(.get, "/healthz")
            #expect(status == .serviceUnavailable)
            let page = try await client.execute(uri: "/vinnytsia", method: .get)
            #expect(page.status == .internalServerError)
            let body = String(buffer: page.body)
            #expect(body.contains("Ваші дані не змінено"))
            #expect(!body.contains("SQLite"))
            let (apiStatus, apiBody) = try await client.json(.get, "/api/v1/municipalities")
            #expect(apiStatus == .internalServerError)
            #expect(errorCode(apiBody) == "internal_error")
        }
    }
}

@Suite struct HousekeepingTests {
    @Test(arguments: TestDatabase.available) func expiredSessionsAndLinksAreSwept(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var browser = Browser(client)
            try await browser.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            try await harness.services.accounts.requestPasswordReset(email: "olena@demo.hromada.ua", language: .uk, clientAddress: "127.0.0.1")
            func count(_ table: String) async throws -> Int {
                try await harness.services.store.read { try await $0.db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1 }
            }
            #expect(try await count("sessions") == 1)
            let sweeper = Housekeeping(store: harness.services.store, clock: harness.clock, logger: TestDatabase.logger)
            try await sweeper.sweep()
            #expect(try await count("sessions") == 1)
            harness.clock.advance(by: AccountService.browserSessionLifetime + 1)
            try await sweeper.sweep()
            #expect(try await count("sessions") == 0)
            #expect(try await count("email_tokens") == 0)
            #expect(try await count("rate_limit_hits") == 0)
        }
    }
}

/// `/livez` says the process runs; `/readyz` whether to send it work, and why not.
@Suite struct ReadinessTests {
    private func problems(_ body: [String: Any]) -> [String] { body["problems"] as? [String] ?? [] }

    @Test(arguments: TestDatabase.available) func aServingInstanceIsLiveAndReady(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, client in
            let (live, alive) = try await client.json(.get, "/livez")
            #expect(live == .ok && alive["status"] as? String == "alive")
            let (ready, body) = try await client.json(.get, "/readyz")
            #expect(ready == .ok && body["status"] as? String == "ready")
            // The probe wrote through the writer: its row is there.
            let rows = try await harness.services.store.read {
                try await $0.db.raw("SELECT COUNT(*) AS n FROM readiness_probes").first()?.decode(column: "n", as: Int.self)
            }
            #expect(rows == 1)
        }
    }

    @Test(arguments: TestDatabase.available) func writesThatFailMakeTheInstanceNotReadyAndSayWhy(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, client in
            // Reads still answer, so /healthz stays green; a write cannot land.
            try await harness.services.store.write { try await $0.db.raw("DROP TABLE readiness_probes").run() }
            #expect(try await client.json(.get, "/healthz").0 == .ok)
            let (status, body) = try await client.json(.get, "/readyz")
            #expect(status == .serviceUnavailable)
            #expect(problems(body) == ["writes_failing"])
        }
    }

    @Test(arguments: TestDatabase.available) func aMigrationThisBuildKnowsButTheDatabaseLacksIsNamed(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, client in
            try await harness.services.store.write { try await $0.db.raw("DELETE FROM schema_migrations WHERE version = '0014'").run() }
            let (status, body) = try await client.json(.get, "/readyz")
            #expect(status == .serviceUnavailable && problems(body) == ["migrations_missing"])
        }
    }

    @Test func withTheDatabaseGoneTheInstanceIsLiveButNotReady() async throws {
        try await WebHarness.run(demo: false) { harness, client in
            await harness.services.store.backend.shutdown()
            #expect(try await client.json(.get, "/livez").0 == .ok)
            let (status, body) = try await client.json(.get, "/readyz")
            #expect(status == .serviceUnavailable && problems(body) == ["database_unreachable"])
        }
    }

    @Test func freeSpaceIsReadFromTheFilesystemHoldingTheDatabase() {
        #expect((Readiness.freeBytes(under: NSTemporaryDirectory()) ?? 0) > 0)
        #expect(Readiness.freeBytes(under: "/no/such/folder/anywhere") == nil)
    }

    @Test func anOperationSlowerThanTheLimitIsNoLongerWaitedFor() async {
        let slow = await Readiness.within(.milliseconds(50)) { () async -> Int in
            try? await Task.sleep(for: .seconds(5))
            return 1
        }
        #expect(slow == nil)
        #expect(await Readiness.within(.seconds(5)) { 2 } == 2)
    }
}
