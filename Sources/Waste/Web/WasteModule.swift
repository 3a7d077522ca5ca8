import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// Smart waste: the register of collection sites, containers and their
/// sensors, depots and trucks; telemetry from the device API, LoRaWAN
/// network servers and MQTT; the live map of fill levels.
public struct WasteModule: Module {
    public init() {}

    public var slug: ModuleSlug { .waste }

    public func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        WasteAPIController(services: services).add(to: router)
        WastePages(services: services).add(to: router)
        WasteDeskPages(services: services).add(to: router)
    }

    /// Жмеринка's underground bins at real-looking places, with a depot, a transfer station and two trucks.
    public func seedDemo(_ demo: DemoWorld) async throws {
        try await WasteDemoSeeder(services: demo.services).seed(demo.cities)
    }

    /// The readings' own group commit (`ReadingIntake`).
    public func makeState() -> [any Sendable] { [ReadingIntake()] }

    public var staffLinks: [StaffLink] {
        [
            StaffLink(titleKey: "waste.desk.link", path: "admin/waste", for: [.manageWaste]),
            StaffLink(titleKey: "waste.letters.link", path: "admin/waste/letters", for: [.dispatchWaste]),
        ]
    }

    public var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }

    public var capabilities: [CapabilityDeclaration] {
        [
            CapabilityDeclaration(.manageWaste, in: [.admin]),
            CapabilityDeclaration(.dispatchWaste, in: [.admin]),
        ]
    }
}

extension ModuleSlug {
    public static let waste = ModuleSlug(rawValue: "waste")
}
