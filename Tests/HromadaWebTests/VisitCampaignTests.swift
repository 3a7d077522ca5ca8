import Foundation
import HromadaDomain
import HromadaModules
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Visit

/// The marketing campaigns: their page with the strategy they serve and
/// their reach by channel, the staff's forms, every reach report kept when
/// many arrive at once, and the yearly reach a strategy's indicator follows.
@Suite struct VisitCampaignTests {
    @Test(arguments: TestDatabase.available) func aCampaignShowsItsGoalChannelsStrategyAndReach(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var english = Browser(client)
            _ = try await english.get("/en")
            let list = try await english.get("/vinnytsia/visit/campaigns")
            #expect(list.status == .ok && list.body.contains(#"href="/vinnytsia/visit/campaigns/vinnytsia-city-of-ideas""#))
            let page = try await english.get("/vinnytsia/visit/campaigns/vinnytsia-city-of-ideas")
            #expect(page.body.contains("«Vinnytsia — a city of ideas»") && page.body.contains("Social media · Outdoor · Events and festivals · Partners"))
            #expect(page.body.contains(#"href="/vinnytsia/strategy/vinnytsia-marketing-2026""#) && page.body.contains("Marketing strategy of Vinnytsia"))
            // Social media: 184 000 + 121 500; all five reports: 422 500.
            #expect(page.body.contains(NumberFormat.grouped(305_500)) && page.body.contains(NumberFormat.grouped(422_500)))
            #expect(try await english.get("/zhmerynka/visit/campaigns/vinnytsia-city-of-ideas").status == .notFound)
            let city = try await harness.city("vinnytsia")
            #expect(try await VisitIndicators.campaignReach.value(city, 2026, harness.services) == 422_500)
            #expect(try await VisitIndicators.campaignReach.value(city, 2025, harness.services) == nil)
        }
    }

    @Test(arguments: TestDatabase.available) func staffMakeACampaignAndEveryReachReportSentAtOnceIsKept(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let form = try await admin.get("/vinnytsia/admin/visit/campaigns/new")
            #expect(form.status == .ok && form.body.contains(#"<option value="vinnytsia-marketing-2026">"#))
            let fields: [(String, String)] = [
                ("titleUk", "Зимова Вінниця"), ("titleEn", "Winter in Vinnytsia"), ("channels", "social"), ("channels", "print"),
                ("startsOn", "2027-01-10"), ("endsOn", "2027-01-01"), ("strategy", "not-a-strategy"), ("published", "1"),
            ]
            let refused = try await admin.post("/vinnytsia/admin/visit/campaigns", fields)
            #expect(refused.status == .unprocessableContent && refused.body.contains("кінець не раніше початку") && refused.body.contains("Такого документа стратегії"))
            #expect(refused.body.contains(#"value="print" checked"#) && refused.body.contains("Зимова Вінниця"))
            let saved = try await admin.post(
                "/vinnytsia/admin/visit/campaigns",
                fields.map { $0.0 == "endsOn" ? ($0.0, "2027-02-28") : $0.0 == "strategy" ? ($0.0, "vinnytsia-marketing-2026") : $0 })
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location]?.split(separator: "?").first.map(String.init))
            let id = CampaignID(rawValue: String(location.split(separator: "/").last ?? ""))
            // Engaged more than reached, and a channel the campaign does not use: refused, nothing kept.
            let bad = try await admin.post("\(location)/reach", [("channel", "social"), ("reportedOn", "2027-01-20"), ("reached", "100"), ("engaged", "500")])
            #expect(bad.status == .unprocessableContent && bad.body.contains("не більше охоплення") && bad.body.contains(#"value="500""#))
            // Twenty reports at once: the campaign's lock keeps every one.
            let services = harness.services
            let account = try #require(try await services.store.read { tx in
                try await tx.accounts.find(email: EmailAddress(rawValue: "vinnytsia.admin@demo.hromada.ua"))
            })
            let staff = try await services.accounts.principal(of: account)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await CampaignService(services: services).addReach(
                            CampaignReach(channel: .social, reportedOn: CalendarDate(year: 2027, month: 1, day: 20), reached: 1_000 + index),
                            extraProblems: [:], to: id, city: city, principal: staff)
                    }
                }
                try await group.waitForAll()
            }
            let campaign = try #require(try await services.store.read { try await $0.visitGuide.campaign(id, in: city.id) })
            #expect(campaign.reach.count == 20 && campaign.reach.map(\.reached).reduce(0, +) == 20_000 + 190)
            // Saving the terms again keeps the reports.
            let resaved = try await admin.post(location, fields.map { $0.0 == "endsOn" ? ($0.0, "2027-03-31") : $0.0 == "strategy" ? ($0.0, "") : $0 })
            #expect(resaved.status == .seeOther)
            let after = try #require(try await services.store.read { try await $0.visitGuide.campaign(id, in: city.id) })
            #expect(after.reach.count == 20 && after.endsOn == CalendarDate(year: 2027, month: 3, day: 31) && after.strategy == nil)
        }
    }
}
