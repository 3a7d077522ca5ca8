import Foundation
import HromadaDomain
import Hummingbird
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// A module added as a folder (`ToyModule/`) plus one registry line appears
/// everywhere the platform lists modules, with no other edit (issue 14).
@Suite struct ToyModuleTests {
    /// The one line.
    static let registry = ModuleRegistry(ModuleRegistry.standard.modules + [ToyModule()])

    @Test(arguments: TestDatabase.available) func aModuleAddedAsAFolderAndOneLineAppearsEverywhere(_ database: TestDatabase) async throws {
        try await WebHarness.run(database, modules: Self.registry) { harness, client in
            var visitor = Browser(client)
            let home = try await visitor.get("/vinnytsia")
            #expect(home.body.contains(#"href="/vinnytsia/toy""#) && home.body.contains("Іграшковий модуль"))
            let page = try await visitor.get("/vinnytsia/toy")
            #expect(page.status == .ok && page.body.contains("<h1>Іграшки</h1>") && page.body.contains("Вінниця"))
            let (api, toys) = try await client.json(.get, "/api/v1/vinnytsia/toy")
            #expect(api == .ok && toys["city"] as? String == "vinnytsia")

            var admin = Browser(client)
            try await admin.signIn("vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let settings = try await admin.get("/vinnytsia/admin/settings")
            #expect(settings.body.contains(#"value="toy""#) && settings.body.contains("Іграшковий модуль"))
            let desk = try await admin.get("/vinnytsia/admin")
            #expect(desk.body.contains(#"<option value="toy.tend">Доглядати іграшки</option>"#), "its capability is offered")
            #expect(desk.body.contains(#"href="/vinnytsia/toy""#) && desk.body.contains("Іграшки громади"), "its staff link")
            #expect(try await harness.principal("vinnytsia.admin@demo.hromada.ua").may(Capability("toy.tend"), in: try await harness.city("vinnytsia").id))

            let (status, document) = try await client.json(.get, "/api/openapi.json")
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(status == .ok && paths["/api/v1/{city}/toy"] != nil && paths["/api/v1/{city}/budgets"] != nil)
            #expect(((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?["Toys"] != nil)

            // Its switch works like any module's.
            let token = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let (off, body) = try await client.json(.patch, "/api/v1/vinnytsia/settings", body: #"{"enabledModules": ["budgets", "petitions", "auctions"]}"#, token: token)
            #expect(off == .ok && body["availableModules"] as? [String] == ["budgets", "petitions", "auctions", "toy"])
            #expect(try await visitor.get("/vinnytsia/toy").status == .notFound)
            #expect(try await client.json(.get, "/api/v1/vinnytsia/toy").0 == .notFound)
            #expect(!(try await visitor.get("/vinnytsia").body.contains("/vinnytsia/toy")))
        }
    }

    @Test func twoModulesDefiningOneStringOrTemplateStopTheStart() throws {
        let twice = ModuleRegistry([ToyModule(), SecondToy()])
        #expect(throws: Localizer.DuplicateKey.self) { try twice.localizer() }
        #expect(throws: OpenAPIDocument.Conflict.self) { try twice.openAPIDocument() }
    }

    /// Another module that ships the toy's folder under its own slug.
    struct SecondToy: Module {
        var slug: ModuleSlug { ModuleSlug(rawValue: "second-toy") }
        func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {}
        var resources: URL? { ToyModule().resources }
    }
}
