import HromadaDomain
import HromadaStore
import HromadaWeb

enum BudgetSearchSource {
    /// Every edition's projects but the withdrawn, as the repository indexes each one it writes.
    static let source = SearchSource(kinds: [BudgetProject.searchKind.name], version: 1) { city, tx, _ in
        var documents: [SearchDocument] = []
        for edition in try await tx.budgets.editions(in: city.id) {
            documents += try await tx.budgets.projects(of: edition.id, in: city.id).compactMap { $0.searchDocument(edition: edition.title) }
        }
        return documents
    }
}
