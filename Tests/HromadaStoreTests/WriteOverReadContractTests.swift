import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import Auctions
@testable import Budgets
@testable import Petitions

/// Every write checks that the state it was decided from is unchanged
/// (issue 14): a write over a changed edition, project or city settings
/// writes nothing and says so.
@Suite struct WriteOverReadContractTests {
    let budgets = BudgetContractTests()

    @Test(arguments: TestDatabase.available)
    func anEditionWrittenOverAChangedEditionIsRefused(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (read, _) = try await budgets.seeded(store)
            var votingOpened = read
            votingOpened.schedule.votingOpen = t0
            var rulesChanged = read
            rulesChanged.ballotRule = .approval(maxPicks: 3, minPicks: nil)
            let first = votingOpened, second = rulesChanged
            #expect(try await store.write { try await $0.budgets.update(first, ifStill: read) })
            // Decided from the edition before voting opened: refused, and voting stays open.
            #expect(try await store.write { try await $0.budgets.update(second, ifStill: read) } == false)
            let stored = try await store.read { try await $0.budgets.edition(read.id, in: read.municipalityID) }
            #expect(stored == first)
            #expect(try await store.read { try await $0.budgets.isStill(first) })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aProjectWrittenOverAChangedProjectIsRefused(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let (edition, projects) = try await budgets.seeded(store)
            let read = projects[0], city = edition.municipalityID
            var first = read
            first.title = "Сквер, перший рецензент"
            var second = read
            second.title = "Сквер, другий рецензент"
            let a = first, b = second
            #expect(try await store.write { try await $0.budgets.update(a, in: city, ifStill: read) })
            #expect(try await store.write { try await $0.budgets.update(b, in: city, ifStill: read) } == false)
            #expect(try await store.read { try await $0.budgets.project(read.id, in: city) }?.title == "Сквер, перший рецензент")
        }
    }

    @Test(arguments: TestDatabase.available)
    func settingsWrittenOverChangedSettingsAreRefused(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let id = MunicipalityID(rawValue: "vinnytsia")
            let read = try #require(try await store.read { try await $0.municipalities.find(id: id) }).settings
            var first = read
            first.petitionSignatureThreshold = 400
            var second = read
            second.enabledModules = [ModuleSlug(rawValue: "budgets")]
            let a = first, b = second
            #expect(try await store.write { try await $0.municipalities.updateSettings(a, of: id, ifStill: read) })
            #expect(try await store.write { try await $0.municipalities.updateSettings(b, of: id, ifStill: read) } == false)
            let stored = try await store.read { try await $0.municipalities.find(id: id) }?.settings
            #expect(stored?.petitionSignatureThreshold == 400 && stored?.enabledModules == nil)
        }
    }
}
