import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import HromadaWeb
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Auctions
@testable import Budgets
@testable import Invest
@testable import Petitions

/// The key pages in Ukrainian and English, as HTML, against their copies
/// in `Snapshots/` (`PageSnapshot`): a change to a template, a string or
/// a page's model shows in review as a change of these files.
@Suite struct PageSnapshotTests {
    /// A quiet day in 2027, so the pages' dates are the same on every run.
    static let day = Date(epochSeconds: 1_800_000_000)

    @Test(arguments: Language.allCases) func theKeyPagesAreAsKept(_ language: Language) async throws {
        try await WebHarness.run(demo: false) { harness, client in
            harness.clock.set(Self.day)
            let world = harness.world
            let city = try await world.city("testove", name: "Тестове")
            let moderator = try await world.staff(.role(.moderator), in: city, email: "moderator@example.com")
            let manager = try await world.staff(.capability(.manageBudget), in: city, email: "manager@example.com")
            let author = try await world.resident("author@example.com", of: city)
            let petition = try await world.openPetition(in: city, by: author, moderator: moderator)
            let edition = try await world.edition(in: city, by: manager)
            let lot = try await world.lot(in: city)
            let investor = try await world.staff(.capability(.manageInvest), in: city, email: "invest@example.com")
            let site = try await world.investPortal(in: city, by: investor)
            let ids = [
                site.id.rawValue: "{site}",
                petition.id.rawValue: "{petition}", edition.id.rawValue: "{edition}", lot.id.rawValue: "{lot}", lot.objectID.rawValue: "{object}",
                edition.categories[0].id.rawValue: "{category}",
            ]
            let pages = [
                ("platform-home", "/"), ("city-home", "/testove"), ("login", "/login"),
                ("petitions", "/testove/petitions"), ("petition", "/testove/petitions/\(petition.id.rawValue)"),
                ("budget-edition", "/testove/budgets/\(edition.id.rawValue)"), ("lot", "/testove/auctions/\(lot.id.rawValue)"),
                ("invest", "/testove/invest"), ("invest-sites", "/testove/invest/sites?minAreaHa=2"),
                ("invest-site", "/testove/invest/sites/\(site.id.rawValue)"),
            ]
            for (name, path) in pages {
                let response = try await client.execute(uri: path + (path.contains("?") ? "&" : "?") + "lang=\(language.rawValue)", method: .get)
                #expect(response.status == .ok, "\(path)")
                try PageSnapshot.expect(String(buffer: response.body), named: "\(name).\(language.rawValue)", replacing: ids)
            }
        }
    }
}
