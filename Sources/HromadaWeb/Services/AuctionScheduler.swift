import HromadaDomain
import HromadaStore
import Logging

/// Moves lots on time without anyone visiting a page: bidding closes when
/// the auction starts, and a finished auction goes to qualification. One
/// instance at a time holds its lease; every change is also written only
/// from the status it was decided from.
public struct AuctionScheduler: PeriodicService {
    let services: AppServices
    public let interval: Duration
    public let logger: Logger

    public init(services: AppServices, interval: Duration = .seconds(1)) {
        self.services = services
        self.interval = interval
        self.logger = services.logger
    }

    public var name: String { "auction scheduler" }

    public func runOnce() async throws {
        try await services.auctions.advance()
    }
}
