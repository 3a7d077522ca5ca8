import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

@Suite struct BudgetPhotoTests {
    @Test(arguments: TestDatabase.available) func authorsAddPicturesOfThePlaceWithTheirMetadataGone(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            let edition = demo.proposals
            let own = try #require(try await harness.services.store.read { try await $0.budgets.projects(of: edition.id, in: city.id) }.first)
            let base = "/vinnytsia/budgets/\(edition.id.rawValue)"
            let photos = "\(base)/projects/\(own.id.rawValue)/photos"
            let stored = { try await harness.services.store.read { try await $0.photos.photos(of: .project(own.id), in: city.id) } }
            var author = Browser(client)
            try await author.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await author.get(photos).status == .ok)
            let added = try await author.upload(photos, [("kind", "project"), ("caption", "Двір до ремонту")],
                                                file: ("photo", "IMG_2024.jpg", "image/jpeg", SampleImages.jpeg()))
            #expect(added.status == .seeOther)
            let photo = try #require(try await stored().first)
            #expect(photo.caption == "Двір до ремонту" && photo.width == 640 && photo.height == 480)

            // Served as stored: a JPEG with no location, camera or author in it.
            let served = try await client.execute(uri: "\(base)/photos/\(photo.id.rawValue)", method: .get)
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "image/jpeg")
            let bytes = Array(buffer: served.body)
            #expect(bytes.starts(with: [0xFF, 0xD8]))
            #expect(!SampleImages.contains(bytes, "GPS") && !SampleImages.contains(bytes, "Olena"))
            #expect(try await author.get(base).body.contains("\(base)/photos/\(photo.id.rawValue)"))
            // Apps and researchers find it through the API too.
            let (status, list) = try await client.json(.get, "/api/v1/vinnytsia/budgets/\(edition.id.rawValue)/projects")
            #expect(status == .ok)
            let listed = (list["items"] as? [[String: Any]])?.first { $0["id"] as? String == own.id.rawValue }
            let listedPhoto = (listed?["photos"] as? [[String: Any]])?.first
            #expect(listedPhoto?["url"] as? String == "\(base)/photos/\(photo.id.rawValue)")
            #expect(listedPhoto?["mediaType"] as? String == "image/jpeg")

            // A page saved as .jpg is refused with the reason, and nothing is stored.
            let fake = try await author.upload(photos, [("kind", "project")],
                                               file: ("photo", "cat.jpg", "image/jpeg", Array("<svg onload=alert(1)></svg>".utf8)))
            #expect(fake.status == .unprocessableContent)
            #expect(fake.body.contains("JPEG, PNG"))
            #expect(try await stored().count == 1)

            // Nobody else may change them: another resident, another city's admin.
            try await harness.makeAccount("stranger@example.com")
            var stranger = Browser(client)
            try await stranger.signIn("stranger@example.com")
            #expect(try await stranger.get(photos).status == .notFound)
            var zhmerynka = Browser(client)
            try await zhmerynka.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            try await zhmerynka.get("/vinnytsia")
            #expect(try await zhmerynka.post("\(photos)/\(photo.id.rawValue)/remove", [("kind", "project")]).status == .notFound)
            #expect(try await stored().count == 1)

            // Once reviewed, the author's hand is off; the city's reviewers can still take one down.
            var moderator = try await Browser.vinnytsiaModerator(client)
            #expect(try await moderator.reviewFeasible(own.id, in: edition.id).status == .seeOther)
            try await author.get(photos)
            #expect(try await author.upload(photos, [("kind", "project")], file: ("photo", "b.png", "image/png", SampleImages.png())).status == .conflict)
            try await moderator.get(photos)
            #expect(try await moderator.post("\(photos)/\(photo.id.rawValue)/remove", [("kind", "project")]).status == .seeOther)
            #expect(try await stored().isEmpty)
            // Both changes are in the audit chain.
            let actions = try await harness.services.store.read { try await $0.audit.recentEntries(in: city.id, limit: 100) }
                .filter { $0.subject == photo.id.rawValue }.map(\.action)
            #expect(actions == [AuditAction.photoRemoved, AuditAction.photoAdded])
        }
    }

    @Test(arguments: TestDatabase.available) func staffShowTheWorkOnFundedProjectsOnly(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            let edition = demo.past
            let (projects, results) = try await harness.services.store.read { tx in
                (try await tx.budgets.projects(of: edition.id, in: city.id), try await tx.budgets.publishedResults(of: edition.id))
            }
            let funded = Set(results.values.flatMap { $0 })
            let winner = try #require(projects.first { funded.contains($0.id) })
            let loser = try #require(projects.first { !funded.contains($0.id) && $0.isOnBallot })
            let base = "/vinnytsia/budgets/\(edition.id.rawValue)"
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let page = try await admin.get("\(base)/projects/\(winner.id.rawValue)/photos")
            #expect(page.status == .ok)
            let work = try await admin.upload("\(base)/projects/\(winner.id.rawValue)/photos", [("kind", "delivery"), ("caption", "Укладено покриття")],
                                              file: ("photo", "work.webp", "image/webp", SampleImages.webp()))
            #expect(work.status == .seeOther)
            let photo = try #require(try await harness.services.store.read { try await $0.photos.photos(of: .delivery(winner.id), in: city.id) }.first)
            #expect(photo.format == .webp)
            var visitor = Browser(client)
            let overview = try await visitor.get(base)
            #expect(overview.body.contains("\(base)/photos/\(photo.id.rawValue)"))
            #expect(overview.body.contains("Укладено покриття"))
            try await admin.get("\(base)/projects/\(loser.id.rawValue)/photos")
            let refused = try await admin.upload("\(base)/projects/\(loser.id.rawValue)/photos", [("kind", "delivery")],
                                                 file: ("photo", "work.webp", "image/webp", SampleImages.webp()))
            #expect(refused.status == .conflict)
        }
    }

    @Test(arguments: TestDatabase.available) func onlyPhotoFormsMayBeMultipart(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var resident = Browser(client)
            try await resident.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            // A route that takes a form but no files (a path no route takes is a 404 before any body is read).
            let page = try await resident.upload(
                "/vinnytsia/petitions/new", [("title", "x")], file: ("photo", "a.jpg", "image/jpeg", SampleImages.jpeg()))
            #expect(page.status == .badRequest)
        }
    }
}
