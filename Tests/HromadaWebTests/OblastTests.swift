import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import HummingbirdTesting
import Testing
@testable import HromadaWeb
import HromadaModules

/// Oblasts (issue 14): the oblast's page, its staff desk, and oblast grants
/// that only platform admins give and that count on the oblast's pages
/// alone, never in its cities (nor a city's grant in the oblast).
@Suite struct OblastPageTests {
    @Test(arguments: TestDatabase.available) func theOblastPageListsItsCitiesWithTheirFactsAndTheModulesEachRuns(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            // Жмеринка runs no auctions: its card says so by leaving them out.
            let zhmerynka = try await harness.city("zhmerynka")
            var settings = zhmerynka.settings
            settings.enabledModules = [ModuleSlug(rawValue: "budgets"), ModuleSlug(rawValue: "petitions")]
            try await harness.services.store.write { [settings] in try await $0.municipalities.updateSettings(settings, of: zhmerynka.id) }
            var visitor = Browser(client)
            let page = try await visitor.get("/oblast/vinnytska")
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>Вінницька область</h1>"))
            for slug in ["vinnytsia", "zhmerynka", "khmilnyk", "ladyzhyn"] {
                #expect(page.body.contains("href=\"/\(slug)\""), "\(slug)")
                for module in ["budgets", "petitions"] { #expect(page.body.contains("href=\"/\(slug)/\(module)\""), "\(slug)/\(module)") }
            }
            #expect(page.body.contains(NumberFormat.grouped(369_739)) && page.body.contains("113,2"))
            #expect(page.body.contains("href=\"/vinnytsia/auctions\"") && !page.body.contains("/zhmerynka/auctions"))
            #expect(page.body.contains("Аукціони майна"))
            // A visitor sees no desk link.
            #expect(!page.body.contains("/oblast/vinnytska/admin"))
            let english = try await visitor.get("/oblast/vinnytska?lang=en")
            #expect(english.body.contains("Vinnytsia Oblast") && english.body.contains("The oblast&#39;s communities"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func anUnknownOblastIsA404(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var admin = Browser(client)
            try await admin.signIn("admin@demo.hromada.ua", "hromada-demo-2026")
            // Another oblast, a city's slug, a slug no oblast could have, a reserved word.
            for path in ["/oblast/kyivska", "/oblast/kyivska/admin", "/oblast/vinnytsia", "/oblast/" + String(repeating: "a", count: 500), "/oblast/admin"] {
                #expect(try await admin.get(path).status == .notFound, "\(path)")
            }
        }
    }

    @Test(arguments: TestDatabase.available) func thePlatformHomeLinksTheOblastPage(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var visitor = Browser(client)
            let home = try await visitor.get("/")
            #expect(home.body.contains("href=\"/oblast/vinnytska\""))
        }
    }
}

@Suite struct OblastDeskTests {
    static let desk = "/oblast/vinnytska/admin"
    static let roles = "/oblast/vinnytska/admin/roles"

    static func platformAdmin(_ client: any TestClientProtocol) async throws -> Browser {
        var admin = Browser(client)
        try await admin.signIn("admin@demo.hromada.ua", "hromada-demo-2026")
        _ = try await admin.get(desk)
        return admin
    }

    func oblast(_ harness: WebHarness) async throws -> Oblast {
        try #require(try await harness.services.store.read { try await $0.municipalities.oblast(slug: "vinnytska") })
    }

    func staffRows(_ harness: WebHarness) async throws -> Int64 {
        try await harness.services.store.read { try await $0.db.raw("SELECT COUNT(*) AS n FROM oblast_role_grants").first()?.decode(column: "n", as: Int64.self) } ?? -1
    }

