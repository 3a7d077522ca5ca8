import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
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
    private let alerts = Pace(every: 30)
    /// The recount reads every collecting petition's signatures: every ten minutes.
    private let recount = Pace(every: 600)

    /// Work that runs less often than the scheduler's round.
    final class Pace: Sendable {
        let interval: Int64
        private let last = Mutex<Int64>(0)

        init(every seconds: Int64) { interval = seconds }

        /// Whether the interval has passed since the last time this said yes.
        func isDue(at now: Date) -> Bool {
            last.withLock { last in
                guard now.epochSeconds - last >= interval else { return false }
                last = now.epochSeconds
                return true
            }
        }
    }

    public func runOnce() async throws {
        try await services.petitions.tick()
        let now = services.clock.now()
        if alerts.isDue(at: now) { try await services.petitions.raiseTrendingAlerts() }
        if recount.isDue(at: now) { try await services.petitions.recount() }
    }
}
