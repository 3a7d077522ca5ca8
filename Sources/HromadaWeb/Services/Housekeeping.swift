import Foundation
import HromadaDomain
import HromadaStore
import Logging
import ServiceLifecycle

/// Deletes what has expired: sessions, single-use links, old rate-limit
/// windows, abandoned identity-provider logins, and delivered mail once it is older than
/// the mail retention. Safe to run on every instance at once.
public struct Housekeeping: PeriodicService {
    package let store: Store
    package let clock: any Clock
    public let logger: Logger
    public let interval: Duration
    /// How long a delivered letter stays in the outbox (`HROMADA_MAIL_RETENTION`).
    package let mailRetention: TimeInterval

    /// Mail the deliverer gave up on holds only expired links after a week.
    static let abandonedMailRetention: TimeInterval = 7 * 24 * 3600

    public init(
        store: Store, clock: any Clock, logger: Logger, interval: Duration = .seconds(600),
        mailRetention: TimeInterval = AppConfiguration.defaultMailRetention
    ) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.interval = interval
        self.mailRetention = mailRetention
    }

    public var name: String { "housekeeping" }

    public func runOnce() async throws {
        try await sweep()
    }

    public func sweep() async throws {
        let now = clock.now()
        // The longest rate-limit window is an hour; a day of history is plenty.
        let oldWindows = now.epochSeconds - 86_400
        // Only what no page shows: cached pages stay.
        try await store.write(seenByReaders: false) { tx in
            try await tx.sessions.deleteExpired(at: now)
            try await tx.emailTokens.deleteExpired(at: now)
            try await tx.rateLimits.deleteBefore(oldWindows)
            try await tx.oidcLogins.deleteStarted(before: now.addingTimeInterval(-3600))
            try await tx.outbox.purge(
                deliveredBefore: now.addingTimeInterval(-mailRetention), abandonedBefore: now.addingTimeInterval(-Self.abandonedMailRetention))
        }
    }
}