    @Test(arguments: TestDatabase.available) func theDeskIsA404ForACityAdminAndForAnyoneWithoutAnOblastGrant(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            for (email, password) in [("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026"), ("olena@demo.hromada.ua", "resident-demo-2026")] {
                var person = Browser(client)
                try await person.signIn(email, password)
                #expect(try await person.get(Self.desk).status == .notFound, "\(email)")
                let before = try await staffRows(harness)
                let grant = try await person.post(Self.roles, [("email", email), ("role", "oblast_admin"), ("action", "grant")])
                #expect(grant.status == .notFound, "\(email) granting")
                #expect(try await staffRows(harness) == before)
                // Nor does the oblast's page offer the desk.
                #expect(!(try await person.get("/oblast/vinnytska")).body.contains(Self.desk))
            }
            // Signed out: the sign-in answer every staff page gives.
            var stranger = Browser(client)
            #expect(try await stranger.get(Self.desk).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.available) func aPlatformAdminGrantsTheOblastRoleAndTheGranteeOpensTheDeskReadOnly(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let grantee = try await harness.makeAccount("oblast.staff@example.com")
            let oblast = try await oblast(harness)
            var admin = try await Self.platformAdmin(client)
            let form = try await admin.get(Self.desk)
            #expect(form.body.contains(#"<option value="oblast_admin""#) && form.body.contains(#"<option value="oblast.edit_passport""#))
            let granted = try await admin.post(Self.roles, [("email", "Oblast.Staff@example.com "), ("role", "oblast_admin"), ("action", "grant")])
            #expect(granted.status == .seeOther && granted.location == Self.desk + "?done=granted")
            let after = try await admin.get(try #require(granted.location))
            #expect(after.body.contains("Право надано.") && after.body.contains("oblast.staff@example.com") && after.body.contains("Адміністратор області"))

            let principal = try await harness.principal("oblast.staff@example.com")
            #expect(principal.oblastRoles[oblast.id] == [.oblastAdmin])
            for capability in ModuleRegistry.standard.oblastCapabilities.map(\.capability) {
                #expect(principal.may(capability, inOblast: oblast.id), "\(capability)")
            }
            // Nothing in any of the oblast's cities.
            for slug in ["vinnytsia", "zhmerynka"] {
                let city = try await harness.city(slug)
                for declared in ModuleRegistry.standard.capabilities { #expect(!principal.may(declared.capability, in: city.id)) }
            }

            var staff = Browser(client)
            try await staff.signIn("oblast.staff@example.com")
            let page = try await staff.get("/oblast/vinnytska")
            #expect(page.body.contains("href=\"\(Self.desk)\""))
            let desk = try await staff.get(Self.desk)
            #expect(desk.status == .ok)
            #expect(desk.body.contains("Ваші права в області") && desk.body.contains("Вести інвестиційний паспорт області"))
            #expect(desk.body.contains("Тест Тестович"))
            // Read-only: no form, no address, and granting is not theirs.
            #expect(!desk.body.contains("action=\"\(Self.roles)\"") && !desk.body.contains("oblast.staff@example.com"))
            #expect(try await staff.post(Self.roles, [("email", "olena@demo.hromada.ua"), ("role", "oblast_admin"), ("action", "grant")]).status == .notFound)
            #expect(try await staff.get("/vinnytsia/admin").status == .notFound)

            // One audit entry, about the oblast, naming nobody in the clear.
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: nil, limit: 50) }
                .filter { $0.action == AuditAction.oblastRoleGranted }
            let entry = try #require(entries.first { $0.subject == harness.services.keys.pseudonym(of: grantee.id, about: "oblast-roles/vinnytska") })
            #expect(entry.municipalityID == nil)
            #expect(entry.details == #"{"oblast":"vinnytska","role":"oblast_admin"}"#)
            #expect(!entry.actor.contains("admin@") && entry.actor.hasPrefix("p-"))

            // Revoked, the desk is closed to them again.
            let revoked = try await admin.post(Self.roles, [("email", "oblast.staff@example.com"), ("role", "oblast_admin"), ("action", "revoke")])
            #expect(revoked.status == .seeOther && revoked.location == Self.desk + "?done=revoked")
            #expect(try await harness.principal("oblast.staff@example.com").oblastRoles.isEmpty)
            #expect(try await staff.get(Self.desk).status == .notFound)
            let revocations = try await harness.services.store.read { try await $0.audit.recentEntries(in: nil, limit: 50) }
                .filter { $0.action == AuditAction.oblastRoleRevoked }
            #expect(revocations.count == 1 && revocations.first?.subject == entry.subject)
        }
    }

    @Test(arguments: TestDatabase.available) func aSingleOblastCapabilityIsGrantedAlone(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            try await harness.makeAccount("brand@example.com")
            let oblast = try await oblast(harness)
            var admin = try await Self.platformAdmin(client)
            let granted = try await admin.post(Self.roles, [("email", "brand@example.com"), ("role", "oblast.edit_brand"), ("action", "grant")])
            #expect(granted.status == .seeOther)
            let principal = try await harness.principal("brand@example.com")
            for capability in ModuleRegistry.standard.oblastCapabilities.map(\.capability) {
                #expect(principal.may(capability, inOblast: oblast.id) == (capability == .editOblastBrand), "\(capability)")
            }
            var brand = Browser(client)
            try await brand.signIn("brand@example.com")
            let desk = try await brand.get(Self.desk)
            #expect(desk.status == .ok && desk.body.contains("Керувати брендом області") && !desk.body.contains("<li>Вести інвестиційний паспорт області</li>"))
        }
    }

    @Test(arguments: TestDatabase.available) func theFormWithoutItsCSRFTokenIsRefusedAndChangesNothing(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            try await harness.makeAccount("forged@example.com")
            var admin = try await Self.platformAdmin(client)
            let before = try await staffRows(harness)
            let forged = try await admin.post(Self.roles, [("email", "forged@example.com"), ("role", "oblast_admin"), ("action", "grant")], csrf: false)
            #expect(forged.status == .forbidden)
            let wrong = try await admin.post(Self.roles, [("email", "forged@example.com"), ("role", "oblast_admin"), ("action", "grant"), ("_csrf", "x")], csrf: false)
            #expect(wrong.status == .forbidden)
            #expect(try await staffRows(harness) == before)
            #expect(try await harness.principal("forged@example.com").oblastRoles.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available) func aBadEmailIsAClearErrorBesideTheFieldAndChangesNothing(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            try await harness.makeAccount("real@example.com")
            var admin = try await Self.platformAdmin(client)
            let before = try await staffRows(harness)
            let cases: [(email: String, role: String, field: String, message: String)] = [
                ("not-an-email", "oblast_admin", "email-error", "Це не схоже на адресу електронної пошти."),
                ("", "oblast_admin", "email-error", "Вкажіть електронну пошту."),
                ("nobody@example.com", "oblast_admin", "email-error", "Обліковий запис із такою поштою не знайдено."),
                // A city's role or capability, or nothing known, is not an oblast grant.
                ("real@example.com", "admin", "role-error", "Невідома роль."),
                ("real@example.com", "budgets.manage", "role-error", "Невідома роль."),
                ("real@example.com", "oblast.run_casino", "role-error", "Невідома роль."),
            ]
            for item in cases {
                let page = try await admin.post(Self.roles, [("email", item.email), ("role", item.role), ("action", "grant")])
                #expect(page.status == .unprocessableContent, "\(item)")
                #expect(page.body.contains(#"<p class="error" id="\#(item.field)">\#(item.message)</p>"#), "\(item)")
                #expect(page.body.contains(#"aria-describedby="\#(item.field)""#), "\(item)")
                // What was typed stays in the field.
                if !item.email.isEmpty { #expect(page.body.contains(#"value="\#(item.email)""#), "\(item)") }
            }
            #expect(try await staffRows(harness) == before)
            #expect(try await harness.principal("real@example.com").oblastRoles.isEmpty)
            // In English too, beside the field.
            let english = try await admin.post(Self.roles + "?lang=en", [("email", "not-an-email"), ("role", "oblast_admin"), ("action", "grant")])
            #expect(english.status == .unprocessableContent && english.body.contains("Oblast staff desk") && english.body.contains(#"id="email-error""#))
        }
    }

    @Test(arguments: TestDatabase.available) func aCityCannotGrantAnOblastCapabilityNorDoesAStoredOneGiveAnything(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let clerk = try await harness.makeAccount("clerk@example.com")
            let vinnytsia = try await harness.city("vinnytsia")
            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let desk = try await admin.get("/vinnytsia/admin")
            #expect(!desk.body.contains("oblast.edit_passport") && !desk.body.contains("oblast_admin"))
            let refused = try await admin.post("/vinnytsia/admin/roles", [("email", "clerk@example.com"), ("role", "oblast.edit_passport"), ("action", "grant")])
            #expect(refused.status == .unprocessableContent)
            // Even stored by hand in the city's grants, it gives nothing, here or in the oblast.
            _ = try await harness.services.store.write {
                try await $0.roles.grant(.capability(.editOblastPassport), to: clerk.id, in: vinnytsia.id, by: nil, at: harness.clock.now())
            }
            let principal = try await harness.principal("clerk@example.com")
            #expect(!principal.may(.editOblastPassport, inOblast: vinnytsia.oblastID) && !principal.may(.editOblastPassport, in: vinnytsia.id))
            var browser = Browser(client)
            try await browser.signIn("clerk@example.com")
            #expect(try await browser.get(Self.desk).status == .notFound)
            // And the registry reads an oblast grant naming a city capability as nothing.
            #expect(ModuleRegistry.standard.capabilities(of: Set([OblastGrant.capability(.manageBudget)])).isEmpty)
            #expect(ModuleRegistry.standard.capabilities(of: Set([StaffGrant.capability(.editOblastBrand)])).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available) func theDemoOblastAdminOpensTheDeskAndNoCitysDesk(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var staff = Browser(client)
            try await staff.signIn("vinnytska.oblast@demo.hromada.ua", "vinnytska-demo-2026")
            // Their account page leads to the desk.
            let account = try await staff.get("/account")
            #expect(account.body.contains(#"<a href="/oblast/vinnytska/admin">Вінницька область</a>: Адміністратор області"#))
            let desk = try await staff.get(Self.desk)
            #expect(desk.status == .ok && desk.body.contains("Світлана Кравчук"))
            for slug in ["vinnytsia", "zhmerynka", "khmilnyk", "ladyzhyn"] {
                #expect(try await staff.get("/\(slug)/admin").status == .notFound, "\(slug)")
            }
            let english = try await staff.get(Self.desk + "?lang=en")
            #expect(english.body.contains("Your rights in the oblast") && english.body.contains("Keep the oblast&#39;s investment passport"))
        }
    }

    @Test(arguments: TestDatabase.available) func anOblastGrantsAuditNameSharesNothingWithTheSamePersonsCityGrant(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, _ in
            let person = try await harness.makeAccount("both@example.com")
            let vinnytsia = try await harness.city("vinnytsia")
            let oblast = try await oblast(harness)
            let admin = try await harness.principal("admin@demo.hromada.ua")
            try await harness.services.roles.grant(.role(.moderator), to: person.id, in: vinnytsia.id, by: admin)
            try await harness.services.oblastRoles.grant(.role(.oblastAdmin), to: person.id, in: oblast, by: admin)
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: nil, limit: 10) }
            let city = try #require(entries.first { $0.action == AuditAction.roleGranted })
            let regional = try #require(entries.first { $0.action == AuditAction.oblastRoleGranted })
            #expect(city.subject != regional.subject)
            #expect(city.actor != regional.actor)
            #expect(!regional.details.contains(person.id.rawValue) && !regional.details.contains("both@"))
        }
    }
}

