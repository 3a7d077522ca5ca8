import Foundation
import HTTPTypes
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

/// Issue 13: a voter's picks never travel in a URL.
@Suite struct BallotReviewTests {
    /// Whether the ballot page ticks the project.
    static func isTicked(_ page: String, _ project: String) -> Bool {
        guard let start = page.range(of: #"value="\#(project)" data-cost="#) else { return false }
        return page[start.upperBound...].prefix { $0 != ">" }.contains(" checked")
    }

    @Test(arguments: TestDatabase.available) func theReviewPageHasNoLinkCarryingThePicks(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let base = "/vinnytsia/budgets/\(demo.voting.id.rawValue)"
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            try await olena.get(base + "/vote")
            let picks = demo.picks(large: 1, small: 1)
            let review = try await olena.post(base + "/vote/review", picks.map { ("project", $0) })
            #expect(review.status == .ok)
            let links = review.body.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(!links.isEmpty)
            for link in links {
                #expect(!link.contains("project="), "link \(link) carries picks")
                for pick in picks { #expect(!link.contains(pick), "link \(link) names a pick") }
            }
            // Changing the choice posts the picks back with the form's CSRF token.
            #expect(review.body.contains(#"formaction="\#(base)/vote/change""#))
        }
    }

    @Test(arguments: TestDatabase.available) func changingTheChoiceIsAPostThatKeepsThePicksTicked(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let base = "/vinnytsia/budgets/\(demo.voting.id.rawValue)"
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            try await olena.get(base + "/vote")
            let picks = demo.picks(large: 1, small: 1)
            try await olena.post(base + "/vote/review", picks.map { ("project", $0) })
            let back = try await olena.post(base + "/vote/change", picks.map { ("project", $0) })
            #expect(back.status == .ok)
            #expect(picks.allSatisfy { Self.isTicked(back.body, $0) })
            #expect(!Self.isTicked(back.body, demo.picks(large: 2, small: 0)[1]))
            // A link with picks in it ticks nothing: the ballot page ignores the query.
            let linked = try await olena.get(base + "/vote?project=\(picks[0])")
            #expect(!Self.isTicked(linked.body, picks[0]))
            #expect(try await olena.post(base + "/vote/change", picks.map { ("project", $0) }, csrf: false).status == .forbidden)
        }
    }
}

/// Issue 13: one clerk alone cannot stuff the box with paper ballots.
@Suite struct PaperClerkTests {
    static func voter(_ n: Int) -> String { NationalID.make(birthDate: CalendarDate(year: 1971, month: 3, day: 4), serial: 600 + n).digits }

    func enter(_ browser: inout Browser, _ paper: String, voter: Int, project: BudgetProjectID) async throws -> Browser.Page {
        try await browser.get(paper)
        return try await browser.post(paper, [("nationalId", Self.voter(voter)), ("basis", "resident"), ("project", project.rawValue)])
    }

