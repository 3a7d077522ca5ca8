import Foundation
import HromadaDomain
import SQLKit

public enum SessionKind: String, Sendable {
    /// A browser session behind a cookie.
    case browser
    /// A bearer token from `POST /api/v1/session`.
    case api
}

/// Sessions live in the database, so any instance can serve any request.
public struct SessionRepository: Sendable {
    package let db: any SQLDatabase

    public func create(digest: String, account: AccountID, kind: SessionKind, at instant: Date, expiresAt: Date) async throws {
        try await db.raw("""
            INSERT INTO sessions (token_digest, account_id, kind, created_at, expires_at)
            VALUES (\(bind: digest), \(bind: account.rawValue), \(bind: kind.rawValue), \(bind: instant.epochSeconds), \(bind: expiresAt.epochSeconds))
            """).run()
    }

    /// The account behind a live session of that kind.
    public func account(digest: String, kind: SessionKind, at instant: Date) async throws -> AccountID? {
        try await db.raw("""
            SELECT account_id FROM sessions
            WHERE token_digest = \(bind: digest) AND kind = \(bind: kind.rawValue) AND expires_at > \(bind: instant.epochSeconds)
            """).first().map { AccountID(rawValue: try $0.string("account_id")) }
    }

    public func delete(digest: String) async throws {
        try await db.raw("DELETE FROM sessions WHERE token_digest = \(bind: digest)").run()
    }

    /// Ends every session of an account, e.g. after a password reset.
    public func deleteAll(of account: AccountID) async throws {
        try await db.raw("DELETE FROM sessions WHERE account_id = \(bind: account.rawValue)").run()
    }

    public func deleteExpired(at instant: Date) async throws {
        try await db.raw("DELETE FROM sessions WHERE expires_at <= \(bind: instant.epochSeconds)").run()
    }
}

public enum EmailTokenPurpose: String, Sendable {
    case confirmEmail = "confirm"
    case resetPassword = "reset"
}

/// Single-use links sent by email.
public struct EmailTokenRepository: Sendable {
    package let db: any SQLDatabase

    public func create(digest: String, account: AccountID, purpose: EmailTokenPurpose, at instant: Date, expiresAt: Date) async throws {
        try await db.raw("""
            INSERT INTO email_tokens (token_digest, account_id, purpose, created_at, expires_at)
            VALUES (\(bind: digest), \(bind: account.rawValue), \(bind: purpose.rawValue), \(bind: instant.epochSeconds), \(bind: expiresAt.epochSeconds))
            """).run()
    }

    /// Marks the token used and returns its account, if it is valid now.
    /// The conditional update makes a second use fail even when racing.
    public func consume(digest: String, purpose: EmailTokenPurpose, at instant: Date) async throws -> AccountID? {
        try await db.raw("""
            UPDATE email_tokens SET used_at = \(bind: instant.epochSeconds)
            WHERE token_digest = \(bind: digest) AND purpose = \(bind: purpose.rawValue)
              AND used_at IS NULL AND expires_at > \(bind: instant.epochSeconds)
            RETURNING account_id
            """).first().map { AccountID(rawValue: try $0.string("account_id")) }
    }

    public func deleteExpired(at instant: Date) async throws {
        try await db.raw("DELETE FROM email_tokens WHERE expires_at <= \(bind: instant.epochSeconds)").run()
    }

    /// Marks every unused token of the account for the purpose used (once one
    /// link worked, its older siblings must not) and returns their digests.
    public func retireAll(of account: AccountID, purpose: EmailTokenPurpose, at instant: Date) async throws -> [String] {
        try await db.raw("""
            UPDATE email_tokens SET used_at = \(bind: instant.epochSeconds)
            WHERE account_id = \(bind: account.rawValue) AND purpose = \(bind: purpose.rawValue) AND used_at IS NULL
            RETURNING token_digest
            """).all().map { try $0.string("token_digest") }
    }

    /// The account of a still-valid token, without using it (to show the reset form).
    public func account(digest: String, purpose: EmailTokenPurpose, at instant: Date) async throws -> AccountID? {
        try await db.raw("""
            SELECT account_id FROM email_tokens
            WHERE token_digest = \(bind: digest) AND purpose = \(bind: purpose.rawValue)
              AND used_at IS NULL AND expires_at > \(bind: instant.epochSeconds)
            """).first().map { AccountID(rawValue: try $0.string("account_id")) }
    }
}

/// Fixed-window counters shared by all instances.
public struct RateLimitRepository: Sendable {
    package let db: any SQLDatabase

    /// Counts one attempt and returns the attempts in this window so far.
    public func hit(rule: String, subject: String, windowStart: Int64) async throws -> Int64 {
        try await db.raw("""
            INSERT INTO rate_limit_hits (rule, subject, window_start, hits)
            VALUES (\(bind: rule), \(bind: subject), \(bind: windowStart), 1)
            ON CONFLICT (rule, subject, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
            RETURNING hits
            """).first()?.int("hits") ?? 1
    }

