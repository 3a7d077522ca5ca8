import Foundation
import HromadaDomain
import Hummingbird
import ServiceLifecycle

/// Auctions of municipal property in the Prozorro.Sale manner, with the
/// register of the property they lease or sell.
public struct AuctionsModule: Module {
    public init() {}

    public var slug: ModuleSlug { .auctions }
    public var pathSegments: Set<String> { ["auctions", "property"] }

    public func addRoutes(to router: Router<AppRequestContext>, services: AppServices) {
        AuctionAPIController(services: services).add(to: router)
        AuctionOrganiserAPI(services: services).add(to: router)
        AuctionPages(services: services).add(to: router)
        PropertyPages(services: services).add(to: router)
    }

    public func addSockets(to router: Router<LiveSocketContext>, services: AppServices) {
        AuctionLiveSocket(services: services).add(to: router)
    }

    public func backgroundServices(_ services: AppServices) -> [any Service] {
        var background: [any Service] = [PeriodicTask.auctionScheduler(services)]
        if let relay = AuctionLiveRelay(services: services) { background.append(relay) }
        return background
    }

    /// Вінниця's property register and a full auction cycle.
    public func seedDemo(_ demo: DemoWorld) async throws {
        guard let vinnytsia = demo.city("vinnytsia") else { return }
        try await AuctionDemoSeeder(services: demo.services).seed(into: vinnytsia)
    }

    public var staffLinks: [StaffLink] {
        [StaffLink(titleKey: "admin.property_link", path: "property", for: [.manageAuctions])]
    }

    public var resources: URL? { WebResources.directory?.appendingPathComponent("Modules/auctions") }

    public var capabilities: [CapabilityDeclaration] {
        [
            CapabilityDeclaration(.manageAuctions, in: [.admin]),
        ]
    }
}

extension ModuleSlug {
    public static let auctions = ModuleSlug(rawValue: "auctions")
}
