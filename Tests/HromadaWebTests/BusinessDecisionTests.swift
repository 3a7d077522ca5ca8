import Foundation
import HromadaDomain
import HromadaModules
import HromadaTestSupport
import Testing
@testable import Business
@testable import HromadaWeb

/// A decided call in public: the list on the call's page with each score
/// and the committee's comments, and the open data of calls, recipients
/// and scores; a recipient named, a sole proprietor not funded not named,
/// no code or contact anywhere; nothing of the scores before the decision.
@Suite struct BusinessDecisionTests {
    @Test(arguments: TestDatabase.available) func theListIsPublishedWithEveryScoreAndNoPrivatePersonBeyondTheRecipients(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let services = harness.services, service = SupportService(services: services)
            let city = try await harness.city("vinnytsia")
            let now = harness.clock.now()
            var call = BusinessFixture.call(city: city.id, now: now, documents: false, closesIn: 86_400)
            call.fund = Money(hryvnias: 100_000)
            call.eligibility.kinds = [.company, .soleProprietor]
            let open = call
            try await services.store.write { _ = try await $0.supportCalls.save(open, at: now) }
            let olena = try #require(try await harness.account("olena@demo.hromada.ua")).id
            let andrii = try #require(try await harness.account("andrii@demo.hromada.ua")).id
            let staff = try #require(try await harness.account("vinnytsia.admin@demo.hromada.ua")).id

            var proprietor = BusinessFixture.form(name: "ФОП Шевчук Олена Петрівна", code: "3012456780")
            proprietor.kind = "sole_proprietor"
            proprietor.email = "olena.private@example.com"
            let first = try await service.start(call.id, city: city, by: olena).application.id
            try await service.submit(first, form: proprietor, city: city, by: olena)
            let second = try await service.start(call.id, city: city, by: andrii).application.id
            try await service.submit(second, form: BusinessFixture.form(), city: city, by: andrii)
            for (id, points) in [(first, 6), (second, 9)] {
                try await service.accept(id, city: city, by: staff)
                try await service.score(id, points: ["jobs": points], comments: ["jobs": points > 7 ? "Чіткий план найму" : "Мало нових місць"], city: city, by: staff)
            }

            var visitor = Browser(client)
            let csvBefore = try await visitor.get("/api/v1/vinnytsia/open-data/business/recipients.csv")
            #expect(csvBefore.status == .ok && !csvBefore.body.contains("Кульбабка"))
            #expect(try await visitor.get("/vinnytsia/business/calls/micro").body.contains("Чіткий план") == false)

            harness.clock.advance(by: 2 * 86_400)
            _ = try await service.decide(call.id, city: city, by: staff)
            let page = try await visitor.get("/vinnytsia/business/calls/micro")
            #expect(page.status == .ok && page.body.contains("Рішення конкурсу"))
            #expect(page.body.contains("1. ТОВ «Кульбабка»") && page.body.contains("90 балів зі 100") && page.body.contains("Чіткий план найму"))
            #expect(page.body.contains("2. Фізична особа-підприємець (ім&#39;я не оприлюднюється)") || page.body.contains("2. Фізична особа-підприємець (ім'я не оприлюднюється)"))
            #expect(page.body.contains("Не вистачило фонду") && !page.body.contains("Шевчук") && !page.body.contains("3012456780"))

            let recipients = try await visitor.get("/api/v1/vinnytsia/open-data/business/recipients.csv")
            #expect(recipients.status == .ok)
            let lines = recipients.body.split(whereSeparator: \.isNewline).map(String.init)
            try #require(lines.count == 3, "\(recipients.body)")
            #expect(lines.count == 3 && lines[1].contains("ТОВ «Кульбабка»") && lines[1].contains("90.00") && lines[1].contains("awarded"))
            #expect(lines[2].contains("sole_proprietor") && lines[2].contains("beyond_fund"))
            let scores = try await visitor.get("/api/v1/vinnytsia/open-data/business/scores.csv")
            #expect(scores.body.contains("Чіткий план найму") && scores.body.contains("Мало нових місць"))
            let calls = try await visitor.get("/api/v1/vinnytsia/open-data/business/calls.csv")
            #expect(calls.body.contains("micro") && calls.body.contains("100000.00") && calls.body.contains("decided"))
            for body in [recipients.body, scores.body, calls.body] {
                #expect(!body.contains("Шевчук") && !body.contains("3012456780") && !body.contains("32855961") && !body.contains("@example.com")
                        && !body.contains("+38067"))
            }
        }
    }

    @Test(arguments: TestDatabase.available) func aFollowerOfACallHearsWhenItsListIsPublished(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let services = harness.services, service = SupportService(services: services)
            let city = try await harness.city("vinnytsia")
            let now = harness.clock.now()
            let call = BusinessFixture.call(city: city.id, now: now, documents: false, closesIn: 86_400)
            try await services.store.write { _ = try await $0.supportCalls.save(call, at: now) }
            let path = "/vinnytsia/business/calls/micro"
            var reader = Browser(client)
            try await reader.signIn("andrii@demo.hromada.ua", "resident-demo-2026")
            #expect(try await reader.get(path).body.contains(#"name="kind" value="business_call""#))
            let followed = try await reader.post("/vinnytsia/follow", [("kind", "business_call"), ("id", "micro"), ("back", path), ("action", "follow")])
            #expect(followed.location == path)
            #expect(try await reader.get(path).body.contains("Стежать: 1"))
            // A draft is no thing to follow.
            var draft = BusinessFixture.call("hidden", city: city.id, now: now)
            draft.publishedAt = nil
            let unpublished = draft
            try await services.store.write { _ = try await $0.supportCalls.save(unpublished, at: now) }
            #expect(try await reader.post("/vinnytsia/follow", [("kind", "business_call"), ("id", "hidden"), ("back", path), ("action", "follow")]).status == .notFound)

            let olena = try #require(try await harness.account("olena@demo.hromada.ua")).id
            let staff = try #require(try await harness.account("vinnytsia.admin@demo.hromada.ua")).id
            let id = try await service.start(call.id, city: city, by: olena).application.id
            try await service.submit(id, form: BusinessFixture.form(), city: city, by: olena)
            try await service.accept(id, city: city, by: staff)
            try await service.score(id, points: ["jobs": 8], comments: [:], city: city, by: staff)
            harness.clock.advance(by: 2 * 86_400)
            _ = try await service.decide(call.id, city: city, by: staff)
            try await services.followMail.round()
            let andrii = try #require(try await harness.account("andrii@demo.hromada.ua"))
            let letters = try await harness.outbox().filter { $0.recipient == andrii.email.rawValue && $0.listUnsubscribe != nil }
            #expect(letters.contains { $0.subject.contains("Оприлюднено рішення конкурсу") || $0.body.contains("Оприлюднено рішення конкурсу") }, "\(letters.map(\.subject))")
        }
    }
}
