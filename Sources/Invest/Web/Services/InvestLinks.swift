import Foundation
import HromadaDomain
import HromadaWeb

/// The portal's sites as other modules point at them (`LinkKind.investSite`):
/// a strategy's measure names the site it develops, and shows where it
/// stands without knowing this module. Only sites the public sees, as
/// `InvestService.site` shows them to a visitor: one sold or leased has left
/// the catalogue, and its page with it.
enum InvestLinks {
    static let site = LinkTarget(
        kind: .investSite,
        resolve: { id, city, services in
            guard let stored = try await services.store.read({ tx in try await tx.invest.site(SiteID(rawValue: id), in: city.id) }),
                  stored.site.status.isOnOffer
            else { return nil }
            return thing(stored, in: city)
        },
        choices: { city, limit, services in
            guard limit > 0 else { return [] }
            let cityID = city.id
            let sites = try await services.store.read { tx in try await tx.invest.sites(in: [cityID], matching: SiteSearch(), limit: limit) }
            return sites.map { thing($0, in: city) }
        })

    /// Titled in Ukrainian, as the city entered it first.
    static func thing(_ stored: InvestRepository.StoredSite, in city: Municipality) -> LinkedThing {
        LinkedThing(
            kind: .investSite, id: stored.id.rawValue, title: stored.site.title.uk, path: "/\(city.slug.rawValue)/invest/sites/\(stored.id.rawValue)",
            statusKey: "invest.status.\(stored.site.status.rawValue)", isActive: stored.site.status.isOnOffer)
    }
}
