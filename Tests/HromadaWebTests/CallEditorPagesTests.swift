import Foundation
import HromadaDomain
import HromadaModules
import HromadaTestSupport
import SQLKit
import Testing
@testable import Business
@testable import HromadaWeb

/// The call's editor (`business.programmes`): a new call with every problem
/// beside its field and what was typed kept, then saved and published; an
/// open call's rules kept; the editor closed to other staff and cities.
@Suite struct CallEditorPagesTests {
    /// A whole call as the editor's form sends it, with `changes` replacing fields by name.
    static func fields(_ changes: [(String, String)] = [], dropping dropped: Set<String> = []) -> [(String, String)] {
        let base: [(String, String)] = [
            ("titleUk", "Гранти на обладнання 2027"), ("titleEn", "Equipment grants 2027"), ("descriptionUk", "Для малого бізнесу."),
            ("descriptionEn", "For small business."), ("instrument", "equipment_compensation"), ("fund", "1 000 000"), ("maximumPerApplicant", "150000"),
            ("opensAt", "2027-02-01T09:00"), ("closesAt", "2027-03-01T18:00"), ("fixWorkingDays", "5"), ("kinds", "sole_proprietor"), ("kinds", "company"),
            ("sizes", "micro"), ("sectors", "56.10, 10.1"), ("mustBeRegisteredInHromada", "on"), ("mustDeclareNoTaxDebt", "on"),
            ("criterionId", ""), ("criterionUk", "Нові робочі місця"), ("criterionEn", "New jobs"), ("criterionWeight", "60"),
            ("criterionId", ""), ("criterionUk", "Якість плану"), ("criterionEn", "The plan"), ("criterionWeight", "40"),
            ("criterionId", ""), ("criterionUk", ""), ("criterionEn", ""), ("criterionWeight", ""),
            ("scale", "10"), ("minimumTotal", "50"),
            ("documentId", ""), ("documentUk", "Рахунок постачальника"), ("documentEn", "Supplier's quote"),
            ("documentId", ""), ("documentUk", ""), ("documentEn", ""),
            ("reportMonths", "6, 12"),
        ]
        let replaced = Dictionary(changes, uniquingKeysWith: { $1 })
        return base.filter { !dropped.contains($0.0) }.map { name, value in (name, replaced[name] ?? value) }
    }

