import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb

@Suite struct PetitionPageTests {
    @Test func aResidentSignsOnThePetitionPageAndSeesTheCountMove() async throws {
        try await WebHarness.run { harness, client in
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

    @Test func anAuthorFilesInTheBrowserAndAModeratorPublishesFromTheQueue() async throws {
        try await WebHarness.run { harness, client in
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

    @Test func anAdminPublishesTheCouncilsAnswerOnThePetitionPage() async throws {
        try await WebHarness.run { harness, client in
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
