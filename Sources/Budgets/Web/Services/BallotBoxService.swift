import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// The ballot box (docs/design.md, secret ballot; docs/architecture.md, "Secret
/// ballot"). A vote puts its ballot here sealed, in the transaction that
/// records the participation; the mixer opens sealed ballots in pools
/// (`BallotPools`) and moves each pool into `budget_ballots` with its audit
/// entries, in one transaction. So a ballot is always in exactly one place:
/// sealed in the box, or mixed; a crash while mixing leaves the pool sealed,
/// to be mixed again.
public struct BallotBox: Sendable {
    let seal: BallotSeal
    public let pools: BallotPools

    public init(keys: KeyRing, poolSize: Int = 10) {
        seal = BallotSeal(key: keys.ballotBox)
        pools = BallotPools(poolSize: poolSize)
    }

    public enum Problem: Error, Equatable, Sendable {
        /// A sealed ballot did not open: HROMADA_SECRET changed while ballots waited.
        case unreadable(count: Int)
        /// Ballots came or went between counting and publishing (a clerk typed one).
        case changedWhileCounting
        /// Another transaction took some of a pool's ballots first; this one rolls back.
        case raced
    }

    /// The ballot sealed under a fresh random id, padded to its edition's
    /// length, ready for the vote's transaction.
    public func sealed(_ ballot: AnonymousBallot, paddedTo length: BallotLength) throws -> BudgetRepository.SealedBallot {
        let id = RandomToken.base32(byteCount: 16)
        return .init(id: id, sealed: try seal.seal(ballot, boxID: id, paddedTo: length))
    }

    /// What may leave the box now.
    struct Plan: Sendable {
        /// Box ids and ballots, pool by pool in random order, each pool one
        /// stratum's and shuffled. An open stratum's pool comes in parts
        /// (`BallotPools.parts`), each of which may leave in a write of its own.
        var pools: [[(boxID: String, ballot: AnonymousBallot)]] = []
        /// Whether a stratum's last pool is among them, which needs the box locked.
        var takesLastPools = false
        var unreadable = 0

        /// Every ballot of the plan in one random order, to leave in one write.
        func pool(using generator: inout some RandomNumberGenerator) -> [(boxID: String, ballot: AnonymousBallot)] {
            pools.flatMap { $0 }.shuffled(using: &generator)
        }
    }

    /// Sealed rows opened in memory, and how many did not open.
    struct Opened: Sendable {
        var ballots: [(boxID: String, ballot: AnonymousBallot)] = []
        var unreadable = 0
    }

    func open(_ sealed: some Sequence<BudgetRepository.SealedBallot>, edition: BudgetEditionID, into opened: inout Opened) {
        for row in sealed {
            do {
                opened.ballots.append((row.id, try seal.open(row.sealed, boxID: row.id, edition: edition)))
            } catch {
                opened.unreadable += 1
            }
        }
    }

    /// Opens the sealed ballots in memory and picks the pools that are ready;
    /// `whole` takes everything (results are being published).
    func plan(_ sealed: [BudgetRepository.SealedBallot], edition: BudgetEdition, at now: Date, whole: Bool, lastPools: Bool) -> Plan {
        var opened = Opened()
        open(sealed, edition: edition.id, into: &opened)
        return plan(opened, edition: edition, at: now, whole: whole, lastPools: lastPools)
    }

    func plan(_ opened: Opened, edition: BudgetEdition, at now: Date, whole: Bool, lastPools: Bool) -> Plan {
        var plan = Plan()
        plan.unreadable = opened.unreadable
        var strata: [BallotStratum: [(boxID: String, ballot: AnonymousBallot)]] = [:]
        for (boxID, ballot) in opened.ballots { strata[BallotStratum(ballot), default: []].append((boxID, ballot)) }
        var generator = SystemRandomNumberGenerator()
        for (stratum, waiting) in strata {
            let settled = whole || pools.isSettled(stratum, of: edition, at: now)
            if settled && !lastPools { continue }
            let pool = pools.pool(from: waiting, settled: settled, using: &generator)
            guard !pool.isEmpty else { continue }
            if settled {
                plan.takesLastPools = true
                plan.pools.append(pool)
            } else {
                plan.pools += pools.parts(of: pool)
            }
        }
        // The order of writes (and so of PostgreSQL's heap and WAL) follows
        // neither the box nor the votes.
        plan.pools.shuffle(using: &generator)
        return plan
    }

