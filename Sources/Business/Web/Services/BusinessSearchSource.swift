import HromadaDomain
import HromadaStore
import HromadaWeb

/// The module's part of the city's search, made again whole when its rules change.
enum BusinessSearchSource {
    static let source = SearchSource(kinds: [BusinessSearch.call.name, BusinessSearch.organisation.name, BusinessSearch.event.name], version: 1) { city, tx, _ in
        let calls = try await tx.supportCalls.calls(in: city.id, limit: 10_000).compactMap(\.call.searchDocument)
        let organisations = try await tx.organisations.organisations(in: city.id).map(\.searchDocument)
        let events = try await tx.businessEvents.allEvents(in: city.id).compactMap(\.searchDocument)
        return calls + organisations + events
    }
}
