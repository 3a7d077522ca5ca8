import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// Vinnytsia with a threshold of 3, and verified residents to sign.
struct PetitionFixture {
    let harness: WebHarness
    let city: Municipality
    let author: Account
    let moderator: Principal
    let admin: Principal

    init(_ harness: WebHarness, threshold: Int = 3) async throws {
        self.harness = harness
        var city = try await harness.city("vinnytsia")
        city.settings.petitionSignatureThreshold = threshold
        let settings = city.settings, id = city.id
        try await harness.services.store.write { try await $0.municipalities.updateSettings(settings, of: id) }
        self.city = city
        author = try #require(try await harness.account("olena@demo.hromada.ua"))
        moderator = try await Self.principal(harness, "vinnytsia.moderator@demo.hromada.ua")
        admin = try await Self.principal(harness, "vinnytsia.admin@demo.hromada.ua")
    }

    /// Only what a petition test names, on an empty database (`WebHarness.run(demo: false)`):
    /// a city with this threshold, its author, a moderator and an admin.
    init(built harness: WebHarness, threshold: Int = 3) async throws {
        self.harness = harness
        var settings = MunicipalitySettings()
        settings.petitionSignatureThreshold = threshold
        let world = harness.world
        city = try await world.city("vinnytsia", name: "Вінниця", settings: settings)
        author = try await world.resident("author@example.com", of: city)
        moderator = try await world.staff(.role(.moderator), in: city)
        admin = try await world.staff(.role(.admin), in: city)
    }

    static func principal(_ harness: WebHarness, _ email: String) async throws -> Principal {
        try await harness.principal(email)
    }

    /// A new verified resident of Vinnytsia.
    func resident(_ name: String) async throws -> Account {
        let account = try await harness.makeAccount("\(name)@example.com")
        _ = try await harness.services.residency.record(
            account: account.id, municipality: city.id, hash: IdentityHash(rawValue: "identity-\(name)"),
            birthDate: CalendarDate(year: 1985, month: 3, day: 14), method: .demo, verifiedBy: nil)
        return account
    }

    func openPetition() async throws -> Petition {
        try await harness.world.openPetition(in: city, by: author, moderator: moderator)
    }

    func stored(_ id: PetitionID) async throws -> Petition {
        let city = city.id
        return try #require(try await harness.services.store.read { try await $0.petitions.petition(id, in: city) }?.petition)
    }
}

