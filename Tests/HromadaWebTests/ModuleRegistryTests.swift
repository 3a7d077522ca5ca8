import Foundation
import HromadaDomain
@testable import HromadaWeb
import Hummingbird
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// Modules as the platform sees them (issue 14): a city's switch decides
/// what it serves, the home page and staff desk list exactly what it runs,
/// and its settings are one document that every write checks before it
/// writes.
@Suite struct ModuleSwitchTests {
    /// Everything Auctions serves under a city, by path (the socket is checked on its own).
    static func auctionPaths(_ slug: String) -> [String] {
        ["/\(slug)/auctions", "/\(slug)/property", "/api/v1/\(slug)/auctions", "/api/v1/\(slug)/property",
         "/api/v1/\(slug)/auctions/open-data/lots.csv", "/api/v1/\(slug)/auctions/open-data/bids.json"]
    }

    @Test func aFileBesideAModulesPathIsTheModules() {
        let registry = ModuleRegistry.standard
        #expect(registry.owner(ofEndpoint: "/api/v1/{city}/petitions.geojson") == .petitions)
        #expect(registry.owner(ofEndpoint: "/api/v1/{city}/property.geojson") == .auctions)
        #expect(registry.owner(ofEndpoint: "/{city}/feed.atom") == nil)
        #expect(registry.owner(ofEndpoint: "/api/v1/{city}/casino.geojson") == nil)
    }

