import Foundation
import HromadaDomain
import HromadaTestSupport
import Testing
@testable import HromadaStore
@testable import HromadaWeb
@testable import Strategy

/// The strategies' repository on both databases: a document's external id
/// once per city, a tree written whole and read back in its order, only over
/// the revision it was made from (of many writers from one revision exactly
/// one wins), links readable from the other side, timelines per node, and
/// no city reading another's.
@Suite struct StrategyContractTests {
    static let vinnytsia = MunicipalityID(rawValue: "vinnytsia"), zhmerynka = MunicipalityID(rawValue: "zhmerynka")
    static let at = Date(timeIntervalSince1970: 1_800_000_000)

    static func document(_ externalID: String = "dev-2030") throws -> StrategyDocument {
        try StrategyDocument.make(
            externalID: externalID, kind: .developmentStrategy, title: .init(uk: "Стратегія", en: "Strategy"), firstYear: 2021, lastYear: 2030,
            decision: .init(number: "12", date: CalendarDate(year: 2020, month: 12, day: 1)), status: .inForce)
    }

    static func tree(goals: Int, linking project: String? = nil) throws -> StrategyTree {
        var nodes: [StrategyNode] = [], indicators: [StrategyIndicator] = []
        for g in 1...goals {
            nodes.append(StrategyNode(id: "\(g)", parent: nil, level: .goal, code: "\(g)", title: .init(uk: "Ціль \(g)", en: "Goal \(g)")))
            nodes.append(StrategyNode(id: "\(g).1", parent: "\(g)", level: .objective, title: .init(uk: "Завдання \(g).1", en: "Objective \(g).1")))
            nodes.append(StrategyNode(
                id: "\(g).1.1", parent: "\(g).1", level: .measure, title: .init(uk: "Захід", en: "Measure"), planned: Money(hryvnias: 1_000),
                status: .done, links: project.map { [NodeLink(kind: .budgetProject, id: $0)] } ?? []))
            indicators.append(StrategyIndicator(
                id: "I\(g)", node: "\(g).1.1", name: .init(uk: "Показник", en: "Indicator"), unit: .init(uk: "%", en: "%"), direction: .higher,
                baseline: .init(year: 2020, value: 10), targets: [.init(year: 2030, value: 50)],
                actuals: [.init(year: 2024, value: 30, source: "Держстат", date: nil)]))
        }
        return try StrategyTree.make(nodes: nodes, indicators: indicators)
    }

