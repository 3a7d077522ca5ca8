import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

@Suite struct PetitionPageTests {
    @Test(arguments: TestDatabase.available) func aResidentSignsOnThePetitionPageAndSeesTheCountMove(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await PetitionFixture(harness, threshold: 2)
            let filed = try await harness.services.petitions.file(
                title: "Облаштувати пандуси в усіх школах міста",
                text: "Прошу облаштувати пандуси.\nУ кожній школі <script>alert(1)</script> має бути вхід без сходинок.",
                category: "Освіта", city: fixture.city, by: fixture.author, submit: true)
            let path = "/vinnytsia/petitions/\(filed.id.rawValue)"
            // In moderation a visitor finds nothing; the author sees their own.
            var visitor = Browser(client)
            #expect(try await visitor.get(path).status == .notFound)
            _ = try await harness.services.petitions.decide(filed.id, .publish, city: fixture.city, by: fixture.moderator)

            let page = try await visitor.get(path)
            #expect(page.status == .ok)
            #expect(page.body.contains("Олена Шевчук"), "the author's full name is shown, as the law requires")
            #expect(!page.body.contains("<script>alert(1)</script>"))
            #expect(page.body.contains("&lt;script&gt;"))
            #expect(page.body.contains("Увійдіть, щоб підписати"))
            #expect(try await visitor.get("/vinnytsia/petitions").body.contains(path))

            _ = try await fixture.resident("ivan")
            var ivan = Browser(client)
            try await ivan.signIn("ivan@example.com")
            #expect(try await ivan.get(path).body.contains("Підписати петицію"))
            let signed = try await ivan.post(path + "/sign", [("notify", "on")])
            #expect(signed.status == .seeOther)
            let after = try await ivan.get(signed.location ?? path)
            #expect(after.body.contains("Ваш підпис враховано"))
            #expect(after.body.contains("Ви підписали цю петицію"))
            // Signing again from a stale page says so and changes nothing.
            let again = try await ivan.post(path + "/sign", [])
            #expect(again.status == .conflict)
            #expect(again.body.contains("Ви вже підписали цю петицію"))
            // A signed-in non-resident is told how to be able to sign.
            _ = try await harness.makeAccount("guest@example.com")
            var guest = Browser(client)
            try await guest.signIn("guest@example.com")
            #expect(try await guest.get(path).body.contains("підтвердьте проживання"))
            #expect(try await harness.services.store.read { try await $0.petitions.exactCount(of: filed.id) } == 1)
        }
    }

    @Test(arguments: TestDatabase.available) func anAuthorFilesInTheBrowserAndAModeratorPublishesFromTheQueue(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await PetitionFixture(harness)
            var author = Browser(client)
            try await author.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await author.get("/vinnytsia/petitions/new").status == .ok)
            // Too short a text is explained, and what was typed stays.
            let refused = try await author.post("/vinnytsia/petitions/new", [("title", "Освітлити парк Хоткевича вночі"), ("category", "Благоустрій"), ("text", "Коротко.")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Освітлити парк Хоткевича вночі"))
            let text = "Прошу міську раду відновити вуличне освітлення в парку Хоткевича, щоб увечері ним можна було безпечно ходити."
            let filed = try await author.post("/vinnytsia/petitions/new", [("title", "Освітлити парк Хоткевича вночі"), ("category", "Благоустрій"), ("text", text)])
            #expect(filed.status == .seeOther)
            let location = try #require(filed.location)
            // The author sees it in moderation; nobody else does yet.
            #expect(try await author.get(location).body.contains("На модерації"))
            var visitor = Browser(client)
            #expect(try await visitor.get(location).status == .notFound)

            var moderator = try await Browser.vinnytsiaModerator(client)
            let queue = try await moderator.get("/vinnytsia/admin/petitions")
            #expect(queue.status == .ok && queue.body.contains("Освітлити парк Хоткевича вночі"))
            let id = String(location.split(separator: "/").last ?? "")
            let published = try await moderator.post("/vinnytsia/admin/petitions/\(id)/decision", [("decision", "publish")])
            #expect(published.status == .seeOther)
            #expect(try await visitor.get(location).body.contains("Збір підписів"))
            // The queue is for the city's moderators: a resident gets a 404.
            #expect(try await author.get("/vinnytsia/admin/petitions").status == .notFound)
            #expect(fixture.city.settings.petitionSignatureThreshold == 3)
        }
    }

    @Test(arguments: TestDatabase.available) func anAdminPublishesTheCouncilsAnswerOnThePetitionPage(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await PetitionFixture(harness, threshold: 1)
            let petition = try await fixture.openPetition()
            _ = try await harness.services.petitions.sign(petition.id, city: fixture.city, by: try await fixture.resident("ivan"), clientAddress: "203.0.113.1")
            let path = "/vinnytsia/petitions/\(petition.id.rawValue)"
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            #expect(try await admin.get(path).body.contains("Оприлюднити відповідь"))
            let empty = try await admin.post(path + "/answer", [("decision", "supported"), ("text", ""), ("signedBy", "Міський голова")])
            #expect(empty.status == .unprocessableContent)
            let posted = try await admin.post(path + "/answer", [
                ("decision", "supported"), ("text", "Департаменту освіти доручено облаштувати пандуси в усіх школах до 1 вересня 2027 року."),
                ("signedBy", "Міський голова Сергій Моргунов"),
            ])
            #expect(posted.status == .seeOther)
            var visitor = Browser(client)
            let page = try await visitor.get(path)
            #expect(page.body.contains("Підтримано") && page.body.contains("Міський голова Сергій Моргунов"))
            // Moderators publish petitions; answering is for admins.
            var moderator = try await Browser.vinnytsiaModerator(client)
            #expect(!(try await moderator.get(path).body.contains("Оприлюднити відповідь")))
        }
    }
}