    @Test(arguments: TestDatabase.available) func staffSeeEveryProblemBesideItsFieldThenSaveAndPublishTheCall(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let blank = try await admin.get("/vinnytsia/admin/business/calls/new")
            #expect(blank.status == .ok && blank.body.contains(#"name="titleUk""#) && blank.body.contains("Зберегти й оприлюднити"))

            var bad = Self.fields(
                [("fund", "сто тисяч"), ("maximumPerApplicant", "99999999999"), ("sectors", "5x, 56.10"), ("reportMonths", "0, 70"),
                 ("closesAt", "2027-01-01T09:00"), ("fixWorkingDays", "99999999999999999999")], dropping: ["kinds"])
            bad = bad.map { $0 == ("criterionWeight", "60") ? ("criterionWeight", "50") : $0 }
            let refused = try await admin.post("/vinnytsia/admin/business/calls", bad)
            #expect(refused.status == .unprocessableContent)
            for message in [
                "Фонд — сума в гривнях, більша за нуль.", "Позначте хоча б один вид заявника.", "Ваги критеріїв разом мають становити 100.",
                "Коди КВЕД через кому", "Місяці через кому, від 1 до 60", "пізніші за початок", "Ціле число робочих днів від 1 до 30.",
            ] {
                #expect(refused.body.contains(message), "\(message)")
            }
            #expect(refused.body.contains(#"value="сто тисяч""#) && refused.body.contains(#"value="5x, 56.10""#) && refused.body.contains("Якість плану"))
            let cityID = city.id
            #expect(try await harness.services.store.read { try await $0.supportCalls.calls(in: cityID, includingDrafts: true) }.isEmpty)

            let saved = try await admin.post("/vinnytsia/admin/business/calls", Self.fields() + [("publish", "1")])
            #expect(saved.status == .seeOther && saved.location == "/vinnytsia/admin/business/calls")
            let calls = try await harness.services.store.read { try await $0.supportCalls.calls(in: cityID, includingDrafts: true) }
            let call = try #require(calls.first?.call)
            #expect(calls.count == 1 && call.id.rawValue.hasPrefix("equipment-grants-2027-") && call.publishedAt != nil)
            #expect(call.criteria.map(\.id) == ["k1", "k2"] && call.criteria.map(\.weight) == [60, 40] && call.documents.map(\.id) == ["d1"])
            #expect(call.fund == Money(hryvnias: 1_000_000) && call.eligibility.kinds == [.soleProprietor, .company] && call.reportMonths == [6, 12])
            #expect(call.eligibility.sectors.map(\.description) == ["56.10", "10.1"] && call.instrument == .equipmentCompensation)
            #expect(DateText.kyivInput(call.closesAt) == "2027-03-01T18:00")

            let list = try await admin.get("/vinnytsia/admin/business/calls")
            #expect(list.status == .ok && list.body.contains("Гранти на обладнання 2027") && list.body.contains("/vinnytsia/admin/business/calls/\(call.id.rawValue)/edit"))
            let entries = try await harness.services.store.read { tx in
                try await tx.db.raw("SELECT subject FROM audit_entries WHERE action = 'business.call_saved'").all().map { try $0.decode(column: "subject", as: String.self) }
            }
            #expect(entries == [call.id.rawValue])
            var visitor = Browser(client)
            #expect(try await visitor.get("/vinnytsia/business/calls/\(call.id.rawValue)").body.contains("Рахунок постачальника"))
        }
    }

    @Test(arguments: TestDatabase.available) func anOpenCallKeepsItsRulesButItsDeadlineMayMoveLater(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            let now = harness.clock.now()
            let call = BusinessFixture.call(city: city.id, now: now, criteria: [("jobs", 60), ("plan", 40)])
            try await harness.services.store.write { _ = try await $0.supportCalls.save(call, at: now) }
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let edit = try await admin.get("/vinnytsia/admin/business/calls/micro/edit")
            #expect(edit.status == .ok && edit.body.contains("Прийом заявок уже почався") && !edit.body.contains("Зберегти й оприлюднити"))
            #expect(edit.body.contains(#"value="Мікрогранти""#) && edit.body.contains(#"name="criterionId" value="jobs""#))

            var form = CallEditorPages.form(of: call)
            var pairs = form.fields.flatMap { name, values in values.map { (name, $0) } }
            pairs = pairs.map { $0.0 == "criterionWeight" ? ($0.0, $0.1 == "60" ? "70" : "30") : $0 }
            let refused = try await admin.post("/vinnytsia/admin/business/calls/micro/edit", pairs)
            #expect(refused.status == .unprocessableContent && refused.body.contains("Прийом заявок уже почався: це поле змінювати не можна."))

            let later = call.closesAt.addingTimeInterval(7 * 86_400)
            form = CallEditorPages.form(of: call)
            pairs = form.fields.flatMap { name, values in values.map { (name, $0) } }
                .map { $0.0 == "closesAt" ? ($0.0, DateText.kyivInput(later)) : $0.0 == "titleUk" ? ($0.0, "Мікрогранти — продовжено") : $0 }
            let saved = try await admin.post("/vinnytsia/admin/business/calls/micro/edit", pairs)
            #expect(saved.status == .seeOther)
            let cityID = city.id
            let stored = try #require(try await harness.services.store.read { try await $0.supportCalls.call(call.id, in: cityID) }).call
            #expect(stored.title.uk == "Мікрогранти — продовжено" && DateText.kyivInput(stored.closesAt) == DateText.kyivInput(later) && stored.criteria == call.criteria)
        }
    }

    @Test(arguments: TestDatabase.available) func theEditorIsForTheCitysProgrammeStaffOnly(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            let now = harness.clock.now()
            try await harness.services.store.write { _ = try await $0.supportCalls.save(BusinessFixture.call(city: city.id, now: now), at: now) }
            var moderator = Browser(client)
            try await moderator.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            #expect(try await moderator.get("/vinnytsia/admin/business/calls/new").status == .notFound)
            #expect(try await moderator.post("/vinnytsia/admin/business/calls/micro/edit", Self.fields()).status == .notFound)
            var other = Browser(client)
            try await other.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            #expect(try await other.get("/vinnytsia/admin/business/calls/micro/edit").status == .notFound)
            #expect(try await other.get("/vinnytsia/admin/business/calls").status == .notFound)
            #expect(try await other.post("/vinnytsia/admin/business/calls", Self.fields()).status == .notFound)
            var anonymous = Browser(client)
            #expect(try await anonymous.get("/vinnytsia/admin/business/calls").status != .ok)
            let cityID = city.id
            #expect(try await harness.services.store.read { try await $0.supportCalls.calls(in: cityID, includingDrafts: true) }.count == 1)
        }
    }
}
