import Foundation
import HromadaDomain
import HromadaStore
import Logging
import Synchronization

/// Moves petitions on time without anyone visiting a page: refreshes the
/// displayed counts (so they lag by at most about a second), applies a
/// threshold no signer saw crossed, and closes petitions whose collection
/// ended. Several instances may run it: every change is written only from
/// the state it was decided from, so the first instance wins and the others
/// skip it (`PetitionRepository.update(_:from:)`).
public struct PetitionScheduler: PeriodicService {
    let services: AppServices
    public let interval: Duration
    public let logger: Logger

    public init(services: AppServices, interval: Duration = .seconds(1)) {
        self.services = services
        self.interval = interval
        self.logger = services.logger
    }

    public var name: String { "petition scheduler" }

    /// Trending addresses are looked for twice a minute: the query groups
    /// an hour of signatures, too much to run every second under a storm.
    static let alertInterval: Int64 = 30
    private let lastAlertCheck = AlertPace()

    final class AlertPace: Sendable {
        let last = Mutex<Int64>(0)
    }

    public func runOnce() async throws {
        try await services.petitions.tick()
        let now = services.clock.now().epochSeconds
        let due = lastAlertCheck.last.withLock { last in
            guard now - last >= Self.alertInterval else { return false }
            last = now
            return true
        }
        if due { try await services.petitions.raiseTrendingAlerts() }
    }
}
