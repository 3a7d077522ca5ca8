import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb

/// Every change to the directory, as staff, an organisation's admins and
/// its members make it: each checks who may make it and whether it
/// follows, writes in one transaction with its audit entry, and names what
/// went wrong so a page can say it beside its field. The staff capability
/// (`business.directory`) is checked by the pages; an organisation's admins
/// are its members in state admin, checked here.
struct DirectoryService {
    let services: AppServices

    /// A form that cannot be saved: each problem's locale code by the form's field.
    struct Refused: Error {
        let problems: [String: String]
    }

    /// The code of the message for each field `Organisation.problems` names.
    static func code(ofField field: String) -> String {
        switch field {
        case "englishName": "business_organisation_english_name"
        case "descriptionUk", "descriptionEn": "business_organisation_description"
        default: "business_organisation_\(field)"
        }
    }

    /// The organisation of a city, or 404.
    func organisation(_ id: OrganisationID, in city: MunicipalityID) async throws -> Organisation {
        guard let organisation = try await services.store.read({ try await $0.organisations.organisation(id, in: city) }) else { throw AppError.notFound }
        return organisation
    }

    /// How a member is named on the admin's forms and in the audit log: their
    /// pseudonym about this organisation, never their account.
    func handle(of account: AccountID, in organisation: OrganisationID) -> String {
        services.keys.pseudonym(of: account, about: organisation.rawValue)
    }

    // MARK: Staff

    /// Staff save an organisation whole (new or edited); every field at fault is refused by name and nothing is saved.
    func save(_ organisation: Organisation, extraProblems: [String: String] = [:], city: Municipality, by staff: AccountID) async throws {
        var problems = extraProblems
        for field in organisation.problems where problems[field] == nil { problems[field] = Self.code(ofField: field) }
        guard problems.isEmpty else { throw Refused(problems: problems) }
        guard organisation.city == city.id else { throw AppError.notFound }
        let entry = try services.audit.entry(
            action: AuditAction.businessOrganisationSaved, actor: staff, municipality: city.id, subject: organisation.id.rawValue,
            details: ["kind": organisation.kind.rawValue])
        let now = services.clock.now()
        try await services.store.write { tx in
            try await tx.organisations.save(organisation, at: now)
            try await tx.audit.append(entry)
        }
    }

    /// Staff make the person with this e-mail the organisation's admin; there must be such an account.
    func appointAdmin(email: String, businessName: String, of organisation: Organisation, city: Municipality, by staff: AccountID) async throws {
        let trimmed = email.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= 320, let address = try? EmailAddress.validated(trimmed) else {
            throw AppError.invalid(code: "business_organisation_email", field: "adminEmail")
        }
        let name = Self.trimmed(businessName)
        let business = name.isEmpty ? organisation.name : name
        guard Organisation.businessNameLength.contains(business.count) else {
            throw AppError.invalid(code: "business_organisation_business_name", field: "adminBusinessName")
        }
        guard let account = try await services.store.read({ try await $0.accounts.find(email: address) }) else {
            throw AppError.invalid(code: "business_organisation_no_account", field: "adminEmail")
        }
        let entry = try services.audit.entry(
            action: AuditAction.businessOrganisationAdminAppointed, actor: staff, municipality: city.id, subject: organisation.id.rawValue,
            details: ["member": handle(of: account.id, in: organisation.id)])
        let now = services.clock.now(), id = organisation.id
        try await services.store.write { tx in
            try await tx.organisations.appoint(account.id, to: id, businessName: business, at: now)
            try await tx.audit.append(entry)
        }
    }

    // MARK: Members

    /// A person asks to join with their business's name; a second request
    /// while one waits, or from a member, is refused and changes nothing.
    func requestToJoin(_ organisation: Organisation, businessName: String, city: Municipality, by account: AccountID) async throws {
        let name = Self.trimmed(businessName)
        guard Organisation.businessNameLength.contains(name.count) else {
            throw AppError.invalid(code: "business_organisation_business_name", field: "businessName")
        }
        let entry = try services.audit.entry(
            action: AuditAction.businessMembershipRequested, actor: account, municipality: city.id, subject: organisation.id.rawValue)
        let now = services.clock.now(), id = organisation.id
        try await services.store.write { tx in
            guard try await tx.organisations.requestMembership(of: account, in: id, businessName: name, at: now) != nil else {
                let state = try await tx.organisations.membership(of: account, in: id)?.state
                throw AppError.conflict(code: state?.isMember == true ? "business_organisation_already_member" : "business_organisation_request_pending")
            }
            try await tx.audit.append(entry)
        }
    }

