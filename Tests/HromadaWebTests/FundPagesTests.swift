import Foundation
import HromadaDomain
import HromadaModules
import HromadaTestSupport
import Testing
@testable import Business
@testable import HromadaWeb

/// A call's fund page: an agreement signed with the supported applicant,
/// payouts under it, and every amount beyond the agreement or the maximum
/// said beside its field with what was typed kept.
@Suite struct FundPagesTests {
    @Test(arguments: TestDatabase.available) func staffSignTheAgreementAndPayWithinIt(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let services = harness.services, service = SupportService(services: services)
            let city = try await harness.city("vinnytsia")
            let now = harness.clock.now()
            let call = BusinessFixture.call(city: city.id, now: now, documents: false, closesIn: 86_400)
            try await services.store.write { _ = try await $0.supportCalls.save(call, at: now) }
            let olena = try #require(try await harness.account("olena@demo.hromada.ua")).id
            let staff = try #require(try await harness.account("vinnytsia.admin@demo.hromada.ua")).id
            let id = try await service.start(call.id, city: city, by: olena).application.id
            try await service.submit(id, form: BusinessFixture.form(), city: city, by: olena)
            try await service.accept(id, city: city, by: staff)
            try await service.score(id, points: ["jobs": 8], comments: [:], city: city, by: staff)
            harness.clock.advance(by: 2 * 86_400)
            _ = try await service.decide(call.id, city: city, by: staff)

            let fund = "/vinnytsia/admin/business/calls/micro/fund"
            var moderator = Browser(client)
            try await moderator.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            #expect(try await moderator.get(fund).status == .notFound)
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let page = try await admin.get(fund)
            #expect(page.status == .ok && page.body.contains("Підтримані, без договору") && page.body.contains(#"value="90000""#))
            let tooMuch = try await admin.post("/vinnytsia/admin/business/calls/micro/agreements", [
                ("application", id.rawValue), ("amount", "150000"), ("reference", "Д-7"),
            ])
            #expect(tooMuch.status == .ok && tooMuch.body.contains("найбільшу для одного заявника") && tooMuch.body.contains(#"value="150000""#))
            let signed = try await admin.post("/vinnytsia/admin/business/calls/micro/agreements", [
                ("application", id.rawValue), ("amount", "90000"), ("reference", "Д-7/2027"),
            ])
            #expect(signed.location == fund)
            let agreement = try #require(try await services.store.read { try await $0.supportCalls.agreements(of: call.id) }.first)
            let beyond = try await admin.post("/vinnytsia/admin/business/calls/micro/payouts", [
                ("agreement", agreement.id), ("amount", "90000,01"), ("reference", "ПД-1"),
            ])
            #expect(beyond.status == .ok && beyond.body.contains("більша за те, що лишилося виплатити"))
            #expect(try await admin.post("/vinnytsia/admin/business/calls/micro/payouts", [
                ("agreement", agreement.id), ("amount", "40000"), ("reference", "ПД-1"),
            ]).location == fund)
            let after = try await admin.get(fund)
            #expect(after.body.contains("Д-7/2027") && after.body.contains("40\u{00A0}000,00\u{00A0}грн / 90\u{00A0}000,00\u{00A0}грн") && after.body.contains("звітів подано: 0 з 2"))
            let paidIn = CalendarDate.inKyiv(harness.clock.now()).year
            // The recipient reports from a week before the first date: a wrong number is said beside it, then the report is filed once.
            let due = try #require(try await services.store.read { try await $0.supportCalls.reports(of: agreement.id) }.first).due
            var recipient = Browser(client)
            try await recipient.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let mine = "/vinnytsia/business/applications/\(id.rawValue)"
            let before = try await recipient.get(mine)
            #expect(before.body.contains("Звіти про результати") && !before.body.contains(#"name="jobsCreated""#))
            let early = try await recipient.post(mine + "/reports", [
                ("due", String(due.epochSeconds)), ("jobsCreated", "2"), ("turnover", "100000"), ("investment", "50000"), ("note", ""),
            ])
            #expect(early.status == .ok && early.body.contains("за тиждень до строку"))
            harness.clock.set(due.addingTimeInterval(-3 * 86_400))
            // The week before, one reminder however often the round runs; overdue, another, then weekly.
            let reminders = ReportReminders(services: services)
            #expect(try await reminders.remind() == 1)
            #expect(try await reminders.remind() == 0)
            let reminder = try #require(try await harness.outbox().first { $0.subject.contains("Нагадування: звіт") })
            #expect(reminder.recipient == "olena@demo.hromada.ua" && reminder.body.contains(mine) && reminder.body.contains("Проєкт ТОВ «Кульбабка»"))
            let last = try #require(try await services.store.read { try await $0.supportCalls.reports(of: agreement.id) }.last).due
            harness.clock.set(last.addingTimeInterval(86_400))
            #expect(try await reminders.remind() == 2)
            #expect(try await harness.outbox().filter { $0.subject.contains("прострочено") }.count == 2)
            harness.clock.set(last.addingTimeInterval(3 * 86_400))
            #expect(try await reminders.remind() == 0)
            harness.clock.set(due.addingTimeInterval(-3 * 86_400))
            // Months later: both sign in again.
            try await recipient.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            #expect(try await recipient.get(mine).body.contains(#"name="jobsCreated""#))
            let wrong = try await recipient.post(mine + "/reports", [
                ("due", String(due.epochSeconds)), ("jobsCreated", "два"), ("turnover", "100000"), ("investment", "50000"), ("note", "Добре"),
            ])
            #expect(wrong.status == .ok && wrong.body.contains("ціле число робочих місць") && wrong.body.contains(#"value="два""#))
            #expect(try await recipient.post(mine + "/reports", [
                ("due", String(due.epochSeconds)), ("jobsCreated", "2"), ("turnover", "100000"), ("investment", "50000"), ("note", "Добре"),
            ]).location == mine)
            #expect(try await recipient.get(mine).body.contains("Подано: робочих місць 2"))
            let twice = try await recipient.post(mine + "/reports", [
                ("due", String(due.epochSeconds)), ("jobsCreated", "3"), ("turnover", "1"), ("investment", "1"), ("note", ""),
            ])
            #expect(twice.status == .ok && twice.body.contains("Цей звіт уже подано."))
            #expect(try await admin.get(fund).body.contains("звітів подано: 1 з 2"))
            // The strategy's computed indicators follow: the jobs in the report's year, the support in the payout's.
            let reportedIn = CalendarDate.inKyiv(harness.clock.now()).year
            #expect(try await BusinessIndicators.jobsCreated.value(city, reportedIn, services) == 2)
            #expect(try await BusinessIndicators.supportPaid.value(city, paidIn, services) == 40_000)
            #expect(try await BusinessIndicators.jobsCreated.value(city, reportedIn - 5, services) == nil)
            // An agreement of another call (or none) is not paid from this page.
            #expect(try await admin.post("/vinnytsia/admin/business/calls/micro/payouts", [("agreement", "nope"), ("amount", "1"), ("reference", "x")]).status == .notFound)
        }
    }
}
