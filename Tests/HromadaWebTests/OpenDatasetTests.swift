import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// The datasets modules declare (`Module.openDatasets`) and the platform
/// serves at `/api/v1/{city}/open-data…`: listed per city, downloaded from
/// the declaration, switched off with their module, and never showing what
/// the module keeps sealed. The tests whose SQL differs by database (every
/// dataset's query, the switch, a sealed lot's bidders) run on both; the
/// others on SQLite, as each PostgreSQL run seeds a demo of its own.
@Suite struct OpenDatasetTests {
    static let everyDataset = [
        "budgets/projects", "budgets/ballots", "budgets/editions", "budgets/delivery", "petitions/petitions", "petitions/signatures",
        "petitions/answers", "auctions/lots", "auctions/bids", "auctions/awards", "auctions/contracts", "auctions/property",
        "invest/sites", "invest/passport", "invest/enquiries", "strategy/documents", "strategy/nodes", "strategy/indicators",
        "waste/containers", "waste/fill-daily", "waste/collections", "business/calls", "business/recipients", "business/scores", "business/events",
        "business/organisations", "visit/certificates",
    ]

    func list(_ client: any TestClientProtocol, _ path: String) async throws -> [[String: Any]] {
        let (status, body) = try await client.json(.get, path)
        #expect(status == .ok, "\(path)")
        return try #require(body["items"] as? [[String: Any]])
    }

    func download(_ client: any TestClientProtocol, _ path: String) async throws -> (status: HTTPResponse.Status, type: String?, body: String) {
        let response = try await client.execute(uri: path, method: .get)
        return (response.status, response.headers[.contentType], String(buffer: response.body))
    }

