import Foundation
import HTTPTypes
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

@Suite struct APITests {
    @Test(arguments: TestDatabase.available) func sessionGivesABearerTokenThatIdentifiesTheAccount(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            let (status, body) = try await client.json(.post, "/api/v1/session", body: #"{"email": "olena@demo.hromada.ua", "password": "resident-demo-2026"}"#)
            #expect(status == .created)
            let token = try #require(body["token"] as? String)
            let (meStatus, me) = try await client.json(.get, "/api/v1/me", token: token)
            #expect(meStatus == .ok)
            #expect((me["account"] as? [String: Any])?["email"] as? String == "olena@demo.hromada.ua")
            #expect(((me["residencies"] as? [[String: Any]])?.first)?["municipality"] as? String == "vinnytsia")
            // Signing out the token makes it useless.
            let response = try await client.execute(uri: "/api/v1/session", method: .delete, headers: [.authorization: "Bearer \(token)"])
            #expect(response.status == .noContent)
            let (after, error) = try await client.json(.get, "/api/v1/me", token: token)
            #expect(after == .unauthorized)
            #expect(errorCode(error) == "not_signed_in")
        }
    }

    /// An oblast's staff see their oblast role beside (never inside) the city roles.
    @Test(arguments: TestDatabase.available) func meListsOblastRolesApartFromCityRoles(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            let (_, session) = try await client.json(
                .post, "/api/v1/session", body: #"{"email": "vinnytska.oblast@demo.hromada.ua", "password": "vinnytska-demo-2026"}"#)
            let token = try #require(session["token"] as? String)
            let (status, me) = try await client.json(.get, "/api/v1/me", token: token)
            #expect(status == .ok)
            let oblastRoles = try #require(me["oblastRoles"] as? [[String: Any]])
            #expect(oblastRoles.map { "\($0["oblast"] ?? "")/\($0["role"] ?? "")" } == ["vinnytska/oblast_admin"])
            #expect((me["roles"] as? [[String: Any]])?.isEmpty == true)
            let (_, resident) = try await client.json(
                .post, "/api/v1/session", body: #"{"email": "olena@demo.hromada.ua", "password": "resident-demo-2026"}"#)
            let (_, olena) = try await client.json(.get, "/api/v1/me", token: try #require(resident["token"] as? String))
            #expect((olena["oblastRoles"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test(arguments: TestDatabase.available) func apiIgnoresTheBrowserSessionCookie(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            var browser = Browser(client)
            try await browser.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let cookie = try #require(browser.cookies["hromada_session"])
            let response = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: "hromada_session=\(cookie)"])
            #expect(response.status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.available) func wrongCredentialsAreA422WithTheErrorShape(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            let (status, body) = try await client.json(.post, "/api/v1/session", body: #"{"email": "olena@demo.hromada.ua", "password": "wrong"}"#)
            #expect(status == .unprocessableContent)
            #expect(errorCode(body) == "wrong_credentials")
            #expect(((body["error"] as? [String: Any])?["message"] as? String)?.isEmpty == false)
        }
    }

    @Test(arguments: ["{", "[]", ""])
    func malformedJSONIsA400(_ text: String) async throws {
        try await WebHarness.run { _, client in
            let (status, body) = try await client.json(.post, "/api/v1/session", body: text)
            #expect(status == .badRequest)
            #expect(errorCode(body) == "malformed_json")
        }
    }

