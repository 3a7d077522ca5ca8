import Foundation
import HTTPTypes
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

/// Issue 13, finding 7: an identity provider proves who a person is, not
/// where they live. Without an address claim it verifies residency only in a
/// city whose settings accept identity alone.
@Suite struct ResidencyEvidenceWebTests {
    /// A city with the default settings, beside the demo's own.
    static func addTown(_ harness: WebHarness) async throws -> Municipality {
        let town = Municipality(
            id: .init(rawValue: "bar"), oblastID: .init(rawValue: "vinnytska"), slug: Slug(rawValue: "bar"),
            name: .init(uk: "Бар", en: "Bar"), population: 15_000, areaKm2: 12)
        try await harness.services.store.write { tx in try await tx.municipalities.insert(town, at: harness.clock.now()) }
        return try await harness.city("bar")
    }

    /// Signs in, goes to the provider from the city's page and comes back.
    static func verifyThroughProvider(_ browser: inout Browser, city: String) async throws -> Browser.Page {
        let start = try await browser.get("/\(city)/verify/oidc")
        #expect(start.status == .seeOther)
        let approval = try await HTTPClientRequests.location(of: try #require(start.location))
        let callback = try #require(URL(string: approval))
        return try await browser.get(callback.path + "?" + (callback.query ?? ""))
    }

    @Test func identityAloneDoesNotMakeAResidentOfACityThatDoesNotAcceptIt() async throws {
        try await withTestOIDCProvider { provider in
            let settings = OIDCSettings(issuer: provider.issuer, clientID: provider.clientID, clientSecret: provider.clientSecret)
            try await WebHarness.run(publicBaseURL: "https://hromada.test", oidc: settings) { harness, client in
                let town = try await Self.addTown(harness)
                let person = try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                let page = try await Self.verifyThroughProvider(&browser, city: "bar")
                #expect(page.status == .unprocessableContent)
                // The page says what the provider proved and what to do next.
                #expect(page.body.contains("ЦНАП"))
                #expect(try await harness.services.store.read { try await $0.residency.find(account: person.id, in: town.id) } == nil)
                #expect(try await harness.services.store.read { try await $0.residency.verifications(of: person.id) }.isEmpty)
            }
        }
    }

    @Test func theVerificationPageSaysWhatAProviderWithoutAnAddressCannotDoHere() async throws {
        try await withTestOIDCProvider { provider in
            let settings = OIDCSettings(issuer: provider.issuer, clientID: provider.clientID, clientSecret: provider.clientSecret)
            try await WebHarness.run(publicBaseURL: "https://hromada.test", oidc: settings) { harness, client in
                _ = try await Self.addTown(harness)
                try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                let page = try await browser.get("/bar/verify")
                #expect(page.body.contains("Бар не вважає підтвердження особи без адреси доказом проживання"))
                #expect(!page.body.contains("/bar/verify/oidc"))
                #expect(!page.body.contains("/bar/verify/demo"))
                // The demo verifier proves identity only as well.
                let demo = try await browser.post("/bar/verify/demo", [("nationalId", ResidencyWebTests.nationalID)])
                #expect(demo.status == .unprocessableContent && demo.body.contains("ЦНАП"))
                // A demo city, which accepts identity, keeps both ways open.
                let vinnytsia = try await browser.get("/vinnytsia/verify")
                #expect(vinnytsia.body.contains("/vinnytsia/verify/oidc") && vinnytsia.body.contains("/vinnytsia/verify/demo"))
            }
        }
    }

    @Test(arguments: ["м. Бар", "Bar"])
    func anAddressInTheCityFromTheProviderMakesAResident(_ locality: String) async throws {
        var user = TestOIDCUser.resident
        user.locality = locality
        try await withTestOIDCProvider(user: user) { provider in
            let settings = OIDCSettings(
                issuer: provider.issuer, clientID: provider.clientID, clientSecret: provider.clientSecret, addressClaim: "address")
            try await WebHarness.run(publicBaseURL: "https://hromada.test", oidc: settings) { harness, client in
                let town = try await Self.addTown(harness)
                let person = try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                #expect(try await browser.get("/bar/verify").body.contains("/bar/verify/oidc"))
                let done = try await Self.verifyThroughProvider(&browser, city: "bar")
                #expect(done.status == .seeOther)
                let verification = try await harness.services.store.read { try await $0.residency.find(account: person.id, in: town.id) }
                #expect(verification?.method == .oidc)
            }
        }
    }

    @Test func anAddressInAnotherCityDoesNotMakeAResidentHere() async throws {
        var user = TestOIDCUser.resident
        user.locality = "Вінниця"
        try await withTestOIDCProvider(user: user) { provider in
            let settings = OIDCSettings(
                issuer: provider.issuer, clientID: provider.clientID, clientSecret: provider.clientSecret, addressClaim: "address")
            try await WebHarness.run(publicBaseURL: "https://hromada.test", oidc: settings) { harness, client in
                _ = try await Self.addTown(harness)
                let person = try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                let page = try await Self.verifyThroughProvider(&browser, city: "bar")
                #expect(page.status == .unprocessableContent && page.body.contains("ЦНАП"))
                #expect(try await harness.services.store.read { try await $0.residency.verifications(of: person.id) }.isEmpty)
            }
        }
    }

    @Test func aCityAdminDecidesWhetherIdentityAloneIsResidence() async throws {
        try await withTestOIDCProvider { provider in
            let settings = OIDCSettings(issuer: provider.issuer, clientID: provider.clientID, clientSecret: provider.clientSecret)
            try await WebHarness.run(publicBaseURL: "https://hromada.test", oidc: settings) { harness, client in
                let town = try await Self.addTown(harness)
                var admin = Browser(client)
                try await admin.signIn("admin@demo.hromada.ua", "hromada-demo-2026")
                let form = try await admin.get("/bar/admin/settings")
                #expect(form.body.contains("name=\"acceptsIdentityAsResidency\""))
                let saved = try await admin.post("/bar/admin/settings", [
                    ("modules", "budgets"), ("modules", "petitions"), ("petitionSignatureThreshold", "100"), ("petitionCollectionDays", "60"),
                    ("budgetMinimumAge", "16"), ("contactEmail", ""), ("acceptsIdentityAsResidency", "yes"),
                ])
                #expect(saved.status == .seeOther)
                #expect(try await harness.city("bar").settings.acceptsIdentityAsResidency)
                let person = try await harness.makeAccount("oksana@example.com")
                var browser = Browser(client)
                try await browser.signIn("oksana@example.com")
                #expect(try await Self.verifyThroughProvider(&browser, city: "bar").status == .seeOther)
                #expect(try await harness.services.store.read { try await $0.residency.find(account: person.id, in: town.id) } != nil)
            }
        }
    }
}
