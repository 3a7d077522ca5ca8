import Foundation
import HromadaDomain
import HromadaStore

/// Granting and revoking roles and single capabilities, each an audited
/// decision. One gives only what one holds: a city admin cannot hand out a
/// capability the admin role lacks, and a clerk with one capability cannot
/// grant anything.
public struct RoleService: Sendable {
    package let services: AppServices

    /// A person keeps one pseudonym across a city's role decisions, so a
    /// grant and its later revocation read as the same person.
    package static func scope(_ municipality: MunicipalityID) -> String { "roles/\(municipality.rawValue)" }

    public func grant(_ role: Role, to account: AccountID, in municipality: MunicipalityID, by granter: Principal?) async throws {
        try await grant(.role(role), to: account, in: municipality, by: granter)
    }

    /// `granter` nil: the platform itself (the CLI, the demo).
    public func grant(_ grant: StaffGrant, to account: AccountID, in municipality: MunicipalityID, by granter: Principal?) async throws {
        try check(grant, by: granter, in: municipality)
        let now = services.clock.now()
        let audit = services.audit, keys = services.keys
        try await services.store.write { tx in
            guard try await tx.accounts.find(id: account) != nil else { throw AppError.notFound }
            guard try await tx.roles.grant(grant, to: account, in: municipality, by: granter?.accountID, at: now) else { return }
            try await audit.record(
                tx, action: AuditAction.roleGranted, actor: granter?.accountID, municipality: municipality,
                subject: keys.pseudonym(of: account, about: Self.scope(municipality)), details: ["role": grant.rawValue])
        }
    }

    public func revoke(_ grant: StaffGrant, from account: AccountID, in municipality: MunicipalityID, by granter: Principal) async throws {
        try check(grant, by: granter, in: municipality)
        // An admin cannot remove their own admin role: a city must not lose its last admin by accident.
        if account == granter.accountID, grant == .role(.admin), !granter.isPlatformAdmin {
            throw AppError.conflict(code: "cannot_revoke_own_admin")
        }
        let audit = services.audit, keys = services.keys
        try await services.store.write { tx in
            guard try await tx.roles.revoke(grant, from: account, in: municipality) else { return }
            try await audit.record(
                tx, action: AuditAction.roleRevoked, actor: granter.accountID, municipality: municipality,
                subject: keys.pseudonym(of: account, about: Self.scope(municipality)), details: ["role": grant.rawValue])
        }
    }

    /// A capability this deployment lacks is not a grant; someone who may not
    /// grant here gets the 404 of every staff action they may not take; a
    /// grant beyond what the granter holds is refused (422).
    private func check(_ grant: StaffGrant, by granter: Principal?, in municipality: MunicipalityID) throws {
        if case .capability(let capability) = grant, !services.modules.knows(capability) {
            throw AppError.invalid(code: "role_invalid", field: "role")
        }
        guard let granter else { return }
        guard granter.may(.grantRole, in: municipality) else { throw AppError.notFound }
        guard granter.mayGive(services.modules.capabilities(of: [grant]), in: municipality) else {
            throw AppError.invalid(code: "role_beyond_own", field: "role")
        }
    }
}
