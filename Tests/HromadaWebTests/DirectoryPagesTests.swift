import Foundation
import HromadaDomain
import HromadaModules
import HromadaTestSupport
import SQLKit
import Testing
@testable import Business
@testable import HromadaWeb

/// The business directory: the list by kind with its map, a profile that
/// publishes only what the organisation chose (members by their business's
/// name), joining and the admin's decisions, the last admin kept, news
/// shown as text, and the staff's form with every problem beside its field.
@Suite struct DirectoryPagesTests {
    static let residentPassword = "resident-demo-2026"

    static func organisation(
        _ id: String, city: MunicipalityID, kind: OrganisationKind, name: String, now: Date, mission: String = "",
        contacts: PublishedContacts = PublishedContacts(), location: Location? = nil
    ) -> Organisation {
        Organisation(
            id: OrganisationID(rawValue: id), city: city, kind: kind, name: name,
            description: LocalizedName(uk: "Опис \(name)", en: "About \(name)"), mission: mission, contacts: contacts, location: location, createdAt: now)
    }

    /// A cluster of Vinnytsia whose admin is Olena, bringing "ТОВ Кульбабка".
    static func clusterWithAdmin(_ harness: WebHarness) async throws -> Organisation {
        let city = try await harness.city("vinnytsia").id, now = harness.clock.now()
        let cluster = organisation(
            "food", city: city, kind: .cluster, name: "Подільський харчовий кластер", now: now,
            contacts: PublishedContacts(phone: "+380 43 255 12 34", website: "https://food.example"),
            location: Location(latitude: 49.233, longitude: 28.468))
        let olena = try #require(try await harness.account("olena@demo.hromada.ua")).id
        try await harness.services.store.write { tx in
            try await tx.organisations.save(cluster, at: now)
            try await tx.organisations.appoint(olena, to: cluster.id, businessName: "ТОВ Кульбабка", at: now)
        }
        return cluster
    }

    /// The value of the hidden `member` input of the form that names `business` on a manage page.
    static func handle(of business: String, in body: String) throws -> String {
        let after = try #require(body.range(of: business)).lowerBound
        let before = body[..<after]
        let input = try #require(before.range(of: #"name="member" value=""#, options: .backwards))
        return String(body[input.upperBound...].prefix { $0 != "\"" })
    }

    static func count(_ sql: SQLQueryString, _ harness: WebHarness) async throws -> Int64 {
        try await harness.services.store.read { try await $0.db.raw(sql).first()?.decode(column: "n", as: Int64.self) } ?? -1
    }