@Suite struct PetitionStaffToolTests {
    @Test(arguments: TestDatabase.available) func theAuthorsDashboardListsEveryStateAndSendsOnOrWithdraws(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await PetitionFixture(harness)
            let draft = try await harness.services.petitions.file(
                title: "Лавки на зупинках Вишеньки", text: String(repeating: "Просимо поставити лавки на зупинках громадського транспорту. ", count: 2),
                category: "Благоустрій", city: fixture.city, by: fixture.author, submit: false)
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let page = try await olena.get("/vinnytsia/petitions/mine")
            #expect(page.status == .ok)
            // The demo's answered petition and draft are hers too.
            #expect(page.body.contains("Лавки на зупинках Вишеньки") && page.body.contains("Зберегти сквер на вулиці Пирогова"))
            let path = "/vinnytsia/petitions/\(draft.id.rawValue)"
            #expect(try await olena.post(path + "/submit", []).status == .seeOther)
            #expect(try await fixture.stored(draft.id).state == .moderation)
            // Sending it on twice says why not.
            let again = try await olena.post(path + "/submit", [])
            #expect(again.status == .conflict)
            #expect(try await olena.post(path + "/withdraw", []).status == .seeOther)
            #expect(try await fixture.stored(draft.id).state == .withdrawn)
            // Someone else's petition: not found, nothing changes.
            let open = try await fixture.openPetition()
            _ = try await fixture.resident("ivan")
            var ivan = Browser(client)
            try await ivan.signIn("ivan@example.com")
            #expect(try await ivan.post("/vinnytsia/petitions/\(open.id.rawValue)/withdraw", []).status == .notFound)
            #expect(try await fixture.stored(open.id).state == .open)
            // Signed out: to the sign-in page.
            var visitor = Browser(client)
            #expect(try await visitor.get("/vinnytsia/petitions/mine").location?.hasPrefix("/login") == true)
        }
    }

    @Test(arguments: TestDatabase.available) func aModeratorInvalidatesSignaturesFromOneAddressWithAReason(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await PetitionFixture(harness, threshold: 100)
            let petition = try await fixture.openPetition()
            for (index, name) in ["ivan", "petro", "maria"].enumerated() {
                _ = try await harness.services.petitions.sign(
                    petition.id, city: fixture.city, by: try await fixture.resident(name), clientAddress: index < 2 ? "198.51.100.9" : "203.0.113.7")
            }
            let path = "/vinnytsia/petitions/\(petition.id.rawValue)"
            var moderator = try await Browser.vinnytsiaModerator(client)
            #expect(try await moderator.get(path).body.contains("Скасувати підписи"))
            var visitor = Browser(client)
            #expect(try await visitor.get(path).body.contains("Скасувати підписи") == false)
            // Without a reason: explained, nothing invalidated, what was typed kept.
            let refused = try await moderator.post("/vinnytsia/admin/petitions/\(petition.id.rawValue)/invalidate", [("address", "198.51.100.9"), ("reason", "")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("198.51.100.9"))
            let badDate = try await moderator.post(
                "/vinnytsia/admin/petitions/\(petition.id.rawValue)/invalidate", [("from", "вчора"), ("reason", "Підписи ботів")])
            #expect(badDate.status == .unprocessableContent)
            #expect(try await harness.services.store.read { try await $0.petitions.exactCount(of: petition.id) } == 3)
            let done = try await moderator.post(
                "/vinnytsia/admin/petitions/\(petition.id.rawValue)/invalidate", [("address", "198.51.100.9"), ("reason", "Дві хвилини, одна адреса, боти")])
            #expect(done.status == .seeOther)
            #expect(try await moderator.get(done.location ?? path).body.contains("Скасовано підписів: 2."))
            #expect(try await harness.services.store.read { try await $0.petitions.exactCount(of: petition.id) } == 1)
            // A resident cannot.
            var maria = Browser(client)
            try await maria.signIn("maria@example.com")
            let forbidden = try await maria.post("/vinnytsia/admin/petitions/\(petition.id.rawValue)/invalidate", [("address", "203.0.113.7"), ("reason", "просто так")])
            #expect(forbidden.status == .forbidden || forbidden.status == .notFound)
            #expect(try await harness.services.store.read { try await $0.petitions.exactCount(of: petition.id) } == 1)
        }
    }

    @Test(arguments: TestDatabase.available) func aBusyAddressIsRaisedOnceAndTheQueueShowsItAndSimilarPetitions(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var fixture = try await PetitionFixture(harness, threshold: 100)
            var settings = fixture.city.settings
            settings.petitions = PetitionSettings(trendingAddressPerHour: 2)
            let cityID = fixture.city.id, changed = settings
            try await harness.services.store.write { try await $0.municipalities.updateSettings(changed, of: cityID) }
            fixture = try await PetitionFixture(harness, threshold: 100)
            let petition = try await fixture.openPetition()
            for name in ["ivan", "petro", "maria"] {
                _ = try await harness.services.petitions.sign(petition.id, city: fixture.city, by: try await fixture.resident(name), clientAddress: "198.51.100.9")
            }
            #expect(try await harness.services.petitions.raiseTrendingAlerts() == 1)
            #expect(try await harness.services.petitions.raiseTrendingAlerts() == 0, "once per address and hour")
            #expect(try await harness.outbox().contains { $0.recipient == "vinnytsia.moderator@demo.hromada.ua" && $0.subject.contains("198.51.100.9") })
            // A duplicate waiting in moderation shows the original beside it.
            _ = try await harness.services.petitions.file(
                title: "Пандуси в школах міста, знову", text: "Просимо облаштувати пандуси в усіх школах міста, бо діти на кріслах колісних не можуть увійти.",
                category: "Освіта", city: fixture.city, by: try await fixture.resident("taras"), submit: true)
            var moderator = try await Browser.vinnytsiaModerator(client)
            let queue = try await moderator.get("/vinnytsia/admin/petitions")
            #expect(queue.body.contains("Підозрілі адреси") && queue.body.contains("198.51.100.9"))
            #expect(queue.body.contains("Схожі петиції") && queue.body.contains("/vinnytsia/petitions/\(petition.id.rawValue)"))
        }
    }

    @Test(arguments: TestDatabase.available) func signersWhoAskedHearTheAnswer(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await PetitionFixture(harness, threshold: 2)
            let petition = try await fixture.openPetition()
            _ = try await harness.services.petitions.sign(
                petition.id, city: fixture.city, by: try await fixture.resident("ivan"), clientAddress: "203.0.113.1", notifyOnAnswer: true)
            _ = try await harness.services.petitions.sign(petition.id, city: fixture.city, by: try await fixture.resident("petro"), clientAddress: "203.0.113.2")
            #expect(try await fixture.stored(petition.id).state == .underConsideration)
            _ = try await harness.services.petitions.answer(
                petition.id, text: "Пандуси буде облаштовано в усіх школах до вересня.", decision: .supported, signedBy: "Міський голова",
                city: fixture.city, by: fixture.admin)
            let outbox = try await harness.outbox()
            #expect(outbox.contains { $0.recipient == "ivan@example.com" && $0.subject.contains("яку ви підписали") })
            #expect(!outbox.contains { $0.recipient == "petro@example.com" })
        }
    }

    @Test(arguments: TestDatabase.available) func theListSearchesAndFiltersByCategory(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            var browser = Browser(client)
            let found = try await browser.get("/vinnytsia/petitions?q=\("тролейбусів".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            #expect(found.body.contains("Продовжити роботу тролейбусів") && !found.body.contains("Облаштувати велодоріжку"))
            let transport = try await browser.get("/vinnytsia/petitions?category=\("Транспорт".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            #expect(transport.body.contains("Облаштувати велодоріжку") && !transport.body.contains("Зберегти сквер"))
            // Query syntax is just words.
            #expect(try await browser.get("/vinnytsia/petitions?q=%22%20OR%20*%20NEAR(").status == .ok)
            #expect(try await browser.get("/vinnytsia/petitions").body.contains("/api/v1/vinnytsia/petitions/open-data/petitions.csv"))
        }
    }
}

