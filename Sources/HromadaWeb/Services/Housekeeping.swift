import Foundation
import HromadaDomain
import HromadaStore
import Logging
import ServiceLifecycle

/// Deletes what has expired: sessions, single-use links, old rate-limit
/// windows and abandoned OIDC logins. Safe to run on every instance at once.
public struct Housekeeping: PeriodicService {
    let store: Store
    let clock: any Clock
    public let logger: Logger
    public let interval: Duration

    public init(store: Store, clock: any Clock, logger: Logger, interval: Duration = .seconds(600)) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.interval = interval
    }

    public var name: String { "housekeeping" }

    public func runOnce() async throws {
        try await sweep()
    }

    public func sweep() async throws {
        let now = clock.now()
        // The longest rate-limit window is an hour; a day of history is plenty.
        let oldWindows = now.epochSeconds - 86_400
        try await store.write { tx in
            try await tx.sessions.deleteExpired(at: now)
            try await tx.emailTokens.deleteExpired(at: now)
            try await tx.rateLimits.deleteBefore(oldWindows)
            try await tx.oidcLogins.deleteStarted(before: now.addingTimeInterval(-3600))
        }
    }
}
