import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import HummingbirdTesting
import NIOCore
import Testing
@testable import HromadaWeb
import HromadaModules

/// A city's and an oblast's brand on the web (docs/brand.md): the staff
/// forms, who may use them, the pages that wear a brand, and its files.
@Suite struct BrandWebTests {
    static let form = "/vinnytsia/admin/brand"
    static let colours: [(String, String)] = [
        ("primary", "#1d4ed8"), ("onPrimary", "#ffffff"), ("link", "#1d4ed8"), ("background", "#ffffff"), ("text", "#1b1f24"),
        ("sloganUk", "Місто ідей"), ("sloganEn", "A city of ideas"),
    ]
    static let logo = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><title>Нове</title><rect width="8" height="8" fill="#1d4ed8"/></svg>"##

    static func cityAdmin(_ client: any TestClientProtocol) async throws -> Browser {
        var admin = Browser(client)
        try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
        _ = try await admin.get(form)
        return admin
    }

    func version(_ harness: WebHarness, _ owner: BrandOwner) async throws -> Int64? {
        try await harness.services.store.read { try await $0.brands.summary(of: owner) }?.version
    }

    func vinnytsia(_ harness: WebHarness) async throws -> BrandOwner { .city(try await harness.city("vinnytsia").id) }

    @Test func theDemoBrandsPassTheirOwnRules() throws {
        let city = try DemoBrands.vinnytsia(), oblast = try DemoBrands.oblast()
        #expect(city.logo != nil && oblast.logo != nil)
        #expect(city.colours.failingPairs.isEmpty && oblast.colours.failingPairs.isEmpty)
        #expect(city.sloganUK == "Вінниця — місто ідей" && city.sloganEN == "Vinnytsia — a city of ideas")
        #expect(city.colours.primary.hex == "#0f766e" && city.colours.link.hex == "#0b5d57" && oblast.colours.primary.hex == "#7a1f3d")
    }

