import Foundation
import HromadaDomain
import SQLKit

public struct AccountRepository: Sendable {
    package let db: any SQLDatabase

    /// Inserts the account; returns false when the email is taken.
    public func insert(_ account: Account) async throws -> Bool {
        let inserted = try await db.raw("""
            INSERT INTO accounts (id, email, full_name, password_hash, email_confirmed_at, is_platform_admin, created_at, language)
            VALUES (\(bind: account.id.rawValue), \(bind: account.email.rawValue), \(bind: account.fullName),
                    \(bind: account.passwordHash), \(bind: account.emailConfirmedAt?.epochSeconds),
                    \(bind: account.isPlatformAdmin), \(bind: account.createdAt.epochSeconds), \(bind: account.language.rawValue))
            ON CONFLICT DO NOTHING
            RETURNING id
            """).first()
        return inserted != nil
    }

    private static let columns = "id, email, full_name, password_hash, email_confirmed_at, is_platform_admin, created_at, language"

    public func find(id: AccountID) async throws -> Account? {
        try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM accounts WHERE id = \(bind: id.rawValue)").first().map(Self.decode)
    }

    public func find(email: EmailAddress) async throws -> Account? {
        try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM accounts WHERE email = \(bind: email.rawValue)").first().map(Self.decode)
    }

    public func confirmEmail(of id: AccountID, at instant: Date) async throws {
        try await db.raw("""
            UPDATE accounts SET email_confirmed_at = \(bind: instant.epochSeconds)
            WHERE id = \(bind: id.rawValue) AND email_confirmed_at IS NULL
            """).run()
    }

    public func updatePasswordHash(of id: AccountID, to hash: String) async throws {
        try await db.raw("UPDATE accounts SET password_hash = \(bind: hash) WHERE id = \(bind: id.rawValue)").run()
    }

    public func setLanguage(of id: AccountID, to language: Language) async throws {
        try await db.raw("UPDATE accounts SET language = \(bind: language.rawValue) WHERE id = \(bind: id.rawValue)").run()
    }

    public func setPlatformAdmin(_ id: AccountID, _ value: Bool) async throws {
        try await db.raw("UPDATE accounts SET is_platform_admin = \(bind: value) WHERE id = \(bind: id.rawValue)").run()
    }

    public func count() async throws -> Int64 {
        try await db.raw("SELECT COUNT(*) AS n FROM accounts").first()?.int("n") ?? 0
    }

    /// The people connected to a municipality (a role or a residency there),
    /// newest first, a page at a time.
    public func people(in municipality: MunicipalityID, after cursor: String?, limit: Int) async throws -> [Account] {
        let cursor = cursor ?? ""
        return try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM accounts a
            WHERE (EXISTS (SELECT 1 FROM role_grants g WHERE g.account_id = a.id AND g.municipality_id = \(bind: municipality.rawValue))
                OR EXISTS (SELECT 1 FROM residency_verifications r WHERE r.account_id = a.id AND r.municipality_id = \(bind: municipality.rawValue)))
              AND a.email > \(bind: cursor)
            ORDER BY a.email
            LIMIT \(bind: limit)
            """).all().map(Self.decode)
    }

    package static func decode(_ row: any SQLRow) throws -> Account {
        Account(
            id: .init(rawValue: try row.string("id")), email: EmailAddress(rawValue: try row.string("email")),
            fullName: try row.string("full_name"), passwordHash: try row.string("password_hash"),
            emailConfirmedAt: try row.optionalDate("email_confirmed_at"),
            isPlatformAdmin: try row.decode(column: "is_platform_admin", as: Bool.self),
            createdAt: try row.date("created_at"), language: Language(rawValue: try row.string("language")) ?? .uk)
    }
}
