import Foundation
import HromadaDomain
import HromadaStore

/// Counts attempts per client address and per account in the database,
/// so the limits hold across instances.
public struct RateLimiter: Sendable {
    package let store: Store
    package let clock: any Clock

    /// Records an attempt from a client address (IPv6 clients count per /64).
    public func check(_ rule: RateLimitRule, address: String) async throws {
        try await check(rule, subject: CIDR.rateLimitSubject(address))
    }

    /// Records an attempt; throws `rateLimited` once over the rule's limit.
    public func check(_ rule: RateLimitRule, subject: String) async throws {
        let now = clock.now()
        // Counted in the transaction, refused after it: a refusal is not a failed write.
        try Self.enforce(try await store.write(seenByReaders: false) { tx in try await Self.hit([(rule, subject)], in: tx, at: now) })
    }

    /// Counts attempts inside the caller's transaction, so a write that is
    /// rate-limited costs one transaction instead of one per rule. Returns the
    /// seconds to wait when any rule is over its limit.
    public static func hit(_ attempts: [(RateLimitRule, String)], in tx: Repositories, at now: Date) async throws -> Int? {
        guard !attempts.isEmpty else { return nil }
        let counts = try await tx.rateLimits.hit(attempts.map { (rule: $0.0.name, subject: $0.1, windowStart: $0.0.windowStart(at: now)) })
        var wait: Int?
        for ((rule, _), hits) in zip(attempts, counts) where hits > Int64(rule.limit) {
            wait = max(wait ?? 1, rule.retryAfter(at: now))
        }
        return wait
    }

    package static func enforce(_ wait: Int?) throws {
        if let wait { throw AppError.rateLimited(retryAfter: max(1, wait)) }
    }

    /// The rule an attempt is over, and the seconds until its window ends.
    public struct Refusal: Error, Sendable {
        public let rule: RateLimitRule
        public let retryAfter: Int
    }

    /// Counters drawn on by one attempt, to be given back if it succeeds.
    public struct Reservation: Sendable {
        package let counters: [(rule: String, subject: String, windowStart: Int64)]
    }

    /// Counts an attempt under each rule before it is made, so attempts sent
    /// at once cannot all slip under a limit. Returns the reservation, or the
    /// first rule over its limit with the seconds to wait.
    public func reserve(_ attempts: [(rule: RateLimitRule, subject: String)]) async throws -> Result<Reservation, Refusal> {
        let now = clock.now()
        let counters = attempts.map { (rule: $0.rule.name, subject: $0.subject, windowStart: $0.rule.windowStart(at: now)) }
        let counts = try await store.write(seenByReaders: false) { tx in try await tx.rateLimits.hit(counters) }
        for (attempt, hits) in zip(attempts, counts) where hits > Int64(attempt.rule.limit) {
            return .failure(Refusal(rule: attempt.rule, retryAfter: max(1, attempt.rule.retryAfter(at: now))))
        }
        return .success(Reservation(counters: counters))
    }

    /// Gives a reservation back: the attempt succeeded, and only failures count.
    public func refund(_ reservation: Reservation) async throws {
        try await store.write(seenByReaders: false) { tx in try await tx.rateLimits.refund(reservation.counters) }
    }
}

/// Appends audit entries inside the caller's transaction.
public struct AuditLog: Sendable {
    package let keys: KeyRing
    package let clock: any Clock

    public func record(
        _ tx: Repositories, action: String, actor: AccountID?, municipality: MunicipalityID?, subject: String,
        details: [String: String] = [:]
    ) async throws {
        try await tx.audit.append(try entry(action: action, actor: actor, municipality: municipality, subject: subject, details: details))
    }

    /// The entry `record` would append, built outside the transaction: on
    /// the hot paths (ballots) every microsecond inside the single SQLite
    /// writer is a microsecond every other voter waits.
    public func entry(
        action: String, actor: AccountID?, municipality: MunicipalityID?, subject: String, details: [String: String] = [:]
    ) throws -> AuditEntry {
        // Most entries have no details (every signature's): no encoder for them.
        let json: String
        if details.isEmpty {
            json = "{}"
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            json = String(decoding: try encoder.encode(details), as: UTF8.self)
        }
        let now = clock.now()
        return AuditEntry(
            // The actor's pseudonym is scoped to the subject: see `KeyRing.pseudonym(of:about:)`.
            id: .ordered(at: now), municipalityID: municipality, actor: actor.map { keys.pseudonym(of: $0, about: subject) } ?? "system", action: action,
            subject: subject, details: json, occurredAt: now)
    }
}
