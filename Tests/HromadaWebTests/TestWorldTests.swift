import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import HromadaWeb
import Testing
@testable import Auctions
@testable import Budgets
@testable import Petitions

/// Tests that make only what they name (`TestWorld`), on an empty database
/// of either kind, instead of the whole demo.
@Suite struct TestWorldTests {
    @Test(arguments: TestDatabase.available) func aBuiltWorldHoldsOnlyWhatTheTestMade(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, client in
            let city = try await harness.world.city("testove")
            _ = try await harness.world.resident("olena@example.com", of: city)
            let (cities, accounts) = try await harness.services.store.read { tx in
                (try await tx.municipalities.all(), try await tx.accounts.count())
            }
            #expect(cities.map(\.slug.rawValue) == ["testove"] && accounts == 1)
            let home = try await client.execute(uri: "/testove", method: .get)
            #expect(home.status == .ok)
        }
    }

    @Test(arguments: TestDatabase.available) func staffWithOneCapabilityActOnlyInTheirOwnCity(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let world = harness.world
            let here = try await world.city("here"), there = try await world.city("there")
            let moderator = try await world.staff(.capability(.moderatePetition), in: here)
            let author = try await world.resident("author@example.com", of: here)
            let petition = try await world.openPetition(in: here, by: author, moderator: moderator)
            #expect(petition.state == .open)
            let elsewhere = try await world.resident("other@example.com", of: there)
            let filed = try await harness.services.petitions.file(
                title: "Відремонтувати зупинку біля ринку", text: "Прошу відремонтувати зупинку громадського транспорту біля центрального ринку.",
                category: "Транспорт", city: there, by: elsewhere, submit: true)
            await #expect(throws: AppError.self) { _ = try await harness.services.petitions.decide(filed.id, .publish, city: there, by: moderator) }
            // A moderator is not an organiser: one capability gives nothing else.
            #expect(!moderator.may(.manageAuctions, in: here.id) && !moderator.may(.manageBudget, in: here.id))
        }
    }

    @Test(arguments: TestDatabase.available) func anEditionAndALotAreMadeThroughTheirModules(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, _ in
            let city = try await harness.world.city()
            let manager = try await harness.world.staff(.capability(.manageBudget), in: city)
            let edition = try await harness.world.edition(in: city, by: manager)
            let lot = try await harness.world.lot(in: city)
            let (editions, lots) = try await harness.services.store.read { tx in
                (try await tx.budgets.editions(in: city.id), try await tx.auctions.lots(in: city.id, statuses: [.activeTendering]))
            }
            #expect(editions.map(\.id) == [edition.id] && lots.map(\.lot.id) == [lot.id])
        }
    }
}
