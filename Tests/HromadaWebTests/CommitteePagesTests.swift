import Foundation
import HromadaDomain
import HromadaModules
import HromadaTestSupport
import Testing
@testable import Business
@testable import HromadaWeb

/// The committee's page: scores beside each criterion (a wrong one said
/// beside it, what was typed kept), a declared conflict that hides the
/// application, and the list decided once applications close.
@Suite struct CommitteePagesTests {
    @Test(arguments: TestDatabase.available) func aMemberScoresDeclaresAConflictAndTheListIsDecided(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let services = harness.services, service = SupportService(services: services)
            let city = try await harness.city("vinnytsia")
            let now = harness.clock.now()
            let call = BusinessFixture.call(city: city.id, now: now, criteria: [("jobs", 60), ("plan", 40)], documents: false, closesIn: 86_400)
            try await services.store.write { _ = try await $0.supportCalls.save(call, at: now) }
            let staff = try #require(try await harness.account("vinnytsia.admin@demo.hromada.ua")).id
            func accepted(_ email: String, _ name: String, _ code: String) async throws -> SupportApplicationID {
                let account = try #require(try await harness.account(email)).id
                let id = try await service.start(call.id, city: city, by: account).application.id
                let form = BusinessFixture.form(name: name, code: code)
                try await service.submit(id, form: form, city: city, by: account)
                try await service.accept(id, city: city, by: staff)
                return id
            }
            let first = try await accepted("olena@demo.hromada.ua", "ТОВ «Кульбабка»", "32855961")
            let second = try await accepted("andrii@demo.hromada.ua", "ТОВ «Теплиця»", "14360570")

            var member = Browser(client)
            try await member.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let committee = "/vinnytsia/admin/business/calls/micro/committee"
            let page = try await member.get(committee)
            #expect(page.status == .ok && page.body.contains("ТОВ «Кульбабка»") && page.body.contains("ТОВ «Теплиця»"))
            let wrong = try await member.post("/vinnytsia/admin/business/committee/\(first.rawValue)/score", [
                ("score-jobs", "8"), ("score-plan", "12"), ("comment-jobs", "Два місця"), ("comment-plan", ""),
            ])
            #expect(wrong.status == .ok && wrong.body.contains("Оцінка — ціле число") && wrong.body.contains(#"value="12""#))
            let saved = try await member.post("/vinnytsia/admin/business/committee/\(first.rawValue)/score", [
                ("score-jobs", "8"), ("score-plan", "7"), ("comment-jobs", "Два місця"), ("comment-plan", ""),
            ])
            #expect(saved.location == committee + "#application-\(first.rawValue)")
            #expect(try await member.get(committee).body.contains("Ви оцінили"))
            // A conflict on the second: it is gone from the page and cannot be scored.
            #expect(try await member.post("/vinnytsia/admin/business/committee/\(second.rawValue)/conflict", []).location == committee)
            #expect(!(try await member.get(committee).body.contains("ТОВ «Теплиця»")))
            let hidden = try await member.post("/vinnytsia/admin/business/committee/\(second.rawValue)/score", [("score-jobs", "9"), ("score-plan", "9")])
            #expect(hidden.status == .notFound)
            // A resident finds no committee.
            var resident = Browser(client)
            try await resident.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await resident.get(committee).status == .notFound)

            // Not while applications are open; then not while one is unscored; then decided.
            let list = "/vinnytsia/admin/business/calls/micro"
            #expect(try await member.post(list + "/decide", []).status == .conflict)
            harness.clock.advance(by: 2 * 86_400)
            #expect(try await member.get(list).body.contains("/decide"))
            #expect(try await member.post(list + "/decide", []).status == .conflict)
            let other = try #require(try await harness.account("admin@demo.hromada.ua")).id
            try await service.score(second, points: ["jobs": 9, "plan": 9], comments: [:], city: city, by: other)
            #expect(try await member.post(list + "/decide", []).location == list)
            let decided = try await member.get(list)
            #expect(decided.body.contains("№1 · 90.00 балів · підтримано") && decided.body.contains("№2 · 76.00 балів · підтримано"))
            #expect(!decided.body.contains("/decide"))
        }
    }
}
