import HromadaDomain
import HromadaStore
import HromadaWeb

enum AuctionSearchSource {
    /// The city's lots and its register, as the repository indexes each one it writes.
    static let source = SearchSource(kinds: [Lot.searchKind.name, PropertyObject.searchKind.name], version: 1) { city, tx, now in
        try await tx.auctions.lots(in: city.id).map(\.lot.searchDocument)
            + tx.auctions.objects(in: city.id).map { $0.searchDocument(at: now) }
    }
}
