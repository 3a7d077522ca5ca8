import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Budgets

private func escaped(_ text: String) -> String { UTF8HTMLEscaping().escapeText(text) }

/// A budget project's own page: the link its authors send round, with the
/// tags a messenger reads for its preview, and the same project in the API.
@Suite struct BudgetProjectPageTests {
    @Test(arguments: TestDatabase.available) func aWinningProjectHasAPageWithItsEstimateReviewVotesDeliveryAndPlace(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            let edition = demo.past
            let (projects, funded) = try await harness.services.store.read { tx in
                (try await tx.budgets.projects(of: edition.id, in: city.id), try await tx.budgets.publishedResults(of: edition.id).values.flatMap { $0 })
            }
            let project = try #require(projects.first { funded.contains($0.id) && $0.latitude != nil })
            let base = "/vinnytsia/budgets/\(edition.id.rawValue)"
            let path = "\(base)/projects/\(project.id.rawValue)"

            var reader = Browser(client)
            let page = try await reader.get(path)
            #expect(page.status == .ok)
            #expect(page.body.contains("№ \(project.number). \(escaped(project.title))"))
            for item in project.costItems { #expect(page.body.contains(escaped(item.label))) }
            #expect(page.body.contains("Проєкт реалізовний"))
            #expect(page.body.contains("Переміг: фінансується"))
            let updates = try await harness.services.store.read { try await $0.budgets.deliveryUpdates(of: edition.id, in: city.id) }
                .filter { $0.projectID == project.id }
            #expect(!updates.isEmpty)
            for update in updates { #expect(page.body.contains(escaped(update.note))) }
            // Its place: one point on the platform's map, longitude first (GeoJSON).
            #expect(page.body.contains(#"data-shape="{&quot;type&quot;:&quot;Point&quot;,&quot;coordinates&quot;:[\#(project.longitude ?? 0),\#(project.latitude ?? 0)]}""#))
            // What Telegram or Viber reads for the preview: absolute links, the city's name.
            let origin = harness.services.configuration.publicBaseURL
            #expect(page.body.contains(#"<meta property="og:url" content="\#(origin)\#(path)">"#))
            #expect(page.body.contains(#"<meta property="og:title" content="№ \#(project.number). \#(escaped(project.title))">"#))
            #expect(page.body.contains(#"<meta property="og:site_name" content="Вінниця · "#))
            #expect(page.body.contains(#"<meta name="twitter:card" content="summary">"#))
            #expect(page.body.contains(#"<link rel="canonical" href="\#(origin)\#(path)">"#))
            #expect(page.body.contains("data-share"))

            // The edition's list links to it, and its map fetches the projects' places.
            let list = try await reader.get(base)
            #expect(list.body.contains(#"<a href="\#(path)">"#))
            #expect(list.body.contains(#"data-source="/api/v1/vinnytsia/budgets/\#(edition.id.rawValue)/projects.geojson""#))
            let (geoStatus, geo) = try await client.json(.get, "/api/v1/vinnytsia/budgets/\(edition.id.rawValue)/projects.geojson")
            #expect(geoStatus == .ok)
            let features = try #require(geo["features"] as? [[String: Any]])
            let feature = try #require(features.first { $0["id"] as? String == project.id.rawValue })
            #expect((feature["properties"] as? [String: Any])?["url"] as? String == path)
            #expect(features.count == projects.filter { $0.latitude != nil && $0.status != .withdrawn }.count)

            // The results' charts are pictures for eyes and tables for screen readers, every bar a row.
            let results = try await reader.get(base + "/results")
            #expect(results.body.contains(#"aria-hidden="true" focusable="false""#) && !results.body.contains(#"role="img""#))
            #expect(results.body.contains(#"<div class="visually-hidden"><table><caption>"#))
            #expect(results.body.contains(#"<tr><th scope="row">\#(project.number). \#(escaped(project.title))</th>"#))

            // The API's own copy.
            let (status, body) = try await client.json(.get, "/api/v1/vinnytsia/budgets/\(edition.id.rawValue)/projects/\(project.id.rawValue)")
            #expect(status == .ok)
            #expect(body["id"] as? String == project.id.rawValue && body["number"] as? Int == project.number)
            #expect(try await client.json(.get, "/api/v1/vinnytsia/budgets/\(edition.id.rawValue)/projects/nope").0 == .notFound)
            // Another city does not know it, on the page or in the API.
            #expect(try await reader.get("/khmilnyk/budgets/\(edition.id.rawValue)/projects/\(project.id.rawValue)").status == .notFound)
            #expect(try await client.json(.get, "/api/v1/khmilnyk/budgets/\(edition.id.rawValue)/projects/\(project.id.rawValue)").0 == .notFound)

            // In English, every word from the English strings.
            try await reader.get("/en?next=\(path)")
            let english = try await reader.get(path)
            #expect(english.body.contains("Won: funded") && english.body.contains("Estimate total"))
            #expect(english.body.contains(#"<meta property="og:locale" content="en_GB">"#))
        }
    }

    @Test(arguments: TestDatabase.available) func aWithdrawnProjectIsGoneForEveryoneButItsAuthorsAndReviewers(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            let edition = demo.proposals
            let project = try #require(try await harness.services.store.read { try await $0.budgets.projects(of: edition.id, in: city.id) }.first)
            var withdrawn = project
            withdrawn.status = .withdrawn
            // A title that tries to break out of the preview's attribute.
            withdrawn.title = #"Сквер "><script>alert(1)</script>"#
            let changed = withdrawn
            try await harness.services.store.write { try await $0.budgets.update(changed, in: city.id) }
            let path = "/vinnytsia/budgets/\(edition.id.rawValue)/projects/\(project.id.rawValue)"
            let api = "/api/v1/vinnytsia/budgets/\(edition.id.rawValue)/projects/\(project.id.rawValue)"

            var stranger = Browser(client)
            #expect(try await stranger.get(path).status == .notFound)
            #expect(try await client.json(.get, api).0 == .notFound)
            #expect(!(try await stranger.get("/vinnytsia/budgets/\(edition.id.rawValue)").body.contains(path)))

            var author = Browser(client)
            try await author.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let own = try await author.get(path)
            #expect(own.status == .ok)
            #expect(!own.body.contains("<script>alert(1)"))
            #expect(own.body.contains("Сквер &quot;&gt;&lt;script&gt;"))
            var moderator = try await Browser.vinnytsiaModerator(client)
            #expect(try await moderator.get(path).status == .ok)
        }
    }

