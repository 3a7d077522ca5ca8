import Foundation
import HromadaDomain
import HromadaStore

/// Casting ballots: online by a verified resident, on paper by staff. The
/// participation and the anonymous ballot are written in one transaction
/// but share nothing (DESIGN.md, secret ballot).
public struct BudgetVoting: Sendable {
    let services: AppServices

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
            try RateLimiter.enforce(try await services.store.write { tx in try await RateLimiter.hit(limits, in: tx, at: now) })
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
            editionID: edition.id, receipt: BallotReceipt.generate(), content: content, channel: .online, ageGroup: ageGroup,
            day: CalendarDate.inKyiv(now))
        try await record(ballot, identity: verification.identityHash, actor: account, city: city, limits: limits)
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

    /// Stores participation and ballot together, or neither: a second ballot
    /// of the same identity (any account, any channel) is refused by the
    /// participation's primary key, which also decides concurrent attempts.
    func record(
        _ ballot: AnonymousBallot, identity: IdentityHash, actor: AccountID, city: MunicipalityID, limits: [(RateLimitRule, String)] = []
    ) async throws {
        let now = services.clock.now()
        // Everything that needs no database is prepared before the write, so
        // the single writer spends its time only on what must be serial.
        // The participation is audited now; the ballot joins the chain later,
        // shuffled among others (BallotAuditMixer), so the two never sit side by side.
        let participated = try services.audit.entry(
            action: AuditAction.budgetParticipated, actor: actor, municipality: city, subject: ballot.editionID.rawValue,
            details: ["channel": ballot.channel.rawValue])
        let prepared = try BudgetRepository.PreparedBallot(ballot)
        enum Written: Sendable { case stored, alreadyVoted, limited(Int) }
        // Refusals are answers, not failed writes: the transaction commits the counters and nothing else.
        let written = try await services.store.write { tx -> Written in
            if let wait = try await RateLimiter.hit(limits, in: tx, at: now) { return .limited(wait) }
            guard try await tx.budgets.recordParticipation(in: ballot.editionID, identity: identity, channel: ballot.channel, day: ballot.day)
            else { return .alreadyVoted }
            try await tx.budgets.insert(prepared)
            try await tx.audit.append(participated)
            return .stored
        }
        switch written {
        case .stored: return
        case .alreadyVoted: throw AppError.conflict(code: "already_voted")
        case .limited(let wait): throw AppError.rateLimited(retryAfter: max(1, wait))
        }
    }

    static func check(_ content: BallotContent, edition: BudgetEdition, projects: [BudgetProject]) throws {
        let onBallot = Dictionary(projects.filter(\.isOnBallot).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        do {
            try BallotRules.check(content, edition: edition, onBallot: onBallot)
        } catch {
            throw appError(error)
        }
    }

    /// The domain's reasons as INTERFACES.md statuses: 422 for content, 409 for state, 403 for the voter.
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
