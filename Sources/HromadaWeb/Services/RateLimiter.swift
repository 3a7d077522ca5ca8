import Foundation
import HromadaDomain
import HromadaStore

/// Counts attempts per client address and per account in the database,
/// so the limits hold across instances.
public struct RateLimiter: Sendable {
    let store: Store
    let clock: any Clock

    /// Records an attempt from a client address (IPv6 clients count per /64).
    public func check(_ rule: RateLimitRule, address: String) async throws {
        try await check(rule, subject: CIDR.rateLimitSubject(address))
    }

    /// Records an attempt; throws `rateLimited` once over the rule's limit.
    public func check(_ rule: RateLimitRule, subject: String) async throws {
        let now = clock.now()
        let window = rule.windowStart(at: now)
        let hits = try await store.write { tx in
            try await tx.rateLimits.hit(rule: rule.name, subject: subject, windowStart: window)
        }
        if hits > Int64(rule.limit) {
            throw AppError.rateLimited(retryAfter: max(1, rule.retryAfter(at: now)))
        }
    }
}

/// Appends audit entries inside the caller's transaction.
public struct AuditLog: Sendable {
    let keys: KeyRing
    let clock: any Clock

    public func record(
        _ tx: Repositories, action: String, actor: AccountID?, municipality: MunicipalityID?, subject: String,
        details: [String: String] = [:]
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(details), as: UTF8.self)
        try await tx.audit.append(
            AuditEntry(
                municipalityID: municipality, actor: actor.map(keys.pseudonym(of:)) ?? "system", action: action,
                subject: subject, details: json, occurredAt: clock.now()))
    }
}
