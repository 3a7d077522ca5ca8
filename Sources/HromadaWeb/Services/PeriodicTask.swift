import HromadaDomain
import HromadaStore
import Logging

/// A round of work the application repeats on its own: a name for the log,
/// an interval, and the round.
public struct PeriodicTask: PeriodicService {
    public let name: String
    public let interval: Duration
    public let logger: Logger
    let round: @Sendable () async throws -> Void

    public init(_ name: String, every interval: Duration, logger: Logger, _ round: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.interval = interval
        self.logger = logger
        self.round = round
    }

    public func runOnce() async throws { try await round() }
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