@Suite struct EmailSignerTests {
    @Test(arguments: TestDatabase.available) func whereTheCityAllowsEmailSignersASignatureCountsOnceTheMailedLinkIsFollowed(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var fixture = try await PetitionFixture(harness, threshold: 2)
            var settings = fixture.city.settings
            settings.petitions = PetitionSettings(signers: .confirmedEmail)
            let cityID = fixture.city.id, changed = settings
            try await harness.services.store.write { try await $0.municipalities.updateSettings(changed, of: cityID) }
            fixture = try await PetitionFixture(harness, threshold: 2)
            let petition = try await fixture.openPetition()
            _ = try await harness.makeAccount("o.lena.k@gmail.com", password: "correct horse battery")
            _ = try await harness.makeAccount("olenak+petitions@googlemail.com", password: "correct horse battery")
            let token = try await apiToken(client, "o.lena.k@gmail.com", "correct horse battery")
            let path = "/api/v1/vinnytsia/petitions/\(petition.id.rawValue)/signatures"
            let (status, body) = try await client.json(.post, path, token: token)
            #expect(status == .accepted && body["state"] as? String == "awaiting_confirmation")
            #expect(try await harness.services.store.read { try await $0.petitions.exactCount(of: petition.id) } == 0)
            // The same mailbox under another spelling is the same signer.
            let alias = try await apiToken(client, "olenak+petitions@googlemail.com", "correct horse battery")
            #expect(try await client.json(.post, path, token: alias).0 == .conflict)
            #expect(try await client.json(.post, path, token: token).0 == .conflict)

            var signer = Browser(client)
            try await signer.signIn("o.lena.k@gmail.com")
            #expect(try await signer.get("/vinnytsia/petitions/\(petition.id.rawValue)").body.contains("чекає на підтвердження"))
            let link = try await harness.lastLink(to: "o.lena.k@gmail.com")
            #expect(link.contains("/confirm?token="))
            var browser = Browser(client)
            let landing = try await browser.get(link)
            #expect(landing.status == .ok && landing.body.contains("Підтвердити підпис"))
            // A scanner fetching the link confirmed nothing.
            #expect(try await harness.services.store.read { try await $0.petitions.exactCount(of: petition.id) } == 0)
            let tokenValue = String(link.split(separator: "=").last ?? "")
            let confirmed = try await browser.post(link.components(separatedBy: "?")[0], [("token", tokenValue)])
            #expect(confirmed.status == .seeOther)
            #expect(try await harness.services.store.read { try await $0.petitions.exactCount(of: petition.id) } == 1)
            // The link works once.
            let reused = try await browser.post(link.components(separatedBy: "?")[0], [("token", tokenValue)])
            #expect(reused.status == .unprocessableContent && reused.body.contains("недійсне або вже використане"))
            #expect(try await harness.services.store.read { try await $0.petitions.exactCount(of: petition.id) } == 1)
        }
    }
}

