import HromadaDomain
import HromadaStore
import HromadaWeb

enum PetitionSearchSource {
    /// Every public petition of the city, as the repository indexes each one it writes.
    static let source = SearchSource(kinds: [Petition.searchKind.name], version: 1) { city, tx, _ in
        try await tx.petitions.petitions(in: city.id, states: PetitionState.publicStates, limit: Int.max).compactMap(\.petition.searchDocument)
    }
}
