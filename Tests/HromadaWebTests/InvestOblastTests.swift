import Foundation
import HromadaDomain
import HromadaStore
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Invest
import HromadaModules

/// The oblast's investment passport: figures from its cities, each saying
/// how, and its own figures, imported only by those the oblast granted
/// `oblast.edit_passport` (a city's admin is nobody there).
@Suite struct InvestOblastTests {
    @Test(arguments: TestDatabase.available)
    func theOblastPassportAddsUpItsCitiesAndOnlyItsEditorsImport(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var visitor = Browser(client)
            _ = try await visitor.get("/en")
            let page = try await visitor.get("/oblast/vinnytska/invest")
            #expect(page.status == .ok && page.body.contains("The sum of 4 cities") && page.body.contains("Population of the oblast"))
            let (status, body) = try await client.json(.get, "/api/v1/oblast/vinnytska/invest/passport")
            #expect(status == .ok && (body["cities"] as? [String])?.count == 4)
            let derived = try #require(body["derived"] as? [[String: Any]])
            let cities = try await harness.services.store.read { try await $0.municipalities.all() }
            let sites = try await harness.services.store.read {
                try await $0.invest.count(in: cities.map(\.id), matching: SiteSearch())
            }
            #expect(derived.first { $0["code"] as? String == "sites_on_offer" }?["value"] as? String == String(sites))
            #expect(try await visitor.get("/oblast/nowhere/invest").status == .notFound)

            let csv = Array("code,section,name_uk,name_en,unit,year,value,source\nexport.total,economy_wages,Експорт,Exports,usd_million,2023,1450.2,Держстат\n".utf8)
            var cityAdmin = Browser(client)
            try await cityAdmin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            _ = try await cityAdmin.get("/oblast/vinnytska/invest")
            #expect(try await cityAdmin.upload("/oblast/vinnytska/admin/invest/passport", [], file: ("file", "o.csv", "text/csv", csv)).status == .notFound)
            _ = try await harness.makeAccount("oblast.editor@example.com")
            let oblast = try #require(try await harness.services.store.read { try await $0.municipalities.oblast(slug: "vinnytska") })
            let editor = try await harness.services.store.read { try await $0.accounts.find(email: EmailAddress(rawValue: "oblast.editor@example.com")) }
            _ = try await harness.services.store.write {
                try await $0.oblastRoles.grant(.capability(.editOblastPassport), to: try #require(editor).id, in: oblast.id, by: nil, at: Date())
            }
            var oblastEditor = Browser(client)
            try await oblastEditor.signIn("oblast.editor@example.com")
            let form = try await oblastEditor.get("/oblast/vinnytska/invest")
            #expect(form.body.contains("/oblast/vinnytska/admin/invest/passport"))
            let imported = try await oblastEditor.upload("/oblast/vinnytska/admin/invest/passport", [], file: ("file", "o.csv", "text/csv", csv))
            #expect(imported.status == .ok && imported.body.contains("role=\"status\""))
            let own = try await harness.services.store.read { try await $0.invest.indicators(of: .oblast(oblast.id)) }
            #expect(own.contains { $0.code == "export.total" && $0.latest?.value == "1450.2" })
            #expect(try await harness.services.store.read { try await $0.invest.indicators(of: .city(cities[0].id)) }.contains { $0.code == "export.total" } == false)
        }
    }
}
