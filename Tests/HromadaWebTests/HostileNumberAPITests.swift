import Foundation
import HromadaDomain
import HromadaStore
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// Issue 13's security review: requests whose numbers stopped the whole
/// process. Each must now be a 422 naming the field, with nothing changed.
@Suite struct HostileNumberAPITests {
    func field(_ body: [String: Any]) -> String? { (body["error"] as? [String: Any])?["field"] as? String }

    func editionID(in phase: String, _ client: any TestClientProtocol) async throws -> String {
        let (_, list) = try await client.json(.get, "/api/v1/vinnytsia/budgets")
        let editions = try #require(list["items"] as? [[String: Any]])
        return try #require(editions.first { $0["phase"] as? String == phase }?["id"] as? String)
    }

    @Test(arguments: TestDatabase.available) func aMinimalStepPercentOf1e300IsA422NamingTheField(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let olena = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let body = #"""
                {"title": "Лот", "objectId": "x", "procedure": "lease_english", "value": {"amount": 1000000}, "minimalStep": {"percent": 1e300},
                 "guarantee": {"amount": 1}, "registrationFee": {"amount": 1}, "tenderPeriod": {"endDate": "2030-01-01T00:00:00Z"},
                 "auctionPeriod": {"startDate": "2030-01-02T00:00:00Z"}}
                """#
            let (status, answer) = try await client.json(.post, "/api/v1/vinnytsia/auctions", body: body, token: olena)
            #expect(status == .unprocessableContent && errorCode(answer) == "number_out_of_range" && field(answer) == "minimalStep.percent")
            // And the server is still there.
            #expect(try await client.json(.get, "/api/v1/vinnytsia/auctions").0 == .ok)
        }
    }

    @Test(arguments: TestDatabase.available) func costItemsOf5e18AreA422NamingTheItem(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let olena = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let edition = try await editionID(in: "proposals", client)
            let (_, detail) = try await client.json(.get, "/api/v1/vinnytsia/budgets/\(edition)")
            let category = try #require((detail["categories"] as? [[String: Any]])?.first?["id"] as? String)
            let body = """
                {"category": "\(category)", "title": "Лавки біля школи", "summary": "Десять лавок і п’ять урн уздовж алеї біля школи.",
                 "costItems": [{"label": "Лавки", "amount": 5000000000000000000}, {"label": "Урни", "amount": 5000000000000000000}]}
                """
            let (status, answer) = try await client.json(.post, "/api/v1/vinnytsia/budgets/\(edition)/projects", body: body, token: olena)
            #expect(status == .unprocessableContent && errorCode(answer) == "amount_out_of_range" && field(answer) == "costItems.0.amount")
            let tooBig = body.replacingOccurrences(of: "5000000000000000000", with: "1e300")
            let (bigStatus, bigAnswer) = try await client.json(.post, "/api/v1/vinnytsia/budgets/\(edition)/projects", body: tooBig, token: olena)
            #expect(bigStatus == .unprocessableContent && field(bigAnswer) == "costItems.0.amount")
        }
    }

    @Test(arguments: TestDatabase.available) func ballotPointsBeyondAnyLimitAreA422NamingThePoint(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let olena = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let edition = try await editionID(in: "voting", client)
            let (status, answer) = try await client.json(
                .post, "/api/v1/vinnytsia/budgets/\(edition)/ballots", body: #"{"projects": ["a", "b"], "points": [9223372036854775807, 1]}"#, token: olena)
            #expect(status == .unprocessableContent && errorCode(answer) == "number_out_of_range" && field(answer) == "points.0")
        }
    }

    @Test(arguments: ["9223372036854775807", "-1", "NaN", ""])
    func aCursorOutsideAnyListIsA422(_ after: String) async throws {
        try await WebHarness.run { harness, client in
            let (status, answer) = try await client.json(.get, "/api/v1/vinnytsia/petitions?after=\(after)")
            #expect(status == .unprocessableContent && field(answer) == "after")
        }
    }

    @Test(arguments: TestDatabase.available) func aDateGivenAsAHugeNumberIsA422(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let body = #"""
                {"title": {"uk": "Бюджет 2030"}, "reviewOpen": 1e300, "votingOpen": "2030-03-01T00:00:00Z", "votingClose": "2030-04-01T00:00:00Z",
                 "ballotRule": "approval", "categories": [{"name": {"uk": "Усі"}, "fund": 100, "minCost": 1, "maxCost": 100}]}
                """#
            let (status, answer) = try await client.json(.post, "/api/v1/vinnytsia/budgets", body: body, token: admin)
            #expect(status == .unprocessableContent && errorCode(answer) == "iso_date_invalid" && field(answer) == "reviewOpen")
        }
    }

    @Test(arguments: TestDatabase.available) func aPercentStepOf1e300TypedInTheOrganisersFormIsRefusedBesideTheField(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let city = try await harness.city("vinnytsia")
            let object = try #require(try await harness.services.store.read { try await $0.auctions.objects(in: city.id) }.first)
            let form = "/vinnytsia/admin/property/\(object.id.rawValue)/lots/new"
            try await admin.get(form)
            let page = try await admin.post(form, [
                ("title", "Оренда приміщення"), ("procedure", "lease_english"), ("value", "10000"), ("stepKind", "percent"),
                ("minimalStep", "1e300"), ("tenderPeriod", "2030-01-01T10:00"), ("auctionPeriod", "2030-01-02T10:00"),
            ])
            #expect(page.status == .unprocessableContent)
            #expect(try await client.json(.get, "/api/v1/vinnytsia/auctions").0 == .ok)
        }
    }
}
