import Foundation
import HromadaDomain
import Hummingbird
import ServiceLifecycle

/// Electronic petitions to the city council, under each city's charter.
public struct PetitionsModule: Module {
    public init() {}

    public var slug: ModuleSlug { .petitions }

    public func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        PetitionAPIController(services: services).add(to: router)
        PetitionPages(services: services).add(to: router)
    }

    public func backgroundServices(_ services: AppServices) -> [any Service] {
        [PetitionScheduler(services: services)]
    }

    /// Petitions in every city; Олена's own in Вінниця.
    public func seedDemo(_ demo: DemoWorld) async throws {
        for city in demo.cities {
            try await PetitionDemoSeeder(services: demo.services).seed(into: city, olena: city.slug.rawValue == "vinnytsia" ? demo.resident : nil)
        }
    }

    public var staffLinks: [StaffLink] {
        [
            StaffLink(titleKey: "admin.petitions_link", path: "admin/petitions", for: [.moderatePetition]),
            StaffLink(titleKey: "admin.petitions_charter_link", path: "admin/petitions/settings", for: [.editSettings]),
        ]
    }

    public var resources: URL? { WebResources.directory?.appendingPathComponent("Modules/petitions") }

    public var capabilities: [CapabilityDeclaration] {
        [
            CapabilityDeclaration(.moderatePetition, in: [.moderator, .admin]),
            CapabilityDeclaration(.answerPetition, in: [.admin]),
        ]
    }
}

extension ModuleSlug {
    public static let petitions = ModuleSlug(rawValue: "petitions")
}
