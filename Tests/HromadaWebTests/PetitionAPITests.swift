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

@Suite struct PetitionAPITests {
    @Test(arguments: TestDatabase.available) func aPetitionRunsThroughTheAPIWithTheStatusesOfINTERFACES(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await PetitionFixture(harness, threshold: 2)
            let author = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let moderator = try await apiToken(client, "vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let body = #"{"title": "Облаштувати пандуси в усіх школах міста", "text": "Прошу доручити управлінню освіти облаштувати пандуси в усіх школах міста до вересня. <script>alert(1)</script>", "category": "Освіта"}"#
            let (filed, petition) = try await client.json(.post, "/api/v1/vinnytsia/petitions", body: body, token: author)
            #expect(filed == .created)
            #expect(petition["state"] as? String == "moderation")
            let id = try #require(petition["id"] as? String)
            let path = "/api/v1/vinnytsia/petitions/\(id)"
            // In moderation it is the author's and the moderators' business only.
            #expect(try await client.json(.get, path).0 == .notFound)
            #expect(try await client.json(.post, path + "/signatures", token: author).0 == .conflict)
            let (published, open) = try await client.json(.post, path + "/decision", body: #"{"decision": "publish"}"#, token: moderator)
            #expect(published == .ok && open["state"] as? String == "open")
            #expect(try await client.json(.post, path + "/decision", body: #"{"decision": "publish"}"#, token: author).0 == .notFound)

            // Signing needs no body; a second signature is a 409; someone who may not sign a 403; another city a 404.
            let (signed, count) = try await client.json(.post, path + "/signatures", token: author)
            #expect(signed == .created && count["signatureCount"] as? Int == 1)
            let (again, refusal) = try await client.json(.post, path + "/signatures", token: author)
            #expect(again == .conflict && errorCode(refusal) == "already_signed")
            _ = try await harness.makeAccount("visitor@example.com")
            let visitor = try await apiToken(client, "visitor@example.com", "correct horse battery")
            #expect(try await client.json(.post, path + "/signatures", token: visitor).0 == .forbidden)
            #expect(try await client.json(.post, "/api/v1/zhmerynka/petitions/\(id)/signatures", token: author).0 == .notFound)
            _ = try await fixture.resident("ivan")
            let ivan = try await apiToken(client, "ivan@example.com", "correct horse battery")
            #expect(try await client.json(.post, path + "/signatures", token: ivan).0 == .created)

            // The second signature reached the threshold of 2: under consideration at once.
            let (_, shown) = try await client.json(.get, path)
            #expect(shown["state"] as? String == "under_consideration")
            #expect((shown["text"] as? String)?.contains("<script>") == true, "stored as typed; pages escape it")
            let (answered, final) = try await client.json(
                .post, path + "/response",
                body: #"{"text": "Управлінню освіти доручено облаштувати пандуси в 12 школах до 1 вересня 2027 року.", "decision": "partly_supported", "signedBy": "Міський голова"}"#,
                token: admin)
            #expect(answered == .ok && final["state"] as? String == "answered")
            let (_, signers) = try await client.json(.get, path + "/signatures")
            let names = (signers["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
            #expect(names.count == 2)
            #expect((signers["items"] as? [[String: Any]])?.allSatisfy { Set($0.keys) == ["name", "signedAt"] } == true)
            let count2 = try await client.execute(uri: path + "/count", method: .get)
            #expect(count2.headers[.cacheControl] == "public, max-age=2")
            let (listed, list) = try await client.json(.get, "/api/v1/vinnytsia/petitions?state=answered")
            #expect(listed == .ok && (list["items"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
        }
    }

    @Test(arguments: TestDatabase.available) func openDataHasPublicPetitionsAndSignersByNameAndDateOnly(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let fixture = try await PetitionFixture(harness, threshold: 100)
            let petition = try await fixture.openPetition()
            let ivan = try await fixture.resident("ivan")
            _ = try await harness.services.petitions.sign(petition.id, city: fixture.city, by: ivan, clientAddress: "203.0.113.7")
            let draft = try await harness.services.petitions.file(
                title: "Чернетка, якої ще ніхто не бачив", text: String(repeating: "Текст чернетки, що не має потрапити у відкриті дані. ", count: 2),
                category: "Інше", city: fixture.city, by: fixture.author, submit: false)

            let csv = try await client.execute(uri: "/api/v1/vinnytsia/petitions/open-data/petitions.csv", method: .get)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            let table = String(buffer: csv.body)
            #expect(table.hasPrefix("petitionId,number,municipality,title,"))
            #expect(table.contains(petition.id.rawValue) && !table.contains(draft.id.rawValue))

            let json = try await client.execute(uri: "/api/v1/vinnytsia/petitions/open-data/signatures.json", method: .get)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [[String: Any]])
            let ours = rows.filter { $0["petitionId"] as? String == petition.id.rawValue }
            #expect(ours.count == 1 && ours.first?["signerName"] as? String == ivan.fullName)
            #expect(Set(rows.flatMap { $0.keys }) == ["petitionId", "petitionNumber", "signerName", "signedAt"])
            let everything = String(buffer: try await client.execute(uri: "/api/v1/vinnytsia/petitions/open-data/signatures.csv", method: .get).body)
            #expect(!everything.contains("@") && !everything.contains("203.0.113.7"))

            for missing in ["petitions.xml", "emails.csv", "petitions"] {
                #expect(try await client.execute(uri: "/api/v1/vinnytsia/petitions/open-data/\(missing)", method: .get).status == .notFound)
            }
        }
    }
}
