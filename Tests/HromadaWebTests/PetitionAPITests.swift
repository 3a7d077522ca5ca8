import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb

@Suite struct PetitionAPITests {
    @Test func aPetitionRunsThroughTheAPIWithTheStatusesOfINTERFACES() async throws {
        try await WebHarness.run { harness, client in
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
}
