import Foundation
import HromadaDomain
import HromadaModules
import HromadaTestSupport
import Testing
@testable import Business
@testable import HromadaWeb

/// The staff's review pages: a call's applications by state, an application
/// whole with its private details and PDF, returned once with a note that
/// the applicant sees, then accepted; nobody without the capability sees any of it.
@Suite struct ReviewPagesTests {
    @Test(arguments: TestDatabase.available) func staffReturnAnApplicationOnceThenAcceptIt(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let services = harness.services, service = SupportService(services: services)
            let city = try await harness.city("vinnytsia")
            let now = harness.clock.now()
            let call = BusinessFixture.call(city: city.id, now: now)
            try await services.store.write { _ = try await $0.supportCalls.save(call, at: now) }
            let olena = try #require(try await harness.account("olena@demo.hromada.ua")).id
            let id = try await service.start(call.id, city: city, by: olena).application.id
            let form = BusinessFixture.form()
            try await BusinessFixture.attachPlan(to: id, city: city.id, by: olena, at: now, store: services.store)
            try await service.submit(id, form: form, city: city, by: olena)

            let page = "/vinnytsia/admin/business/applications/\(id.rawValue)"
            // The resident, a moderator (no review capability here) and Жмеринка's admin find nothing.
            var resident = Browser(client)
            try await resident.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await resident.get(page).status == .notFound)
            var moderator = Browser(client)
            try await moderator.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            #expect(try await moderator.get(page).status == .notFound)
            var elsewhere = Browser(client)
            try await elsewhere.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            #expect(try await elsewhere.get(page).status == .notFound)

            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let list = try await admin.get("/vinnytsia/admin/business/calls/micro")
            #expect(list.status == .ok && list.body.contains(page) && list.body.contains("Подано, перевіряється (1)"))
            let detail = try await admin.get(page)
            #expect(detail.body.contains("32855961") && detail.body.contains("kulbabka@example.com") && detail.body.contains("\(page)/documents/att-\(id.rawValue)"))
            #expect(try await admin.get("\(page)/documents/att-\(id.rawValue)").status == .ok)
            // A return without a note is said beside it; with one, the applicant sees it.
            let empty = try await admin.post("\(page)/return", [("note", "  ")])
            #expect(empty.status == .ok && empty.body.contains("Напишіть, що виправити"))
            #expect(try await admin.post("\(page)/return", [("note", "Додайте кошторис")]).location == page)
            let applicant = try await resident.get("/vinnytsia/business/applications/\(id.rawValue)")
            #expect(applicant.body.contains("Додайте кошторис") && applicant.body.contains("Повернуто на доопрацювання"))
            try await service.submit(id, form: form, city: city, by: olena)
            let again = try await admin.post("\(page)/return", [("note", "Ще раз")])
            #expect(again.status == .ok && again.body.contains("лише раз"))
            #expect(try await admin.post("\(page)/accept", []).location == page)
            #expect(try await admin.get(page).body.contains("Прийнято, оцінює комісія"))
        }
    }
}