    /// Opens what is ready in one edition and moves it into `budget_ballots`,
    /// with one audit entry per ballot, inside the caller's transaction, so
    /// its pools leave together, unsplit (this runs under the box's lock, or
    /// when results are published). The rows carry the pool's Kyiv day and
    /// the entries its time, never the vote's.
    /// `lastPools` only when the caller holds the box locked (`lockBallotBox`).
    /// Returns how many ballots were mixed and how many did not open.
    func mix(
        _ edition: BudgetEdition, in tx: Repositories, at now: Date, whole: Bool, lastPools: Bool
    ) async throws -> (mixed: Int, unreadable: Int) {
        let plan = self.plan(try await tx.budgets.sealedBallots(of: edition.id), edition: edition, at: now, whole: whole, lastPools: lastPools)
        guard !plan.pools.isEmpty else { return (0, plan.unreadable) }
        // One shuffle over the strata too: the order of inserts follows
        // neither the box nor the votes.
        var generator = SystemRandomNumberGenerator()
        let pool = plan.pool(using: &generator)
        let mixed = try await move(try prepareMove(pool, municipality: edition.municipalityID, at: now), from: edition.id, in: tx, at: now)
        return (mixed, plan.unreadable)
    }

    /// A pool ready to leave the box with everything its write needs made
    /// beforehand, so a pool planned outside the writer costs the writer only
    /// its statements (issue 25): its box ids in the box's own order, its
    /// rows in the shuffle's, its audit entries hashed.
    struct Move: Sendable {
        let boxIDs: [String]
        let rows: [BudgetRepository.MixedRow]
        let entries: [HashedAuditEntry]
    }

    func prepareMove(_ pool: [(boxID: String, ballot: AnonymousBallot)], municipality: MunicipalityID, at now: Date) throws -> Move {
        Move(
            boxIDs: pool.map(\.boxID).sorted(), rows: try pool.map { try BudgetRepository.MixedRow($0.ballot) },
            entries: pool.map { HashedAuditEntry(Self.auditEntry($0.ballot, municipality: municipality, at: now)) })
    }

    /// Moves a pool out of the box inside the caller's transaction: its box
    /// ids removed, its ballots inserted, its audit entries appended. If any
    /// box id is gone (another transaction took it) the pool rolls back (`raced`).
    func move(_ move: Move, from edition: BudgetEditionID, in tx: Repositories, at now: Date) async throws -> Int {
        let removed = try await tx.budgets.removeSealed(move.boxIDs, from: edition)
        guard removed == move.boxIDs.count else { throw Problem.raced }
        try await tx.budgets.insertMixed(rows: move.rows, storedOn: CalendarDate.inKyiv(now))
        try await tx.audit.append(contentsOf: move.entries)
        return move.boxIDs.count
    }

    /// The ballot's entry in the audit chain: its receipt and content hash,
    /// with the pool's time, never the vote's.
    static func auditEntry(_ ballot: AnonymousBallot, municipality: MunicipalityID, at now: Date) -> AuditEntry {
        AuditEntry(
            municipalityID: municipality, actor: "anonymous", action: AuditAction.budgetBallotCast, subject: ballot.receipt,
            details: #"{"channel":"\#(ballot.channel.rawValue)","content":"\#(AuditEntry.hash(ballot.canonicalContent))","edition":"\#(ballot.editionID.rawValue)"}"#,
            occurredAt: now)
    }

    /// The final mix, in the transaction that publishes results: every
    /// ballot still sealed leaves the box, and the stored ballots must be
    /// exactly the `counted` ones the results were computed from.
    func closeForCounting(_ edition: BudgetEdition, counted: Int, in tx: Repositories, at now: Date) async throws {
        try await tx.budgets.lockBallotBox()
        let result = try await mix(edition, in: tx, at: now, whole: true, lastPools: true)
        if result.unreadable > 0 { throw Problem.unreadable(count: result.unreadable) }
        guard try await tx.budgets.ballotCount(in: edition.id) == Int64(counted) else { throw Problem.changedWhileCounting }
    }

    /// Every ballot of the edition: those mixed, and those still sealed opened
    /// in memory (nothing is written), for counting; a ballot is the same
    /// value in either place (it carries no day). In id order, which is random.
    /// The box is read first: a pool mixed between the two reads is then seen
    /// twice (and counted once), never missed.
    func everyBallot(of edition: BudgetEditionID, in tx: Repositories) async throws -> [AnonymousBallot] {
        var sealed: [AnonymousBallot] = []
        var unreadable = 0
        for row in try await tx.budgets.sealedBallots(of: edition) {
            do {
                sealed.append(try seal.open(row.sealed, boxID: row.id, edition: edition))
            } catch {
                unreadable += 1
            }
        }
        // Counting without them would publish a wrong result; a 409 says why.
        if unreadable > 0 { throw AppError.conflict(code: "ballot_box_unreadable") }
        let mixed = try await tx.budgets.ballots(of: edition)
        var seen = Set(mixed.map(\.id))
        return (mixed + sealed.filter { seen.insert($0.id).inserted }).sorted { $0.id.rawValue < $1.id.rawValue }
    }
}
