import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// The pages of an oblast (`/oblast/{oblast}`): its cities and what each
/// runs, and its staff desk, where platform admins grant and revoke the
/// oblast's roles and capabilities and the oblast's staff see who holds
/// which. An oblast's grants count on its own pages only, never in its
/// cities (docs/architecture.md, "Oblasts").
struct OblastController {
    package let services: AppServices
    package var html: HTML { HTML(services: services) }

    package func add(to router: Router<AppRequestContext>) {
        router.get("/oblast/{oblast}", use: oblastHome)
        router.get("/oblast/{oblast}/admin", use: desk)
        router.post("/oblast/{oblast}/admin/roles", use: changeRole)
    }

    /// The oblast in the path, with every city (the layout's switcher lists
    /// them all); 404 for an oblast this deployment does not hold.
    private func oblast(_ context: AppRequestContext) async throws -> (Oblast, [Municipality]) {
        try await OblastLookup(store: services.store).require(context)
    }

    // MARK: The oblast's page

    struct OblastHome {
        struct ModuleLink {
            package let name: String
            package let url: String
        }
        struct CityItem {
            package let slug: String
            package let name: String
            package let population: String
            package let area: String
            /// The modules the city runs, in the registry's order.
            package let modules: [ModuleLink]
            let hasModules: Bool
        }
        package let slug: String
        package let name: String
        package let cities: [CityItem]
        /// The staff desk, for those who may open it.
        package let deskURL: String?
    }

    @Sendable func oblastHome(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (oblast, cities) = try await oblast(context)
        let facts = PublicController(services: services)
        let items = cities.filter { $0.oblastID == oblast.id }.map { city in
            let fact = facts.cityItem(city, context.language)
            let modules = services.modules.enabled(in: city).map { module in
                OblastHome.ModuleLink(
                    name: html.t("modules.\(module.slug.rawValue).name", context), url: "/\(city.slug.rawValue)/\(module.slug.rawValue)")
            }
            return OblastHome.CityItem(
                slug: fact.slug, name: fact.name, population: fact.population, area: fact.area, modules: modules, hasModules: !modules.isEmpty)
        }
        let page = OblastHome(
            slug: oblast.slug.rawValue, name: oblast.name.localized(context.language), cities: items,
            deskURL: context.principal?.isStaff(inOblast: oblast.id) == true ? "/oblast/\(oblast.slug.rawValue)/admin" : nil)
        return try await html.render(
            "oblast", page: page, titleKey: "oblast.title", titleArguments: ["oblast": oblast.name.localized(context.language)],
            request: request, context: context, cities: cities)
    }

    // MARK: The staff desk

    struct Desk {
        struct GrantItem {
            package let role: String
            package let label: String
        }
        struct Member {
            package let name: String
            /// Shown to platform admins, who grant and revoke by it.
            package let email: String?
            package let grants: [GrantItem]
        }
        struct Option {
            package let role: String
            package let label: String
            package let selected: Bool
        }
        struct GrantGroup {
            package let label: String
            package let options: [Option]
        }
        package let slug: String
        package let name: String
        package let members: [Member]
        /// Platform admins grant and revoke; the oblast's staff only read.
        let canGrant: Bool
        /// What the reader holds here, unless a platform admin (who holds everything).
        package let yourRights: [GrantItem]
        let hasRights: Bool
        let grantGroups: [GrantGroup]
        package let message: String?
        /// The grantee's address, as typed, with what is wrong with it beside it.
        package let emailField: FormField
        package let roleError: String?
        /// The oblast's brand form, for those who may set it.
        package let brandURL: String?
    }

    /// What the form said and what was wrong with it, for showing it again.
    struct FormState {
        var email = ""
        var role = ""
        var emailError: String?
        var roleError: String?
        var hasErrors: Bool { emailError != nil || roleError != nil }
    }

    /// Platform admins and the oblast's own staff; everyone else gets the 404
    /// of a staff page they may not see (401 signed out).
    private func requireDeskReader(_ context: AppRequestContext) async throws -> (Oblast, [Municipality], Principal) {
        let (oblast, cities) = try await oblast(context)
        guard let principal = context.principal else { throw AppError.notSignedIn }
        guard principal.isStaff(inOblast: oblast.id) else { throw AppError.notFound }
        return (oblast, cities, principal)
    }

