import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import HromadaWeb
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Budgets
@testable import HromadaWeb

/// Following as a resident meets it (issue 21): the button on a project's
/// page, the letter when its review decision is published, in the reader's
/// language, with a one-click unsubscribe that works from a mail app; the
/// morning digest for those who chose it; the calendar's phases.
@Suite struct FollowMailTests {
    static func follow(_ browser: inout Browser, _ kind: String, _ id: String, city: String = "testove", back: String, action: String = "follow")
        async throws -> Browser.Page
    {
        try await browser.post("/\(city)/follow", [("kind", kind), ("id", id), ("back", back), ("action", action)])
    }

    static func letters(_ harness: WebHarness, to account: Account) async throws -> [OutboxMessage] {
        try await harness.outbox().filter { $0.recipient == account.email.rawValue && $0.listUnsubscribe != nil }
    }

    @Test(arguments: TestDatabase.available)
    func aFollowerHearsOfTheReviewDecisionInTheirLanguageAndUnsubscribesInOneClick(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, client in
            harness.clock.set(kyiv(2026, 3, 3, 10))
            let run = try await BudgetRun(harness, city: try await harness.world.city("testove"))
            let edition = try await harness.world.edition(in: run.city, by: run.admin)
            let project = try await run.proposed(in: edition, "Лавки в сквері Шевченка")
            let path = "/testove/budgets/\(edition.id.rawValue)/projects/\(project.id.rawValue)"
            let reader = try await harness.newResident(of: run.city)
            let english = try await harness.newResident(of: run.city)

            // Nobody signed in: the button asks to sign in.
            var anonymous = Browser(client)
            #expect(try await anonymous.get(path).body.contains("/login?next=\(path)"))

            var browser = Browser(client)
            try await browser.signIn(reader.email.rawValue)
            let followed = try await Self.follow(&browser, "budget_project", project.id.rawValue, back: path)
            #expect(followed.status == .seeOther && followed.location == path)
            let page = try await browser.get(path)
            #expect(page.body.contains("Ви стежите") && page.body.contains("Стежать: 1"))
            var other = Browser(client)
            try await other.signIn(english.email.rawValue)
            _ = try await Self.follow(&other, "budget_project", project.id.rawValue, back: path)
            _ = try await Self.follow(&other, "budget_edition", edition.id.rawValue, back: path)
            // They read the site in English (signing in keeps the language they browse in).
            try await harness.services.store.write { try await $0.accounts.setLanguage(of: english.id, to: .en) }

            // The review decision is published: each follower gets a letter in their language.
            try await harness.services.budgetAdmin.review(
                project: project.id, edition: edition.id, city: run.city, by: run.admin, feasible: true, reason: "", revisedCost: nil)
            try await harness.services.followMail.round()
            let letter = try #require(try await Self.letters(harness, to: reader).first)
            #expect(letter.subject.contains("Рішення експертизи") && letter.subject.contains("Лавки в сквері Шевченка"))
            #expect(letter.body.contains("https://hromada.test\(path)") || letter.body.contains(path))
            let unsubscribe = try #require(letter.listUnsubscribe)
            #expect(letter.body.contains(unsubscribe) && unsubscribe.contains("/unsubscribe?account=\(reader.id.rawValue)&key="))
            let englishLetter = try #require(try await Self.letters(harness, to: english).first)
            #expect(englishLetter.subject.contains("Review decision") && englishLetter.body.contains("Hello"))
            // Delivered once: another round writes nothing more.
            try await harness.services.followMail.round()
            #expect(try await Self.letters(harness, to: reader).count == 1)

            // The mail app's one click: a POST without cookies or a CSRF token.
            let query = try #require(unsubscribe.split(separator: "?", maxSplits: 1).last.map(String.init))
            let click = try await client.execute(
                uri: "/unsubscribe?\(query)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
            #expect(click.status == .ok)
            #expect(try await harness.services.store.read { try await $0.follows.mail(of: reader.id) } == NotificationMail.none)
            // A forged key changes nothing.
            let forged = try await client.execute(uri: "/unsubscribe?account=\(english.id.rawValue)&key=AAAA", method: .post)
            #expect(forged.status == .unprocessableContent)
            #expect(try await harness.services.store.read { try await $0.follows.mail(of: english.id) } == .immediate)

            // The next phase opens by its date: the edition's follower hears of it, the unsubscribed one of nothing.
            harness.clock.advance(by: 86_400 + 60)
            try await harness.services.followMail.round()
            #expect(try await Self.letters(harness, to: reader).count == 1)
            let phase = try await Self.letters(harness, to: english)
            #expect(phase.count == 2 && phase.contains { $0.subject.contains("A new phase") })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDailyReaderGetsOneLetterTheNextMorning(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, client in
            harness.clock.set(kyiv(2026, 3, 3, 10))
            let run = try await BudgetRun(harness, city: try await harness.world.city("testove"))
            let edition = try await harness.world.edition(in: run.city, by: run.admin)
            let first = try await run.proposed(in: edition, "Лавки в сквері")
            let second = try await run.proposed(in: edition, "Сцена в парку")
            let reader = try await harness.newResident(of: run.city)
            var browser = Browser(client)
            try await browser.signIn(reader.email.rawValue)
            for project in [first, second] { _ = try await Self.follow(&browser, "budget_project", project.id.rawValue, back: "/account/follows") }
            let chosen = try await browser.post("/account/follows/mail", [("mail", "daily")])
            #expect(chosen.status == .seeOther)
            let list = try await browser.get("/account/follows")
            #expect(list.body.contains("Лавки в сквері") && list.body.contains("Сцена в парку") && list.body.contains(#"value="daily" checked"#))
            #expect(try await browser.post("/account/follows/mail", [("mail", "weekly")]).status == .unprocessableContent)

            for project in [first, second] {
                try await harness.services.budgetAdmin.review(
                    project: project.id, edition: edition.id, city: run.city, by: run.admin, feasible: project.id == first.id,
                    reason: project.id == first.id ? "" : "Ділянка не належить громаді, тож проєкт не реалізовний.", revisedCost: nil)
            }
            try await harness.services.followMail.round()
            #expect(try await Self.letters(harness, to: reader).isEmpty, "nothing before the morning")
            harness.clock.set(kyiv(2026, 3, 4, 7, 59))
            try await harness.services.followMail.round()
            #expect(try await Self.letters(harness, to: reader).isEmpty)
            harness.clock.set(kyiv(2026, 3, 4, 8, 0))
            try await harness.services.followMail.round()
            let digest = try await Self.letters(harness, to: reader)
            #expect(digest.count == 1)
            let body = try #require(digest.first?.body)
            #expect(body.contains("Лавки в сквері") && body.contains("Сцена в парку") && body.components(separatedBy: "• ").count == 3)
            try await harness.services.followMail.round()
            #expect(try await Self.letters(harness, to: reader).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func onlyAPublicThingOfThisCityIsFollowed(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, demo: false) { harness, client in
            harness.clock.set(kyiv(2026, 3, 3, 10))
            let here = try await BudgetRun(harness, city: try await harness.world.city("testove"))
            let there = try await BudgetRun(harness, city: try await harness.world.city("inshe", name: "Інше"))
            let theirs = try await there.proposed(in: try await harness.world.edition(in: there.city, by: there.admin), "Фонтан")
            var browser = Browser(client)
            try await browser.signIn(here.author.email.rawValue)
            #expect(try await Self.follow(&browser, "budget_project", theirs.id.rawValue, back: "/testove").status == .notFound)
            #expect(try await Self.follow(&browser, "budget_project", "no-such-project", back: "/testove").status == .notFound)
            #expect(try await Self.follow(&browser, "invest_site", "x", back: "/testove").status == .unprocessableContent)
            #expect(try await Self.follow(&browser, "Budget Project", "x", back: "/testove").status == .unprocessableContent)
            // A foreign address to go back to is not followed; the thing's own page is.
            let edition = try await harness.world.edition(in: here.city, by: here.admin)
            let away = try await Self.follow(&browser, "budget_edition", edition.id.rawValue, back: "https://evil.example/x")
            #expect(away.status == .seeOther && away.location == "/testove/budgets/\(edition.id.rawValue)")
            #expect(try await browser.post("/testove/follow", [("kind", "budget_edition"), ("id", edition.id.rawValue)], csrf: false).status == .forbidden)
            let count = try await harness.services.store.read { try await $0.follows.follows(of: here.author.id) }.count
            #expect(count == 1)
        }
    }
}
