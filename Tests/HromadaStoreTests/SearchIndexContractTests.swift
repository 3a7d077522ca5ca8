import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore

/// The city's search index on both databases: documents put, replaced and
/// taken out; Ukrainian word forms found by their prefix; a title match
/// above a body match; one city never sees another's.
@Suite struct SearchIndexContractTests {
    let vinnytsia = MunicipalityID(rawValue: "vinnytsia")
    let zhmerynka = MunicipalityID(rawValue: "zhmerynka")
    let petition = SearchKind(module: "petitions", name: "petition")
    let project = SearchKind(module: "budgets", name: "project")
    let node = SearchKind(module: "strategy", name: "node")

    func document(_ kind: SearchKind, _ id: String, _ title: String, body: String = "", at seconds: Int = 0) -> SearchDocument {
        SearchDocument(kind, id: id, title: title, summary: "Коротко про \(title)", path: "\(kind.module)/\(id)", body: body, updated: t0 + Double(seconds))
    }

    func search(_ store: Store, _ text: String, in city: MunicipalityID? = nil, modules: [String] = ["petitions", "budgets", "strategy"],
                limit: Int = 20, offset: Int = 0) async throws -> SearchResults {
        try await store.read {
            try await $0.searchIndex.search(
                SearchTerms(text), in: city ?? vinnytsia, modules: modules, counting: ["petitions", "budgets", "strategy"], limit: limit, offset: offset)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theIndexFindsWordFormsRanksTitlesFirstAndKeepsCitiesApart(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            try await store.write { tx in
                try await tx.searchIndex.put(self.document(self.petition, "p1", "Пандуси до поліклініки", body: "Зробити пандус біля входу", at: 1), in: self.vinnytsia)
                try await tx.searchIndex.put(self.document(self.project, "b1", "Сквер на Пирогова", body: "Лавки, пандусами обладнати доріжки", at: 5), in: self.vinnytsia)
                try await tx.searchIndex.put(self.document(self.project, "b2", "М'ясний ринок: дах", body: "Новий дах над рядами", at: 2), in: self.vinnytsia)
                try await tx.searchIndex.put(self.document(self.petition, "z1", "Пандуси у Жмеринці", at: 9), in: self.zhmerynka)
            }
            // Another form of the word finds both; the title match comes first though the body match is newer.
            let ramps = try await search(store, "пандусів")
            #expect(ramps.hits.map(\.id) == ["p1", "b1"])
            #expect(ramps.countsByModule == ["petitions": 1, "budgets": 1] && ramps.total == 2 && !ramps.hasMore)
            #expect(ramps.hits[0].path == "petitions/p1" && ramps.hits[0].title.uk == "Пандуси до поліклініки" && ramps.hits[0].body.isEmpty)
            // Every word must be there.
            #expect(try await search(store, "пандуси сквер").hits.map(\.id) == ["b1"])
            // The other city's document is never seen here, and only it is there.
            #expect(try await search(store, "пандуси", in: zhmerynka).hits.map(\.id) == ["z1"])
            // An apostrophe typed any way is the same word.
            #expect(try await search(store, "м’ясний").hits.map(\.id) == ["b2"])
            #expect(try await search(store, "м'ясний").hits.map(\.id) == ["b2"])
            // One module's hits, every module's counts; pages.
            let budgets = try await search(store, "пандуси", modules: ["budgets"])
            #expect(budgets.hits.map(\.id) == ["b1"] && budgets.countsByModule == ["petitions": 1, "budgets": 1])
            let first = try await search(store, "пандуси", limit: 1)
            #expect(first.hits.map(\.id) == ["p1"] && first.hasMore)
            #expect(try await search(store, "пандуси", limit: 1, offset: 1).hits.map(\.id) == ["b1"])
            // Nothing to look for, nothing found; no query syntax gets through.
            #expect(try await search(store, "на і в").hits.isEmpty)
            #expect(try await search(store, #"пандус" OR "сквер*) NEAR("#).hits.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDocumentIsReplacedTakenOutAndRemadeWithItsThing(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            try await store.write { tx in
                try await tx.searchIndex.put(self.document(self.petition, "p1", "Освітлення парку"), in: self.vinnytsia)
                // Written again unchanged (a lot's every step): still one document.
                try await tx.searchIndex.put(self.document(self.petition, "p1", "Освітлення парку"), in: self.vinnytsia)
            }
            #expect(try await search(store, "освітлення").hits.count == 1)
            try await store.write { try await $0.searchIndex.put(self.document(self.petition, "p1", "Ліхтарі в парку"), in: self.vinnytsia) }
            #expect(try await search(store, "освітлення").hits.isEmpty)
            #expect(try await search(store, "ліхтарі").hits.map(\.id) == ["p1"])
            // A thing the public may no longer see leaves the index.
            try await store.write { try await $0.searchIndex.put(nil, as: self.petition, id: "p1", in: self.vinnytsia) }
            #expect(try await search(store, "ліхтарі").hits.isEmpty)
            // A strategy's tree written again: its nodes go, another document's stay.
            try await store.write { tx in
                for id in ["D1/1", "D1/1.1", "D10/1"] { try await tx.searchIndex.put(self.document(self.node, id, "Енергоефективні школи \(id)"), in: self.vinnytsia) }
                try await tx.searchIndex.remove(self.node, idsStartingWith: "D1/", in: self.vinnytsia)
            }
            #expect(try await search(store, "енергоефективні").hits.map(\.id) == ["D10/1"])
            // A module's part made again from all its documents.
            try await store.write { tx in
                try await tx.searchIndex.replace(module: "strategy", in: self.vinnytsia, with: [self.document(self.node, "D2/1", "Енергоефективні лікарні")])
                try await tx.searchIndex.setVersion("1.1", of: "strategy", at: t0)
            }
            #expect(try await search(store, "енергоефективні").hits.map(\.id) == ["D2/1"])
            #expect(try await store.read { try await $0.searchIndex.version(of: "strategy") } == "1.1")
            #expect(try await store.read { try await $0.searchIndex.version(of: "budgets") } == nil)
            #expect(try await store.read { try await $0.searchIndex.sizes(in: self.vinnytsia) } == ["strategy": 1])
        }
    }

