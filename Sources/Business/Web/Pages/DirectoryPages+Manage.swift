import Foundation
import HromadaDomain
import HromadaStore
import HromadaWeb
import Hummingbird

/// An organisation's own admin page (`/{city}/business/directory/{organisation}/manage`):
/// the requests to accept or decline, the members to make admin, step
/// down or remove (only the moves the domain allows, the last admin kept),
/// and a form to post news or, where the kind reports it, its impact. Its
/// admins are its members in state admin; anyone else finds no such page.
extension DirectoryPages {
    struct StepButton {
        let value: String
        let label: String
    }

    struct MemberRow {
        /// The member's pseudonym about the organisation: the form names them by it, never by their account.
        let handle: String
        let businessName: String
        let state: String
        let since: String
        let steps: [StepButton]
    }

    struct ManagePage {
        let profileURL: String
        let memberAction: String
        let requests: [MemberRow]
        let hasRequests: Bool
        let members: [MemberRow]
        let membersAlert: String?
        let postAction: String
        let postFields: [FormField]
        let postAlert: String?
    }

    /// The steps an admin may take on a member now: those the domain allows from their state, the last admin kept.
    static func steps(for state: MembershipState, admins: Int) -> [DirectoryService.Step] {
        DirectoryService.Step.allCases.filter { $0.from.contains(state) && state.allows($0.next, admins: admins) }
    }

    /// The city, the organisation and the signed-in admin; 404 for anyone who is not its admin.
    private func admin(_ context: AppRequestContext) async throws -> (Municipality, Organisation, AccountID) {
        let city = try await CityLookup(store: services.store).require(context)
        guard let account = context.account else { throw AppError.notSignedIn }
        let organisation = try await organisation(city, context)
        try await service.requireAdmin(account.id, of: organisation)
        return (city, organisation, account.id)
    }

    @Sendable func manage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, organisation, _) = try await admin(context)
        return try await renderManage(request, context, city: city, organisation: organisation)
    }

    /// Accepts, declines, makes admin, steps down or removes the member the form names.
    @Sendable func member(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, organisation, account) = try await admin(context)
        let form = context.form ?? FormData()
        guard let step = DirectoryService.Step(rawValue: form["step"]) else { throw AppError.badRequest(code: "business_organisation_not_now") }
        do {
            try await service.take(step, on: form["member"], in: organisation, city: city, by: account)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderManage(request, context, city: city, organisation: organisation, membersError: error)
        }
        // An admin who stepped down or left no longer manages it.
        let still = try await services.store.read { try await $0.organisations.membership(of: account, in: organisation.id) }?.state == .admin
        return HTML.redirect(Self.url(city, organisation.id) + (still ? "/manage" : ""))
    }

    /// Posts news (or an impact report); a refused post comes back with what was typed.
    @Sendable func post(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, organisation, account) = try await admin(context)
        let form = context.form ?? FormData()
        do {
            try await service.post(
                title: form["title"], body: form["body"], impact: form["impact"] == "1", in: organisation, city: city, by: account)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await renderManage(request, context, city: city, organisation: organisation, typed: form, postError: error)
        }
        return HTML.redirect(Self.url(city, organisation.id))
    }

    private func renderManage(
        _ request: Request, _ context: AppRequestContext, city: Municipality, organisation: Organisation, typed: FormData? = nil,
        postError: AppError? = nil, membersError: AppError? = nil
    ) async throws -> Response {
        let id = organisation.id
        let memberships = try await services.store.read { try await $0.organisations.memberships(of: id) }
        let admins = memberships.filter { $0.state == .admin }.count
        func row(_ membership: OrganisationRepository.Membership) -> MemberRow {
            MemberRow(
                handle: service.handle(of: membership.account, in: id), businessName: membership.businessName,
                state: html.t("business.dir.state.\(membership.state.rawValue)", context),
                since: html.t("business.dir.manage.since", context, ["date": DateText.kyiv(membership.requestedAt)]),
                steps: Self.steps(for: membership.state, admins: admins).map {
                    StepButton(value: $0.rawValue, label: html.t("business.dir.manage.step.\($0.rawValue)", context))
                })
        }
        let requests = memberships.filter { $0.state == .requested }.map(row)
        let problem = FormProblem(postError, html: html, context: context)
        let form = typed ?? FormData()
        var fields = [
            FormField(
                name: "title", label: html.t("business.dir.manage.post_title", context), value: form["title"], error: problem.message(for: "title"),
                required: true, minlength: Organisation.postTitleLength.lowerBound, maxlength: Organisation.postTitleLength.upperBound),
            FormField(
                name: "body", label: html.t("business.dir.manage.post_body", context), value: form["body"], error: problem.message(for: "body"),
                hint: html.t("business.dir.manage.post_body_hint", context), required: true, maxlength: Organisation.postBodyLength.upperBound,
                rows: 8),
        ]
        if organisation.kind.hasMission {
            fields.append(FormField(
                name: "impact", label: html.t("business.dir.manage.post_impact", context), value: "1",
                hint: html.t("business.dir.manage.post_impact_hint", context), checked: form["impact"] == "1"))
        }
        let base = Self.url(city, id)
        let page = ManagePage(
            profileURL: base, memberAction: base + "/manage/members", requests: requests, hasRequests: !requests.isEmpty,
            members: memberships.filter(\.state.isMember).map(row), membersAlert: membersError.map { html.t($0.messageKey, context) },
            postAction: base + "/manage/posts", postFields: fields, postAlert: problem.alert(unlessShownBy: fields))
        let error = postError ?? membersError
        return try await html.render(
            "business-organisation-manage", page: page, titleKey: "business.dir.manage.title",
            titleArguments: ["organisation": organisation.name(in: context.language)], request: request, context: context, city: city,
            status: error?.status ?? .ok)
    }
}