    private func deskPage(
        _ request: Request, _ context: AppRequestContext, oblast: Oblast, cities: [Municipality], principal: Principal,
        form: FormState = FormState(), message: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let staff = try await services.store.read { try await $0.oblastRoles.staff(in: oblast.id) }
        let canGrant = principal.mayGrantOblastRoles
        let roles = Desk.GrantGroup(
            label: html.t("oblast_admin.roles_group", context),
            options: OblastRole.allCases.map { .init(role: $0.rawValue, label: html.t("roles.\($0.rawValue)", context), selected: form.role == $0.rawValue) })
        let capabilities = Desk.GrantGroup(
            label: html.t("oblast_admin.capabilities_group", context),
            options: services.modules.oblastCapabilities.map {
                .init(role: $0.capability.rawValue, label: html.t($0.titleKey, context), selected: form.role == $0.capability.rawValue)
            })
        let yourRights = principal.isPlatformAdmin ? [] : (principal.oblastCapabilities[oblast.id] ?? []).sorted().map {
            Desk.GrantItem(role: $0.rawValue, label: html.t(CapabilityDeclaration.titleKey(of: $0), context))
        }
        let page = Desk(
            slug: oblast.slug.rawValue, name: oblast.name.localized(context.language),
            members: staff.map { member in
                Desk.Member(
                    name: member.fullName, email: canGrant ? member.email.rawValue : nil,
                    grants: member.grants.sorted().map { .init(role: $0.rawValue, label: grantLabel($0, context)) })
            },
            canGrant: canGrant,
            yourRights: yourRights, hasRights: !yourRights.isEmpty,
            grantGroups: canGrant ? [roles, capabilities] : [], message: message,
            emailField: FormField(
                name: "email", label: html.t("admin.person_email", context), value: form.email, error: form.emailError, type: "email",
                autocomplete: "off", required: true),
            roleError: form.roleError,
            brandURL: principal.may(.editOblastBrand, inOblast: oblast.id) ? "/oblast/\(oblast.slug.rawValue)/admin/brand" : nil)
        return try await html.render(
            "oblast-admin", page: page, titleKey: "oblast_admin.title", titleArguments: ["oblast": oblast.name.localized(context.language)],
            request: request, context: context, cities: cities, status: status)
    }

    /// An oblast grant as staff read it: a role's name, or a capability's title.
    private func grantLabel(_ grant: OblastGrant, _ context: AppRequestContext) -> String {
        switch grant {
        case .role(let role): html.t("roles.\(role.rawValue)", context)
        case .capability(let capability): html.t(CapabilityDeclaration.titleKey(of: capability), context)
        }
    }

    @Sendable func desk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (oblast, cities, principal) = try await requireDeskReader(context)
        let done = request.uri.queryParameters.get("done")
        let message = done == "granted" ? html.t("oblast_admin.granted", context)
            : done == "revoked" ? html.t("oblast_admin.revoked", context) : nil
        return try await deskPage(request, context, oblast: oblast, cities: cities, principal: principal, message: message)
    }

    /// Grant or revoke one oblast role or capability of the person with this
    /// email: platform admins only. A mistake is shown beside its field and
    /// changes nothing.
    @Sendable func changeRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (oblast, cities) = try await oblast(context)
        guard let principal = context.principal else { throw AppError.notSignedIn }
        guard principal.mayGrantOblastRoles else { throw AppError.notFound }
        let fields = context.form ?? FormData()
        var form = FormState(email: fields["email"].trimmingCharacters(in: .whitespaces), role: fields["role"])
        let grant = OblastGrant(rawValue: form.role).flatMap { grant -> OblastGrant? in
            if case .capability(let capability) = grant, !services.modules.knowsInOblasts(capability) { return nil }
            return grant
        }
        if grant == nil { form.roleError = html.t("errors.role_invalid", context) }
        var account: Account?
        do {
            let email = try EmailAddress.validated(form.email)
            account = try await services.store.read { try await $0.accounts.find(email: email) }
            if account == nil { form.emailError = html.t("errors.account_not_found", context) }
        } catch let problem as EmailAddress.Problem {
            form.emailError = html.t(problem == .empty ? "errors.email_required" : "errors.email_invalid", context)
        }
        guard let grant, let account, !form.hasErrors else {
            return try await deskPage(
                request, context, oblast: oblast, cities: cities, principal: principal, form: form, status: .unprocessableContent)
        }
        let revoking = fields["action"] == "revoke"
        do {
            if revoking {
                try await services.oblastRoles.revoke(grant, from: account.id, in: oblast, by: principal)
            } else {
                try await services.oblastRoles.grant(grant, to: account.id, in: oblast, by: principal)
            }
        } catch let error as AppError where error.belongsOnTheForm {
            form.roleError = html.t(error.messageKey, context)
            return try await deskPage(request, context, oblast: oblast, cities: cities, principal: principal, form: form, status: error.status)
        }
        return HTML.redirect("/oblast/\(oblast.slug.rawValue)/admin?done=\(revoking ? "revoked" : "granted")")
    }
}
