import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Metrics

/// Casting ballots: online by a verified resident, on paper by staff. The
/// participation and the sealed ballot are written in one transaction; the
/// ballot leaves the box only in a pool (`BallotBox`; docs/design.md, secret ballot).
public struct BudgetVoting: Sendable {
    let services: AppServices

    /// `hromada_budgets_ballots_total`: ballots put in the box, by channel.
    static let onlineBallots = Counter(label: "hromada_budgets_ballots_total", dimensions: [("channel", "online")])
    static let paperBallots = Counter(label: "hromada_budgets_ballots_total", dimensions: [("channel", "paper")])

    /// What the voter is told after voting.
    public struct Confirmation: Sendable, Equatable {
        /// Nil when the edition runs receipt-free.
        public var receipt: String?
    }

    /// Casts an online ballot for the signed-in person.
    public func castOnline(
        _ content: BallotContent, in editionID: BudgetEditionID, city: MunicipalityID, by account: AccountID, clientAddress: String
    ) async throws -> Confirmation {
        // Valid ballots count against the limits in their own transaction;
        // refused ones count in a write of their own, so floods are limited too.
        let limits = [(RateLimitRule.votingPerAddress, CIDR.rateLimitSubject(clientAddress)), (RateLimitRule.votingPerAccount, account.rawValue)]
        do {
            return try await castOnline(content, in: editionID, city: city, by: account, limits: limits)
        } catch let error as AppError
            where error.status != .tooManyRequests && error.status != .notFound && error != .conflict(code: "already_voted") {
            let now = services.clock.now()
            try RateLimiter.enforce(try await services.store.write(seenByReaders: false) { tx in try await RateLimiter.hit(limits, in: tx, at: now) })
            throw error
        }
    }

    private func castOnline(
        _ content: BallotContent, in editionID: BudgetEditionID, city: MunicipalityID, by account: AccountID, limits: [(RateLimitRule, String)]
    ) async throws -> Confirmation {
        let now = services.clock.now()
        let (edition, verification, projects) = try await services.store.read { tx in
            (try await tx.budgets.edition(editionID, in: city), try await tx.residency.find(account: account, in: city),
             try await tx.budgets.projects(of: editionID, in: city))
        }
        guard let edition else { throw AppError.notFound }
        let ageGroup: AgeGroup
        do {
            ageGroup = try BallotRules.checkOnlineVoter(verification: verification, edition: edition, at: now)
        } catch {
            throw Self.appError(error)
        }
        try Self.check(content, edition: edition, projects: projects)
        guard let verification else { throw AppError.forbidden(reason: "not_verified_resident") }
        let ballot = AnonymousBallot(
            editionID: edition.id, receipt: BallotReceipt.generate(), content: content, channel: .online, ageGroup: ageGroup)
        try await record(
            ballot, paddedTo: BallotLength(edition: edition, onBallot: projects), identity: verification.identityHash, actor: account,
            city: city, limits: limits)
        return Confirmation(receipt: edition.receiptsEnabled ? ballot.receipt : nil)
    }

    /// Sends the receipt by email; the caller checks that the edition allows it and the voter asked.
    public func emailReceipt(_ receipt: String, edition: BudgetEdition, city: Municipality, to account: Account, language: Language) async throws {
        let message = services.mail.ballotReceipt(
            to: account, receipt: receipt, edition: edition.title.text(language.rawValue),
            link: "\(services.configuration.publicBaseURL)/\(city.slug.rawValue)/budgets/\(edition.id.rawValue)", language: language,
            at: services.clock.now())
        try await services.store.write { try await $0.outbox.enqueue(message) }
    }

    /// Stores participation and sealed ballot together, or neither: a second
    /// ballot of the same identity (any account, any channel) is refused by
    /// the participation's primary key, which also decides concurrent
    /// attempts. The answer comes after the commit, so a 201 means both are
    /// on disk (SQLite: synchronous=FULL).
    func record(
        _ ballot: AnonymousBallot, paddedTo length: BallotLength, identity: IdentityHash, actor: AccountID, city: MunicipalityID,
        limits: [(RateLimitRule, String)] = [], clerk: AccountID? = nil
    ) async throws {
        let prepared = try prepare(ballot, paddedTo: length, actor: actor, city: city)
        let written = try await services.store.write { tx in
            try await Self.write(prepared, identity: identity, limits: limits, clerk: clerk, in: tx)
        }
        switch written {
        case .stored:
            (ballot.channel == .online ? Self.onlineBallots : Self.paperBallots).increment()
        case .alreadyVoted: throw AppError.conflict(code: "already_voted")
        case .limited(let wait): throw AppError.rateLimited(retryAfter: max(1, wait))
        }
    }

