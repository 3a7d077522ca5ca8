import Foundation
import HromadaDomain
import HromadaModules
import HromadaTestSupport
import Testing
@testable import Business
@testable import HromadaWeb

/// The whole cycle, through the pages' own forms and nothing else:
/// staff open a call in the editor; a verified resident applies in steps
/// with a PDF; staff return it once; she fixes it; two committee members
/// score it and a third declares a conflict; the list is decided and
/// published; an agreement and a payout are recorded; the recipient reports
/// the jobs created; the strategy's computed indicator moves.
@Suite struct BusinessCycleWalkTests {
    @Test(arguments: TestDatabase.available) func aCallGoesFromTheEditorToTheRecipientsReportInTheBrowser(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let services = harness.services
            let city = try await harness.city("vinnytsia")
            let cityID = city.id
            let start = harness.clock.now()
            for email in ["member2@example.com", "member3@example.com"] {
                let member = try await harness.makeAccount(email)
                try await services.roles.grant(.capability(.businessScore), to: member.id, in: cityID, by: nil)
            }

            // Staff open the call.
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let fields = CallEditorPagesTests.fields([
                ("titleUk", "Мікрогранти 2027"), ("titleEn", "Micro grants 2027"), ("kinds", "company"), ("opensAt", DateText.kyivInput(start - 120)),
                ("closesAt", DateText.kyivInput(start + 3 * 86_400)), ("maximumPerApplicant", "150000"), ("reportMonths", "6"),
            ]).filter { $0 != ("kinds", "sole_proprietor") && $0.0 != "documentUk" && $0.0 != "documentEn" && $0.0 != "documentId" }
                + [("documentId", ""), ("documentUk", "Бізнес-план"), ("documentEn", "Business plan"), ("publish", "1")]
            #expect(try await admin.post("/vinnytsia/admin/business/calls", fields).status == .seeOther)
            let call = try #require(try await services.store.read { try await $0.supportCalls.calls(in: cityID) }.first).call
            #expect(call.phase(at: start) == .open && call.documents.map(\.id) == ["d1"])
            let callPage = "/vinnytsia/business/calls/\(call.id.rawValue)"

            // Олена applies for her company with its business plan.
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await olena.get(callPage).body.contains("Подати заявку"))
            let base = String(try #require(try await olena.post(callPage + "/apply", []).location).prefix { $0 != "?" })
            _ = try await olena.post(base, [
                ("step", "applicant"), ("go", "project"), ("kind", "company"), ("name", "ТОВ «Кульбабка»"), ("code", "32855961"), ("size", "micro"),
                ("activity", "56.10"), ("employees", "3"),
            ])
            let plan = String(repeating: "Відкриємо кав'ярню з інклюзивним наймом. ", count: 3)
            _ = try await olena.post(base, [("step", "project"), ("go", "declarations"), ("projectTitle", "Інклюзивна кав'ярня"), ("requested", "140000"),
                                            ("jobsPlanned", "4"), ("plan", plan)])
            _ = try await olena.post(base, [("step", "declarations"), ("go", "documents"), ("email", "kulbabka@example.com"), ("phone", "+380671234567"),
                                            ("registeredInHromada", "yes"), ("declaresNoTaxDebt", "yes")])
            #expect(try await olena.upload(base + "/documents/d1", [], file: ("document", "plan.pdf", "application/pdf", BusinessFixture.pdf)).status == .seeOther)
            #expect(try await olena.post(base, [("step", "review"), ("go", "submit")]).location == base + "?sent=1")
            let owner = try #require(try await harness.account("olena@demo.hromada.ua")).id
            let id = try #require(try await services.store.read { try await $0.supportApplications.application(of: owner, to: call.id) }).application.id

            // Returned once for fixes; she fixes the amount and sends it again; staff accept it.
            let desk = "/vinnytsia/admin/business/applications/\(id.rawValue)"
            #expect(try await admin.post(desk + "/return", [("note", "Зменште суму до 120 000 грн: обладнання дешевше.")]).location == desk)
            let returned = try await olena.get(base)
            #expect(returned.body.contains("Зменште суму до 120 000 грн"))
            _ = try await olena.post(base, [("step", "project"), ("go", "review"), ("projectTitle", "Інклюзивна кав'ярня"), ("requested", "120000"),
                                            ("jobsPlanned", "4"), ("plan", plan)])
            #expect(try await olena.post(base, [("step", "review"), ("go", "submit")]).location == base + "?sent=1")
            #expect(try await admin.post(desk + "/accept", []).location == desk)

            // Two members score it; the third declares a conflict and no longer sees it.
            let committee = "/vinnytsia/admin/business/calls/\(call.id.rawValue)/committee"
            let scoring = "/vinnytsia/admin/business/committee/\(id.rawValue)"
            var second = Browser(client), third = Browser(client)
            try await second.signIn("member2@example.com")
            try await third.signIn("member3@example.com")
            let criteria = call.criteria.map(\.id)
            for (member, points) in [(0, ["9", "8"]), (1, ["8", "8"])] {
                var browser = member == 0 ? admin : second
                let saved = try await browser.post(scoring + "/score", [
                    ("score-\(criteria[0])", points[0]), ("score-\(criteria[1])", points[1]), ("comment-\(criteria[0])", "Чотири робочі місця, з них два інклюзивні"),
                    ("comment-\(criteria[1])", ""),
                ])
                #expect(saved.location == committee + "#application-\(id.rawValue)")
            }
            #expect(try await third.post(scoring + "/conflict", []).location == committee)
            #expect(!(try await third.get(committee).body.contains("ТОВ «Кульбабка»")))

            // Applications close; the list is decided and published with each score.
            harness.clock.set(start + 4 * 86_400)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let list = "/vinnytsia/admin/business/calls/\(call.id.rawValue)"
            #expect(try await admin.post(list + "/decide", []).location == list)
            var visitor = Browser(client)
            let published = try await visitor.get(callPage)
            #expect(published.body.contains("1. ТОВ «Кульбабка»") && published.body.contains("Підтримано") && published.body.contains("Чотири робочі місця"))

            // The agreement and a payout, then the recipient's report in its week.
            let fund = "/vinnytsia/admin/business/calls/\(call.id.rawValue)/fund"
            #expect(try await admin.post(fund.replacingOccurrences(of: "/fund", with: "/agreements"), [
                ("application", id.rawValue), ("amount", "120000"), ("reference", "Д-1/2027"),
            ]).location == fund)
            let agreement = try #require(try await services.store.read { try await $0.supportCalls.agreements(of: call.id) }.first)
            #expect(try await admin.post(fund.replacingOccurrences(of: "/fund", with: "/payouts"), [
                ("agreement", agreement.id), ("amount", "120000"), ("reference", "ПД-1"),
            ]).location == fund)
            let due = try #require(try await services.store.read { try await $0.supportCalls.reports(of: agreement.id) }.first).due
            harness.clock.set(due - 2 * 86_400)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let reportedIn = CalendarDate.inKyiv(harness.clock.now()).year
            let before = try await BusinessIndicators.jobsCreated.value(city, reportedIn, services) ?? 0
            #expect(try await olena.post(base + "/reports", [
                ("due", String(due.epochSeconds)), ("jobsCreated", "4"), ("turnover", "380000"), ("investment", "120000"), ("note", "Кав'ярня працює"),
            ]).location == base)
            #expect(try await BusinessIndicators.jobsCreated.value(city, reportedIn, services) == before + 4)
            let paidIn = CalendarDate.inKyiv(start).year
            #expect(try await BusinessIndicators.supportPaid.value(city, paidIn, services) ?? 0 >= 120_000)
        }
    }
}