    func rows(_ client: any TestClientProtocol, _ path: String) async throws -> [[String: Any]] {
        let response = try await client.execute(uri: path, method: .get)
        #expect(response.status == .ok, "\(path)")
        return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]], "\(path)")
    }

    // MARK: The list

    @Test func everyCityListsTheDatasetsOfItsModulesInTheReadersLanguage() async throws {
        try await WebHarness.run { harness, client in
            let items = try await list(client, "/api/v1/vinnytsia/open-data")
            #expect(items.map { "\($0["module"] as? String ?? "")/\($0["dataset"] as? String ?? "")" } == Self.everyDataset)
            let lots = try #require(items.first { $0["dataset"] as? String == "lots" })
            #expect(lots["title"] as? String == "Лоти аукціонів комунального майна" && lots["moduleName"] as? String == "Аукціони майна")
            #expect(lots["frequency"] as? String == "continuous")
            let downloads = try #require(lots["downloads"] as? [String: String])
            #expect(downloads["csv"]?.hasSuffix("/api/v1/vinnytsia/open-data/auctions/lots.csv") == true)
            #expect(downloads["json"]?.hasSuffix("/api/v1/vinnytsia/open-data/auctions/lots.json") == true)
            let fields = try #require(lots["fields"] as? [[String: Any]])
            let start = try #require(fields.first { $0["name"] as? String == "startValue" })
            #expect(start["type"] as? String == "decimal" && start["unit"] as? String == "UAH" && start["description"] as? String == "Стартова ціна, грн")
            #expect(start["list"] as? Bool == false)
            // Every title, description and field is real text in both languages, never a bare key.
            let english = try await list(client, "/api/v1/vinnytsia/open-data?lang=en")
            #expect(english.first { $0["dataset"] as? String == "petitions" }?["title"] as? String == "E-petitions")
            for (uk, en) in zip(items, english) {
                let texts = { (item: [String: Any]) -> [String] in
                    [item["title"], item["description"]].compactMap { $0 as? String }
                        + ((item["fields"] as? [[String: Any]]) ?? []).compactMap { $0["description"] as? String }
                }
                #expect(texts(uk).count == texts(en).count && texts(uk).count >= 6)
                #expect(!texts(uk).contains { $0.hasPrefix("open_data.") } && !texts(en).contains { $0.hasPrefix("open_data.") })
                #expect(texts(uk) != texts(en), "\(uk["dataset"] ?? "") is translated")
            }
            let ballots = try #require(items.first { $0["dataset"] as? String == "ballots" })
            #expect(ballots["frequency"] as? String == "per_edition")
            #expect((ballots["fields"] as? [[String: Any]])?.first { $0["name"] as? String == "projects" }?["list"] as? Bool == true)
            #expect(try await client.json(.get, "/api/v1/kyiv/open-data").0 == .notFound)
        }
    }

    @Test func everyDeclaredDatasetIsDescribedInBothLanguages() throws {
        let registry = ModuleRegistry(ModuleRegistry.standard.modules + [ToyModule()])
        let localizer = try registry.localizer()
        for module in registry.modules {
            for dataset in module.openDatasets {
                #expect(dataset.problem == nil, "\(module.slug.rawValue)/\(dataset.slug)")
                for key in [dataset.titleKey, dataset.descriptionKey] + dataset.fields.map(\.descriptionKey) {
                    #expect(localizer.keys(.uk).contains(key) && localizer.keys(.en).contains(key), "\(key)")
                }
                #expect(localizer.string(dataset.titleKey, .uk) != localizer.string(dataset.titleKey, .en))
            }
        }
        for frequency in OpenDataFrequency.allCases {
            #expect(localizer.keys(.uk).contains("open_data.frequency.\(frequency.rawValue)") && localizer.keys(.en).contains("open_data.frequency.\(frequency.rawValue)"))
        }
    }

    // MARK: The files

    @Test(arguments: TestDatabase.available)
    func eachDatasetDownloadsAsCSVAndTypedJSONFromItsDeclaration(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            for item in try await list(client, "/api/v1/vinnytsia/open-data") {
                let module = try #require(item["module"] as? String), dataset = try #require(item["dataset"] as? String)
                let fields = try #require(item["fields"] as? [[String: Any]])
                let names = fields.compactMap { $0["name"] as? String }
                let path = "/api/v1/vinnytsia/open-data/\(module)/\(dataset)"
                let csv = try await download(client, path + ".csv")
                #expect(csv.status == .ok && csv.type == "text/csv; charset=utf-8", "\(path)")
                #expect(csv.body.hasPrefix(names.joined(separator: ",") + "\r\n"), "\(path): the header is the declared fields")
                let json = try await rows(client, path + ".json")
                #expect(!json.isEmpty, "\(path) has rows in the demo")
                for row in json {
                    #expect(Set(row.keys) == Set(names), "\(path): every field, always")
                    for field in fields {
                        let name = field["name"] as? String ?? "", value = row[name]
                        if value is NSNull { continue }
                        if field["list"] as? Bool == true { #expect(value is [Any], "\(path).\(name)"); continue }
                        switch field["type"] as? String {
                        case "integer", "decimal": #expect(value is NSNumber && !(value is String), "\(path).\(name) is a number")
                        case "boolean": #expect(value is Bool, "\(path).\(name)")
                        case "datetime": #expect((value as? String).flatMap { ISO8601DateFormatter().date(from: $0) } != nil, "\(path).\(name)")
                        default: #expect(value is String, "\(path).\(name)")
                        }
                    }
                }
                // The module's own path makes the same CSV from the same declaration.
                if module != "budgets" {
                    #expect(try await download(client, "/api/v1/vinnytsia/\(module)/open-data/\(dataset).csv").body == csv.body, "\(path)")
                }
            }
            // Budgets: every edition whose results are out, each row naming it; an
            // edition's own files are its rows, the ballots without the edition column.
            let demo = try await DemoBudgets(harness)
            let edition = demo.past.id.rawValue
            let projects = try await download(client, "/api/v1/vinnytsia/open-data/budgets/projects.csv")
            let own = try await download(client, "/api/v1/vinnytsia/budgets/\(edition)/open-data/projects.csv")
            #expect(own.body.split(separator: "\r\n").dropFirst().allSatisfy { projects.body.contains($0 + "\r\n") })
            let ballots = try await download(client, "/api/v1/vinnytsia/open-data/budgets/ballots.csv")
            let ownBallots = try await download(client, "/api/v1/vinnytsia/budgets/\(edition)/open-data/ballots.csv")
            #expect(ownBallots.body.hasPrefix("receipt,projects,points,channel,ageGroup\r\n"))
            #expect(ownBallots.body.split(separator: "\r\n").dropFirst().allSatisfy { ballots.body.contains("\(edition),\($0)\r\n") })
            #expect(ballots.body.split(separator: "\r\n").count == ownBallots.body.split(separator: "\r\n").count)
        }
    }

    @Test func theModulesOwnPathsKeepTheJSONTheyAlwaysWrote() async throws {
        try await WebHarness.run { harness, client in
            let (_, lot) = try await AuctionServiceTests().announce(harness)
            // The old file: money as text, the unknown bidder count left out.
            let old = try await rows(client, "/api/v1/vinnytsia/auctions/open-data/lots.json").first { $0["lotId"] as? String == lot.id.rawValue }
            #expect(old?["startValue"] as? String == "10000.00" && old?.keys.contains("bidders") == false)
            // The platform's file: typed, every field there.
            let typed = try await rows(client, "/api/v1/vinnytsia/open-data/auctions/lots.json").first { $0["lotId"] as? String == lot.id.rawValue }
            #expect((typed?["startValue"] as? NSNumber)?.doubleValue == 10_000 && typed?["bidders"] is NSNull)
            // Unanswered petitions: an empty time in the old file, null in the new.
            let petition = try #require(try await rows(client, "/api/v1/vinnytsia/petitions/open-data/petitions.json").first { $0["answeredAt"] as? String == "" })
            let id = try #require(petition["petitionId"] as? String)
            #expect(try await rows(client, "/api/v1/vinnytsia/open-data/petitions/petitions.json").first { $0["petitionId"] as? String == id }?["answeredAt"] is NSNull)
            let saved = try await client.execute(uri: "/api/v1/vinnytsia/open-data/petitions/signatures.csv", method: .get)
            #expect(saved.headers[.contentDisposition] == #"attachment; filename="vinnytsia-petitions-signatures.csv""#)
        }
    }

    @Test func unknownModulesDatasetsAndFormatsAre404() async throws {
        try await WebHarness.run { _, client in
            for path in ["/api/v1/vinnytsia/open-data/casino/lots.csv", "/api/v1/vinnytsia/open-data/auctions/secrets.csv",
                         "/api/v1/vinnytsia/open-data/auctions/lots.xml", "/api/v1/vinnytsia/open-data/auctions/lots",
                         "/api/v1/vinnytsia/open-data/auctions/.csv", "/api/v1/kyiv/open-data/auctions/lots.csv",
                         "/api/v1/vinnytsia/open-data/budgets/projects.csv.json"] {
                let (status, body) = try await client.json(.get, path)
                #expect(status == .notFound && errorCode(body) == "not_found", "\(path)")
            }
        }
    }

    // MARK: The module switch

    @Test func theOpenDataPathsBelongToTheModuleTheyName() {
        let registry = ModuleRegistry.standard
        #expect(registry.owner(ofEndpoint: "/api/v1/{city}/open-data/{module}/{file}", module: "auctions") == .auctions)
        #expect(registry.owner(ofEndpoint: "/api/v1/{city}/open-data/{module}/{file}", module: "budgets") == .budgets)
        #expect(registry.owner(ofEndpoint: "/api/v1/{city}/open-data/{module}/{file}", module: "casino") == nil)
        #expect(registry.owner(ofEndpoint: "/api/v1/{city}/open-data/{module}/{file}") == nil)
        #expect(registry.owner(ofEndpoint: "/api/v1/{city}/open-data") == nil)
        #expect(registry.owner(ofEndpoint: "/api/v1/{city}/auctions/open-data/{file}") == .auctions)
        #expect(registry.owner(ofEndpoint: "/api/v1/{city}/property", module: "budgets") == .auctions, "only the open-data paths read {module}")
    }

    @Test(arguments: TestDatabase.available)
    func aCityThatSwitchesAuctionsOffAnswers404OnTheirDatasetsWhileAnotherCityServesThem(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let generic = ["lots.csv", "lots.json", "bids.csv", "awards.json"].map { "/open-data/auctions/\($0)" }
            for file in generic { #expect(try await download(client, "/api/v1/zhmerynka" + file).status == .ok, "\(file) before") }
            let admin = try await apiToken(client, "zhmerynka.admin@demo.hromada.ua", "zhmerynka-demo-2026")
            let (off, _) = try await client.json(.patch, "/api/v1/zhmerynka/settings", body: #"{"enabledModules": ["budgets", "petitions"]}"#, token: admin)
            #expect(off == .ok)
            for file in generic {
                #expect(try await download(client, "/api/v1/zhmerynka" + file).status == .notFound, "\(file) in Жмеринка")
                #expect(try await download(client, "/api/v1/vinnytsia" + file).status == .ok, "\(file) in Вінниця")
            }
            #expect(try await download(client, "/api/v1/zhmerynka/open-data/petitions/petitions.csv").status == .ok)
            let listed = try await list(client, "/api/v1/zhmerynka/open-data").compactMap { $0["module"] as? String }
            #expect(!listed.contains("auctions") && listed.contains("petitions"))
            var visitor = Browser(client)
            let home = try await visitor.get("/zhmerynka")
            #expect(!home.body.contains("/open-data/auctions/") && home.body.contains("/api/v1/zhmerynka/open-data/petitions/petitions.csv"))
        }
    }

    // MARK: What stays sealed

    @Test(arguments: TestDatabase.available)
    func aClosedBidNeverAppearsThroughTheGenericPathBeforeItsAuctionEnds(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let setup = AuctionServiceTests()
            let (city, lot) = try await setup.announce(harness)
            let auctions = harness.services.auctions
            let admin = try await PetitionFixture.principal(harness, "vinnytsia.admin@demo.hromada.ua")
            let ivan = try await setup.resident(harness, "ivan", in: city), petro = try await setup.resident(harness, "petro", in: city)
            _ = try await auctions.submitBid(lot.id, amount: Money(kopiyky: 1_012_345), legalEntityCode: nil, city: city, by: ivan)
            _ = try await auctions.submitBid(lot.id, amount: Money(kopiyky: 1_123_456), legalEntityCode: "12345678", city: city, by: petro)
            for bidder in try await harness.services.store.read({ try await $0.auctions.bidders(of: lot.id) }) {
                try await auctions.recordPayments(lot.id, bidder: bidder.id, guarantee: "ПН-1", fee: "РВ-1", city: city, by: admin)
            }
            // Bidding, then the auction running: the lot is listed, its bids are not, in any file.
            for _ in 0..<2 {
                for file in ["lots.csv", "lots.json", "bids.csv", "bids.json", "awards.csv", "awards.json"] {
                    let body = try await download(client, "/api/v1/vinnytsia/open-data/auctions/\(file)").body
                    #expect(!body.contains("10123.45") && !body.contains("11234.56") && !body.contains("12345678"), "\(file) leaks a closed bid")
                    #expect(body.contains(lot.id.rawValue) == file.hasPrefix("lots"), "\(file)")
                }
                harness.clock.set(lot.auctionStart.addingTimeInterval(11))
                _ = try await auctions.advance()
            }
            // Over: the bids are open data, typed.
            harness.clock.advance(by: 600)
            _ = try await auctions.advance()
            let bids = try await rows(client, "/api/v1/vinnytsia/open-data/auctions/bids.json").filter { $0["lotId"] as? String == lot.id.rawValue }
            #expect(bids.count == 2 && bids.contains { ($0["initialBid"] as? NSNumber)?.doubleValue == 10_123.45 })
            #expect(bids.contains { $0["legalEntityCode"] as? String == "12345678" } && bids.contains { $0["legalEntityCode"] is NSNull })
        }
    }

    @Test func ballotsOfAnEditionWithoutResultsNeverAppearThroughTheGenericPath() async throws {
        try await WebHarness.run { harness, client in
            let demo = try await DemoBudgets(harness)
            let token = try await apiToken(client, "olena@demo.hromada.ua", "resident-demo-2026")
            let (cast, vote) = try await client.json(
                .post, "/api/v1/vinnytsia/budgets/\(demo.voting.id.rawValue)/ballots", body: DemoBudgets.body(demo.picks(large: 1, small: 1)), token: token)
            #expect(cast == .created)
            let receipt = try #require(vote["receipt"] as? String)
            let voting = Set(try await harness.everyBallot(of: demo.voting.id).map(\.receipt))
            #expect(voting.count > 1 && voting.contains(receipt))
            let ballots = try await rows(client, "/api/v1/vinnytsia/open-data/budgets/ballots.json")
            #expect(Set(ballots.compactMap { $0["editionId"] as? String }) == [demo.past.id.rawValue])
            #expect(!ballots.contains { voting.contains($0["receipt"] as? String ?? "") })
            let csv = try await download(client, "/api/v1/vinnytsia/open-data/budgets/ballots.csv").body
            #expect(!csv.contains(receipt) && !csv.contains(demo.voting.id.rawValue))
            let projects = try await rows(client, "/api/v1/vinnytsia/open-data/budgets/projects.json")
            #expect(Set(projects.compactMap { $0["editionId"] as? String }) == [demo.past.id.rawValue])
        }
    }

    @Test func draftsAndSignersContactsNeverAppearThroughTheGenericPath() async throws {
        try await WebHarness.run { harness, client in
            let fixture = try await PetitionFixture(harness, threshold: 100)
            let petition = try await fixture.openPetition()
            let ivan = try await fixture.resident("ivan")
            _ = try await harness.services.petitions.sign(petition.id, city: fixture.city, by: ivan, clientAddress: "203.0.113.7")
            let draft = try await harness.services.petitions.file(
                title: "Чернетка, якої ще ніхто не бачив", text: String(repeating: "Текст чернетки, що не має потрапити у відкриті дані. ", count: 2),
                category: "Інше", city: fixture.city, by: fixture.author, submit: false)
            let petitions = try await download(client, "/api/v1/vinnytsia/open-data/petitions/petitions.csv").body
            #expect(petitions.contains(petition.id.rawValue) && !petitions.contains(draft.id.rawValue))
            let signatures = try await rows(client, "/api/v1/vinnytsia/open-data/petitions/signatures.json")
            #expect(signatures.contains { $0["petitionId"] as? String == petition.id.rawValue && $0["signerName"] as? String == ivan.fullName })
            let everything = try await download(client, "/api/v1/vinnytsia/open-data/petitions/signatures.csv").body
            #expect(!everything.contains("@") && !everything.contains("203.0.113.7"))
        }
    }

    // MARK: The home page

    @Test func theCityHomePageLinksItsDatasetsInBothLanguages() async throws {
        try await WebHarness.run { _, client in
            var visitor = Browser(client)
            let home = try await visitor.get("/vinnytsia")
            #expect(home.body.contains("<h2 id=\"open-data\">Відкриті дані</h2>") && home.body.contains("Проєкти громадського бюджету"))
            for dataset in Self.everyDataset {
                #expect(home.body.contains("href=\"/api/v1/vinnytsia/open-data/\(dataset).csv\""), "\(dataset)")
                #expect(home.body.contains("href=\"/api/v1/vinnytsia/open-data/\(dataset).json\""), "\(dataset)")
            }
            #expect(home.body.contains("href=\"/api/v1/vinnytsia/open-data\"") && home.body.contains("після кожного конкурсу"))
            var english = Browser(client)
            _ = try await english.get("/en")
            let page = try await english.get("/vinnytsia")
            #expect(page.body.contains("<h2 id=\"open-data\">Open data</h2>") && page.body.contains("Participatory budget projects"))
            #expect(page.body.contains("after each edition"))
        }
    }
}
