import HromadaDomain
import HromadaStore
import Logging

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

    public func runOnce() async throws {
        try await services.petitions.tick()
    }
}
