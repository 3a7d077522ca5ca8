import Foundation
import HromadaDomain
import SQLKit

public struct ResidencyConflict: Hashable, Sendable {
    public var id: String
    public var accountID: AccountID
    public var existingAccountID: AccountID
    public var method: VerificationMethod
    public var attemptedBy: AccountID?
    public var attemptedAt: Date
}

public struct ResidencyRepository: Sendable {
    package let db: any SQLDatabase

    /// Stores the verification unless the account or the person already holds
    /// one here; the unique indexes decide under concurrent attempts.
    public func insert(_ verification: ResidencyVerification) async throws -> Bool {
        try await db.raw("""
            INSERT INTO residency_verifications
                (municipality_id, account_id, identity_hash, birth_date, method, verified_by, verified_at)
            VALUES (\(bind: verification.municipalityID.rawValue), \(bind: verification.accountID.rawValue),
                    \(bind: verification.identityHash.rawValue), \(bind: verification.birthDate.description),
                    \(bind: verification.method.rawValue), \(bind: verification.verifiedBy?.rawValue),
                    \(bind: verification.verifiedAt.epochSeconds))
            ON CONFLICT DO NOTHING
            RETURNING account_id
            """).first() != nil
    }

    private static let columns = "municipality_id, account_id, identity_hash, birth_date, method, verified_by, verified_at"

    public func find(account: AccountID, in municipality: MunicipalityID) async throws -> ResidencyVerification? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM residency_verifications
            WHERE municipality_id = \(bind: municipality.rawValue) AND account_id = \(bind: account.rawValue)
            """).first().map(Self.decode)
    }

    public func find(hash: IdentityHash, in municipality: MunicipalityID) async throws -> ResidencyVerification? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM residency_verifications
            WHERE municipality_id = \(bind: municipality.rawValue) AND identity_hash = \(bind: hash.rawValue)
            """).first().map(Self.decode)
    }

    public func verifications(of account: AccountID) async throws -> [ResidencyVerification] {
        try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM residency_verifications WHERE account_id = \(bind: account.rawValue)")
            .all().map(Self.decode)
    }

    public func recordConflict(
        in municipality: MunicipalityID, account: AccountID, existing: AccountID, method: VerificationMethod,
        attemptedBy: AccountID?, at instant: Date
    ) async throws {
        try await db.raw("""
            INSERT INTO residency_conflicts (id, municipality_id, account_id, existing_account_id, method, attempted_by, attempted_at)
            VALUES (\(bind: RandomToken.base32(byteCount: 16)), \(bind: municipality.rawValue), \(bind: account.rawValue),
                    \(bind: existing.rawValue), \(bind: method.rawValue), \(bind: attemptedBy?.rawValue), \(bind: instant.epochSeconds))
            """).run()
    }

    public func conflicts(in municipality: MunicipalityID, limit: Int = 50) async throws -> [ResidencyConflict] {
        try await db.raw("""
            SELECT id, account_id, existing_account_id, method, attempted_by, attempted_at FROM residency_conflicts
            WHERE municipality_id = \(bind: municipality.rawValue)
            ORDER BY attempted_at DESC LIMIT \(bind: limit)
            """).all().map { row in
                ResidencyConflict(
                    id: try row.string("id"), accountID: .init(rawValue: try row.string("account_id")),
                    existingAccountID: .init(rawValue: try row.string("existing_account_id")),
                    method: VerificationMethod(rawValue: try row.string("method")) ?? .staff,
                    attemptedBy: try row.optionalString("attempted_by").map(AccountID.init(rawValue:)),
                    attemptedAt: try row.date("attempted_at"))
            }
    }

    package static func decode(_ row: any SQLRow) throws -> ResidencyVerification {
        ResidencyVerification(
            municipalityID: .init(rawValue: try row.string("municipality_id")),
            accountID: .init(rawValue: try row.string("account_id")),
            identityHash: IdentityHash(rawValue: try row.string("identity_hash")),
            birthDate: CalendarDate.parse(try row.string("birth_date")) ?? .epoch1899,
            method: VerificationMethod(rawValue: try row.string("method")) ?? .staff,
            verifiedBy: try row.optionalString("verified_by").map(AccountID.init(rawValue:)),
            verifiedAt: try row.date("verified_at"))
    }
}