    @Test(arguments: TestDatabase.available)
    func aDocumentsExternalIDIsOncePerCity(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let document = try Self.document()
            let (first, again, elsewhere) = try await store.write { tx in
                (try await tx.strategy.insert(document, id: .init(rawValue: "a"), city: Self.vinnytsia, at: Self.at),
                 try await tx.strategy.insert(document, id: .init(rawValue: "b"), city: Self.vinnytsia, at: Self.at),
                 try await tx.strategy.insert(document, id: .init(rawValue: "c"), city: Self.zhmerynka, at: Self.at))
            }
            #expect(first && !again && elsewhere)
            let listed = try await store.read { try await $0.strategy.documents(in: Self.vinnytsia) }
            #expect(listed.map(\.id.rawValue) == ["a"])
            #expect(try await store.read { try await $0.strategy.document(.init(rawValue: "c"), in: Self.vinnytsia) } == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aTreeIsWrittenWholeAndReadBackInItsOrder(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let id = StrategyDocumentID(rawValue: "a"), tree = try Self.tree(goals: 450)
            let revision = try await store.write { tx -> Int64? in
                _ = try await tx.strategy.insert(try Self.document(), id: id, city: Self.vinnytsia, at: Self.at)
                return try await tx.strategy.replaceTree(tree, of: id, city: Self.vinnytsia, ifRevision: 1, at: Self.at)
            }
            #expect(revision == 2)
            let stored = try #require(try await store.read { try await $0.strategy.document(id, in: Self.vinnytsia) })
            #expect(stored.revision == 2)
            let read = try await store.read { try await $0.strategy.tree(of: stored) }
            #expect(read == tree)
            // A smaller tree replaces it whole: nothing of the old one stays.
            let smaller = try Self.tree(goals: 2)
            let next = try await store.write { try await $0.strategy.replaceTree(smaller, of: id, city: Self.vinnytsia, ifRevision: 2, at: Self.at) }
            let again = try #require(try await store.read { try await $0.strategy.document(id, in: Self.vinnytsia) })
            #expect(next == 3 && again.revision == 3)
            #expect(try await store.read { try await $0.strategy.tree(of: again) } == smaller)
        }
    }

    @Test(arguments: TestDatabase.available)
    func ofManyWritersFromOneRevisionExactlyOneWins(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let id = StrategyDocumentID(rawValue: "a")
            _ = try await store.write { try await $0.strategy.insert(try Self.document(), id: id, city: Self.vinnytsia, at: Self.at) }
            let trees = try (1...40).map { try Self.tree(goals: $0 % 5 + 1) }
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for tree in trees {
                    group.addTask { try await store.write { try await $0.strategy.replaceTree(tree, of: id, city: Self.vinnytsia, ifRevision: 1, at: Self.at) } != nil }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
            let stored = try #require(try await store.read { try await $0.strategy.document(id, in: Self.vinnytsia) })
            #expect(stored.revision == 2)
            let tree = try await store.read { try await $0.strategy.tree(of: stored) }
            #expect(trees.contains(tree))
        }
    }

    @Test(arguments: TestDatabase.available)
    func anotherCityCannotWriteOrReadAStrategy(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let id = StrategyDocumentID(rawValue: "a")
            _ = try await store.write { try await $0.strategy.insert(try Self.document(), id: id, city: Self.vinnytsia, at: Self.at) }
            let written = try await store.write { try await $0.strategy.replaceTree(try Self.tree(goals: 1), of: id, city: Self.zhmerynka, ifRevision: 1, at: Self.at) }
            #expect(written == nil)
            let changed = try await store.write { try await $0.strategy.update(try Self.document("x"), id: id, city: Self.zhmerynka, ifRevision: 1, at: Self.at) }
            #expect(!changed)
            #expect(try await store.read { try await $0.strategy.documents(in: Self.zhmerynka) }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func linksAreReadFromTheOtherSide(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let id = StrategyDocumentID(rawValue: "a")
            try await store.write { tx in
                _ = try await tx.strategy.insert(try Self.document(), id: id, city: Self.vinnytsia, at: Self.at)
                _ = try await tx.strategy.replaceTree(try Self.tree(goals: 2, linking: "p1"), of: id, city: Self.vinnytsia, ifRevision: 1, at: Self.at)
            }
            let found = try await store.read { try await $0.strategy.referrers(to: .budgetProject, ids: ["p1"], in: Self.vinnytsia) }
            #expect(found.map(\.node) == ["1.1.1", "2.1.1"])
            #expect(try await store.read { try await $0.strategy.referrers(to: .budgetProject, ids: ["p1"], in: Self.zhmerynka) }.isEmpty)
            #expect(try await store.read { try await $0.strategy.referrers(to: .petition, ids: ["p1"], in: Self.vinnytsia) }.isEmpty)
            let nodes = try await store.read { try await $0.strategy.nodes(["2.1.1"], of: id, in: Self.vinnytsia) }
            #expect(nodes.map(\.id) == ["2.1.1"])
            // A tree without the links leaves nothing pointing.
            _ = try await store.write { try await $0.strategy.replaceTree(try Self.tree(goals: 2), of: id, city: Self.vinnytsia, ifRevision: 2, at: Self.at) }
            #expect(try await store.read { try await $0.strategy.referrers(to: .budgetProject, ids: ["p1"], in: Self.vinnytsia) }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func timelineEntriesAreKeptPerNodeNewestFirst(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            try await seedCities(store)
            let id = StrategyDocumentID(rawValue: "a")
            let early = try TimelineEntry.make(day: CalendarDate(year: 2022, month: 3, day: 1), text: .init(uk: "Почали", en: "Started"))
            let late = try TimelineEntry.make(day: CalendarDate(year: 2024, month: 5, day: 9), text: .init(uk: "Завершили", en: ""))
            try await store.write { tx in
                _ = try await tx.strategy.insert(try Self.document(), id: id, city: Self.vinnytsia, at: Self.at)
                try await tx.strategy.add(early, id: .init(rawValue: "e1"), to: "1.1.1", of: id, city: Self.vinnytsia, at: Self.at)
                try await tx.strategy.add(late, id: .init(rawValue: "e2"), to: "1.1.1", of: id, city: Self.vinnytsia, at: Self.at)
                try await tx.strategy.add(late, id: .init(rawValue: "e3"), to: "2.1.1", of: id, city: Self.vinnytsia, at: Self.at)
            }
            let node = try await store.read { try await $0.strategy.entries(of: id, node: "1.1.1", in: Self.vinnytsia) }
            #expect(node.map(\.id.rawValue) == ["e2", "e1"])
            #expect(node.first?.entry.text.en == "Завершили")
            #expect(try await store.read { try await $0.strategy.entries(of: id, node: nil, in: Self.vinnytsia) }.count == 3)
            #expect(try await store.read { try await $0.strategy.entries(of: id, node: nil, in: Self.zhmerynka) }.isEmpty)
            #expect(try await store.write { try await $0.strategy.removeEntry(.init(rawValue: "e1"), in: Self.zhmerynka) } == false)
            #expect(try await store.write { try await $0.strategy.removeEntry(.init(rawValue: "e1"), in: Self.vinnytsia) } == true)
            #expect(try await store.read { try await $0.strategy.entry(.init(rawValue: "e1"), in: Self.vinnytsia) } == nil)
        }
    }
}
