import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird
import ServiceLifecycle

/// Tourism: the city's visitor guide (places, themed routes with their GPX,
/// the city's events), the hospitality standard as a certification with its
/// public register, and the marketing campaigns (docs/visit.md,
/// docs/visit-standard.md).
public struct VisitModule: Module {
    public init() {}

    public var slug: ModuleSlug { .visit }

    public func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        GuidePages(services: services).add(to: router)
        GuideEditorPages(services: services).add(to: router)
        CampaignPages(services: services).add(to: router)
        CertificationPages(services: services).add(to: router)
    }

    public var capabilities: [CapabilityDeclaration] {
        [
            CapabilityDeclaration(.visitEdit, in: [.moderator, .admin]),
            CapabilityDeclaration(.visitAssess, in: [.admin]),
            CapabilityDeclaration(.visitCertify, in: [.admin]),
        ]
    }

    public var staffLinks: [StaffLink] {
        [StaffLink(titleKey: "visit.editor.staff_link", path: "admin/visit", for: [.visitEdit])]
            + CertificationDeskPages.staffLinks
    }

    /// The hospitality standard's register (docs/visit-standard.md).
    public var openDatasets: [OpenDataset] { [CertificationOpenData.certificates] }

    /// The standard's expiry of certificates and the reminders before it.
    public func backgroundServices(_ services: AppServices) -> [any Service] { CertificationService(services: services).task() }

    /// The people the city's campaigns reached in a year, for the strategy's indicators.
    public var computedIndicators: [ComputedIndicator] { [VisitIndicators.campaignReach] }

    /// Published places and routes in the city's search.
    public var search: SearchSource? { VisitSearchSource.source }

    public var uploadRoutes: [UploadRoute] { [.visitPlacePhotos, .visitRouteTrack] + UploadRoute.visitCertification }

    /// Вінниця's and Хмільник's guides (places, the spa, routes, campaigns), then the standard's checklist and its ten places.
    public func seedDemo(_ demo: DemoWorld) async throws {
        try await VisitDemoSeeder(services: demo.services).seed(demo)
        try await CertificationDemoSeeder(services: demo.services).seed(demo)
    }

    public var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }
}

extension ModuleSlug {
    public static let visit = ModuleSlug(rawValue: "visit")
}
