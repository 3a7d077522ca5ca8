import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb

@Suite struct APITests {
    @Test func sessionGivesABearerTokenThatIdentifiesTheAccount() async throws {
        try await WebHarness.run { _, client in
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

    @Test func apiIgnoresTheBrowserSessionCookie() async throws {
        try await WebHarness.run { _, client in
            var browser = Browser(client)
            try await browser.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let cookie = try #require(browser.cookies["hromada_session"])
            let response = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: "hromada_session=\(cookie)"])
            #expect(response.status == .unauthorized)
        }
    }

    @Test func wrongCredentialsAreA422WithTheErrorShape() async throws {
        try await WebHarness.run { _, client in
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

    /// JSON of the wrong shape names the field to correct (INTERFACES.md: a 422 carries `field`).
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

    @Test func wrongContentTypeAndOversizedBodiesAreRefused() async throws {
        try await WebHarness.run { _, client in
            let form = try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "x"))
            #expect(form.status == .badRequest)
            let big = #"{"email": "a@b.ua", "password": ""# + String(repeating: "x", count: 100_000) + #""}"#
            let (status, body) = try await client.json(.post, "/api/v1/session", body: big)
            #expect(status == .contentTooLarge)
            #expect(errorCode(body) == "payload_too_large")
        }
    }

    @Test func municipalitiesArePagedWithACursor() async throws {
        try await WebHarness.run { _, client in
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

    @Test func unknownCityAndUnknownPathAreJSON404s() async throws {
        try await WebHarness.run { _, client in
            for path in ["/api/v1/kyiv", "/api/v1/nothing/here/at/all"] {
                let (status, body) = try await client.json(.get, path)
                #expect(status == .notFound, "\(path)")
                #expect(errorCode(body) == "not_found", "\(path)")
            }
        }
    }

    @Test func openAPIDocumentDescribesEveryAPIRoute() async throws {
        try await WebHarness.run { _, client in
            let (status, document) = try await client.json(.get, "/api/openapi.json")
            #expect(status == .ok)
            #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(document["paths"] as? [String: Any])
            for path in [
                "/api/v1/session", "/api/v1/me", "/api/v1/municipalities", "/api/v1/{city}", "/api/v1/audit/head", "/healthz",
                "/api/v1/{city}/budgets", "/api/v1/{city}/budgets/{edition}", "/api/v1/{city}/budgets/{edition}/projects",
                "/api/v1/{city}/budgets/{edition}/ballots", "/api/v1/{city}/budgets/{edition}/results", "/api/v1/{city}/budgets/{edition}/export.pb",
                "/api/v1/{city}/budgets/{edition}/rules", "/api/v1/{city}/petitions", "/api/v1/{city}/petitions/{petition}",
                "/api/v1/{city}/petitions/{petition}/signatures", "/api/v1/{city}/petitions/{petition}/decision",
                "/api/v1/{city}/petitions/{petition}/response", "/api/v1/{city}/petitions/{petition}/count",
                "/api/v1/{city}/auctions", "/api/v1/{city}/auctions/{lot}", "/api/v1/{city}/auctions/{lot}/bids", "/api/v1/{city}/property",
                "/api/v1/{city}/auctions/{lot}/bidders", "/api/v1/{city}/auctions/{lot}/bidders/{bidder}/payments", "/api/v1/{city}/auctions/{lot}/live",
                "/api/v1/{city}/auctions/open-data/{file}", "/api/v1/{city}/auctions/{lot}/prozorro", "/api/v1/{city}/auctions/{lot}/next",
            ] {
                #expect(paths[path] != nil, "\(path) missing from OpenAPI")
            }
        }
    }
}