    /// A member leaves (an admin too, unless they are the last).
    func leave(_ organisation: Organisation, city: Municipality, by account: AccountID) async throws {
        try await move(account, in: organisation, to: .left, city: city, by: account)
    }

    /// What an organisation's admin may do to a member or a request.
    enum Step: String, CaseIterable {
        case accept, decline, makeAdmin = "make_admin", stepDown = "step_down", remove

        /// The states it is taken from: a request is accepted or declined, a
        /// member made admin, an admin stepped down, either removed.
        var from: Set<MembershipState> {
            switch self {
            case .accept, .decline: [.requested]
            case .makeAdmin: [.member]
            case .stepDown: [.admin]
            case .remove: [.member, .admin]
            }
        }

        /// The state it moves the member to.
        var next: MembershipState {
            switch self {
            case .accept, .stepDown: .member
            case .decline: .declined
            case .makeAdmin: .admin
            case .remove: .left
            }
        }
    }

    /// The organisation's admin takes `step` on the member named by `handle`.
    func take(_ step: Step, on handle: String, in organisation: Organisation, city: Municipality, by admin: AccountID) async throws {
        try await requireAdmin(admin, of: organisation)
        let memberships = try await services.store.read { try await $0.organisations.memberships(of: organisation.id) }
        guard let member = memberships.first(where: { self.handle(of: $0.account, in: organisation.id) == handle }) else { throw AppError.notFound }
        guard step.from.contains(member.state) else { throw AppError.conflict(code: "business_organisation_not_now") }
        try await move(member.account, in: organisation, to: step.next, city: city, by: admin)
    }

    /// Moves a membership as the domain allows, the last admin kept; audited under the actor with the member's pseudonym.
    private func move(_ account: AccountID, in organisation: Organisation, to next: MembershipState, city: Municipality, by actor: AccountID) async throws {
        let id = organisation.id
        let memberships = try await services.store.read { try await $0.organisations.memberships(of: id) }
        guard let current = memberships.first(where: { $0.account == account }) else { throw AppError.notFound }
        let admins = memberships.filter { $0.state == .admin }.count
        guard current.state.allows(next) else { throw AppError.conflict(code: "business_organisation_not_now") }
        guard current.state.allows(next, admins: admins) else { throw AppError.conflict(code: "business_organisation_last_admin") }
        let entry = try services.audit.entry(
            action: AuditAction.businessMembershipMoved, actor: actor, municipality: city.id, subject: id.rawValue,
            details: ["member": handle(of: account, in: id), "from": current.state.rawValue, "to": next.rawValue])
        let now = services.clock.now()
        try await services.store.write { tx in
            // Checked again in the statement: another admin may have moved first.
            guard try await tx.organisations.move(account, in: id, to: next, at: now) else {
                throw AppError.conflict(code: "business_organisation_changed")
            }
            try await tx.audit.append(entry)
        }
    }

    /// The person is an admin of the organisation; anyone else finds no such page.
    func requireAdmin(_ account: AccountID, of organisation: Organisation) async throws {
        let state = try await services.store.read { try await $0.organisations.membership(of: account, in: organisation.id) }?.state
        guard state == .admin else { throw AppError.notFound }
    }

    // MARK: News

    /// The organisation's admin posts news, or (where the kind reports its impact) an impact report.
    func post(
        title: String, body: String, impact: Bool, in organisation: Organisation, city: Municipality, by admin: AccountID
    ) async throws {
        try await requireAdmin(admin, of: organisation)
        let title = Self.trimmed(title), body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Organisation.postTitleLength.contains(title.count) else { throw AppError.invalid(code: "business_organisation_post_title", field: "title") }
        guard Organisation.postBodyLength.contains(body.count) else { throw AppError.invalid(code: "business_organisation_post_body", field: "body") }
        let kind: OrganisationRepository.PostKind = impact && organisation.kind.hasMission ? .impact : .news
        let post = OrganisationRepository.Post(
            id: RandomToken.base32(byteCount: 16), organisation: organisation.id, kind: kind, title: title, body: body, postedBy: admin,
            postedAt: services.clock.now())
        let entry = try services.audit.entry(
            action: AuditAction.businessOrganisationPosted, actor: admin, municipality: city.id, subject: organisation.id.rawValue,
            details: ["post": post.id, "kind": kind.rawValue])
        try await services.store.write { tx in
            try await tx.organisations.post(post)
            try await tx.audit.append(entry)
        }
    }

    /// One line of text as typed, its ends trimmed.
    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