    /// A ballot with everything that needs no database done, so the single
    /// writer spends its time only on what must be serial: the participation's
    /// audit entry, and the ballot sealed for the box. The participation is
    /// audited now; the ballot joins the chain when it is mixed, so the two
    /// never sit side by side. Only the participation records the day.
    struct Prepared: Sendable {
        let editionID: BudgetEditionID
        let channel: BallotChannel
        let day: CalendarDate
        let stratum: BallotStratum
        let sealed: BudgetRepository.SealedBallot
        let participated: HashedAuditEntry
        let pools: BallotPools
        let clock: any HromadaDomain.Clock
    }

    /// `length`: the edition's (`BallotLength`), from the edition and projects the ballot was checked against.
    func prepare(_ ballot: AnonymousBallot, paddedTo length: BallotLength, actor: AccountID, city: MunicipalityID) throws -> Prepared {
        let box = services.ballotBox
        return Prepared(
            editionID: ballot.editionID, channel: ballot.channel, day: CalendarDate.inKyiv(services.clock.now()), stratum: BallotStratum(ballot),
            sealed: try box.sealed(ballot, paddedTo: length),
            participated: HashedAuditEntry(try services.audit.entry(
                action: AuditAction.budgetParticipated, actor: actor, municipality: city, subject: ballot.editionID.rawValue,
                details: ["channel": ballot.channel.rawValue])),
            pools: box.pools, clock: services.clock)
    }

    enum Written: Sendable { case stored, alreadyVoted, limited(Int) }

    /// The vote's writes, inside the caller's transaction. Refusals are
    /// answers, not failed writes: the transaction commits the counters and
    /// nothing else. A ballot that comes too late for its stratum throws, so
    /// the participation rolls back with it.
    static func write(
        _ prepared: Prepared, identity: IdentityHash, limits: [(RateLimitRule, String)], clerk: AccountID?, in tx: Repositories
    ) async throws -> Written {
        if let wait = try await RateLimiter.hit(limits, in: tx, at: prepared.clock.now()) { return .limited(wait) }
        guard try await tx.budgets.recordParticipation(in: prepared.editionID, identity: identity, channel: prepared.channel, day: prepared.day)
        else { return .alreadyVoted }
        try await tx.budgets.insertSealed(prepared.sealed, in: prepared.editionID)
        // Asked after the ballot is in the box: on PostgreSQL that insert waits
        // while the mixer takes this stratum's last pool (or results are
        // published), and then the stratum reads closed. No ballot may join a
        // stratum whose last pool is gone: it would be mixed alone.
        guard let edition = try await tx.budgets.edition(prepared.editionID),
              prepared.pools.accepts(prepared.stratum, of: edition, at: prepared.clock.now())
        else { throw AppError.conflict(code: "voting_closed") }
        if let clerk { try await tx.budgets.countPaperEntry(by: clerk, in: prepared.editionID) }
        try await tx.audit.append(prepared.participated)
        return .stored
    }

    static func check(_ content: BallotContent, edition: BudgetEdition, projects: [BudgetProject]) throws {
        let onBallot = Dictionary(projects.filter(\.isOnBallot).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        do {
            try BallotRules.check(content, edition: edition, onBallot: onBallot)
        } catch {
            throw appError(error)
        }
    }

    /// The domain's reasons as docs/interfaces.md statuses: 422 for content, 409 for state, 403 for the voter.
    static func appError(_ problem: BallotProblem) -> AppError {
        switch problem {
        case .empty: .invalid(code: "ballot_empty", field: "projects")
        case .unknownProject: .invalid(code: "unknown_project", field: "projects")
        case .duplicateProject: .invalid(code: "duplicate_project", field: "projects")
        case .tooManyPicks: .invalid(code: "too_many_picks", field: "projects")
        case .tooFewPicks: .invalid(code: "too_few_picks", field: "projects")
        case .overBudget: .invalid(code: "over_budget", field: "projects")
        case .underMinimumShare: .invalid(code: "under_minimum_share", field: "projects")
        case .notOnePerCategory: .invalid(code: "one_per_category", field: "projects")
        case .pointsMismatch: .invalid(code: "points_mismatch", field: "points")
        case .pointsNotPositive: .invalid(code: "points_not_positive", field: "points")
        case .pointsOverTotal: .invalid(code: "points_over_total", field: "points")
        case .pointsOverPerProject: .invalid(code: "points_over_per_project", field: "points")
        }
    }

    static func appError(_ problem: VoterProblem) -> AppError {
        switch problem {
        case .notVerifiedResident: .forbidden(reason: "not_verified_resident")
        case .underAge: .forbidden(reason: "under_age")
        case .votingClosed: .conflict(code: "voting_closed")
        case .alreadyVoted: .conflict(code: "already_voted")
        }
    }
}