@Suite struct PetitionServiceTests {
    @Test(arguments: TestDatabase.available) func aPetitionGoesFromFilingToTheCouncilsAnswer(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let fixture = try await PetitionFixture(built: harness)
            let petitions = harness.services.petitions
            let petition = try await fixture.openPetition()
            #expect(petition.state == .open && petition.threshold == 3)
            var counts: [PetitionService.Signed] = []
            for name in ["ivan", "maria", "petro"] {
                counts.append(try await petitions.sign(petition.id, city: fixture.city, by: try await fixture.resident(name), clientAddress: "203.0.113.\(counts.count + 1)"))
            }
            #expect(counts == [.counted(1), .counted(2), .counted(3)])
            // The third signature moved it, in its own transaction: no scheduler needed.
            let reached = try await fixture.stored(petition.id)
            #expect(reached.state == .underConsideration && reached.answerDue != nil)
            let answered = try await petitions.answer(
                petition.id, text: "Управлінню освіти доручено облаштувати пандуси в 12 школах до 1 вересня 2027 року.", decision: .partlySupported,
                signedBy: "Міський голова Сергій Моргунов", city: fixture.city, by: fixture.admin)
            #expect(answered.state == .answered)
            // The author heard of every step.
            let subjects = try await harness.outbox().filter { $0.recipient == fixture.author.email.rawValue }.map(\.subject)
            for expected in ["оприлюднено", "набрала потрібну кількість", "надано відповідь"] {
                #expect(subjects.contains { $0.contains(expected) }, "no notice containing \(expected)")
            }
            // Every signature and decision is in the audit chain.
            let actions = try await harness.services.store.read { try await $0.audit.recentEntries(in: fixture.city.id, limit: 50) }
                .filter { $0.subject == petition.id.rawValue }.map(\.action)
            #expect(actions.filter { $0 == AuditAction.petitionSigned }.count == 3)
            #expect(actions.contains(AuditAction.petitionPublished) && actions.contains(AuditAction.petitionAnswered))
        }
    }

    @Test(arguments: TestDatabase.available) func oneSignaturePerPersonAndOnlyWhileCollecting(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let fixture = try await PetitionFixture(built: harness, threshold: 100)
            let petitions = harness.services.petitions
            let signer = try await fixture.resident("ivan")
            let draft = try await petitions.file(
                title: "Відновити освітлення парку Хоткевича", text: String(repeating: "Прошу відновити ліхтарі в парку. ", count: 3),
                category: "Благоустрій", city: fixture.city, by: fixture.author, submit: false)
            await #expect(throws: AppError.conflict(code: "petition_not_open")) {
                try await petitions.sign(draft.id, city: fixture.city, by: signer, clientAddress: "203.0.113.1")
            }
            let petition = try await fixture.openPetition()
            _ = try await petitions.sign(petition.id, city: fixture.city, by: signer, clientAddress: "203.0.113.1")
            await #expect(throws: AppError.conflict(code: "already_signed")) {
                try await petitions.sign(petition.id, city: fixture.city, by: signer, clientAddress: "203.0.113.1")
            }
            // Someone who is not a verified resident here may not sign (403)…
            let visitor = try await harness.makeAccount("visitor@example.com")
            await #expect(throws: AppError.forbidden(reason: "signer_not_verified_resident")) {
                try await petitions.sign(petition.id, city: fixture.city, by: visitor, clientAddress: "203.0.113.2")
            }
            // …and another city's petition is not found from here (404).
            let zhmerynka = try await harness.world.city("zhmerynka")
            await #expect(throws: AppError.notFound) {
                try await petitions.sign(petition.id, city: zhmerynka, by: signer, clientAddress: "203.0.113.1")
            }
            #expect(try await harness.services.store.read { try await $0.petitions.exactCount(of: petition.id) } == 1)
        }
    }

    @Test(arguments: TestDatabase.available) func twoHundredSimultaneousSignaturesOfOnePersonCountOnce(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let fixture = try await PetitionFixture(built: harness, threshold: 100)
            let petition = try await fixture.openPetition()
            let signer = try await fixture.resident("ivan")
            let petitions = harness.services.petitions, city = fixture.city
            let accepted = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<200 {
                    group.addTask { (try? await petitions.sign(petition.id, city: city, by: signer, clientAddress: "203.0.113.1")) != nil }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(accepted == 1)
            #expect(try await harness.services.store.read { try await $0.petitions.exactCount(of: petition.id) } == 1)
        }
    }

    @Test(arguments: TestDatabase.available) func theClockClosesAPetitionShortOfItsThresholdAsAnAppeal(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let fixture = try await PetitionFixture(built: harness, threshold: 100)
            let petition = try await fixture.openPetition()
            _ = try await harness.services.petitions.sign(petition.id, city: fixture.city, by: try await fixture.resident("ivan"), clientAddress: "203.0.113.1")
            #expect(try await harness.services.petitions.tick() == 0)
            harness.clock.advance(by: 90 * 86_400)
            #expect(try await harness.services.petitions.tick() == 1)
            let closed = try await fixture.stored(petition.id)
            #expect(closed.state == .closed && closed.handedOnAsAppeal)
            #expect(try await harness.outbox().contains { $0.recipient == fixture.author.email.rawValue && $0.subject.contains("завершено") })
            // The displayed count was brought up to date on the way.
            let city = fixture.city.id
            #expect(try await harness.services.store.read { try await $0.petitions.petition(petition.id, in: city) }?.signatureCount == 1)
        }
    }

    @Test(arguments: TestDatabase.available) func invalidatedSignaturesCanSendAPetitionBackToCollecting(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let fixture = try await PetitionFixture(built: harness, threshold: 3)
            let petition = try await fixture.openPetition()
            for (index, name) in ["ivan", "maria", "petro"].enumerated() {
                _ = try await harness.services.petitions.sign(
                    petition.id, city: fixture.city, by: try await fixture.resident(name), clientAddress: index < 2 ? "198.51.100.9" : "203.0.113.7")
            }
            #expect(try await fixture.stored(petition.id).state == .underConsideration)
            // Only moderators invalidate, with a reason.
            await #expect(throws: AppError.invalid(code: "invalidation_reason_required", field: "reason")) {
                try await harness.services.petitions.invalidate(petition.id, .init(clientAddress: "198.51.100.9"), reason: "", city: fixture.city, by: fixture.moderator)
            }
            let removed = try await harness.services.petitions.invalidate(
                petition.id, .init(clientAddress: "198.51.100.9"), reason: "Два підписи з однієї адреси за секунду", city: fixture.city, by: fixture.moderator)
            #expect(removed == 2)
            #expect(try await fixture.stored(petition.id).state == .open)
            #expect(try await harness.services.store.read { try await $0.petitions.exactCount(of: petition.id) } == 1)
        }
    }

    @Test(arguments: TestDatabase.available) func moderatorsDecideOneAtATimeAndRejectWithAReason(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let fixture = try await PetitionFixture(built: harness)
            let filed = try await harness.services.petitions.file(
                title: "Перейменувати вулицю на честь захисників", text: String(repeating: "Прошу перейменувати вулицю. ", count: 3),
                category: "Інше", city: fixture.city, by: fixture.author, submit: true)
            #expect(filed.state == .moderation && filed.moderationDue != nil)
            try await harness.services.petitions.take(filed.id, city: fixture.city, by: fixture.admin)
            await #expect(throws: AppError.conflict(code: "petition_taken")) {
                try await harness.services.petitions.decide(filed.id, .publish, city: fixture.city, by: fixture.moderator)
            }
            let rejected = try await harness.services.petitions.decide(
                filed.id, .reject(.duplicate, text: "Така петиція вже збирає підписи: № 12."), city: fixture.city, by: fixture.admin)
            #expect(rejected.state == .rejected && rejected.rejection?.reason == .duplicate)
            // Another city's moderator sees nothing.
            let zhmerynka = try await harness.world.staff(.role(.admin), in: try await harness.world.city("zhmerynka"))
            await #expect(throws: AppError.notFound) {
                try await harness.services.petitions.decide(filed.id, .publish, city: fixture.city, by: zhmerynka)
            }
        }
    }
}