@Suite struct PetitionCharterTests {
    @Test(arguments: TestDatabase.available) func anAdminEditsTheCharterAndTheWorkingDayCalendar(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let form = try await admin.get("/vinnytsia/admin/petitions/settings")
            #expect(form.status == .ok && form.body.contains("Календар робочих днів"))
            let fields: [(String, String)] = [
                ("signers", "verified_residents"), ("supporters", "5"), ("moderationDays", "3"), ("considerationDays", "10"), ("trending", "40"),
                ("holidays", "2027-01-07 Різдво за старим стилем\n"), ("workedDays", ""), ("addYear", "2027"),
            ]
            // A bad line is explained, what was typed stays, nothing changes.
            let before = try await harness.city("vinnytsia").settings.petitions
            let refused = try await admin.post("/vinnytsia/admin/petitions/settings", fields.map { $0.0 == "holidays" ? ($0.0, "7 січня") : $0 })
            #expect(refused.status == .unprocessableContent && refused.body.contains("7 січня"))
            #expect(try await harness.city("vinnytsia").settings.petitions == before)
            let tooMany = try await admin.post("/vinnytsia/admin/petitions/settings", fields.map { $0.0 == "moderationDays" ? ($0.0, "90") : $0 })
            #expect(tooMany.status == .unprocessableContent)

            #expect(try await admin.post("/vinnytsia/admin/petitions/settings", fields).status == .seeOther)
            let charter = try await harness.city("vinnytsia").settings.petitionSettings
            #expect(charter.supportersBeforeModeration == 5 && charter.moderationWorkingDays == 3 && charter.trendingAddressPerHour == 40)
            #expect(charter.calendar.holidays.contains(CalendarDate(year: 2027, month: 1, day: 7)))
            #expect(charter.calendar.holidays.contains(CalendarDate(year: 2027, month: 8, day: 24)), "the year's public holidays were added")
            #expect(charter.threshold == 350, "the threshold stays the city settings' own")
            // Saving the city's general settings keeps the charter.
            let settings = try await admin.get("/vinnytsia/admin/settings")
            #expect(settings.status == .ok)
            _ = try await admin.post("/vinnytsia/admin/settings", [
                ("modules", "petitions"), ("modules", "budgets"), ("petitionSignatureThreshold", "300"), ("petitionCollectionDays", "60"),
                ("budgetMinimumAge", "16"), ("contactEmail", "info@vinnytsia.demo.hromada.ua"),
            ])
            let after = try await harness.city("vinnytsia").settings.petitionSettings
            #expect(after.threshold == 300 && after.supportersBeforeModeration == 5)
            // A moderator may not; another city's admin finds nothing.
            var moderator = try await Browser.vinnytsiaModerator(client)
            #expect(try await moderator.get("/vinnytsia/admin/petitions/settings").status == .notFound)
            var zhmerynka = Browser(client)
            try await zhmerynka.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            #expect(try await zhmerynka.post("/vinnytsia/admin/petitions/settings", fields).status == .notFound)
        }
    }
}
