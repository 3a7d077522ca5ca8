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
        ReviewPages(services: services).add(to: router)
        CommitteePages(services: services).add(to: router)
        FundPages(services: services).add(to: router)
        DirectoryPages(services: services).add(to: router)
    }

    /// Declared here for the pages that use them; probes join the capability matrix when the module joins the registry.
    public var capabilities: [CapabilityDeclaration] {
        [
            CapabilityDeclaration(.businessProgrammes, in: [.admin]),
            CapabilityDeclaration(.businessReview, in: [.admin]),
            CapabilityDeclaration(.businessScore, in: [.admin]),
            CapabilityDeclaration(.businessDirectory, in: [.moderator, .admin]),
            CapabilityDeclaration(.businessEvents, in: [.moderator, .admin]),
        ]
    }

    public var uploadRoutes: [UploadRoute] { [.businessDocument] }

    /// Jobs the recipients reported creating, and the support paid, year by year.
    public var computedIndicators: [ComputedIndicator] { BusinessIndicators.all }

    public var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }

    // Not in `ModuleRegistry.standard` yet: it joins the deployment when the
    // whole cycle works and the demo fills it (a card must never lead to an
    // empty page), with a probe for each capability.
}

extension ModuleSlug {
    public static let business = ModuleSlug(rawValue: "business")
}