    @Test(arguments: TestDatabase.available)
    func everyWordInTheTitleComesFirstThenTheRestEachNewestFirstAndCountsStopPastTheLimit(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            try await store.write { tx in
                for (id, title, body) in [("a", "Пандус до школи", ""), ("b", "Школа", "Потрібен пандус"), ("c", "Пандуси у сквері", ""), ("d", "Сквер", "пандусами")] {
                    try await tx.searchIndex.put(self.document(self.petition, id, title, body: body), in: self.vinnytsia)
                }
            }
            #expect(try await search(store, "пандус").hits.map(\.id) == ["c", "a", "d", "b"])
            // Two words: both in the title, or the document is of the rest.
            #expect(try await search(store, "пандус школа").hits.map(\.id) == ["a", "b"])
            // A page across the tiers.
            let second = try await search(store, "пандус", limit: 2, offset: 1)
            #expect(second.hits.map(\.id) == ["a", "d"] && second.hasMore)
            // Written again, a document keeps its place.
            try await store.write { try await $0.searchIndex.put(self.document(self.petition, "a", "Пандус до школи №5"), in: self.vinnytsia) }
            #expect(try await search(store, "пандус").hits.map(\.id) == ["c", "a", "d", "b"])

            // Made again, a module's documents come in the order of their things' dates, whatever order they are given in.
            try await store.write { tx in
                try await tx.searchIndex.replace(module: "strategy", in: self.vinnytsia, with: [
                    self.document(self.node, "D/2", "Укриття в школах", at: 20), self.document(self.node, "D/1", "Укриття в ліцеях", at: 10),
                    self.document(self.node, "D/3", "Укриття в садках", at: 30),
                ])
            }
            #expect(try await search(store, "укриття").hits.map(\.id) == ["D/3", "D/2", "D/1"])

            // A word in more documents than the count's limit: counted to one past it.
            let limit = SearchIndexRepository.countLimit
            try await store.write { tx in
                for n in 0...limit { try await tx.searchIndex.put(self.document(self.project, "m\(n)", "Майданчик \(n)"), in: self.vinnytsia) }
            }
            let many = try await search(store, "майданчик")
            #expect(many.countsByModule == ["budgets": limit + 1] && many.hits.count == 20 && many.hasMore)
            #expect(many.hits.first?.id == "m\(limit)")
        }
    }
}
