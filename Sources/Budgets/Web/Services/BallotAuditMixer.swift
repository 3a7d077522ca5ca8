import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Logging
import ServiceLifecycle

/// Opens the ballot box in pools (`BallotBox`, `BallotPools`). A vote seals
/// its ballot in the transaction of its participation; here, sealed ballots
/// leave the box only in pools of at least `poolSize` of one stratum (all
/// that remain once their stratum closes), shuffled, with the pool's time in
/// their audit entries. So neither the database (transaction ids, physical
/// order, the WAL) nor the audit log lines a ballot up with its voter.
///
/// Ballots loaded in bulk (the demo, imports) are stored unsealed and
/// unaudited; they enter the audit chain here too, in pools of the same size.
public struct BallotAuditMixer: PeriodicService {
    let store: Store
    let box: BallotBox
    let clock: any HromadaDomain.Clock
    public let logger: Logger
    /// A second: under a busy vote each round's pools stay small, so the
    /// write that moves them is short for the voters queued behind it.
    public let interval: Duration
    let poolSize: Int64

    /// Sealed ballots opened between two yields to the requests waiting.
    static let openedAtOnce = 200

    /// Bulk-loaded ballots per transaction: a backlog is worked off in short
    /// writes, so voters queued behind the single SQLite writer never wait long.
    let batchSize: Int64

    public init(
        store: Store, box: BallotBox, clock: any HromadaDomain.Clock, logger: Logger, interval: Duration = .seconds(1), batchSize: Int64 = 200
    ) {
        let poolSize = Int64(box.pools.poolSize)
        self.batchSize = max(poolSize, batchSize / poolSize * poolSize)
        self.store = store
        self.box = box
        self.clock = clock
        self.logger = logger
        self.interval = interval
        self.poolSize = poolSize
    }

    public var name: String { "ballot audit mixing" }

    public func runOnce() async throws {
        try await mix()
    }

    /// Mixes every pool that is ready; returns how many ballots entered the chain.
    @discardableResult
    public func mix() async throws -> Int {
        try await mixSealed() + (try await mixBulk())
    }

    /// The ballot box, edition by edition.
    func mixSealed() async throws -> Int {
        var total = 0
        for (editionID, _) in try await store.read({ try await $0.budgets.sealedBallotCounts() }) {
            let box = self.box, clock = self.clock, now = clock.now()
            // Planned outside the writer: most rounds find nothing ready, and
            // opening the sealed ballots (thousands, after a few seconds of a
            // busy vote) is work the single writer must not wait on.
            let read = try await store.read { tx -> (sealed: [BudgetRepository.SealedBallot], edition: BudgetEdition)? in
                guard let edition = try await tx.budgets.edition(editionID) else { return nil }
                return (try await tx.budgets.sealedBallots(of: editionID), edition)
            }
            guard let (sealed, edition) = read else { continue }
            // Opened a few hundred at a time, giving way between: this runs on
            // the threads that answer requests, and a second of a busy vote is
            // thousands of ballots.
            var opened = BallotBox.Opened()
            for start in stride(from: 0, to: sealed.count, by: Self.openedAtOnce) {
                box.open(sealed[start..<min(start + Self.openedAtOnce, sealed.count)], edition: editionID, into: &opened)
                await Task.yield()
            }
            let plan = box.plan(opened, edition: edition, at: now, whole: false, lastPools: true)
            if plan.unreadable > 0 {
                logger.error(
                    "sealed ballots do not open: was HROMADA_SECRET changed while voting ran?",
                    metadata: ["edition": "\(editionID.rawValue)", "count": "\(plan.unreadable)"])
            }
            guard !plan.pools.isEmpty else { continue }
            // A stratum's last pool is picked again under the lock, in one
            // write. Otherwise each part of a pool leaves in a write of its
            // own, so voters queued behind the writer wait for one part at most.
            let writes: [Planned?] = plan.takesLastPools
                ? [nil]
                : try plan.pools.map { part in
                    Planned(move: try box.prepareMove(part, municipality: edition.municipalityID, at: now), strata: Set(part.map { BallotStratum($0.ballot) }))
                }
            for planned in writes {
                do {
                    total += try await moveReady(editionID, planned: planned, at: now)
                } catch BallotBox.Problem.raced {
                    // Another instance moved some of these first (on PostgreSQL each
                    // instance runs a mixer): nothing of this part was written; the
                    // next round plans again from what is left.
                    logger.debug("a planned ballot pool was taken by another mixer", metadata: ["edition": "\(editionID.rawValue)"])
                }
            }
        }
        return total
    }

    /// A part of a pool ready to move, and the strata it belongs to (one).
    private struct Planned: Sendable {
        let move: BallotBox.Move
        let strata: Set<BallotStratum>
    }

    /// One write of a round: the `planned` part of a pool moved, or with none
    /// planned (the round takes a stratum's last pool) the pools picked and
    /// moved under the lock.
    private func moveReady(_ editionID: BudgetEditionID, planned: Planned?, at now: Date) async throws -> Int {
        let box = self.box, clock = self.clock
        return try await store.write { tx -> Int in
            guard try await tx.budgets.tryMixerLock() else { return 0 }
            guard let planned else {
                // A stratum's last pool must hold every ballot of it, those in
                // flight included: the lock waits for them and holds back later
                // ones, and the box is read again under it.
                try await tx.budgets.lockBallotBox()
                guard let edition = try await tx.budgets.edition(editionID) else { return 0 }
                return try await box.mix(edition, in: tx, at: clock.now(), whole: false, lastPools: true).mixed
            }
            // Whole pools of strata still voting, as planned. A stratum
            // that closed since the plan is left to the next round, which
            // takes its last pool under the lock.
            guard let current = try await tx.budgets.edition(editionID),
                  !planned.strata.contains(where: { box.pools.isSettled($0, of: current, at: clock.now()) })
            else { return 0 }
            return try await box.move(planned.move, from: editionID, in: tx, at: now)
        }
    }

    /// Bulk-loaded ballots not yet in the audit chain.
    func mixBulk() async throws -> Int {
        let pending = try await store.read { try await $0.budgets.unauditedBallotCounts() }
        var total = 0
        for (editionID, count) in pending {
            var left = count
            while left > 0 {
                let done = try await mixBulk(editionID, pending: min(left, batchSize), whole: left > batchSize)
                if done == 0 { break }
                total += done
                left -= Int64(done)
            }
        }
        return total
    }

    /// `whole`: more are waiting beyond this batch, so it is a full batch of whole pools.
    private func mixBulk(_ editionID: BudgetEditionID, pending: Int64, whole: Bool) async throws -> Int {
        let now = clock.now()
        let poolSize = self.poolSize
        return try await store.write { tx in
            guard try await tx.budgets.tryMixerLock(), let edition = try await tx.budgets.edition(editionID) else { return 0 }
            let closed = edition.phase(at: now) > .voting
            // While voting runs, whole pools only; once it closes, everything left.
            let take = closed || whole ? pending : pending / poolSize * poolSize
            guard take > 0 else { return 0 }
            let ballots = try await tx.budgets.unauditedBallots(of: editionID, limit: Int(take))
            try await tx.audit.append(contentsOf: ballots.map { HashedAuditEntry(BallotBox.auditEntry($0, municipality: edition.municipalityID, at: now)) })
            try await tx.budgets.shelve(ballots, storedOn: CalendarDate.inKyiv(now))
            return ballots.count
        }
    }
}
