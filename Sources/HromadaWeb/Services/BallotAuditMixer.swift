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

    public init(store: Store, clock: any HromadaDomain.Clock, logger: Logger, interval: Duration = .seconds(5), poolSize: Int64 = 10) {
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
            total += try await mix(editionID, pending: count)
        }
        return total
    }

    private func mix(_ editionID: BudgetEditionID, pending: Int64) async throws -> Int {
        let now = clock.now()
        let poolSize = self.poolSize
        return try await store.write { tx in
            guard try await tx.budgets.tryMixerLock(), let edition = try await tx.budgets.edition(editionID) else { return 0 }
            let closed = edition.phase(at: now) > .voting
            // While voting runs, whole pools only; once it closes, everything left.
            let take = closed ? pending : pending / poolSize * poolSize
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