    @Test(arguments: TestDatabase.available) func aCityThatSwitchesAuctionsOffAnswers404OnThemWhileAnotherCityKeepsThem(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var admin = Browser(client)
            try await admin.signIn("zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            for path in Self.auctionPaths("zhmerynka") { #expect(try await admin.get(path).status == .ok, "\(path) before") }
            var home = try await admin.get("/zhmerynka")
            #expect(home.body.contains("href=\"/zhmerynka/auctions\""))
            _ = try await admin.get("/zhmerynka/admin/settings")
            let saved = try await admin.post("/zhmerynka/admin/settings", [
                ("modules", "budgets"), ("modules", "petitions"), ("petitionSignatureThreshold", "150"), ("petitionCollectionDays", "90"),
                ("budgetMinimumAge", "16"), ("contactEmail", ""),
            ])
            #expect(saved.status == .seeOther)
            for path in Self.auctionPaths("zhmerynka") { #expect(try await admin.get(path).status == .notFound, "\(path) after") }
            #expect(try await admin.get("/zhmerynka/admin/property/new").status == .notFound)
            home = try await admin.get("/zhmerynka")
            #expect(!home.body.contains("/zhmerynka/auctions") && home.body.contains("href=\"/zhmerynka/petitions\""))
            // Вінниця runs them still, and its home page lists them.
            var visitor = Browser(client)
            for path in Self.auctionPaths("vinnytsia") { #expect(try await visitor.get(path).status == .ok, "\(path) in Вінниця") }
            #expect(try await visitor.get("/vinnytsia").body.contains("href=\"/vinnytsia/auctions\""))
        }
    }

    @Test(arguments: TestDatabase.available) func eachCityHomePageListsExactlyTheModulesItRuns(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var visitor = Browser(client)
            let home = try await visitor.get("/vinnytsia")
            for slug in ["budgets", "petitions", "auctions", "invest", "strategy", "waste", "business", "visit"] {
                #expect(home.body.contains("href=\"/vinnytsia/\(slug)\""), "\(slug)")
            }
            // No card that says "coming soon".
            #expect(!home.body.contains("готується до запуску"))
            var english = Browser(client)
            _ = try await english.get("/en")
            #expect(try await english.get("/vinnytsia").body.contains("Property auctions"))
        }
    }

    @Test(arguments: TestDatabase.available) func switchingAModuleOffThroughTheAPIWorksAsTheSettingsPageDoes(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, "zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            let (read, settings) = try await client.json(.get, "/api/v1/zhmerynka/settings", token: admin)
            #expect(read == .ok)
            #expect(settings["enabledModules"] as? [String] == ["budgets", "petitions", "auctions", "invest", "strategy", "waste", "business", "visit", "opendata"])
            #expect(settings["availableModules"] as? [String] == ["budgets", "petitions", "auctions", "invest", "strategy", "waste", "business", "visit", "opendata"])
            let (off, changed) = try await client.json(.patch, "/api/v1/zhmerynka/settings", body: #"{"enabledModules": ["petitions", "budgets"]}"#, token: admin)
            #expect(off == .ok && changed["enabledModules"] as? [String] == ["budgets", "petitions"])
            #expect(changed["petitionSignatureThreshold"] as? Int == 150, "what the request left out stays")
            for path in Self.auctionPaths("zhmerynka") { #expect(try await client.json(.get, path).0 == .notFound, "\(path)") }
            #expect(try await client.json(.get, "/api/v1/vinnytsia/auctions").0 == .ok)
            let (municipality, body) = try await client.json(.get, "/api/v1/zhmerynka")
            #expect(municipality == .ok && body["modules"] as? [String] == ["budgets", "petitions"])
            let (on, _) = try await client.json(.patch, "/api/v1/zhmerynka/settings", body: #"{"enabledModules": ["budgets", "petitions", "auctions"]}"#, token: admin)
            #expect(on == .ok)
            #expect(try await client.json(.get, "/api/v1/zhmerynka/auctions").0 == .ok)
        }
    }

    @Test(arguments: TestDatabase.available) func theSettingsAreTheCityAdminsAloneAndBadValuesChangeNothing(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            #expect(try await client.json(.get, "/api/v1/zhmerynka/settings").0 == .unauthorized)
            let resident = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            #expect(try await client.json(.get, "/api/v1/vinnytsia/settings", token: resident).0 == .notFound)
            let vinnytsia = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            #expect(try await client.json(.patch, "/api/v1/zhmerynka/settings", body: #"{"contactEmail": "x@y.ua"}"#, token: vinnytsia).0 == .notFound)
            let before = try await harness.city("vinnytsia").settings
            let (unknown, error) = try await client.json(
                .patch, "/api/v1/vinnytsia/settings", body: #"{"enabledModules": ["budgets", "casino"], "contactEmail": "x@y.ua"}"#, token: vinnytsia)
            #expect(unknown == .unprocessableContent && errorCode(error) == "settings_unknown_module")
            #expect((error["error"] as? [String: Any])?["field"] as? String == "enabledModules.1")
            let (zero, refusal) = try await client.json(.patch, "/api/v1/vinnytsia/settings", body: #"{"petitionSignatureThreshold": 0}"#, token: vinnytsia)
            #expect(zero == .unprocessableContent && (refusal["error"] as? [String: Any])?["field"] as? String == "petitionSignatureThreshold")
            let (huge, _) = try await client.json(.patch, "/api/v1/vinnytsia/settings", body: #"{"budgetMinimumAge": 1e300}"#, token: vinnytsia)
            #expect(huge == .unprocessableContent)
            #expect(try await harness.city("vinnytsia").settings == before)
        }
    }

    @Test(arguments: TestDatabase.available) func concurrentSettingsChangesNeverLoseOneSilently(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let before = try await harness.services.store.read { try await $0.audit.recentEntries(in: nil, limit: 1000) }
                .filter { $0.action == AuditAction.settingsChanged }.count
            let results = try await withThrowingTaskGroup(of: (Int, HTTPResponse.Status).self) { group in
                for threshold in 300..<340 {
                    group.addTask {
                        (threshold, try await client.json(.patch, "/api/v1/vinnytsia/settings", body: #"{"petitionSignatureThreshold": \#(threshold)}"#, token: admin).0)
                    }
                }
                return try await group.reduce(into: [(Int, HTTPResponse.Status)]()) { $0.append($1) }
            }
            #expect(results.allSatisfy { $0.1 == .ok || $0.1 == .conflict })
            let accepted = results.filter { $0.1 == .ok }
            #expect(!accepted.isEmpty)
            let audited = try await harness.services.store.read { try await $0.audit.recentEntries(in: nil, limit: 1000) }
                .filter { $0.action == AuditAction.settingsChanged }.count - before
            // Each acknowledged change was written and audited; each refused one left nothing.
            #expect(audited == accepted.count)
            #expect(accepted.map(\.0).contains(try await harness.city("vinnytsia").settings.petitionSignatureThreshold))
        }
    }

    @Test(arguments: TestDatabase.available) func theSocketOfASwitchedOffModuleRefusesToOpen(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, live: true) { harness, client in
            try await AuctionDemoSeeder(services: harness.services).scheduleLive()
            let city = try await harness.city("vinnytsia")
            let lot = try #require(try await harness.services.store.read { try await $0.auctions.lots(in: city.id, statuses: [.activeTendering]) }
                .map(\.lot).first { $0.title.hasPrefix("Демонстраційний") })
            let path = "/api/v1/vinnytsia/auctions/\(lot.id.rawValue)/live"
            try await client.live(path) { messages in
                let hello = try await messages.next()
                #expect(hello["type"] as? String == "hello")
            }
            var settings = city.settings
            settings.enabledModules = [.budgets, .petitions]
            let off = settings
            try await harness.services.store.write { try await $0.municipalities.updateSettings(off, of: city.id) }
            await #expect(throws: (any Error).self) { try await client.live(path) { _ in } }
        }
    }
}

/// The settings that only looked as if they worked (issue 14).
@Suite struct SettingsDriftTests {
    @Test(arguments: TestDatabase.available) func aNewEditionStartsFromTheCitysMinimumAge(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let admin = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            #expect(try await client.json(.patch, "/api/v1/vinnytsia/settings", body: #"{"budgetMinimumAge": 18}"#, token: admin).0 == .ok)
            var browser = Browser(client)
            try await browser.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let form = try await browser.get("/vinnytsia/admin/budgets/new")
            #expect(form.body.contains(#"name="minimumAge""#) && form.body.contains(#"value="18""#))
            let (status, body) = try await client.json(.post, "/api/v1/vinnytsia/budgets", body: BudgetAPIWriteTests.edition, token: admin)
            #expect(status == .created && body["minimumAge"] as? Int == 18)
        }
    }

    @Test(arguments: TestDatabase.available) func aSettingOutOfRangeIsExplainedBesideItsFieldAndChangesNothing(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let before = try await harness.city("vinnytsia").settings
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            _ = try await admin.get("/vinnytsia/admin/settings?lang=en")
            let refused = try await admin.post("/vinnytsia/admin/settings", [
                ("modules", "budgets"), ("modules", "petitions"), ("modules", "auctions"), ("petitionSignatureThreshold", "420"),
                ("petitionCollectionDays", "60"), ("budgetMinimumAge", "30"), ("contactEmail", ""),
            ])
            #expect(refused.status == .unprocessableContent)
            // Beside the field, tied to it for screen readers, with what was typed kept; nowhere else.
            #expect(refused.body.contains(#"id="budgetMinimumAge-error""#) && refused.body.contains(#"aria-describedby="budgetMinimumAge-error" aria-invalid="true""#))
            #expect(refused.body.contains(#"name="budgetMinimumAge" type="text" inputmode="numeric" required value="30""#))
            #expect(refused.body.components(separatedBy: "aria-invalid").count == 2 && !refused.body.contains(#"role="alert""#))
            #expect(try await harness.city("vinnytsia").settings == before)
        }
    }

    @Test(arguments: TestDatabase.available) func thePetitionThresholdSetOnTheSettingsPageIsTheOneInForce(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            _ = try await admin.get("/vinnytsia/admin/settings")
            _ = try await admin.post("/vinnytsia/admin/settings", [
                ("modules", "budgets"), ("modules", "petitions"), ("modules", "auctions"), ("petitionSignatureThreshold", "420"),
                ("petitionCollectionDays", "60"), ("budgetMinimumAge", "16"), ("contactEmail", ""),
            ])
            _ = try await admin.get("/vinnytsia/admin/petitions/settings")
            #expect(try await admin.post("/vinnytsia/admin/petitions/settings", [
                ("signers", "verified_residents"), ("supporters", "0"), ("moderationDays", "2"), ("considerationDays", "10"), ("trending", "50"),
                ("holidays", ""), ("workedDays", ""),
            ]).status == .seeOther)
            let settings = try await harness.city("vinnytsia").settings
            #expect(settings.petitionSettings.threshold == 420 && settings.petitionSettings.collectionDays == 60)
        }
    }

    /// Voting opens between the read a rules change was decided from and
    /// its write: the change is refused and voting stays open (before issue
    /// 14 the write put back the edition it had read, closing voting again
    /// with new rules).
    @Test(arguments: TestDatabase.available) func aRulesChangeDecidedBeforeVotingOpenedIsRefusedAfterIt(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let demo = try await DemoBudgets(harness)
            let city = try await harness.city("vinnytsia")
            let principal = try await harness.principal("vinnytsia.admin@demo.hromada.ua")
            let budgets = harness.services.budgetAdmin, id = demo.proposals.id
            try await budgets.transition(.openReview, edition: id, city: city, by: principal)
            let read = try await budgets.edition(id, in: city.id)
            try await budgets.transition(.openVoting, edition: id, city: city, by: principal)
            var rules = EditionRules(read)
            rules.ballotRule = "choose-1"
            let change = rules
            await #expect(throws: AppError.conflict(code: "edition_changed")) {
                _ = try await budgets.changeRules(change, of: read, city: city, by: principal)
            }
            let stored = try await budgets.edition(id, in: city.id)
            #expect(stored.phase(at: harness.clock.now()) == .voting && stored.ballotRule == read.ballotRule)
        }
    }
}
