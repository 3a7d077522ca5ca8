import HromadaDomain
import HromadaStore
import HromadaWeb

/// The guide's part of the city's search, made again whole when its rules change.
enum VisitSearchSource {
    static let source = SearchSource(kinds: [VisitSearch.place.name, VisitSearch.route.name], version: 1) { city, tx, _ in
        let places = try await tx.visitGuide.places(in: city.id).compactMap(\.searchDocument)
        let routes = try await tx.visitGuide.routes(in: city.id).compactMap(\.searchDocument)
        return places + routes
    }
}
