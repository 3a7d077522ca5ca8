import HromadaDomain
import HromadaStore
import HromadaWeb

enum StrategySearchSource {
    /// Every node of every document of the city, as the repository indexes each tree it writes.
    static let source = SearchSource(kinds: [StrategyNode.searchKind.name], version: 1) { city, tx, _ in
        var documents: [SearchDocument] = []
        for stored in try await tx.strategy.documents(in: city.id) {
            documents += try await tx.strategy.tree(of: stored).nodes.map { $0.searchDocument(in: stored.id, at: stored.updatedAt) }
        }
        return documents
    }
}
