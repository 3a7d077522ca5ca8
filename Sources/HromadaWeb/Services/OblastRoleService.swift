import Foundation
import HromadaDomain
import HromadaStore

/// Granting and revoking oblast roles and single oblast capabilities, each
/// an audited decision. Only platform admins decide them: an oblast's own
/// staff cannot, nor can any city's admin (docs/architecture.md, "Oblasts").
public struct OblastRoleService: Sendable {
    package let services: AppServices

    /// A person keeps one pseudonym across an oblast's role decisions (a
    /// grant and its later revocation read as the same person), and it
    /// shares nothing with their pseudonym about any city's roles or any
    /// module's objects (`KeyRing.pseudonym(of:about:)`).
    package static func scope(_ oblast: OblastID) -> String { "oblast-roles/\(oblast.rawValue)" }

    /// `granter` nil: the platform itself (the demo, a test).
    public func grant(_ grant: OblastGrant, to account: AccountID, in oblast: Oblast, by granter: Principal?) async throws {
        try check(grant, by: granter)
        let now = services.clock.now()
        let audit = services.audit, keys = services.keys
        try await services.store.write { tx in
            guard try await tx.accounts.find(id: account) != nil else { throw AppError.notFound }
            // Of identical grants at once, exactly one inserts and is audited.
            guard try await tx.oblastRoles.grant(grant, to: account, in: oblast.id, by: granter?.accountID, at: now) else { return }
            try await audit.record(
                tx, action: AuditAction.oblastRoleGranted, actor: granter?.accountID, municipality: nil,
                subject: keys.pseudonym(of: account, about: Self.scope(oblast.id)),
                details: ["oblast": oblast.slug.rawValue, "role": grant.rawValue])
        }
    }

    public func revoke(_ grant: OblastGrant, from account: AccountID, in oblast: Oblast, by granter: Principal) async throws {
        try check(grant, by: granter)
        let audit = services.audit, keys = services.keys
        try await services.store.write { tx in
            guard try await tx.oblastRoles.revoke(grant, from: account, in: oblast.id) else { return }
            try await audit.record(
                tx, action: AuditAction.oblastRoleRevoked, actor: granter.accountID, municipality: nil,
                subject: keys.pseudonym(of: account, about: Self.scope(oblast.id)),
                details: ["oblast": oblast.slug.rawValue, "role": grant.rawValue])
        }
    }

    /// Someone who is not a platform admin gets the 404 of every staff
    /// action they may not take; an oblast capability this deployment does
    /// not declare is not a grant (422).
    private func check(_ grant: OblastGrant, by granter: Principal?) throws {
        if let granter, !granter.mayGrantOblastRoles { throw AppError.notFound }
        if case .capability(let capability) = grant, !services.modules.knowsInOblasts(capability) {
            throw AppError.invalid(code: "role_invalid", field: "role")
        }
    }
}
