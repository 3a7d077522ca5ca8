import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Petitions

/// A petition that names a place: put on the form's map within the city,
/// shown on its page and on the list's map once public.
@Suite struct PetitionPlaceTests {
    @Test(arguments: TestDatabase.available) func aPetitionNamesAPlaceWithinTheCityAndIsShownThereOnceOpen(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            var author = Browser(client)
            try await author.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let form = try await author.get("/vinnytsia/petitions/new")
            #expect(form.body.contains(#"data-pick-lon="longitude" data-pick-lat="latitude""#))
            let text = "Прошу міську раду відновити вуличне освітлення в парку Хоткевича, щоб увечері ним можна було безпечно ходити."
            let fields: [(String, String)] = [("title", "Освітлити парк Хоткевича вночі"), ("category", "Благоустрій"), ("text", text)]
            let kyiv = try await author.post("/vinnytsia/petitions/new", fields + [("latitude", "50.45"), ("longitude", "30.52")])
            #expect(kyiv.status == .unprocessableContent && kyiv.body.contains("поза межами громади") && kyiv.body.contains("Освітлити парк"))
            let word = try await author.post("/vinnytsia/petitions/new", fields + [("latitude", "nan"), ("longitude", "28.47")])
            #expect(word.status == .unprocessableContent && word.body.contains("мають бути числами"))
            let filed = try await author.post("/vinnytsia/petitions/new", fields + [("latitude", "49.2366"), ("longitude", "28.4795")])
            #expect(filed.status == .seeOther)
            let stored = try #require(try await harness.services.store.read { tx in
                try await tx.petitions.petitions(in: city.id, states: PetitionState.allCases, limit: 500).first { $0.petition.title == "Освітлити парк Хоткевича вночі" }
            })
            #expect(stored.petition.longitude == 28.4795 && stored.petition.latitude == 49.2366)
            // In moderation it is on no public map.
            let before = try await client.json(.get, "/api/v1/vinnytsia/petitions.geojson").1
            #expect(!((before["features"] as? [[String: Any]]) ?? []).contains { $0["id"] as? String == stored.petition.id.rawValue })
            // Once open, its page shows the place and the list's map has it.
            var open = stored.petition
            open.state = .open
            let changed = open
            _ = try await harness.services.store.write { try await $0.petitions.update(changed, from: stored.petition.state) }
            let page = try await author.get("/vinnytsia/petitions/\(stored.petition.id.rawValue)")
            #expect(page.body.contains("[28.4795,49.2366]"))
            var reader = Browser(client)
            #expect(try await reader.get("/vinnytsia/petitions").body.contains(#"data-source="/api/v1/vinnytsia/petitions.geojson""#))
            let after = try await client.json(.get, "/api/v1/vinnytsia/petitions.geojson").1
            let feature = try #require(((after["features"] as? [[String: Any]]) ?? []).first { $0["id"] as? String == stored.petition.id.rawValue })
            #expect((feature["properties"] as? [String: Any])?["url"] as? String == "/vinnytsia/petitions/\(stored.petition.id.rawValue)")
            // The API holds to the same rule.
            let token = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let body = #"{"title": "Лавки в парку Хоткевича", "category": "Благоустрій", "text": "\#(text)", "longitude": 28.47}"#
            #expect(try await client.json(.post, "/api/v1/vinnytsia/petitions", body: body, token: token).0 == .unprocessableContent)
        }
    }
}
