import Foundation
import HromadaDomain
import HromadaModules
import HromadaTestSupport
import Testing
@testable import Business
@testable import HromadaWeb

/// The business module's public pages: the calls, the coming events and the
/// directory on its home, a published call's page, and nothing of a draft
/// or of another city's call.
@Suite struct BusinessPagesTests {
    @Test(arguments: TestDatabase.available) func aPublishedCallShowsWhoMayApplyHowItIsScoredAndWhatToAttach(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let vinnytsia = try await harness.city("vinnytsia").id
            let now = harness.services.clock.now()
            func call(_ id: String, published: Bool) -> SupportCall {
                SupportCall(
                    id: SupportCallID(rawValue: id), city: vinnytsia, title: LocalizedName(uk: "Грант на обладнання <b>", en: "Equipment grant"),
                    description: LocalizedName(uk: "Для малих виробників.", en: "For small producers."), instrument: .equipmentCompensation,
                    fund: Money(hryvnias: 1_000_000), maximumPerApplicant: Money(hryvnias: 200_000), opensAt: now.addingTimeInterval(-86_400),
                    closesAt: now.addingTimeInterval(30 * 86_400),
                    eligibility: EligibilityRules(kinds: [.soleProprietor, .company], sizes: [.micro], sectors: [KVEDCode("10.7")].compactMap { $0 }),
                    criteria: [
                        ScoringCriterion(id: "jobs", title: LocalizedName(uk: "Нові робочі місця", en: "New jobs"), weight: 60),
                        ScoringCriterion(id: "plan", title: LocalizedName(uk: "Якість бізнес-плану", en: "Business plan"), weight: 40),
                    ],
                    documents: [RequiredDocument(id: "quote", title: LocalizedName(uk: "Рахунок постачальника", en: "Supplier's quote"))],
                    publishedAt: published ? now : nil)
            }
            let open = call("open", published: true), draft = call("draft", published: false)
            let organisation = Organisation(
                id: OrganisationID(rawValue: "club"), city: vinnytsia, kind: .club, name: "Клуб підприємців",
                description: LocalizedName(uk: "Зустрічі щочетверга", en: "Meets on Thursdays"), createdAt: now)
            try await harness.services.store.write { tx in
                _ = try await tx.supportCalls.save(open, at: now)
                _ = try await tx.supportCalls.save(draft, at: now)
                try await tx.organisations.save(organisation, at: now)
            }
            var visitor = Browser(client)
            let home = try await visitor.get("/vinnytsia/business")
            #expect(home.status == .ok && home.body.contains(#"href="/vinnytsia/business/calls/open""#) && home.body.contains("Приймає заявки"))
            #expect(home.body.contains("Грант на обладнання &lt;b&gt;") && !home.body.contains("/business/calls/draft"))
            #expect(home.body.contains("Клуб підприємців") && home.body.contains("Найближчих заходів немає."))
            let page = try await visitor.get("/vinnytsia/business/calls/open")
            #expect(page.status == .ok && page.body.contains("Нові робочі місця") && page.body.contains("<td>60</td>"))
            #expect(page.body.contains("Рахунок постачальника") && page.body.contains("10.7") && page.body.contains("ФОП, Підприємство"))
            #expect(try await visitor.get("/vinnytsia/business/calls/draft").status == .notFound)
            #expect(try await visitor.get("/zhmerynka/business/calls/open").status == .notFound)
            var english = Browser(client)
            _ = try await english.get("/en")
            let translated = try await english.get("/vinnytsia/business/calls/open")
            #expect(translated.body.contains("New jobs") && translated.body.contains("Partial compensation of equipment costs"))
        }
    }

    @Test(arguments: TestDatabase.available) func theCitysSearchFindsPublishedCallsTheDirectoryAndEventsButNoDraft(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var visitor = Browser(client)
            let cafe = try await visitor.get("/vinnytsia/search?q=%D0%9A%D1%83%D0%BB%D1%8C%D0%B1%D0%B0%D0%B1%D0%BA%D0%B0&module=business")
            #expect(cafe.status == .ok && cafe.body.contains("/vinnytsia/business/directory/kulbabka"))
            let grants = try await visitor.get("/vinnytsia/search?q=%D0%B3%D1%80%D0%B0%D0%BD%D1%82%D0%B8&module=business")
            #expect(grants.body.contains("/vinnytsia/business/calls/vinnytsia-veterans-2027"))
            let loans = try await visitor.get("/vinnytsia/search?q=%D0%BA%D1%80%D0%B5%D0%B4%D0%B8%D1%82%D0%B0%D0%BC%D0%B8&module=business")
            #expect(!loans.body.contains("vinnytsia-loans-2027"))
            let tax = try await visitor.get("/vinnytsia/search?q=%D0%BF%D0%BE%D0%B4%D0%B0%D1%82%D0%BA%D0%B8")
            #expect(tax.body.contains("/vinnytsia/business/events/vinnytsia-tax"))
            #expect(!(try await visitor.get("/zhmerynka/search?q=%D0%9A%D1%83%D0%BB%D1%8C%D0%B1%D0%B0%D0%B1%D0%BA%D0%B0").body.contains("kulbabka")))
        }
    }

    @Test(arguments: TestDatabase.available) func callsAndTrainingsAreInTheCitysFeedAndCalendarButNoDraft(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let feed = String(buffer: try await client.execute(uri: "/vinnytsia/feed.atom?module=business", method: .get).body)
            #expect(feed.contains("Оголошено конкурс «Гранти для ветеранського бізнесу 2027»"))
            #expect(feed.contains("Оприлюднено рішення конкурсу «Мікрогранти для малого бізнесу 2026»") && !feed.contains("кредитами"))
            let english = String(buffer: try await client.execute(uri: "/vinnytsia/feed.atom?module=business&lang=en", method: .get).body)
            #expect(english.contains("Call announced: “Grants for veterans"))
            // Unfolded (RFC 5545 folds lines at 75 octets).
            let calendar = String(buffer: try await client.execute(uri: "/vinnytsia/calendar.ics", method: .get).body).replacingOccurrences(of: "\r\n ", with: "")
            #expect(calendar.contains("Завершується прийом заявок: «Гранти для ветеранського бізнесу 2027»") && calendar.contains("Пітчинг для ветеранського бізнесу"))
        }
    }
}
