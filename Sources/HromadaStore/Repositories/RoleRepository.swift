import Foundation
import HromadaDomain
import SQLKit

public struct RoleGrant: Hashable, Sendable {
    public var municipalityID: MunicipalityID
    public var accountID: AccountID
    public var role: Role
    public var grantedAt: Date
}

public struct RoleRepository: Sendable {
    let db: any SQLDatabase

    /// Returns false when the role was already held.
    public func grant(_ role: Role, to account: AccountID, in municipality: MunicipalityID, by granter: AccountID?, at instant: Date)
        async throws -> Bool
    {
        try await db.raw("""
            INSERT INTO role_grants (municipality_id, account_id, role, granted_by, granted_at)
            VALUES (\(bind: municipality.rawValue), \(bind: account.rawValue), \(bind: role.rawValue),
                    \(bind: granter?.rawValue), \(bind: instant.epochSeconds))
            ON CONFLICT DO NOTHING
            RETURNING role
            """).first() != nil
    }

    /// Returns false when the role was not held.
    public func revoke(_ role: Role, from account: AccountID, in municipality: MunicipalityID) async throws -> Bool {
        try await db.raw("""
            DELETE FROM role_grants
            WHERE municipality_id = \(bind: municipality.rawValue) AND account_id = \(bind: account.rawValue) AND role = \(bind: role.rawValue)
            RETURNING role
            """).first() != nil
    }

    public func roles(of account: AccountID) async throws -> [MunicipalityID: Set<Role>] {
        var result: [MunicipalityID: Set<Role>] = [:]
        for row in try await db.raw("SELECT municipality_id, role FROM role_grants WHERE account_id = \(bind: account.rawValue)").all() {
            guard let role = Role(rawValue: try row.string("role")) else { continue }
            result[MunicipalityID(rawValue: try row.string("municipality_id")), default: []].insert(role)
        }
        return result
    }

    public func grants(in municipality: MunicipalityID, for accounts: [AccountID]) async throws -> [AccountID: Set<Role>] {
        guard !accounts.isEmpty else { return [:] }
        var result: [AccountID: Set<Role>] = [:]
        let ids = SQLList(accounts.map { SQLBind($0.rawValue) })
        for row in try await db.raw("""
            SELECT account_id, role FROM role_grants
            WHERE municipality_id = \(bind: municipality.rawValue) AND account_id IN (\(ids))
            """).all() {
            guard let role = Role(rawValue: try row.string("role")) else { continue }
            result[AccountID(rawValue: try row.string("account_id")), default: []].insert(role)
        }
        return result
    }

    /// Accounts holding any of these roles in the city.
    public func holders(of roles: [Role], in municipality: MunicipalityID) async throws -> [AccountID] {
        guard !roles.isEmpty else { return [] }
        return try await db.raw("""
            SELECT DISTINCT account_id FROM role_grants
            WHERE municipality_id = \(bind: municipality.rawValue) AND role IN (\(binds: roles.map(\.rawValue)))
            ORDER BY account_id
            """).all().map { AccountID(rawValue: try $0.string("account_id")) }
    }
}
