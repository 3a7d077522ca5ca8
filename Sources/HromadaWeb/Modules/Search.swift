import Foundation
import HromadaDomain
import HromadaStore
import Logging

/// What a module gives the city's search. Its repositories put a thing's
/// document in the index whenever they write the thing (`tx.searchIndex`),
/// in the same transaction, so the index is never behind the pages; this
/// is for making its whole part of the index again.
///
/// The label of each of its kinds is its string `search.kinds.<slug>.<kind>`.
public struct SearchSource: Sendable {
    /// Its kinds of things (`project`), in the order the filters show them.
    public let kinds: [String]
    /// Raised when what its documents hold changes, so every start after
    /// makes them again (as does a change of the platform's word rules).
    public let version: Int
    /// Every document it has for a city now: only what the public may see
    /// (`now` dates those whose things keep no date of their own).
    public let documents: @Sendable (_ city: Municipality, _ tx: Repositories, _ now: Date) async throws -> [SearchDocument]

    public init(
        kinds: [String], version: Int,
        documents: @escaping @Sendable (_ city: Municipality, _ tx: Repositories, _ now: Date) async throws -> [SearchDocument]
    ) {
        self.kinds = kinds
        self.version = version
        self.documents = documents
    }

    /// The stamp its documents are kept under: the platform's rules and its own.
    var stamp: String { "\(SearchTerms.rulesVersion).\(version)" }
}

/// Makes again the part of each city's index whose module's documents were
/// made under other rules, or never (the first start after the index came,
/// a database restored from before it). One module at a time, one city per
/// write; an instance that starts meanwhile only does the same work again.
enum SearchReindexer {
    static func bringUpToDate(modules: ModuleRegistry, store: Store, clock: any Clock, logger: Logger) async throws {
        for module in modules.modules {
            guard let source = module.search else { continue }
            let slug = module.slug.rawValue
            guard try await store.read({ try await $0.searchIndex.version(of: slug) }) != source.stamp else { continue }
            let cities = try await store.read { try await $0.municipalities.all() }
            var indexed = 0
            for city in cities {
                indexed += try await store.write { tx in
                    // A city that switches the module off keeps its documents; the search asks only the modules a city runs.
                    let documents = try await source.documents(city, tx, clock.now())
                    try await tx.searchIndex.replace(module: slug, in: city.id, with: documents)
                    return documents.count
                }
            }
            try await store.write { try await $0.searchIndex.setVersion(source.stamp, of: slug, at: clock.now()) }
            logger.info("search index made again", metadata: ["module": "\(slug)", "documents": "\(indexed)", "cities": "\(cities.count)"])
        }
    }
}
