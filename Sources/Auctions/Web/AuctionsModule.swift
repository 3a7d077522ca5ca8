import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird
import ServiceLifecycle

/// Auctions of municipal property in the Prozorro.Sale manner, with the
/// register of the property they lease or sell.
public struct AuctionsModule: Module {
    public init() {}

    public var slug: ModuleSlug { .auctions }

    public var search: SearchSource? { AuctionSearchSource.source }
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

    /// docs/interfaces.md: in demo mode each serve start schedules a fresh demo auction a minute ahead.
    public func startDemoServe(_ services: AppServices) async throws {
        try await AuctionDemoSeeder(services: services).scheduleLive()
    }

    public func makeState() -> [any Sendable] { [AuctionLiveFeed()] }

    public func metricSamples(_ services: AppServices) async -> [MetricSample] {
        guard let feed = services.moduleState(AuctionLiveFeed.self) else { return [] }
        return [MetricSample(
            "hromada_auction_live_watchers", help: "Connections watching a live auction on this instance, over all lots.",
            value: Double(await feed.watcherCount))]
    }

    public var uploadRoutes: [UploadRoute] { [.propertyPhotos, .propertyDocuments] }

    /// Its lots, for a site of the investment portal that is in auction.
    public var linkTargets: [LinkTarget] { [AuctionLinks.lot] }

    /// Proceeds and the share of lots sold, year by year.
    public var computedIndicators: [ComputedIndicator] { AuctionIndicators.all }

    /// Lots announced and their results, and the bidders' dates, for the city's feed and calendar.
    public var news: NewsSource? { AuctionNews.source }

    public var staffLinks: [StaffLink] {
        [StaffLink(titleKey: "admin.property_link", path: "property", for: [.manageAuctions])]
    }

    public var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }

    /// Lots, and the bids and awards of auctions that are over.
    public var openDatasets: [OpenDataset] { AuctionOpenData.datasets }

    public var capabilities: [CapabilityDeclaration] {
        [
            CapabilityDeclaration(.manageAuctions, in: [.admin]),
        ]
    }
}

extension ModuleSlug {
    public static let auctions = ModuleSlug(rawValue: "auctions")
}

extension PeriodicTask {
    /// Moves lots on time without anyone visiting a page: bidding closes when
    /// the auction starts, and a finished auction goes to qualification. One
    /// instance at a time holds its lease; every change is also written only
    /// from the status it was decided from.
    public static func auctionScheduler(_ services: AppServices) -> PeriodicTask {
        PeriodicTask("auction scheduler", every: .seconds(1), logger: services.logger) { try await services.auctions.advance() }
    }
}
