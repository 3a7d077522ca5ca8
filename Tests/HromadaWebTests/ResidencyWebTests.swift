import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb

@Suite struct ResidencyWebTests {
    static let born = CalendarDate(year: 1992, month: 8, day: 24)
    static let nationalID = NationalID.make(birthDate: born, serial: 4321).digits

    @Test(arguments: TestDatabase.available) func moderatorVerifiesAResidentInPersonAndOnlyTheHashIsStored(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let person = try await harness.makeAccount("petro@example.com")
            var staff = Browser(client)
            try await staff.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            try await staff.get("/vinnytsia/admin")
            let page = try await staff.post("/vinnytsia/admin/verify", [("email", "petro@example.com"), ("nationalId", Self.nationalID), ("birthDate", "1992-08-24")])
            #expect(page.status == .ok)
            #expect(page.body.contains("підтверджено"))
            let stored = try #require(try await harness.services.store.read { try await $0.residency.find(account: person.id, in: try await harness.city("vinnytsia").id) })
            #expect(stored.method == .staff)
            #expect(stored.birthDate == Self.born)
            #expect(stored.identityHash.rawValue != Self.nationalID)
            let dump = try await harness.services.store.read { tx in
                try await tx.db.raw("SELECT * FROM residency_verifications").all().map { "\($0)" }.joined()
            }
            #expect(!dump.contains(Self.nationalID))
        }
    }

    @Test(arguments: TestDatabase.available)
    func secondAccountOfTheSamePersonIsRefusedAndStaffSeeTheConflict(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            try await harness.makeAccount("first@example.com")
            try await harness.makeAccount("second@example.com")
            var staff = Browser(client)
            try await staff.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            try await staff.get("/vinnytsia/admin")
            #expect(try await staff.post("/vinnytsia/admin/verify", [("email", "first@example.com"), ("nationalId", Self.nationalID)]).status == .ok)
            let refused = try await staff.post("/vinnytsia/admin/verify", [("email", "second@example.com"), ("nationalId", Self.nationalID)])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("Ця людина вже має підтверджений обліковий запис"))
            #expect(refused.body.contains("second@example.com"))
            #expect(refused.body.contains("first@example.com"))
            let second = try #require(try await harness.account("second@example.com"))
            #expect(try await harness.services.store.read { try await $0.residency.verifications(of: second.id) }.isEmpty)
            // The citizen trying the demo verifier with the same identity is refused too.
            var citizen = Browser(client)
            try await citizen.signIn("second@example.com")
            try await citizen.get("/vinnytsia/verify")
            let demo = try await citizen.post("/vinnytsia/verify/demo", [("nationalId", Self.nationalID)])
            #expect(demo.status == .conflict)
        }
    }

    @Test(arguments: [("123", "10 цифр"), ("1234567890", "контрольна цифра")])
    func malformedNationalIDIsExplained(_ input: String, _ message: String) async throws {
        try await WebHarness.run { harness, client in
            try await harness.makeAccount("petro@example.com")
            var staff = Browser(client)
            try await staff.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            try await staff.get("/vinnytsia/admin")
            let id = input == "1234567890" && (try? NationalID.validated(input)) != nil ? "1234567891" : input
            let page = try await staff.post("/vinnytsia/admin/verify", [("email", "petro@example.com"), ("nationalId", id)])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(message))
            // Beside the РНОКПП field, which is not sent back; the email typed is.
            #expect(page.body.contains(#"id="v-nid" name="nationalId""#) && page.body.contains(#"<p class="error" id="v-nid-error">"#))
            #expect(page.body.contains(#"value="petro@example.com""#) && !page.body.contains(#"value="\#(id)""#))
            #expect(!page.body.contains(#"role="alert""#))
        }
    }

    /// The desk has two forms with an email each: a refused grant is explained
    /// beside the grant form's email, not the verification form's.
    @Test func aRefusedGrantIsExplainedBesideTheGrantFormsEmail() async throws {
        try await WebHarness.run { _, client in
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            try await admin.get("/vinnytsia/admin")
            let page = try await admin.post("/vinnytsia/admin/roles", [("email", "nobody@example.com"), ("role", "moderator"), ("action", "grant")])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(#"<p class="error" id="r-email-error">"#))
            #expect(!page.body.contains(#"id="v-email-error""#))
            #expect(page.body.contains(#"id="r-email" name="email" type="email" required value="nobody@example.com""#))
        }
    }

    @Test(arguments: TestDatabase.available) func birthDateMustMatchTheNationalID(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            try await harness.makeAccount("petro@example.com")
            var staff = Browser(client)
            try await staff.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            try await staff.get("/vinnytsia/admin")
            let page = try await staff.post("/vinnytsia/admin/verify", [("email", "petro@example.com"), ("nationalId", Self.nationalID), ("birthDate", "1992-08-25")])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("не збігається з РНОКПП"))
        }
    }

    @Test(arguments: TestDatabase.available) func demoVerifierWorksOnlyInDemoMode(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            try await harness.makeAccount("demo@example.com")
            var browser = Browser(client)
            try await browser.signIn("demo@example.com")
            let options = try await browser.get("/khmilnyk/verify")
            #expect(options.body.contains("Демо-підтвердження"))
            // A malformed РНОКПП is explained beside its field, with what was typed.
            let wrong = try await browser.post("/khmilnyk/verify/demo", [("nationalId", "12345")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.contains(#"<p class="error" id="nationalId-error">"#) && wrong.body.contains(#"value="12345""#))
            #expect(!wrong.body.contains(#"role="alert""#))
            let done = try await browser.post("/khmilnyk/verify/demo", [("nationalId", Self.nationalID)])
            #expect(done.status == .seeOther)
            #expect(try await browser.get("/khmilnyk").body.contains("Ви підтверджений мешканець"))
        }
        try await WebHarness.run(demo: false) { harness, client in
            try await harness.services.store.write { tx in
                try await tx.municipalities.insert(Oblast(id: .init(rawValue: "o"), slug: Slug(rawValue: "o"), name: .init(uk: "О", en: "O")))
                try await tx.municipalities.insert(Municipality(id: .init(rawValue: "town"), oblastID: .init(rawValue: "o"), slug: Slug(rawValue: "town"), name: .init(uk: "Місто", en: "Town"), population: 1, areaKm2: 1), at: harness.clock.now())
            }
            try await harness.makeAccount("real@example.com")
            var browser = Browser(client)
            try await browser.signIn("real@example.com")
            let options = try await browser.get("/town/verify")
            #expect(!options.body.contains("Демо-підтвердження"))
            #expect(try await browser.post("/town/verify/demo", [("nationalId", Self.nationalID)]).status == .notFound)
            #expect(try await client.execute(uri: "/dev/mail", method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func malformedDemoNationalIDIsExplainedAndNothingIsStored(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let person = try await harness.makeAccount("demo@example.com")
            var browser = Browser(client)
            try await browser.signIn("demo@example.com")
            try await browser.get("/khmilnyk/verify")
            let page = try await browser.post("/khmilnyk/verify/demo", [("nationalId", "12ab")])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("10 цифр"))
            #expect(page.body.contains(#"value="12ab""#))
            #expect(try await harness.services.store.read { try await $0.residency.verifications(of: person.id) }.isEmpty)
            // Anonymous visitors are sent to sign in first.
            var anonymous = Browser(client)
            #expect(try await anonymous.get("/khmilnyk/verify").location == "/login?next=/khmilnyk/verify")
        }
    }

    @Test(arguments: [TestOIDCSigning.es256, .rs256])
    func residentIsVerifiedThroughAnOIDCProviderWithPKCE(_ signing: TestOIDCSigning) async throws {
        try await withTestOIDCProvider(signing: signing) { provider in
            let settings = OIDCSettings(issuer: provider.issuer, clientID: provider.clientID, clientSecret: provider.clientSecret)
            try await WebHarness.run(publicBaseURL: "https://hromada.test", oidc: settings) { harness, client in
                let person = try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                // Named for where it leads (the issuer's host), not for ID.GOV.UA, which it is not.
                let options = try await browser.get("/ladyzhyn/verify")
                #expect(options.body.contains("Увійти через 127.0.0.1") && !options.body.contains("ID.GOV.UA"))
                let start = try await browser.get("/ladyzhyn/verify/oidc")
                #expect(start.status == .seeOther)
                let authorize = try #require(start.location)
                #expect(authorize.contains("code_challenge_method=S256"))
                // The provider approves and redirects back to our callback.
                let approval = try await HTTPClientRequests.location(of: authorize)
                let callback = try #require(URL(string: approval))
                #expect(callback.path == "/auth/oidc/callback")
                let done = try await browser.get(callback.path + "?" + (callback.query ?? ""))
                #expect(done.status == .seeOther)
                let ladyzhyn = try await harness.city("ladyzhyn")
                let verification = try #require(try await harness.services.store.read { try await $0.residency.find(account: person.id, in: ladyzhyn.id) })
                #expect(verification.method == .oidc)
                #expect(verification.birthDate == CalendarDate(year: 1985, month: 3, day: 14))
                #expect(verification.identityHash == harness.services.keys.identityHash(of: TestOIDCUser.resident.nationalID ?? ""))
                // Replaying the callback does nothing: the state was used.
                #expect(try await browser.get(callback.path + "?" + (callback.query ?? "")).status == .unprocessableContent)
            }
        }
    }

    @Test func oidcCallbackOfAnotherSessionIsRefused() async throws {
        try await withTestOIDCProvider { provider in
            let settings = OIDCSettings(issuer: provider.issuer, clientID: provider.clientID, clientSecret: provider.clientSecret)
            try await WebHarness.run(publicBaseURL: "https://hromada.test", oidc: settings) { harness, client in
                let victim = try await harness.makeAccount("victim@example.com")
                try await harness.makeAccount("attacker@example.com")
                var attacker = Browser(client)
                try await attacker.signIn("attacker@example.com")
                let start = try await attacker.get("/ladyzhyn/verify/oidc")
                let approval = try await HTTPClientRequests.location(of: try #require(start.location))
                let callback = try #require(URL(string: approval))
                var target = Browser(client)
                try await target.signIn("victim@example.com")
                #expect(try await target.get(callback.path + "?" + (callback.query ?? "")).status == .unprocessableContent)
                #expect(try await harness.services.store.read { try await $0.residency.verifications(of: victim.id) }.isEmpty)
            }
        }
    }
}

import AsyncHTTPClient
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// Follows one step of the provider's flow without following redirects.
enum HTTPClientRequests {
    static func location(of url: String) async throws -> String {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        let client = HTTPClient(configuration: .init(redirectConfiguration: .disallow))
        do {
            let response = try await client.execute(request, timeout: .seconds(10))
            try await client.shutdown()
            return response.headers.first(name: "location") ?? ""
        } catch {
            try await client.shutdown()
            throw error
        }
    }
}
