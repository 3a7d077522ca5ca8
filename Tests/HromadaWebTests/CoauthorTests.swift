import Foundation
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

@Suite struct CoauthorTests {
    @Test(arguments: TestDatabase.available) func anAuthorNamesACoauthorWhoEditsAndHearsOfTheReview(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            let edition = demo.proposals
            let own = try #require(try await harness.services.store.read { try await $0.budgets.projects(of: edition.id, in: city.id) }.first)
            let edit = "/vinnytsia/budgets/\(edition.id.rawValue)/projects/\(own.id.rawValue)/edit"
            let neighbour = try await harness.makeAccount("neighbour@example.com")
            _ = try await harness.services.residency.record(
                account: neighbour.id, municipality: city.id, hash: IdentityHash(rawValue: "neighbour-hash"),
                birthDate: CalendarDate(year: 1990, month: 5, day: 1), method: .demo, verifiedBy: nil)
            try await harness.makeAccount("visitor@example.com")

            var author = Browser(client)
            try await author.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await author.get(edit).body.contains("coauthor-email"))
            // Someone who is not a verified resident here cannot be named, and the page says why.
            let refused = try await author.post(edit.replacingOccurrences(of: "/edit", with: "/coauthors"), [("email", "visitor@example.com")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("верифікованого мешканця"))
            let added = try await author.post(edit.replacingOccurrences(of: "/edit", with: "/coauthors"), [("email", "neighbour@example.com")])
            #expect(added.status == .seeOther)
            #expect(try await harness.services.store.read { try await $0.budgets.coauthors(of: own.id, in: city.id) } == [neighbour.id])
            #expect(try await harness.outbox().contains { $0.recipient == "neighbour@example.com" && $0.subject.contains("співавтором") })

            // The co-author edits; the project stays the author's.
            var coauthor = Browser(client)
            try await coauthor.signIn("neighbour@example.com")
            // They read the site in English, so the mail that finds them later is in English too.
            try await coauthor.get("/en?next=/")
            #expect(try await harness.account("neighbour@example.com")?.language == .en)
            #expect(try await coauthor.get(edit).status == .ok)
            let fields: [(String, String)] = [
                ("category", own.categoryID.rawValue), ("title", own.title + " і сквер"), ("summary", own.summary),
                ("itemLabel", "Усе разом"), ("itemAmount", "700000"),
            ]
            #expect(try await coauthor.post(edit, fields).status == .seeOther)
            let changed = try #require(try await harness.services.store.read { try await $0.budgets.project(own.id, in: city.id) })
            #expect(changed.title == own.title + " і сквер" && changed.authorID == own.authorID)
            // A co-author cannot remove the author's other co-authors, nor name new ones.
            var visitor = Browser(client)
            try await visitor.signIn("visitor@example.com")
            #expect(try await visitor.get(edit).status == .notFound)

            // The review decision reaches both.
            var moderator = try await Browser.vinnytsiaModerator(client)
            #expect(try await moderator.reviewFeasible(own.id, in: edition.id).status == .seeOther)
            let mail = try await harness.outbox()
            #expect(mail.contains { $0.recipient == "olena@demo.hromada.ua" && $0.subject.contains("№ \(own.number)") && $0.subject.contains("допущено") })
            #expect(mail.contains { $0.recipient == "neighbour@example.com" && $0.subject.contains("No. \(own.number)") })
            // After review nobody edits, co-authors included.
            try await coauthor.get("/vinnytsia/budgets/\(edition.id.rawValue)")
            #expect(try await coauthor.post(edit, fields).status == .conflict)
        }
    }
}