@Suite struct PetitionDemoTests {
    @Test(arguments: TestDatabase.available) func theDemoHasPetitionsInEveryStateWithExactCounts(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, _ in
            var states = Set<PetitionState>()
            for slug in ["vinnytsia", "zhmerynka", "khmilnyk", "ladyzhyn"] {
                let city = try await harness.city(slug)
                let threshold = city.settings.petitionSettings.threshold
                let petitions = try await harness.services.store.read {
                    try await $0.petitions.petitions(in: city.id, states: PetitionState.allCases, limit: 100)
                }
                states.formUnion(petitions.map(\.petition.state))
                #expect(petitions.contains { $0.petition.state == .answered && $0.petition.answer != nil }, "\(slug)")
                #expect(petitions.contains { $0.petition.state == .open && $0.signatureCount < threshold && $0.signatureCount >= threshold * 9 / 10 },
                        "\(slug) has one near its threshold")
                for stored in petitions {
                    let exact = try await harness.services.store.read { try await $0.petitions.exactCount(of: stored.petition.id) }
                    #expect(stored.signatureCount == exact, "\(stored.petition.title)")
                    // What the domain would decide from the count now, it already shows.
                    #expect(stored.petition.counted(exact, settings: city.settings.petitionSettings, at: harness.clock.now()) == stored.petition)
                }
            }
            #expect(states == Set(PetitionState.allCases))
            // Nothing is due: the clock finds nothing to change in a fresh demo.
            #expect(try await harness.services.petitions.tick() == 0)
        }
    }
}

@Suite struct PetitionRecountTests {
    @Test(arguments: TestDatabase.available) func theRecountFindsCountersThatDisagreeAndSetsThemRight(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let fixture = try await PetitionFixture(built: harness, threshold: 100)
            let petition = try await fixture.openPetition()
            for name in ["ivan", "petro"] {
                _ = try await harness.services.petitions.sign(petition.id, city: fixture.city, by: try await fixture.resident(name), clientAddress: "203.0.113.1")
            }
            #expect(try await harness.services.petitions.recount().isEmpty, "the petition's counters agree")
            // Something went wrong beside the code (a restore, a hand edit).
            let id = petition.id.rawValue
            try await harness.services.store.write { try await $0.db.raw("UPDATE petition_counters SET count = count + 5 WHERE petition_id = \(bind: id)").run() }
            #expect(try await harness.services.petitions.recount() == [petition.id])
            #expect(try await harness.services.store.read { try await $0.petitions.exactCount(of: petition.id) } == 2)
            #expect(try await harness.services.store.read { try await $0.audit.recentEntries(in: fixture.city.id, limit: 5) }
                .contains { $0.action == AuditAction.petitionRecounted })
        }
    }

    @Test(arguments: TestDatabase.available) func aPetitionClosesWithItsSignaturesCountedRowByRow(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let fixture = try await PetitionFixture(built: harness, threshold: 100)
            let petition = try await fixture.openPetition()
            _ = try await harness.services.petitions.sign(petition.id, city: fixture.city, by: try await fixture.resident("ivan"), clientAddress: "203.0.113.1")
            let id = petition.id.rawValue
            try await harness.services.store.write { try await $0.db.raw("UPDATE petition_counters SET count = count + 3 WHERE petition_id = \(bind: id)").run() }
            harness.clock.advance(by: 91 * 86_400)
            _ = try await harness.services.petitions.tick()
            let city = fixture.city.id
            let closed = try #require(try await harness.services.store.read { try await $0.petitions.petition(petition.id, in: city) })
            #expect(closed.petition.state == .closed && closed.signatureCount == 1)
        }
    }
}
