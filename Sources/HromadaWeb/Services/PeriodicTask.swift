import HromadaDomain
import HromadaStore
import Logging

/// A round of work the application repeats on its own: a name for the log,
/// an interval, and the round.
public struct PeriodicTask: PeriodicService {
    public let name: String
    public let interval: Duration
    public let logger: Logger
    package let round: @Sendable () async throws -> Void

    public init(_ name: String, every interval: Duration, logger: Logger, _ round: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.interval = interval
        self.logger = logger
        self.round = round
    }

    public func runOnce() async throws { try await round() }
}