    @Test(arguments: TestDatabase.available) func aProposalIsPutOnTheMapWithinTheCityAndNothingElse(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            let edition = demo.proposals
            let base = "/vinnytsia/budgets/\(edition.id.rawValue)"
            let small = edition.categories[1].id.rawValue
            let projects = { try await harness.services.store.read { try await $0.budgets.projects(of: edition.id, in: city.id) } }
            let before = try await projects().count
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let form = try await olena.get(base + "/propose")
            // The form's map: a tap fills these inputs, within the city's box.
            let territory = try #require(city.settings.territory)
            #expect(form.body.contains(#"data-pick-lon="longitude" data-pick-lat="latitude" data-bounds="\#(territory.text)""#))
            #expect(form.body.contains(#"name="latitude""#) && form.body.contains(#"name="longitude""#))
            func propose(_ place: [(String, String)]) async throws -> Browser.Page {
                try await olena.post(base + "/propose", [
                    ("category", small), ("title", "Лавки на набережній"), ("summary", "Десять лавок уздовж набережної Південного Бугу."),
                    ("itemLabel", "Лавки"), ("itemAmount", "120 000"),
                ] + place)
            }
            // Kyiv is not in Vinnytsia; half a place is no place; a word is no number. Each says why, keeps what was typed, stores nothing.
            let kyiv = try await propose([("latitude", "50.4501"), ("longitude", "30.5234")])
            #expect(kyiv.status == .unprocessableContent)
            #expect(kyiv.body.contains("поза межами громади") && kyiv.body.contains("Лавки на набережній") && kyiv.body.contains("50.4501"))
            let half = try await propose([("latitude", "49.2331"), ("longitude", "")])
            #expect(half.status == .unprocessableContent && half.body.contains("і широту, і довготу"))
            for word in ["nan", "inf", "1e999", "49.2331; drop table", String(repeating: "9", count: 400)] {
                let refused = try await propose([("latitude", word), ("longitude", "28.4682")])
                #expect(refused.status == .unprocessableContent && refused.body.contains("мають бути числами"), "\(word)")
            }
            #expect(try await projects().count == before)
            // A place in the city, with a decimal comma as phones type it, is kept and shown on the project's page.
            #expect(try await propose([("latitude", "49,2331"), ("longitude", "28.4682")]).status == .seeOther)
            let placed = try #require(try await projects().first { $0.title == "Лавки на набережній" })
            #expect(placed.latitude == 49.2331 && placed.longitude == 28.4682)
            let page = try await olena.get("\(base)/projects/\(placed.id.rawValue)")
            #expect(page.body.contains("[28.4682,49.2331]"))
            // The edit form shows the place again.
            let edit = try await olena.get("\(base)/projects/\(placed.id.rawValue)/edit")
            #expect(edit.body.contains(#"value="49.2331""#) && edit.body.contains(#"value="28.4682""#))

            // The API holds to the same rule.
            let token = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let body = { (place: String) in
                #"{"category": "\#(small)", "title": "Ліхтарі у сквері", "summary": "Вісім ліхтарів на сонячних батареях у сквері.", "costItems": [{"label": "Ліхтарі", "amount": 9000000}]\#(place)}"#
            }
            let (outside, problem) = try await client.json(
                .post, "/api/v1/vinnytsia/budgets/\(edition.id.rawValue)/projects", body: body(#", "longitude": 30.52, "latitude": 50.45"#), token: token)
            #expect(outside == .unprocessableContent && (problem["error"] as? [String: Any])?["code"] as? String == "place_outside_city")
            let (onlyOne, _) = try await client.json(
                .post, "/api/v1/vinnytsia/budgets/\(edition.id.rawValue)/projects", body: body(#", "longitude": 28.47"#), token: token)
            #expect(onlyOne == .unprocessableContent)
            let (created, project) = try await client.json(
                .post, "/api/v1/vinnytsia/budgets/\(edition.id.rawValue)/projects", body: body(#", "longitude": 28.47, "latitude": 49.23"#), token: token)
            #expect(created == .created && project["latitude"] as? Double == 49.23)
        }
    }

    @Test func aSharedDescriptionIsOneLineCutAtAWord() {
        #expect(SharePreview.shortened("  Двір\n\nна   Келецькій  ") == "Двір на Келецькій")
        let long = String(repeating: "слово ", count: 60)
        let short = SharePreview.shortened(long)
        #expect(short.count <= SharePreview.descriptionLimit)
        #expect(short.hasSuffix("слово…"))
        #expect(SharePreview.shortened(String(repeating: "я", count: 300)).count == SharePreview.descriptionLimit)
    }
}