    /// JSON of the wrong shape names the field to correct (docs/interfaces.md: a 422 carries `field`).
    @Test(arguments: [
        (#"{"email": 1, "password": "x"}"#, "value_invalid", "email"),
        (#"{"email": "a@b.ua"}"#, "value_required", "password"),
        (#"{"email": null, "password": "x"}"#, "value_required", "email"),
    ])
    func aValueOfTheWrongKindIsA422NamingItsField(_ text: String, _ code: String, _ field: String) async throws {
        try await WebHarness.run { _, client in
            let (status, body) = try await client.json(.post, "/api/v1/session", body: text)
            #expect(status == .unprocessableContent)
            #expect(errorCode(body) == code)
            #expect((body["error"] as? [String: Any])?["field"] as? String == field)
        }
    }

    @Test(arguments: TestDatabase.available) func wrongContentTypeAndOversizedBodiesAreRefused(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            let form = try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "x"))
            #expect(form.status == .badRequest)
            let big = #"{"email": "a@b.ua", "password": ""# + String(repeating: "x", count: 100_000) + #""}"#
            let (status, body) = try await client.json(.post, "/api/v1/session", body: big)
            #expect(status == .contentTooLarge)
            #expect(errorCode(body) == "payload_too_large")
        }
    }

    @Test(arguments: TestDatabase.available) func municipalitiesArePagedWithACursor(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            let (status, first) = try await client.json(.get, "/api/v1/municipalities?limit=3")
            #expect(status == .ok)
            let items = try #require(first["items"] as? [[String: Any]])
            #expect(items.map { $0["slug"] as? String } == ["khmilnyk", "ladyzhyn", "vinnytsia"])
            let next = try #require(first["next"] as? String)
            let (_, second) = try await client.json(.get, "/api/v1/municipalities?limit=3&after=\(next)")
            #expect((second["items"] as? [[String: Any]])?.map { $0["slug"] as? String } == ["zhmerynka"])
            #expect(second["next"] == nil || second["next"] is NSNull)
            let vinnytsia = items[2]
            #expect(vinnytsia["population"] as? Int == 369_739)
            #expect((vinnytsia["name"] as? [String: Any])?["uk"] as? String == "Вінниця")
            #expect(vinnytsia["id"] is String)
        }
    }

    @Test(arguments: ["0", "501", "abc", "-1"])
    func outOfRangeLimitIsA422(_ limit: String) async throws {
        try await WebHarness.run { _, client in
            let (status, body) = try await client.json(.get, "/api/v1/municipalities?limit=\(limit)")
            #expect(status == .unprocessableContent)
            #expect(errorCode(body) == "limit_out_of_range")
        }
    }

    @Test(arguments: TestDatabase.available) func unknownCityAndUnknownPathAreJSON404s(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { _, client in
            for path in ["/api/v1/kyiv", "/api/v1/nothing/here/at/all"] {
                let (status, body) = try await client.json(.get, path)
                #expect(status == .notFound, "\(path)")
                #expect(errorCode(body) == "not_found", "\(path)")
            }
        }
    }

    /// The document against the routes the router really serves: every API
    /// route documented with its method, every documented operation routed,
    /// each with a unique `operationId`. No hand-kept list to forget.
    @Test(arguments: TestDatabase.available) func theOpenAPIDocumentMatchesTheRoutesTheRouterServes(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let (status, document) = try await client.json(.get, "/api/openapi.json")
            #expect(status == .ok)
            #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>(), operationIDs: [String] = []
            for (path, operations) in paths {
                for (method, operation) in operations where ["get", "post", "put", "patch", "delete"].contains(method) {
                    documented.insert("\(method.uppercased()) \(path)")
                    operationIDs.append(((operation as? [String: Any])?["operationId"] as? String) ?? "")
                }
            }
            let routes = buildRouter(services: harness.services).routes.map { "\($0.method) \($0.path)" }
                + buildSocketRouter(services: harness.services).routes.map { "\($0.method) \($0.path)" }
            let served = Set(routes)
            let api = served.filter { $0.split(separator: " ")[1].hasPrefix("/api/") && !$0.hasSuffix("/api/openapi.json") }
            #expect(api.contains("PATCH /api/v1/{city}/settings") && api.contains("GET /api/v1/{city}/auctions/{lot}/live") && api.count >= 40)
            #expect(api.subtracting(documented).sorted() == [], "routed but not documented")
            #expect(documented.subtracting(served).sorted() == [], "documented but not routed")
            #expect(!operationIDs.contains(""), "every operation has an operationId")
            #expect(Set(operationIDs).count == operationIDs.count, "operationIds are unique")
        }
    }
}
