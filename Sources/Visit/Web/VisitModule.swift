import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird
import ServiceLifecycle

/// Tourism: the city's visitor guide (places, themed routes with their GPX,
/// the city's events), the hospitality standard as a certification with its
/// public register, and the marketing campaigns (docs/visit.md).
public struct VisitModule: Module {
    public init() {}

    public var slug: ModuleSlug { .visit }

    public func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
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

    public var uploadRoutes: [UploadRoute] { UploadRoute.visitCertification }

    public func seedDemo(_ demo: DemoWorld) async throws {
        try await CertificationDemoSeeder(services: demo.services).seed(demo)
    }

    public var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }
}

extension ModuleSlug {
    public static let visit = ModuleSlug(rawValue: "visit")
}
