import Foundation
import HromadaDomain
import SQLKit

/// Who holds which oblast role or single oblast capability in which oblast
/// (`oblast_role_grants`), by name as `RoleRepository` stores a city's. A
/// name this release cannot read as an oblast grant is kept and ignored.
public struct OblastRoleRepository: Sendable {
    package let db: any SQLDatabase

    /// Returns false when the grant was already held: of any number of
    /// identical grants at once, exactly one inserts (the primary key decides).
    public func grant(_ grant: OblastGrant, to account: AccountID, in oblast: OblastID, by granter: AccountID?, at instant: Date)
        async throws -> Bool
    {
        try await db.raw("""
            INSERT INTO oblast_role_grants (oblast_id, account_id, role, granted_by, granted_at)
            VALUES (\(bind: oblast.rawValue), \(bind: account.rawValue), \(bind: grant.rawValue),
                    \(bind: granter?.rawValue), \(bind: instant.epochSeconds))
            ON CONFLICT DO NOTHING
            RETURNING role
            """).first() != nil
    }

    /// Returns false when the grant was not held.
    public func revoke(_ grant: OblastGrant, from account: AccountID, in oblast: OblastID) async throws -> Bool {
        try await db.raw("""
            DELETE FROM oblast_role_grants
            WHERE oblast_id = \(bind: oblast.rawValue) AND account_id = \(bind: account.rawValue) AND role = \(bind: grant.rawValue)
            RETURNING role
            """).first() != nil
    }

    /// An account's oblast grants, by oblast.
    public func grants(of account: AccountID) async throws -> [OblastID: Set<OblastGrant>] {
        var result: [OblastID: Set<OblastGrant>] = [:]
        for row in try await db.raw("SELECT oblast_id, role FROM oblast_role_grants WHERE account_id = \(bind: account.rawValue)").all() {
            guard let grant = OblastGrant(rawValue: try row.string("role")) else { continue }
            result[OblastID(rawValue: try row.string("oblast_id")), default: []].insert(grant)
        }
        return result
    }

    /// Everyone holding a grant in the oblast, with their grants, by email.
    public func staff(in oblast: OblastID) async throws -> [OblastStaffMember] {
        var members: [AccountID: OblastStaffMember] = [:]
        var order: [AccountID] = []
        for row in try await db.raw("""
            SELECT a.id, a.email, a.full_name, g.role FROM oblast_role_grants g JOIN accounts a ON a.id = g.account_id
            WHERE g.oblast_id = \(bind: oblast.rawValue)
            ORDER BY a.email, g.role
            """).all() {
            guard let grant = OblastGrant(rawValue: try row.string("role")) else { continue }
            let id = AccountID(rawValue: try row.string("id"))
            if members[id] == nil {
                order.append(id)
                members[id] = OblastStaffMember(
                    accountID: id, email: EmailAddress(rawValue: try row.string("email")), fullName: try row.string("full_name"), grants: [])
            }
            members[id]?.grants.insert(grant)
        }
        return order.compactMap { members[$0] }
    }
}

/// One person on an oblast's staff desk.
public struct OblastStaffMember: Hashable, Sendable {
    public let accountID: AccountID
    public let email: EmailAddress
    public let fullName: String
    public var grants: Set<OblastGrant>
}