    @Test(arguments: TestDatabase.available) func aClerkOverTheLimitIsRefusedWith429AndNothingChanges(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await SecretBallotFixture(harness)
            var edition = fixture.edition
            edition.paperEntriesPerClerk = 2
            let limited = edition
            try await harness.services.store.write { try await $0.budgets.update(limited) }
            let paper = "/vinnytsia/admin/budgets/\(edition.id.rawValue)/paper", project = fixture.projects[0].id
            var moderator = try await Browser.vinnytsiaModerator(client)
            #expect(try await enter(&moderator, paper, voter: 1, project: project).location == paper + "?pending=1")
            #expect(try await enter(&moderator, paper, voter: 2, project: project).location == paper + "?pending=1")
            let store = harness.services.store, id = edition.id
            func state() async throws -> [Int64] {
                try await store.read { tx in
                    [try await tx.budgets.paperEntryCounts(in: id).pending, try await tx.budgets.participationCount(in: id),
                     try await tx.budgets.sealedBallotCount(in: id), try await tx.budgets.clerkEntryCounts(in: id).map(\.entries).reduce(0, +)]
                }
            }
            let before = try await state()
            #expect(before == [2, 0, 0, 2])
            let refused = try await enter(&moderator, paper, voter: 3, project: project)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] != nil)
            #expect(try await state() == before)
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            // The limit is the clerk's own: another clerk goes on.
            #expect(try await enter(&admin, paper, voter: 1, project: project).status == .created)
            #expect(try await state() == [1, 1, 1, 3])
        }
    }

    @Test(arguments: TestDatabase.available) func staffSeeEachClerksCountOnTheResultsPageAndNoOneElseDoes(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await SecretBallotFixture(harness)
            let desk = "/vinnytsia/admin/budgets/\(fixture.edition.id.rawValue)", paper = desk + "/paper"
            let results = "/vinnytsia/budgets/\(fixture.edition.id.rawValue)/results"
            var moderator = try await Browser.vinnytsiaModerator(client)
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let project = fixture.projects[1].id
            #expect(try await enter(&moderator, paper, voter: 1, project: project).status == .seeOther)
            #expect(try await enter(&admin, paper, voter: 1, project: project).status == .created)
            #expect(try await enter(&moderator, paper, voter: 2, project: project).status == .seeOther)
            try await admin.get(desk)
            #expect(try await admin.post(desk + "/phase", [("transition", "close_voting")]).status == .seeOther)
            let preview = try await admin.get(results)
            #expect(preview.status == .ok)
            #expect(preview.body.contains("Паперові бюлетені за працівниками"))
            #expect(preview.body.contains("<td>Тарас Бондар</td><td class=\"num\">2</td>"))
            #expect(preview.body.contains("<td>Ірина Мельник</td><td class=\"num\">1</td>"))
            try await admin.get(desk)
            #expect(try await admin.post(desk + "/phase", [("transition", "publish_results")]).status == .seeOther)
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let published = try await olena.get(results)
            #expect(published.status == .ok)
            #expect(!published.body.contains("Паперові бюлетені за працівниками"))
            #expect(!published.body.contains("Тарас Бондар"))
        }
    }

    @Test(arguments: TestDatabase.available) func newEditionsHaveDoubleEntryFromTheFormAndTheAPI(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let form = try await admin.get("/vinnytsia/admin/budgets/new")
            #expect(form.body.contains(#"name="paperDoubleEntry" type="checkbox" value="on" checked"#))
            #expect(form.body.contains(#"name="paperEntriesPerClerk" type="text" inputmode="numeric" value="120""#))
            let token = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let (status, body) = try await client.json(.post, "/api/v1/vinnytsia/budgets", body: BudgetAPIWriteTests.edition, token: token)
            #expect(status == .created)
            let id = BudgetEditionID(rawValue: try #require(body["id"] as? String))
            let created = try await harness.services.store.read { try await $0.budgets.edition(id) }
            #expect(created?.paperDoubleEntry == true)
            #expect(created?.paperEntryRule.limit == 120)
        }
    }

    @Test(arguments: TestDatabase.available) func aPaperReceiptIsShownButNeverPutInAURL(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await SecretBallotFixture(harness, paperDoubleEntry: false)
            let paper = "/vinnytsia/admin/budgets/\(fixture.edition.id.rawValue)/paper"
            var moderator = try await Browser.vinnytsiaModerator(client)
            let saved = try await enter(&moderator, paper, voter: 1, project: fixture.projects[0].id)
            #expect(saved.status == .created)
            #expect(saved.location == nil)
            let receipt = try #require(saved.body.range(of: "<code>").map { String(saved.body[$0.upperBound...].prefix(19)) })
            #expect(try await harness.everyBallot(of: fixture.edition.id).map(\.receipt) == [receipt])
            #expect(try await moderator.get(paper + "?receipt=\(receipt)").body.contains(receipt) == false)
        }
    }
}
