import Foundation
import HromadaDomain
import HromadaStore
import Logging
import ServiceLifecycle

/// Puts anonymous ballots into the audit chain in shuffled pools. Were each
/// ballot audited in its voter's transaction, the participation entry (which
/// names a pseudonym) and the ballot entry would sit next to each other in
/// the log. Here ballots wait until at least `poolSize` are pending in their
/// edition (or voting has closed), then enter in random-id order with the
/// pool's time, so no entry lines up with a voter. The pool's rows are
/// rewritten in the same order, so their physical place says no more.
public struct BallotAuditMixer: PeriodicService {
    let store: Store
    let clock: any HromadaDomain.Clock
    public let logger: Logger
    public let interval: Duration
    let poolSize: Int64

    /// Ballots per transaction: a backlog is worked off in short writes, so
    /// voters queued behind the single SQLite writer never wait long.
    let batchSize: Int64

    public init(
        store: Store, clock: any HromadaDomain.Clock, logger: Logger, interval: Duration = .seconds(5), poolSize: Int64 = 10,
        batchSize: Int64 = 200
    ) {
        self.batchSize = max(poolSize, batchSize / poolSize * poolSize)
        self.store = store
        self.clock = clock
        self.logger = logger
        self.interval = interval
        self.poolSize = poolSize
    }

    public var name: String { "ballot audit mixing" }

    public func runOnce() async throws {
        try await mix()
    }

    /// Audits every pool that is ready; returns how many ballots entered the chain.
    @discardableResult
    public func mix() async throws -> Int {
        let pending = try await store.read { try await $0.budgets.unauditedBallotCounts() }
        var total = 0
        for (editionID, count) in pending {
            var left = count
            while left > 0 {
                let done = try await mix(editionID, pending: min(left, batchSize), whole: left > batchSize)
                if done == 0 { break }
                total += done
                left -= Int64(done)
            }
        }
        return total
    }

    /// `whole`: more are waiting beyond this batch, so it is a full batch of whole pools.
    private func mix(_ editionID: BudgetEditionID, pending: Int64, whole: Bool) async throws -> Int {
        let now = clock.now()
        let poolSize = self.poolSize
        return try await store.write { tx in
            guard try await tx.budgets.tryMixerLock(), let edition = try await tx.budgets.edition(editionID) else { return 0 }
            let closed = edition.phase(at: now) > .voting
            // While voting runs, whole pools only; once it closes, everything left.
            let take = closed || whole ? pending : pending / poolSize * poolSize
            guard take > 0 else { return 0 }
            let ballots = try await tx.budgets.unauditedBallots(of: editionID, limit: Int(take))
            for ballot in ballots {
                try await tx.audit.append(
                    AuditEntry(
                        municipalityID: edition.municipalityID, actor: "anonymous", action: AuditAction.budgetBallotCast,
                        subject: ballot.receipt,
                        details: #"{"channel":"\#(ballot.channel.rawValue)","content":"\#(AuditEntry.hash(ballot.canonicalContent))","edition":"\#(editionID.rawValue)"}"#,
                        occurredAt: now))
            }
            try await tx.budgets.shelve(ballots)
            return ballots.count
        }
    }
}
