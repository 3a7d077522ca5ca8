import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Hummingbird
import HummingbirdTesting
import Testing
@testable import HromadaWeb
@testable import Petitions

/// The city's search as a resident and a script use it: every module the
/// city runs in one list, a petition found only once the public may see it,
/// clear refusals for numbers out of range, and an index made again from
/// the modules equal to the one their writes keep.
@Suite struct CitySearchTests {
    @Test(arguments: TestDatabase.available) func aResidentFindsProjectsPetitionsAndGoalsOfTheirCityInOneSearch(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            var reader = Browser(client)
            let page = try await reader.get("/vinnytsia/search?q=\(Self.encoded("парку"))")
            #expect(page.status == .ok)
            #expect(page.body.contains("Шахово-шашковий клуб у парку Козицького") && page.body.contains("Проєкт бюджету участі"))
            #expect(page.body.contains(#"href="/vinnytsia/search?q=%D0%BF%D0%B0%D1%80%D0%BA%D1%83&amp;module=budgets""#))
            // The API agrees, and counts every module the city runs.
            let (status, answer) = try await client.json(.get, "/api/v1/vinnytsia/search?q=\(Self.encoded("парк"))&module=strategy")
            #expect(status == .ok)
            let items = try #require(answer["items"] as? [[String: Any]])
            #expect(!items.isEmpty && items.allSatisfy { $0["module"] as? String == "strategy" })
            let counts = try #require(answer["counts"] as? [String: Int])
            #expect(Set(counts.keys) == ["budgets", "petitions", "auctions", "invest", "strategy", "business", "visit"] && (counts["budgets"] ?? 0) > 0 && (counts["visit"] ?? 0) > 0)
            // A city searches only what it runs: switched off, the auctions' lots and register are not found.
            let lotQuery = "/api/v1/vinnytsia/search?q=\(Self.encoded("нежитлове приміщення"))"
            #expect(((try await client.json(.get, lotQuery).1["counts"] as? [String: Int])?["auctions"] ?? 0) > 0)
            let city = try await harness.city("vinnytsia")
            var settings = city.settings
            settings.enabledModules = ["budgets", "petitions", "invest", "strategy"].map { ModuleSlug(rawValue: $0) }
            let off = settings
            try await harness.services.store.write { try await $0.municipalities.updateSettings(off, of: city.id) }
            let without = try await client.json(.get, lotQuery).1
            #expect((without["counts"] as? [String: Int])?["auctions"] == nil && ((without["items"] as? [[String: Any]]) ?? []).isEmpty)
            #expect(try await client.json(.get, lotQuery + "&module=auctions").0 == .unprocessableContent)
            // No words to look for: the page says so and finds nothing.
            let short = try await reader.get("/vinnytsia/search?q=\(Self.encoded("в і"))")
            #expect(short.status == .ok && short.body.contains("хоча б одне слово") && !short.body.contains(#"class="card""#))
        }
    }

    @Test(arguments: TestDatabase.available) func aPetitionIsFoundOnlyOnceThePublicMaySeeIt(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let city = try await harness.city("vinnytsia")
            var author = Browser(client)
            try await author.signIn("olena@demo.hromada.ua", "resident-demo-2026")
            let text = "Прошу встановити пітьбайки для собак у сквері Козицького, щоб власники прибирали за тваринами без зайвих зусиль."
            let filed = try await author.post("/vinnytsia/petitions/new", [("title", "Пітьбайки для собак у сквері"), ("category", "Благоустрій"), ("text", text)])
            #expect(filed.status == .seeOther)
            let query = "/api/v1/vinnytsia/search?q=\(Self.encoded("пітьбайків"))"
            #expect(((try await client.json(.get, query).1["items"] as? [[String: Any]]) ?? []).isEmpty)
            let stored = try #require(try await harness.services.store.read { tx in
                try await tx.petitions.petitions(in: city.id, states: PetitionState.allCases, limit: 500).first { $0.petition.title == "Пітьбайки для собак у сквері" }
            })
            var open = stored.petition
            open.state = .open
            let opened = open
            _ = try await harness.services.store.write { try await $0.petitions.update(opened, from: stored.petition.state) }
            let items = (try await client.json(.get, query).1["items"] as? [[String: Any]]) ?? []
            #expect(items.count == 1)
            #expect((items.first?["url"] as? String)?.hasSuffix("/vinnytsia/petitions/\(stored.petition.id.rawValue)") == true)
            // Another city's search never shows it.
            #expect(((try await client.json(.get, "/api/v1/zhmerynka/search?q=\(Self.encoded("пітьбайки"))").1["items"] as? [[String: Any]]) ?? []).isEmpty)
        }
    }

    @Test func numbersOutOfRangeAreRefusedByName() async throws {
        try await WebHarness.run { _, client in
            for (query, field) in [("page=0", "page"), ("page=51", "page"), ("page=1e3", "page"), ("page=-1", "page"),
                                   ("page=99999999999999999999", "page")] {
                var reader = Browser(client)
                let page = try await reader.get("/vinnytsia/search?q=park&\(query)")
                #expect(page.status == .unprocessableContent, "\(query)")
                #expect(page.body.contains("Сторінка результатів"), "\(field)")
            }
            for query in ["limit=0", "limit=51", "offset=-5", "offset=1001", "limit=nan", "module=nothing"] {
                #expect(try await client.json(.get, "/api/v1/vinnytsia/search?q=park&\(query)").0 == .unprocessableContent, "\(query)")
            }
            // A query longer than a search box takes is cut, not refused.
            let long = String(repeating: "парк ", count: 400)
            #expect(try await client.json(.get, "/api/v1/vinnytsia/search?q=\(Self.encoded(long))").0 == .ok)
        }
    }

    @Test(arguments: TestDatabase.available) func theIndexMadeAgainFromTheModulesEqualsTheOneTheirWritesKept(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, _ in
            let store = harness.services.store
            let cities = try await store.read { try await $0.municipalities.all() }
            func everything() async throws -> [[String]] {
                try await store.read { tx in
                    try await tx.db.raw("SELECT municipality_id, module, kind, item_id, title_uk, title_en, summary_uk, summary_en, path, body FROM search_documents")
                        .all().map { row in try ["municipality_id", "module", "kind", "item_id", "title_uk", "title_en", "summary_uk", "summary_en", "path", "body"].map { try row.decode(column: $0, as: String.self) } }
                        .sorted { $0.joined(separator: "\u{1}") < $1.joined(separator: "\u{1}") }
                }
            }
            let kept = try await everything()
            #expect(kept.count > 100 && cities.count == 4)
            try await store.write { tx in
                try await tx.db.raw("DELETE FROM search_documents").run()
                try await tx.db.raw("DELETE FROM search_index_state").run()
            }
            try await SearchReindexer.bringUpToDate(modules: harness.services.modules, store: store, clock: harness.services.clock, logger: TestDatabase.logger)
            let made = try await everything()
            #expect(made.count == kept.count)
            #expect(made == kept)
            // Made once: a second start finds every module current.
            #expect(try await store.read { try await $0.searchIndex.version(of: "petitions") } == "\(SearchTerms.rulesVersion).1")
        }
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
