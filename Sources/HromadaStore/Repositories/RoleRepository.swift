import Foundation
import HromadaDomain
import SQLKit

/// Who holds which role or single capability in which city. A grant is
/// stored by name in `role_grants.role` (`admin`, or `budgets.paper_ballots`);
/// a name this release does not know is kept and ignored.
public struct RoleRepository: Sendable {
    package let db: any SQLDatabase

    /// Returns false when the grant was already held.
    public func grant(_ grant: StaffGrant, to account: AccountID, in municipality: MunicipalityID, by granter: AccountID?, at instant: Date)
        async throws -> Bool
    {
        try await db.raw("""
            INSERT INTO role_grants (municipality_id, account_id, role, granted_by, granted_at)
            VALUES (\(bind: municipality.rawValue), \(bind: account.rawValue), \(bind: grant.rawValue),
                    \(bind: granter?.rawValue), \(bind: instant.epochSeconds))
            ON CONFLICT DO NOTHING
            RETURNING role
            """).first() != nil
    }

    /// Returns false when the grant was not held.
    public func revoke(_ grant: StaffGrant, from account: AccountID, in municipality: MunicipalityID) async throws -> Bool {
        try await db.raw("""
            DELETE FROM role_grants
            WHERE municipality_id = \(bind: municipality.rawValue) AND account_id = \(bind: account.rawValue) AND role = \(bind: grant.rawValue)
            RETURNING role
            """).first() != nil
    }

    /// An account's grants, by city.
    public func grants(of account: AccountID) async throws -> [MunicipalityID: Set<StaffGrant>] {
        var result: [MunicipalityID: Set<StaffGrant>] = [:]
        for row in try await db.raw("SELECT municipality_id, role FROM role_grants WHERE account_id = \(bind: account.rawValue)").all() {
            guard let grant = StaffGrant(rawValue: try row.string("role")) else { continue }
            result[MunicipalityID(rawValue: try row.string("municipality_id")), default: []].insert(grant)
        }
        return result
    }

    /// These accounts' grants in one city.
    public func grants(in municipality: MunicipalityID, for accounts: [AccountID]) async throws -> [AccountID: Set<StaffGrant>] {
        guard !accounts.isEmpty else { return [:] }
        var result: [AccountID: Set<StaffGrant>] = [:]
        let ids = SQLList(accounts.map { SQLBind($0.rawValue) })
        for row in try await db.raw("""
            SELECT account_id, role FROM role_grants
            WHERE municipality_id = \(bind: municipality.rawValue) AND account_id IN (\(ids))
            """).all() {
            guard let grant = StaffGrant(rawValue: try row.string("role")) else { continue }
            result[AccountID(rawValue: try row.string("account_id")), default: []].insert(grant)
        }
        return result
    }

    /// Accounts holding any of these grants in the city.
    public func holders(of grants: [StaffGrant], in municipality: MunicipalityID) async throws -> [AccountID] {
        guard !grants.isEmpty else { return [] }
        return try await db.raw("""
            SELECT DISTINCT account_id FROM role_grants
            WHERE municipality_id = \(bind: municipality.rawValue) AND role IN (\(binds: grants.map(\.rawValue)))
            ORDER BY account_id
            """).all().map { AccountID(rawValue: try $0.string("account_id")) }
    }
}