    @Test(arguments: TestDatabase.available) func theDirectoryListsEveryOrganisationFiltersByKindAndShowsAllForAnUnknownKind(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let vinnytsia = try await harness.city("vinnytsia").id, zhmerynka = try await harness.city("zhmerynka").id
            let now = harness.clock.now()
            try await harness.services.store.write { tx in
                try await tx.organisations.save(
                    Self.organisation("food", city: vinnytsia, kind: .cluster, name: "Харчовий кластер", now: now,
                                      location: Location(latitude: 49.233, longitude: 28.468)), at: now)
                try await tx.organisations.save(Self.organisation("club", city: vinnytsia, kind: .club, name: "Четвергові зустрічі", now: now), at: now)
                try await tx.organisations.save(
                    Self.organisation("bakery", city: vinnytsia, kind: .socialEnterprise, name: "Пекарня добра", now: now, mission: "Робота для ветеранів"),
                    at: now)
                try await tx.organisations.save(Self.organisation("other", city: zhmerynka, kind: .cluster, name: "Жмеринський кластер", now: now), at: now)
            }
            var visitor = Browser(client)
            let all = try await visitor.get("/vinnytsia/business/directory")
            #expect(all.status == .ok && all.body.contains("Харчовий кластер") && all.body.contains("Четвергові зустрічі") && all.body.contains("Пекарня добра"))
            #expect(all.body.contains(#"href="/vinnytsia/business/directory/food""#) && all.body.contains("Соціальне підприємство"))
            #expect(all.body.contains("data-map") && all.body.contains("28.468") && !all.body.contains("Жмеринський кластер"))
            let clusters = try await visitor.get("/vinnytsia/business/directory?kind=cluster")
            #expect(clusters.status == .ok && clusters.body.contains("Харчовий кластер"))
            #expect(!clusters.body.contains("Четвергові зустрічі") && !clusters.body.contains("Пекарня добра"))
            for bad in ["nonsense", "", "%3Cscript%3E", "cluster%00"] {
                let page = try await visitor.get("/vinnytsia/business/directory?kind=\(bad)")
                #expect(page.status == .ok && page.body.contains("Четвергові зустрічі") && page.body.contains("Харчовий кластер"))
            }
            // The module's home links each organisation and the whole directory.
            let home = try await visitor.get("/vinnytsia/business")
            #expect(home.body.contains(#"href="/vinnytsia/business/directory/club""#) && home.body.contains(#"href="/vinnytsia/business/directory""#))
            // Another city's organisation is not this city's.
            #expect(try await visitor.get("/vinnytsia/business/directory/other").status == .notFound)
            #expect(try await visitor.get("/vinnytsia/business/directory/nothing").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available) func theProfileShowsOnlyPublishedContactsAndMembersByTheirBusinessNever(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let cluster = try await Self.clusterWithAdmin(harness)
            let andrii = try #require(try await harness.account("andrii@demo.hromada.ua")).id
            _ = try await harness.services.store.write {
                try await $0.organisations.requestMembership(of: andrii, in: cluster.id, businessName: "ФОП Коваленко", at: harness.clock.now())
            }
            let olena = try #require(try await harness.account("olena@demo.hromada.ua"))
            var visitor = Browser(client)
            let page = try await visitor.get("/vinnytsia/business/directory/food")
            #expect(page.status == .ok && page.body.contains("Подільський харчовий кластер") && page.body.contains("+380 43 255 12 34"))
            #expect(page.body.contains(#"href="https://food.example""#) && page.body.contains("ТОВ Кульбабка"))
            // Not published: no e-mail, no person's name or account; a request that waits is nobody's member yet.
            #expect(!page.body.contains("mailto:") && !page.body.contains("olena@demo") && !page.body.contains(olena.fullName))
            #expect(!page.body.contains(olena.id.rawValue) && !page.body.contains(andrii.rawValue) && !page.body.contains("ФОП Коваленко"))
            #expect(page.body.contains("Увійдіть, щоб попросити приєднатися") && page.body.contains("data-map"))
            // In English, the description is the English one.
            var english = Browser(client)
            _ = try await english.get("/en")
            #expect(try await english.get("/vinnytsia/business/directory/food").body.contains("About Подільський харчовий кластер"))
        }
    }

    @Test(arguments: TestDatabase.available) func aPersonAsksToJoinTheAdminAcceptsAndTheyAreListedAsAMember(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            _ = try await Self.clusterWithAdmin(harness)
            let profile = "/vinnytsia/business/directory/food"
            var andrii = Browser(client)
            try await andrii.signIn("andrii@demo.hromada.ua", Self.residentPassword)
            #expect(try await andrii.get(profile).body.contains(#"name="businessName""#))
            let short = try await andrii.post(profile + "/join", [("businessName", "Ф")])
            #expect(short.status == .unprocessableContent && short.body.contains("Назва бізнесу — від 2 до 200 символів.") && short.body.contains(#"value="Ф""#))
            #expect(try await andrii.post(profile + "/join", [("businessName", "ФОП Коваленко")]).location == profile)
            #expect(try await andrii.get(profile).body.contains("чекає на рішення"))
            // Only the organisation's admin manages it.
            #expect(try await andrii.get(profile + "/manage").status == .notFound)
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", Self.residentPassword)
            let manage = try await olena.get(profile + "/manage")
            #expect(manage.status == .ok && manage.body.contains("ФОП Коваленко") && manage.body.contains(#"value="accept""#))
            let handle = try Self.handle(of: "ФОП Коваленко", in: manage.body)
            #expect(try await olena.post(profile + "/manage/members", [("member", handle), ("step", "accept")]).location == profile + "/manage")
            let after = try await andrii.get(profile)
            #expect(after.body.contains("<li>ФОП Коваленко</li>") && after.body.contains("Ви учасник цієї організації."))
            // A step the member's state does not allow changes nothing.
            let again = try await olena.post(profile + "/manage/members", [("member", handle), ("step", "accept")])
            #expect(again.status == .conflict && again.body.contains("Цей крок зараз неможливий"))
            // The member leaves, and is listed no more.
            _ = try await andrii.get(profile)
            #expect(try await andrii.post(profile + "/leave", []).location == profile)
            #expect(!(try await andrii.get(profile).body.contains("<li>ФОП Коваленко</li>")))
            let moves = try await harness.services.store.read { try await $0.audit.recentEntries(in: nil, limit: 50) }
                .filter { $0.action == AuditAction.businessMembershipMoved || $0.action == AuditAction.businessMembershipRequested }
            #expect(moves.count == 3 && moves.allSatisfy { $0.subject == "food" })
        }
    }

    @Test(arguments: TestDatabase.available) func aSecondRequestWhileOneWaitsIsRefusedWithTheNameKept(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            _ = try await Self.clusterWithAdmin(harness)
            let profile = "/vinnytsia/business/directory/food"
            var andrii = Browser(client)
            try await andrii.signIn("andrii@demo.hromada.ua", Self.residentPassword)
            _ = try await andrii.get(profile)
            #expect(try await andrii.post(profile + "/join", [("businessName", "ФОП Коваленко")]).location == profile)
            let second = try await andrii.post(profile + "/join", [("businessName", "ТОВ Друга справа")])
            #expect(second.status == .conflict && second.body.contains("Ваш запит на вступ уже чекає на рішення адміністратора організації."))
            #expect(second.body.contains(#"value="ТОВ Друга справа""#))
            let kept = try await harness.services.store.read { try await $0.organisations.memberships(of: OrganisationID(rawValue: "food")) }
            #expect(Set(kept.map(\.businessName)) == ["ТОВ Кульбабка", "ФОП Коваленко"] && kept.count == 2)
        }
    }

    @Test(arguments: TestDatabase.available) func someoneWhoIsNotTheOrganisationsAdminFindsNoManagePage(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let cluster = try await Self.clusterWithAdmin(harness)
            let andrii = try #require(try await harness.account("andrii@demo.hromada.ua")).id
            try await harness.services.store.write { tx in
                _ = try await tx.organisations.requestMembership(of: andrii, in: cluster.id, businessName: "ФОП Коваленко", at: harness.clock.now())
                try await tx.organisations.move(andrii, in: cluster.id, to: .member, at: harness.clock.now())
            }
            let manage = "/vinnytsia/business/directory/food/manage"
            var member = Browser(client)
            try await member.signIn("andrii@demo.hromada.ua", Self.residentPassword)
            #expect(try await member.get(manage).status == .notFound)
            #expect(try await member.post(manage + "/posts", [("title", "Новина від чужого"), ("body", "Текст")]).status == .notFound)
            let handle = DirectoryService(services: harness.services).handle(of: andrii, in: cluster.id)
            #expect(try await member.post(manage + "/members", [("member", handle), ("step", "make_admin")]).status == .notFound)
            // City staff are not the organisation's admins either.
            var staff = Browser(client)
            try await staff.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            #expect(try await staff.get(manage).status == .notFound)
            #expect(try await harness.services.store.read { try await $0.organisations.membership(of: andrii, in: cluster.id) }?.state == .member)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM business_posts", harness) == 0)
        }
    }

    @Test(arguments: TestDatabase.available) func theLastAdminCannotLeaveOrStepDown(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let cluster = try await Self.clusterWithAdmin(harness)
            let profile = "/vinnytsia/business/directory/food"
            let olenaID = try #require(try await harness.account("olena@demo.hromada.ua")).id
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", Self.residentPassword)
            _ = try await olena.get(profile)
            let leave = try await olena.post(profile + "/leave", [])
            #expect(leave.status == .conflict && leave.body.contains("Останній адміністратор не може вийти"))
            let manage = try await olena.get(profile + "/manage")
            #expect(!manage.body.contains(#"value="step_down""#) && !manage.body.contains(#"value="remove""#))
            let own = DirectoryService(services: harness.services).handle(of: olenaID, in: cluster.id)
            let down = try await olena.post(profile + "/manage/members", [("member", own), ("step", "step_down")])
            #expect(down.status == .conflict && down.body.contains("Останній адміністратор"))
            #expect(try await harness.services.store.read { try await $0.organisations.membership(of: olenaID, in: cluster.id) }?.state == .admin)
            // With a second admin she may go.
            let andrii = try #require(try await harness.account("andrii@demo.hromada.ua")).id
            try await harness.services.store.write { try await $0.organisations.appoint(andrii, to: cluster.id, businessName: "ФОП Коваленко", at: harness.clock.now()) }
            _ = try await olena.get(profile)
            #expect(try await olena.post(profile + "/leave", []).location == profile)
            #expect(try await harness.services.store.read { try await $0.organisations.membership(of: olenaID, in: cluster.id) }?.state == .left)
            // The store keeps the rule too: the one admin left cannot step down.
            #expect(try await harness.services.store.write { try await $0.organisations.move(andrii, in: cluster.id, to: .member, at: harness.clock.now()) } == false)
        }
    }

    @Test(arguments: TestDatabase.available) func twoHundredJoinRequestsAtOnceByOnePersonLeaveOneRequest(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, _ in
            let cluster = try await Self.clusterWithAdmin(harness)
            let city = try await harness.city("vinnytsia")
            let andrii = try #require(try await harness.account("andrii@demo.hromada.ua")).id
            let service = DirectoryService(services: harness.services)
            let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        do {
                            try await service.requestToJoin(cluster, businessName: "ФОП Коваленко \(index)", city: city, by: andrii)
                            return true
                        } catch AppError.conflict(code: "business_organisation_request_pending") {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(accepted == 1)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM business_memberships WHERE state = 'requested'", harness) == 1)
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: nil, limit: 500) }
            #expect(entries.filter { $0.action == AuditAction.businessMembershipRequested }.count == 1)
        }
    }

    @Test(arguments: TestDatabase.available) func staffCreatingWithABadCodeAndAScriptSiteSeeEachErrorBesideItsFieldAndNothingIsSaved(
        _ database: TestDatabase
    ) async throws {
        try await BusinessFixture.run(database) { harness, client in
            var staff = Browser(client)
            try await staff.signIn("vinnytsia.moderator@demo.hromada.ua", "moderator-demo-2026")
            let list = "/vinnytsia/admin/business/directory"
            #expect(try await staff.get(list).status == .ok)
            var fields: [(String, String)] = [
                ("kind", "social_enterprise"), ("name", "Пекарня добра"), ("englishName", ""), ("descriptionUk", "Хліб і робота"), ("descriptionEn", ""),
                ("mission", "Робота для ветеранів"), ("code", "12345679"), ("address", "вул. Соборна, 1"), ("phone", "+380 43 255 12 34"),
                ("website", "javascript:alert(1)"), ("email", ""), ("latitude", "49,23"), ("longitude", "28.47"),
            ]
            let refused = try await staff.post(list, fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains(#"<p class="error" id="code-error">Код ЄДРПОУ не проходить перевірку контрольної цифри"#))
            #expect(refused.body.contains(#"<p class="error" id="website-error">Сайт — адреса, що починається з https:// або http://.</p>"#))
            #expect(refused.body.contains(#"value="12345679""#) && refused.body.contains(#"value="javascript:alert(1)""#) && refused.body.contains("Робота для ветеранів"))
            #expect(!refused.body.contains(#"href="javascript:"#) && !refused.body.contains(#"id="name-error""#))
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM business_organisations", harness) == 0)
            // A place out of range is said beside it.
            fields[6] = ("code", "32855961")
            fields[9] = ("website", "https://bakery.example")
            fields[11] = ("latitude", "91")
            let place = try await staff.post(list, fields)
            #expect(place.status == .unprocessableContent && place.body.contains(#"id="latitude-error""#))
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM business_organisations", harness) == 0)
            fields[11] = ("latitude", "49,23")
            let saved = try await staff.post(list, fields)
            let location = try #require(saved.location)
            #expect(saved.status == .seeOther && location.hasPrefix(list + "/"))
            let vinnytsia = try await harness.city("vinnytsia").id
            let stored = try #require(try await harness.services.store.read { try await $0.organisations.organisations(in: vinnytsia) }.first)
            #expect(stored.code == "32855961" && stored.location?.latitude == 49.23 && stored.contacts.email == nil && stored.kind == .socialEnterprise)
            // The first admin is appointed by e-mail; an address without an account is said so.
            _ = try await staff.get(location)
            let nobody = try await staff.post(location + "/admins", [("adminEmail", "nobody@example.com"), ("adminBusinessName", "")])
            #expect(nobody.status == .unprocessableContent && nobody.body.contains("Облікового запису з такою адресою немає"))
            #expect(nobody.body.contains(#"value="nobody@example.com""#))
            #expect(try await staff.post(location + "/admins", [("adminEmail", "Olena@demo.hromada.ua"), ("adminBusinessName", "")]).location == location)
            let olena = try #require(try await harness.account("olena@demo.hromada.ua")).id
            #expect(try await harness.services.store.read { try await $0.organisations.membership(of: olena, in: stored.id) }?.state == .admin)
            let actions = try await harness.services.store.read { try await $0.audit.recentEntries(in: nil, limit: 50) }.map(\.action)
            #expect(actions.contains(AuditAction.businessOrganisationSaved) && actions.contains(AuditAction.businessOrganisationAdminAppointed))
            // The public profile shows the mission of a social enterprise.
            let profile = try await staff.get("/vinnytsia/business/directory/\(stored.id.rawValue)")
            #expect(profile.body.contains("Соціальна місія") && profile.body.contains("Робота для ветеранів") && profile.body.contains("вул. Соборна, 1"))
        }
    }

    @Test(arguments: TestDatabase.available) func aModeratorOfAnotherCityFindsNoStaffPages(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let cluster = try await Self.clusterWithAdmin(harness)
            try await harness.makeAccount("zh.moderator@example.com", role: .moderator, in: "zhmerynka")
            var other = Browser(client)
            try await other.signIn("zh.moderator@example.com")
            #expect(try await other.get("/zhmerynka/admin/business/directory").status == .ok)
            let list = "/vinnytsia/admin/business/directory"
            #expect(try await other.get(list).status == .notFound)
            #expect(try await other.get("\(list)/\(cluster.id.rawValue)").status == .notFound)
            #expect(try await other.post(list, [("kind", "club"), ("name", "Чужий клуб")]).status == .notFound)
            #expect(try await other.post("\(list)/\(cluster.id.rawValue)/admins", [("adminEmail", "zh.moderator@example.com")]).status == .notFound)
            // Its own city's list does not reach another city's organisation either.
            #expect(try await other.get("/zhmerynka/admin/business/directory/\(cluster.id.rawValue)").status == .notFound)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM business_organisations", harness) == 1)
        }
    }

    @Test(arguments: TestDatabase.available) func newsAppearsOnTheProfileNewestFirstAndAsText(_ database: TestDatabase) async throws {
        try await BusinessFixture.run(database) { harness, client in
            let city = try await harness.city("vinnytsia").id, now = harness.clock.now()
            _ = try await Self.clusterWithAdmin(harness)
            let bakery = Self.organisation("bakery", city: city, kind: .socialEnterprise, name: "Пекарня добра", now: now, mission: "Робота для ветеранів")
            let olenaID = try #require(try await harness.account("olena@demo.hromada.ua")).id
            try await harness.services.store.write { tx in
                try await tx.organisations.save(bakery, at: now)
                try await tx.organisations.appoint(olenaID, to: bakery.id, businessName: "ТОВ Кульбабка", at: now)
            }
            let profile = "/vinnytsia/business/directory/food"
            var olena = Browser(client)
            try await olena.signIn("olena@demo.hromada.ua", Self.residentPassword)
            _ = try await olena.get(profile + "/manage")
            let short = try await olena.post(profile + "/manage/posts", [("title", "Ой"), ("body", "Текст лишається")])
            #expect(short.status == .unprocessableContent && short.body.contains(#"id="title-error""#) && short.body.contains("Текст лишається"))
            #expect(try await olena.post(profile + "/manage/posts", [("title", "Перша новина"), ("body", "Старе")]).location == profile)
            harness.clock.advance(by: 60)
            _ = try await olena.get(profile + "/manage")
            #expect(try await olena.post(profile + "/manage/posts", [
                ("title", "<script>alert(1)</script>"), ("body", "Рядок <b>жирний</b>\n\nДругий абзац"),
            ]).location == profile)
            var visitor = Browser(client)
            let page = try await visitor.get(profile)
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.body.contains("<script>alert(1)"))
            #expect(page.body.contains("Рядок &lt;b&gt;жирний&lt;/b&gt;") && page.body.contains("Другий абзац"))
            let newest = try #require(page.body.range(of: "&lt;script&gt;")), oldest = try #require(page.body.range(of: "Перша новина"))
            #expect(newest.lowerBound < oldest.lowerBound)
            // A cluster reports no impact; a social enterprise's impact reports have their own section.
            #expect(!page.body.contains("Звіти про соціальний вплив"))
            let bakeryPage = "/vinnytsia/business/directory/bakery"
            _ = try await olena.get(bakeryPage + "/manage")
            #expect(try await olena.post(bakeryPage + "/manage/posts", [
                ("title", "Звіт за квартал"), ("body", "Працевлаштовано 12 ветеранів."), ("impact", "1"),
            ]).location == bakeryPage)
            let report = try await visitor.get(bakeryPage)
            let section = try #require(report.body.range(of: "Звіти про соціальний вплив")), news = try #require(report.body.range(of: "id=\"news-heading\""))
            let item = try #require(report.body.range(of: "Працевлаштовано 12 ветеранів."))
            #expect(section.upperBound < item.lowerBound && item.lowerBound < news.lowerBound)
            #expect(try await harness.services.store.read { try await $0.organisations.posts(of: bakery.id) }.map(\.kind) == [.impact])
        }
    }
}
