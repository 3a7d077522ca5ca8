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
            #expect(off == .ok && body["availableModules"] as? [String] == ["budgets", "petitions", "auctions", "invest", "strategy", "waste", "business", "visit", "opendata", "toy"])
            #expect(try await visitor.get("/vinnytsia/toy").status == .notFound)
            #expect(try await client.json(.get, "/api/v1/vinnytsia/toy").0 == .notFound)
            #expect(!(try await visitor.get("/vinnytsia").body.contains("/vinnytsia/toy")))
        }
    }

    @Test func aModulesDeclaredDatasetIsListedLinkedAndDownloadedWithNoOtherEdit() async throws {
        try await WebHarness.run(modules: Self.registry) { _, client in
            let (status, list) = try await client.json(.get, "/api/v1/vinnytsia/open-data")
            let items = try #require(list["items"] as? [[String: Any]])
            let toys = try #require(items.first { $0["module"] as? String == "toy" })
            #expect(status == .ok && toys["dataset"] as? String == "toys" && toys["title"] as? String == "Іграшки громади")
            #expect(toys["moduleName"] as? String == "Іграшковий модуль" && toys["frequency"] as? String == "weekly")
            let fields = try #require(toys["fields"] as? [[String: Any]])
            #expect(fields.map { $0["name"] as? String ?? "" } == ["name", "count", "price", "boughtOn", "checkedAt", "broken", "colours", "city"])
            #expect(fields.map { $0["type"] as? String ?? "" } == ["text", "integer", "decimal", "date", "datetime", "boolean", "text", "text"])
            #expect(fields[2]["unit"] as? String == "UAH" && fields[2]["description"] as? String == "Ціна за одну, грн" && fields[6]["list"] as? Bool == true)
            let english = try #require(try await client.json(.get, "/api/v1/vinnytsia/open-data?lang=en").1["items"] as? [[String: Any]])
            #expect(english.first { $0["module"] as? String == "toy" }?["title"] as? String == "The city's toys")

            var visitor = Browser(client)
            let home = try await visitor.get("/vinnytsia")
            #expect(home.body.contains("Іграшки громади") && home.body.contains(#"href="/api/v1/vinnytsia/open-data/toy/toys.csv""#))
            #expect(home.body.contains(#"href="/api/v1/vinnytsia/open-data/toy/toys.json""#))

            let csv = try await client.execute(uri: "/api/v1/vinnytsia/open-data/toy/toys.csv", method: .get)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(String(buffer: csv.body) == "name,count,price,boughtOn,checkedAt,broken,colours,city\r\n"
                + "\"М'ячик, гумовий\",3,12.50,2026-05-01,2026-05-28T20:26:40Z,false,red blue,Вінниця\r\n"
                + "Дзиґа,1,-0.05,,,true,,Вінниця\r\n")
            let json = try await client.execute(uri: "/api/v1/vinnytsia/open-data/toy/toys.json", method: .get)
            #expect(json.status == .ok && json.headers[.contentType] == "application/json; charset=utf-8")
            #expect(String(buffer: json.body) == #"[{"boughtOn":"2026-05-01","broken":false,"checkedAt":"2026-05-28T20:26:40Z","city":"Вінниця","colours":["red","blue"],"#
                + #""count":3,"name":"М'ячик, гумовий","price":12.5},{"boughtOn":null,"broken":true,"checkedAt":null,"city":"Вінниця","colours":[],"#
                + #""count":1,"name":"Дзиґа","price":-0.05}]"#)

            // Its switch turns its dataset off as well.
            let token = try await apiToken(client, "vinnytsia.admin@demo.hromada.ua", "vinnytsia-demo-2026")
            let (off, _) = try await client.json(.patch, "/api/v1/vinnytsia/settings", body: #"{"enabledModules": ["budgets", "petitions", "auctions"]}"#, token: token)
            #expect(off == .ok)
            #expect(try await client.execute(uri: "/api/v1/vinnytsia/open-data/toy/toys.csv", method: .get).status == .notFound)
            let after = try #require(try await client.json(.get, "/api/v1/vinnytsia/open-data").1["items"] as? [[String: Any]])
            let homeAfter = try await visitor.get("/vinnytsia")
            #expect(!after.contains { $0["module"] as? String == "toy" } && !homeAfter.body.contains("/open-data/toy/"))
            #expect(try await client.execute(uri: "/api/v1/zhmerynka/open-data/toy/toys.csv", method: .get).status == .ok)
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