    @Test func noModuleClaimsThePlatformsBrandSegment() {
        #expect(ModuleRegistry.platformSegments.contains("brand"))
        for module in ModuleRegistry.standard.modules { #expect(!module.pathSegments.contains("brand"), "\(module.slug.rawValue)") }
    }

    @Test(arguments: TestDatabase.available)
    func aCityAdminSavesABrandAndTheCitysPagesWearItWhileZhmerynkasDoNot(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let owner = try await vinnytsia(harness)
            #expect(try await version(harness, owner) == 1)
            var admin = try await Self.cityAdmin(client)
            let saved = try await admin.upload(Self.form, Self.colours, file: ("logo", "logo.svg", "image/svg+xml", Array(Self.logo.utf8)))
            #expect(saved.status == .seeOther && saved.location == "\(Self.form)?saved=1")
            #expect(try await version(harness, owner) == 2)
            var visitor = Browser(client)
            for path in ["/vinnytsia", "/vinnytsia/petitions", "/vinnytsia/brand"] {
                let page = try await visitor.get(path)
                #expect(page.body.contains(##"<link rel="stylesheet" href="/vinnytsia/brand.css?v=2">"##), "\(path)")
                #expect(page.body.contains(##"<img src="/vinnytsia/brand/logo.svg?v=2" alt="Вінниця" height="40">"##), "\(path)")
                #expect(page.body.contains("Місто ідей"), "\(path)")
                #expect(!page.body.contains("style="), "\(path)")
            }
            #expect(try await visitor.get("/vinnytsia?lang=en").body.contains("A city of ideas"))
            let css = try await visitor.get("/vinnytsia/brand.css?v=2")
            #expect(css.body.contains("--brand-primary:#1d4ed8") && css.body.contains("--brand-on-primary:#ffffff"))
            for path in ["/zhmerynka", "/zhmerynka/petitions"] {
                let page = try await visitor.get(path)
                #expect(!page.body.contains("brand.css") && !page.body.contains("brand-mark"), "\(path)")
            }
            #expect(try await visitor.get("/zhmerynka/brand.css").status == .notFound)
            // The entry names the city and the version, under the admin.
            let city = try await harness.city("vinnytsia").id
            let entries = try await harness.services.store.read { try await $0.audit.recentEntries(in: city, limit: 20) }
            #expect(entries.contains { $0.action == AuditAction.brandChanged && $0.details.contains(##""city":"vinnytsia""##) && $0.details.contains(##""version":"2""##) })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRefusedLogoShowsItsReasonBesideTheFieldAndSavesNothing(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let owner = try await vinnytsia(harness)
            var admin = try await Self.cityAdmin(client)
            let hostile = ##"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"##
            let page = try await admin.upload(Self.form, Self.colours, file: ("logo", "evil.svg", "image/svg+xml", Array(hostile.utf8)))
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(##"<p class="error" id="logo-error">Елемент &lt;script&gt; заборонено в логотипі"##))
            // What was typed is kept.
            #expect(page.body.contains(##"value="Місто ідей""##) && page.body.contains(##"value="#1d4ed8""##))
            #expect(try await version(harness, owner) == 1)
            let external = ##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><radialGradient xlink:href="http://evil.example/a#b"/></svg>"##
            let again = try await admin.upload(Self.form + "?lang=en", Self.colours, file: ("logo", "a.svg", "image/svg+xml", Array(external.utf8)))
            #expect(again.status == .unprocessableContent && again.body.contains("The attribute xlink:href may only point at an element of the same file"))
            #expect(try await version(harness, owner) == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFailingColourPairIsRefusedWithItsRatio(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let owner = try await vinnytsia(harness)
            var admin = try await Self.cityAdmin(client)
            var fields = Self.colours.filter { $0.0 != "onPrimary" && $0.0 != "primary" }
            fields += [("primary", "#ffffff"), ("onPrimary", "#777777")]
            let page = try await admin.post(Self.form, fields)
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(##"<p class="error" id="onPrimary-error">Замалий контраст (текст на основному кольорі (шапка, кнопки)): 4.48:1, потрібно щонайменше 4.5:1"##))
            #expect(page.body.contains(##"value="#777777""##))
            let typo = try await admin.post(Self.form, Self.colours.filter { $0.0 != "link" } + [("link", "blue")])
            #expect(typo.status == .unprocessableContent && typo.body.contains(##"id="link-error""##))
            #expect(try await version(harness, owner) == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theOblastAdminSetsTheOblastsBrandAndACityAdminMayNot(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let oblast = try #require(try await harness.services.store.read { try await $0.municipalities.oblast(slug: "vinnytska") })
            #expect(try await version(harness, .oblast(oblast.id)) == 1)
            var cityAdmin = try await Self.cityAdmin(client)
            #expect(try await cityAdmin.get("/oblast/vinnytska/admin/brand").status == .notFound)
            #expect(try await cityAdmin.post("/oblast/vinnytska/admin/brand", Self.colours).status == .notFound)
            var staff = Browser(client)
            try await staff.signIn("vinnytska.oblast@demo.hromada.ua", "vinnytska-demo-2026")
            #expect(try await staff.get("/oblast/vinnytska/admin/brand").status == .ok)
            let saved = try await staff.post("/oblast/vinnytska/admin/brand", Self.colours)
            #expect(saved.status == .seeOther)
            #expect(try await version(harness, .oblast(oblast.id)) == 2)
            var visitor = Browser(client)
            let page = try await visitor.get("/oblast/vinnytska")
            #expect(page.body.contains(##"href="/oblast/vinnytska/brand.css?v=2""##))
            // The oblast's grant gives nothing in its cities.
            #expect(try await staff.get(Self.form).status == .notFound)
            // An oblast's brand is not a city's: Жмеринка stays as it was.
            #expect(!(try await visitor.get("/zhmerynka").body.contains("brand.css")))
        }
    }

    @Test(arguments: TestDatabase.available)
    func withoutTheCapabilityOrInAnotherCityTheFormIsNotThere(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let owner = try await vinnytsia(harness)
            var moderator = try await Browser.vinnytsiaModerator(client)
            #expect(try await moderator.get(Self.form).status == .notFound)
            #expect(try await moderator.post(Self.form, Self.colours).status == .notFound)
            try await harness.makeAccount("zh.admin@example.com", role: .admin, in: "zhmerynka")
            var other = Browser(client)
            try await other.signIn("zh.admin@example.com")
            #expect(try await other.get("/zhmerynka/admin/brand").status == .ok)
            #expect(try await other.post(Self.form, Self.colours).status == .notFound)
            var stranger = Browser(client)
            #expect(try await stranger.get(Self.form).status == .unauthorized)
            // A capability granted alone is enough.
            let clerk = try await harness.makeAccount("brand.clerk@example.com")
            try await harness.services.roles.grant(.capability(.editBrand), to: clerk.id, in: try await harness.city("vinnytsia").id, by: nil)
            var designer = Browser(client)
            try await designer.signIn("brand.clerk@example.com")
            _ = try await designer.get(Self.form)
            #expect(try await designer.post(Self.form, Self.colours).status == .seeOther)
            #expect(try await version(harness, owner) == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func brandFilesAreCachedByVersionAndAnswerIfNoneMatch(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let css = try await client.execute(uri: "/vinnytsia/brand.css?v=1", method: .get)
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.headers[.cacheControl] == "public, max-age=31536000, immutable")
            let etag = try #require(css.headers[.eTag])
            let again = try await client.execute(uri: "/vinnytsia/brand.css?v=1", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified && again.body.readableBytes == 0)
            // Under no version (or an old one) it is checked every time.
            #expect(try await client.execute(uri: "/vinnytsia/brand.css", method: .get).headers[.cacheControl] == "public, no-cache")
            let logo = try await client.execute(uri: "/vinnytsia/brand/logo.svg?v=1", method: .get)
            #expect(logo.status == .ok && logo.headers[.contentType] == "image/svg+xml")
            #expect(logo.headers[.xContentTypeOptions] == "nosniff")
            #expect(logo.headers[.contentSecurityPolicy] == "default-src 'none'; style-src 'none'; sandbox")
            #expect(String(buffer: logo.body).contains("Вінниця"))
            // A page keeps the platform's policy.
            #expect(try await client.execute(uri: "/vinnytsia", method: .get).headers[.contentSecurityPolicy]?.contains("style-src 'self'") == true)
            #expect(try await client.execute(uri: "/vinnytsia/brand/font.woff2", method: .get).status == .notFound)
            let json = try await client.execute(uri: "/vinnytsia/brand.json", method: .get)
            #expect(String(buffer: json.body).contains(##""primary" : "#0f766e""##))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFontIsServedAsWOFF2AndDeclaredInTheStylesheet(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var admin = try await Self.cityAdmin(client)
            let font = Array("wOF2".utf8) + [UInt8](repeating: 1, count: 200)
            let saved = try await admin.upload(Self.form, Self.colours + [("fontFamily", "Ideas \"Sans\"")], file: ("font", "ideas.woff2", "font/woff2", font))
            #expect(saved.status == .seeOther)
            let css = String(buffer: try await client.execute(uri: "/vinnytsia/brand.css?v=2", method: .get).body)
            #expect(css.contains(##"@font-face{font-family:"Ideas Sans";src:url("/vinnytsia/brand/font.woff2?v=2") format("woff2")"##))
            let served = try await client.execute(uri: "/vinnytsia/brand/font.woff2?v=2", method: .get)
            #expect(served.headers[.contentType] == "font/woff2" && Array(served.body.readableBytesView) == font)
            let notFont = try await admin.upload(Self.form, Self.colours, file: ("font", "a.woff2", "font/woff2", Array("wOFF".utf8) + font))
            #expect(notFont.status == .unprocessableContent && notFont.body.contains(##"id="font-error""##))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theBrandPageShowsColoursRatiosAndDownloads(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var visitor = Browser(client)
            let page = try await visitor.get("/vinnytsia/brand")
            #expect(page.status == .ok)
            #expect(page.body.contains("<code>#0f766e</code>") && page.body.contains("5.47:1") && page.body.contains("Вінниця — місто ідей"))
            #expect(page.body.contains(##"href="/vinnytsia/brand/logo.svg?v=1" download="vinnytsia-logo.svg""##))
            let plain = try await visitor.get("/zhmerynka/brand")
            #expect(plain.status == .ok && plain.body.contains("Власного бренду ще немає") && plain.body.contains("<code>#0b57a4</code>"))
        }
    }
}
