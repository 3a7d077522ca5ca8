import Foundation
import HromadaDomain
import HromadaStore

/// Granting and revoking roles, each an audited decision.
public struct RoleService: Sendable {
    let services: AppServices

    /// A person keeps one pseudonym across a city's role decisions, so a
    /// grant and its later revocation read as the same person.
    static func scope(_ municipality: MunicipalityID) -> String { "roles/\(municipality.rawValue)" }

    public func grant(_ role: Role, to account: AccountID, in municipality: MunicipalityID, by granter: Principal?) async throws {
        if let granter, !granter.mayGrant(role, in: municipality) { throw AppError.notFound }
        let now = services.clock.now()
        let audit = services.audit
        try await services.store.write { tx in
            guard try await tx.accounts.find(id: account) != nil else { throw AppError.notFound }
            guard try await tx.roles.grant(role, to: account, in: municipality, by: granter?.accountID, at: now) else { return }
            try await audit.record(
                tx, action: AuditAction.roleGranted, actor: granter?.accountID, municipality: municipality,
                subject: services.keys.pseudonym(of: account, about: Self.scope(municipality)), details: ["role": role.rawValue])
        }
    }

    public func revoke(_ role: Role, from account: AccountID, in municipality: MunicipalityID, by granter: Principal) async throws {
        guard granter.may(.revokeRole, in: municipality) else { throw AppError.notFound }
        // An admin cannot remove their own admin role: a city must not lose its last admin by accident.
        if account == granter.accountID, role == .admin, !granter.isPlatformAdmin {
            throw AppError.conflict(code: "cannot_revoke_own_admin")
        }
        let audit = services.audit
        let keys = services.keys
        try await services.store.write { tx in
            guard try await tx.roles.revoke(role, from: account, in: municipality) else { return }
            try await audit.record(
                tx, action: AuditAction.roleRevoked, actor: granter.accountID, municipality: municipality,
                subject: keys.pseudonym(of: account, about: Self.scope(municipality)), details: ["role": role.rawValue])
        }
    }
}
