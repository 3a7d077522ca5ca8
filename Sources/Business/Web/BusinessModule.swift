import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// Business support: the city's SME programmes' calls from the call to the
/// payout and the recipients' reported results, the directory of business
/// associations, clusters, cooperatives and social enterprises, and
/// trainings with registration (docs/business.md).
public struct BusinessModule: Module {
    public init() {}

    public var slug: ModuleSlug { .business }

    public func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        BusinessPages(services: services).add(to: router)
        ApplicationPages(services: services).add(to: router)
    }

    public var uploadRoutes: [UploadRoute] { [.businessDocument] }

    public var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }

    // Not in `ModuleRegistry.standard` yet: its capabilities are declared
    // with the staff pages that use them (every capability has a probe),
    // and it joins the deployment when the whole cycle works and the demo
    // fills it (a card must never lead to an empty page).
}

extension ModuleSlug {
    public static let business = ModuleSlug(rawValue: "business")
}
