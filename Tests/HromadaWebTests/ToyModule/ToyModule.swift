import Foundation
import HromadaDomain
import Hummingbird
@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// A module that exists only to show what adding one takes: this folder
/// and one line in a registry (issue 14). It has a page, an API route, a
/// capability, a staff link, strings in both languages and its part of the
/// OpenAPI document.
struct ToyModule: Module {
    var slug: ModuleSlug { ModuleSlug(rawValue: "toy") }

    func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        router.get("/{city}/toy") { request, context in
            let city = try await CityLookup(store: services.store).require(context)
            return try await HTML(services: services).render(
                "toy", page: ToyPage(city: city.name.localized(context.language)), titleKey: "toy.title", request: request, context: context, city: city)
        }
        router.get("api/v1/:city/toy") { _, context in
            let city = try await CityLookup(store: services.store).require(context)
            return try JSONResponse.encode(["city": city.slug.rawValue, "toys": "3"])
        }
    }

    var capabilities: [CapabilityDeclaration] { [CapabilityDeclaration(Capability("toy.tend"), in: [.admin])] }

    var staffLinks: [StaffLink] { [StaffLink(titleKey: "toy.desk", path: "toy", for: [Capability("toy.tend")])] }

    var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }

    struct ToyPage {
        let city: String
    }
}