/// 50 identical grants at once leave one row and one audit entry, on both databases.
@Suite struct OblastGrantRaceTests {
    @Test(arguments: TestDatabase.available)
    func fiftySimultaneousIdenticalGrantsLeaveOneRowAndOneAuditEntry(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, _ in
            let person = try await harness.makeAccount("race@example.com")
            let oblast = try #require(try await harness.services.store.read { try await $0.municipalities.oblast(slug: "vinnytska") })
            let admin = try await harness.principal("admin@demo.hromada.ua")
            let services = harness.services
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await services.oblastRoles.grant(.role(.oblastAdmin), to: person.id, in: oblast, by: admin) }
                }
                try await group.waitForAll()
            }
            let rows = try await services.store.read {
                try await $0.db.raw("SELECT COUNT(*) AS n FROM oblast_role_grants WHERE account_id = \(bind: person.id.rawValue)").first()?
                    .decode(column: "n", as: Int64.self)
            }
            #expect(rows == 1)
            let subject = services.keys.pseudonym(of: person.id, about: "oblast-roles/\(oblast.id.rawValue)")
            let entries = try await services.store.read { try await $0.audit.recentEntries(in: nil, limit: 200) }
                .filter { $0.action == AuditAction.oblastRoleGranted && $0.subject == subject }
            #expect(entries.count == 1)
        }
    }
}

/// Every oblast capability, granted alone, opens the oblast's desk and
/// nothing in any of its cities; no city grant opens the desk.
@Suite struct OblastCapabilityMatrixTests {
    static var registered: [Capability] { ModuleRegistry.standard.oblastCapabilities.map(\.capability) }

    @Test(arguments: TestDatabase.available, registered)
    func anOblastCapabilityOpensTheOblastsDeskAndNoCitysDesk(_ database: TestDatabase, _ capability: Capability) async throws {
        try await WebHarness.run(database) { harness, client in
            let holder = try await harness.makeAccount("holder@example.com")
            let oblast = try #require(try await harness.services.store.read { try await $0.municipalities.oblast(slug: "vinnytska") })
            try await harness.services.oblastRoles.grant(.capability(capability), to: holder.id, in: oblast, by: nil)
            var browser = Browser(client)
            try await browser.signIn("holder@example.com")
            #expect(try await browser.get("/oblast/vinnytska/admin").status == .ok)
            for slug in ["vinnytsia", "zhmerynka", "khmilnyk", "ladyzhyn"] {
                #expect(try await browser.get("/\(slug)/admin").status == .notFound, "\(slug)")
            }
        }
    }
}
