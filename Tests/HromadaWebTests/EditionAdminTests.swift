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

@Suite struct EditionAdminTests {
    /// The rules part of the form, as the browser sends it for an edition's categories.
    static func ruleFields(
        _ categories: [BudgetCategory], winner: String = "greedy", maxPicks: String = "4", extra: [(String, String)] = []
    ) -> [(String, String)] {
        var fields: [(String, String)] = [("ballotRule", "approval"), ("maxPicks", maxPicks), ("winnerRule", winner)]
        for category in categories {
            fields += [
                ("catId", category.id.rawValue), ("catNameUk", category.name.uk), ("catNameEn", category.name.en),
                ("catFund", OpenDataFile.hryvnias(category.fund)), ("catMin", OpenDataFile.hryvnias(category.minCost)),
                ("catMax", OpenDataFile.hryvnias(category.maxCost)), ("catMaxPicks", category.maxPicks.map(String.init) ?? ""),
            ]
        }
        return fields + extra
    }

    @Test(arguments: TestDatabase.available) func anAdminOpensANewEditionFromTheForm(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            let before = try await harness.services.store.read { try await $0.budgets.editions(in: city.id) }.count
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let form = try await admin.get("/vinnytsia/admin/budgets/new")
            #expect(form.status == .ok)
            #expect(form.body.contains("Великі проєкти"))
            var fields: [(String, String)] = [
                ("titleUk", "Бюджет громадських ініціатив 2028"), ("titleEn", "Civic budget 2028"),
                ("proposalsOpen", "2027-02-01T09:00"), ("reviewOpen", "2027-03-01T09:00"), ("votingOpen", "2027-04-01T09:00"),
                ("votingClose", "2027-04-15T21:00"), ("minimumAge", "16"), ("receipts", "on"), ("announce", "on"),
                ("ballotRule", "approval"), ("winnerRule", "mes-add1u"),
            ]
            // A category whose cost range exceeds its fund is explained, and what was typed stays.
            let bad = fields + [("catId", ""), ("catNameUk", "Великі"), ("catNameEn", ""), ("catFund", "1000000"), ("catMin", "1"), ("catMax", "2000000"), ("catMaxPicks", "2")]
            let refused = try await admin.post("/vinnytsia/admin/budgets/new", bad)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Бюджет громадських ініціатив 2028"))
            #expect(try await harness.services.store.read { try await $0.budgets.editions(in: city.id) }.count == before)
            fields += [
                ("catId", ""), ("catNameUk", "Великі"), ("catNameEn", "Large"), ("catFund", "3 000 000"), ("catMin", "500001"), ("catMax", "1500000"), ("catMaxPicks", "2"),
                ("catId", ""), ("catNameUk", "Малі"), ("catNameEn", "Small"), ("catFund", "1000000"), ("catMin", "50000"), ("catMax", "500000"), ("catMaxPicks", "2"),
                ("catId", ""), ("catNameUk", ""), ("catNameEn", ""), ("catFund", ""), ("catMin", ""), ("catMax", ""), ("catMaxPicks", ""),
            ]
            let created = try await admin.post("/vinnytsia/admin/budgets/new", fields)
            #expect(created.status == .seeOther)
            let edition = try #require(try await harness.services.store.read { try await $0.budgets.editions(in: city.id) }
                .first { $0.title.uk == "Бюджет громадських ініціатив 2028" })
            #expect(edition.categories.map(\.name.uk) == ["Великі", "Малі"])
            #expect(edition.fund == Money(hryvnias: 4_000_000))
            #expect(edition.winnerRule == .mesAdd1u)
            #expect(edition.schedule.votingOpen == DateText.kyivInput("2027-04-01T09:00"))
            #expect(created.location == "/vinnytsia/admin/budgets/\(edition.id.rawValue)?done=created")
            // Moderators review; opening editions is for admins. Another city's admin sees nothing.
            var moderator = try await Browser.vinnytsiaModerator(client)
            #expect(try await moderator.get("/vinnytsia/admin/budgets/new").status == .notFound)
            var zhmerynka = Browser(client)
            try await zhmerynka.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            #expect(try await zhmerynka.get("/vinnytsia/admin/budgets/new").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func rulesChangeUntilVotingOpensAndNeverAfter(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let open = "/vinnytsia/admin/budgets/\(demo.proposals.id.rawValue)/rules"
            #expect(try await admin.get(open).status == .ok)
            #expect(try await admin.post(open, Self.ruleFields(demo.proposals.categories, winner: "mes")).status == .seeOther)
            let changed = try #require(try await harness.services.store.read { try await $0.budgets.edition(demo.proposals.id, in: city.id) })
            #expect(changed.winnerRule == .mes)
            #expect(changed.categories.map(\.id) == demo.proposals.categories.map(\.id))
            // A category with projects cannot be dropped.
            let dropped = try await admin.post(open, Self.ruleFields(Array(demo.proposals.categories.prefix(1))))
            #expect(dropped.status == .conflict)

            // Once voting is open the page shows the rules and why they are fixed; a forced post changes nothing.
            let voting = "/vinnytsia/admin/budgets/\(demo.voting.id.rawValue)/rules"
            let page = try await admin.get(voting)
            #expect(page.status == .ok)
            #expect(page.body.contains("<fieldset disabled>"))
            let forced = try await admin.post(voting, Self.ruleFields(demo.voting.categories, winner: "phragmen", maxPicks: "10"))
            #expect(forced.status == .conflict)
            #expect(try await harness.services.store.read { try await $0.budgets.edition(demo.voting.id, in: city.id) } == demo.voting)

            // The API says the same.
            let token = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let categories = demo.voting.categories.map {
                #"{"id": "\#($0.id.rawValue)", "name": {"uk": "\#($0.name.uk)"}, "fund": \#($0.fund.kopiyky), "minCost": \#($0.minCost.kopiyky), "maxCost": \#($0.maxCost.kopiyky)}"#
            }.joined(separator: ",")
            let body = #"{"ballotRule": "choose-1", "winnerRule": "greedy", "categories": [\#(categories)]}"#
            let (status, answer) = try await client.json(.put, "/api/v1/vinnytsia/budgets/\(demo.voting.id.rawValue)/rules", body: body, token: token)
            #expect(status == .conflict)
            #expect(errorCode(answer) == "rules_frozen")
            let proposalsCategories = demo.proposals.categories.map {
                #"{"id": "\#($0.id.rawValue)", "name": {"uk": "\#($0.name.uk)"}, "fund": \#($0.fund.kopiyky), "minCost": \#($0.minCost.kopiyky), "maxCost": \#($0.maxCost.kopiyky)}"#
            }.joined(separator: ",")
            let (accepted, _) = try await client.json(
                .put, "/api/v1/vinnytsia/budgets/\(demo.proposals.id.rawValue)/rules",
                body: #"{"ballotRule": "choose-1", "categories": [\#(proposalsCategories)]}"#, token: token)
            #expect(accepted == .ok)
            #expect(try await harness.services.store.read { try await $0.budgets.edition(demo.proposals.id, in: city.id) }?.ballotRule == .chooseOne)
        }
    }
}
