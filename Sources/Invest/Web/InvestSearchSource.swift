import HromadaDomain
import HromadaStore
import HromadaWeb

enum InvestSearchSource {
    /// Every site of the city's catalogue, as the repository indexes each one it writes.
    static let source = SearchSource(kinds: [InvestmentSite.searchKind.name], version: 1) { city, tx, _ in
        try await tx.invest.sites(in: [city.id], matching: SiteSearch(), everyStatus: true, limit: Int.max)
            .map { $0.site.searchDocument(id: $0.id, at: $0.updatedAt) }
    }
}