    /// Several counters in one statement (a ballot counts per address and per
    /// account): each statement costs a round trip on the single writer.
    /// Returns the new count of each, in the order given.
    public func hit(_ counters: [(rule: String, subject: String, windowStart: Int64)]) async throws -> [Int64] {
        guard counters.count > 1 else {
            return try await counters.asyncMap { try await hit(rule: $0.rule, subject: $0.subject, windowStart: $0.windowStart) }
        }
        // Plain SQL rather than SQLKit's insert builder: serialising the
        // builder's expression tree was a visible share of the single
        // writer's time per ballot.
        let values: [SQLQueryString] = counters.map { "(\(bind: $0.rule), \(bind: $0.subject), \(bind: $0.windowStart), 1)" }
        let statement: SQLQueryString = """
            INSERT INTO rate_limit_hits (rule, subject, window_start, hits) VALUES \(values.joined(separator: ", "))
            ON CONFLICT (rule, subject, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
            RETURNING rule, subject, window_start, hits
            """
        let rows = try await db.raw(statement).all()
        var counts: [String: Int64] = [:]
        for row in rows {
            counts["\(try row.string("rule"))\u{1F}\(try row.string("subject"))\u{1F}\(try row.int("window_start"))"] = try row.int("hits")
        }
        return counters.map { counts["\($0.rule)\u{1F}\($0.subject)\u{1F}\($0.windowStart)"] ?? 1 }
    }

    /// Takes attempts back (a sign-in that succeeded: only failures count).
    /// A counter never goes below zero, and one whose window has gone stays gone.
    public func refund(_ counters: [(rule: String, subject: String, windowStart: Int64)]) async throws {
        for counter in counters {
            try await db.raw("""
                UPDATE rate_limit_hits SET hits = hits - 1
                WHERE rule = \(bind: counter.rule) AND subject = \(bind: counter.subject)
                  AND window_start = \(bind: counter.windowStart) AND hits > 0
                """).run()
        }
    }

    public func deleteBefore(_ windowStart: Int64) async throws {
        try await db.raw("DELETE FROM rate_limit_hits WHERE window_start < \(bind: windowStart)").run()
    }
}

/// Identity-provider logins in flight: state → the provider, the city and
/// account that began it, and for OIDC the nonce and PKCE verifier.
public struct OIDCLoginRepository: Sendable {
    package let db: any SQLDatabase

    public struct PendingLogin: Sendable, Equatable {
        public var state: String
        /// Which provider the browser was sent to (`oidc`, `idgovua`): only
        /// that provider's callback may finish the login.
        public var provider: String
        public var municipalityID: MunicipalityID
        public var accountID: AccountID
        /// Empty for a provider without nonce and PKCE (ID.GOV.UA).
        public var nonce: String
        public var codeVerifier: String
        public var createdAt: Date

        public init(
            state: String, provider: String = "oidc", municipalityID: MunicipalityID, accountID: AccountID, nonce: String,
            codeVerifier: String, createdAt: Date
        ) {
            self.state = state
            self.provider = provider
            self.municipalityID = municipalityID
            self.accountID = accountID
            self.nonce = nonce
            self.codeVerifier = codeVerifier
            self.createdAt = createdAt
        }
    }

    public func insert(_ login: PendingLogin) async throws {
        try await db.raw("""
            INSERT INTO oidc_logins (state, provider, municipality_id, account_id, nonce, code_verifier, created_at)
            VALUES (\(bind: login.state), \(bind: login.provider), \(bind: login.municipalityID.rawValue), \(bind: login.accountID.rawValue),
                    \(bind: login.nonce), \(bind: login.codeVerifier), \(bind: login.createdAt.epochSeconds))
            """).run()
    }

    /// Logins abandoned at the provider.
    public func deleteStarted(before instant: Date) async throws {
        try await db.raw("DELETE FROM oidc_logins WHERE created_at < \(bind: instant.epochSeconds)").run()
    }

    /// Removes and returns the login: a state is good for one callback only,
    /// whichever provider's callback brings it.
    public func take(state: String) async throws -> PendingLogin? {
        try await db.raw("""
            DELETE FROM oidc_logins WHERE state = \(bind: state)
            RETURNING state, provider, municipality_id, account_id, nonce, code_verifier, created_at
            """).first().map { row in
                PendingLogin(
                    state: try row.string("state"), provider: try row.string("provider"),
                    municipalityID: .init(rawValue: try row.string("municipality_id")),
                    accountID: .init(rawValue: try row.string("account_id")), nonce: try row.string("nonce"),
                    codeVerifier: try row.string("code_verifier"), createdAt: try row.date("created_at"))
            }
    }
}

public struct PlatformSettingsRepository: Sendable {
    package let db: any SQLDatabase

    public func value(_ key: String) async throws -> String? {
        try await db.raw("SELECT value FROM platform_settings WHERE key = \(bind: key)").first().map { try $0.string("value") }
    }

    public func set(_ key: String, _ value: String) async throws {
        try await db.raw("""
            INSERT INTO platform_settings (key, value) VALUES (\(bind: key), \(bind: value))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """).run()
    }

    public static let demoMode = "demo_mode"
    public static let demoSeededAt = "demo_seeded_at"
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
