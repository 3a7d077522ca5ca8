import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// Staff pages of one city: people and their roles, in-person residency
/// verification, conflicts, and the city's settings. Everything is scoped to
/// the city in the URL; staff of another city get a 404, never data.
struct AdminController {
    package let services: AppServices
    package var html: HTML { HTML(services: services) }

    package func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/admin", use: dashboard)
        router.post("/{city}/admin/roles", use: changeRole)
        router.post("/{city}/admin/verify", use: verifyInPerson)
        router.get("/{city}/admin/settings", use: settingsForm)
        router.post("/{city}/admin/settings", use: saveSettings)
    }

    /// The city, if the signed-in person may take `action` there.
    private func authorize(_ action: Capability, _ context: AppRequestContext) async throws -> (Municipality, Principal) {
        let city = try await CityLookup(store: services.store).require(context)
        return (city, try requireStaff(action, context.principal, in: city.id))
    }

    struct Dashboard {
        package struct Person {
            package let id: String
            package let name: String
            package let email: String
            package let roles: [RoleItem]
            package let verified: Bool
        }
        struct RoleItem {
            package let role: String
            package let label: String
        }
        struct GrantGroup {
            package let label: String
            package let options: [RoleItem]
        }
        struct Link {
            package let title: String
            package let url: String
        }
        struct Conflict {
            package let account: String
            package let existing: String
            package let method: String
            package let at: String
        }
        package let slug: String
        package let city: String
        /// The desks of the modules the city runs, as far as this person may use them.
        package let links: [Link]
        package let people: [Person]
        /// The next page's address, its cursor percent-encoded.
        let nextURL: String?
        package let conflicts: [Conflict]
        let hasConflicts: Bool
        let canGrant: Bool
        /// What may be granted here: the roles, then each area's capabilities.
        let grantGroups: [GrantGroup]
        package let message: String?
        /// A problem no field of the form it came from shows.
        package let error: String?
        /// In-person verification: email, РНОКПП, birth date.
        let verifyFields: [FormField]
        /// The grant form's email (its role list, with groups, stays in the template).
        let grantEmail: FormField
        let roleError: String?
    }

    /// The desk's two forms: a refusal stands beside the field of the form it came from.
    private enum DeskForm { case verify, grant }

    private func dashboardPage(
        _ request: Request, _ context: AppRequestContext, city: Municipality, principal: Principal,
        message: String? = nil, problem: FormProblem? = nil, from submitted: DeskForm = .verify, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let after = request.uri.queryParameters.get("after")
        let pageSize = 50
        let (people, grants, verified, conflicts, names) = try await services.store.read { tx in
            let people = try await tx.accounts.people(in: city.id, after: after, limit: pageSize + 1)
            let ids = people.map(\.id)
            let grants = try await tx.roles.grants(in: city.id, for: ids)
            var verified = Set<AccountID>()
            for person in people where try await tx.residency.find(account: person.id, in: city.id) != nil {
                verified.insert(person.id)
            }
            let conflicts = try await tx.residency.conflicts(in: city.id)
            var names: [AccountID: String] = [:]
            for conflict in conflicts {
                for id in [conflict.accountID, conflict.existingAccountID] where names[id] == nil {
                    names[id] = try await tx.accounts.find(id: id).map { "\($0.fullName) <\($0.email.rawValue)>" }
                }
            }
            return (people, grants, verified, conflicts, names)
        }
        let shown = people.prefix(pageSize)
        let form = context.form ?? FormData()
        let verifying = submitted == .verify ? problem : nil, granting = submitted == .grant ? problem : nil
        // What was typed comes back only after a refusal; РНОКПП never does.
        func typed(_ name: String, _ from: FormProblem?) -> String { from == nil ? "" : form[name] }
        let verifyFields = [
            FormField(
                name: "email", id: "v-email", label: html.t("admin.person_email", context), value: typed("email", verifying),
                error: verifying.message(for: "email"), type: "email", required: true),
            FormField(
                name: "nationalId", id: "v-nid", label: html.t("verify.national_id", context), value: "",
                error: verifying.message(for: "nationalId"), inputmode: "numeric", autocomplete: "off", required: true, maxlength: 10),
            FormField(
                name: "birthDate", id: "v-birth", label: html.t("admin.birth_date", context), value: typed("birthDate", verifying),
                error: verifying.message(for: "birthDate"), type: "date"),
        ]
        let grantEmail = FormField(
            name: "email", id: "r-email", label: html.t("admin.person_email", context), value: typed("email", granting),
            error: granting.message(for: "email"), type: "email", required: true)
        let roleError = granting.message(for: "role")
        let alert = problem.alert(unlessShownBy: submitted == .verify ? verifyFields : [grantEmail])
            .flatMap { roleError == nil ? $0 : nil }
        let page = Dashboard(
            slug: city.slug.rawValue, city: city.name.localized(context.language),
            links: (Self.platformLinks + services.modules.enabled(in: city).flatMap(\.staffLinks)).filter { $0.isShown(to: principal, in: city.id) }.map {
                .init(title: html.t($0.titleKey, context), url: "/\(city.slug.rawValue)/\($0.path)")
            },
            people: shown.map { person in
                Dashboard.Person(
                    id: person.id.rawValue, name: person.fullName, email: person.email.rawValue,
                    roles: (grants[person.id] ?? []).sorted().map { .init(role: $0.rawValue, label: grantLabel($0, context)) },
                    verified: verified.contains(person.id))
            },
            nextURL: people.count > pageSize ? shown.last.map {
                "/\(city.slug.rawValue)/admin?after=" + ($0.email.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            } : nil,
            conflicts: conflicts.map {
                .init(account: names[$0.accountID] ?? "", existing: names[$0.existingAccountID] ?? "",
                      method: html.t("verify.method.\($0.method.rawValue)", context), at: DateText.kyiv($0.attemptedAt))
            },
            hasConflicts: !conflicts.isEmpty,
            canGrant: principal.may(.grantRole, in: city.id),
            grantGroups: grantGroups(in: city, context),
            message: message, error: alert, verifyFields: verifyFields, grantEmail: grantEmail, roleError: roleError)
        return try await html.render(
            "admin", page: page, titleKey: "admin.title", titleArguments: ["city": city.name.localized(context.language)],
            request: request, context: context, city: city, status: status)
    }

    /// The platform's own desks beside the modules' (comment moderation, the brand).
    static let platformLinks = [
        StaffLink(titleKey: "comments.desk.link", path: "admin/comments", for: [.moderateComments]),
        StaffLink(titleKey: "brand.form.desk_link", path: "admin/brand", for: [.editBrand]),
    ]

    @Sendable package func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, principal) = try await authorize(.viewPeople, context)
        return try await dashboardPage(request, context, city: city, principal: principal)
    }

    /// A grant as staff read it: a role's name, or a capability's title.
    private func grantLabel(_ grant: StaffGrant, _ context: AppRequestContext) -> String {
        switch grant {
        case .role(let role): html.t("roles.\(role.rawValue)", context)
        case .capability(let capability): html.t(CapabilityDeclaration.titleKey(of: capability), context)
        }
    }

    /// The roles, then the platform's and each enabled module's capabilities.
    private func grantGroups(in city: Municipality, _ context: AppRequestContext) -> [Dashboard.GrantGroup] {
        let roles = Dashboard.GrantGroup(
            label: html.t("admin.roles_group", context),
            options: Role.allCases.map { .init(role: $0.rawValue, label: html.t("roles.\($0.rawValue)", context)) })
        let areas: [(String, [CapabilityDeclaration])] = [(html.t("admin.platform_capabilities", context), CapabilityDeclaration.platform)]
            + services.modules.enabled(in: city).map { (html.t("modules.\($0.slug.rawValue).name", context), $0.capabilities) }
        return [roles] + areas.filter { !$0.1.isEmpty }.map { label, declared in
            Dashboard.GrantGroup(label: label, options: declared.map { .init(role: $0.capability.rawValue, label: html.t($0.titleKey, context)) })
        }
    }

    /// Grant or revoke one role or capability of the person with this email.
    @Sendable func changeRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, principal) = try await authorize(.grantRole, context)
        let form = context.form ?? FormData()
        func refused(_ error: AppError) async throws -> Response {
            try await dashboardPage(
                request, context, city: city, principal: principal, problem: FormProblem(error, html: html, context: context),
                from: .grant, status: error.status)
        }
        guard let role = StaffGrant(rawValue: form["role"]) else { return try await refused(.invalid(code: "role_invalid", field: "role")) }
        guard let email = try? EmailAddress.validated(form["email"]),
              let account = try await services.store.read({ try await $0.accounts.find(email: email) })
        else {
            return try await refused(.invalid(code: "account_not_found", field: "email"))
        }
        do {
            if form["action"] == "revoke" {
                try await services.roles.revoke(role, from: account.id, in: city.id, by: principal)
            } else {
                try await services.roles.grant(role, to: account.id, in: city.id, by: principal)
            }
        } catch let error as AppError where error.status == .conflict || error.status == .unprocessableContent {
            return try await refused(error)
        }
        return HTML.redirect("/\(city.slug.rawValue)/admin")
    }

    @Sendable func verifyInPerson(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, principal) = try await authorize(.verifyResidentInPerson, context)
        let form = context.form ?? FormData()
        func refused(_ error: AppError) async throws -> Response {
            try await dashboardPage(
                request, context, city: city, principal: principal, problem: FormProblem(error, html: html, context: context),
                from: .verify, status: error.status)
        }
        guard let email = try? EmailAddress.validated(form["email"]),
              let account = try await services.store.read({ try await $0.accounts.find(email: email) })
        else {
            return try await refused(.invalid(code: "account_not_found", field: "email"))
        }
        let birthText = form["birthDate"].trimmingCharacters(in: .whitespaces)
        let birthDate = birthText.isEmpty ? nil : CalendarDate.parse(birthText)
        if !birthText.isEmpty, birthDate == nil { return try await refused(.invalid(code: "birth_date_invalid", field: "birthDate")) }
        do {
            _ = try await services.residency.staff.verify(
                account: account.id, in: city.id, nationalID: form["nationalId"], birthDate: birthDate, by: principal)
        } catch let error as AppError where error.status == .unprocessableContent || error.status == .conflict {
            return try await refused(error)
        }
        return try await dashboardPage(request, context, city: city, principal: principal,
                                       message: html.t("admin.verified", context, ["name": account.fullName]))
    }

    struct SettingsPage {
        struct ModuleItem {
            package let module: String
            package let name: String
            package let enabled: Bool
        }
        package let slug: String
        package let modules: [ModuleItem]
        /// The modules' whole-number settings and the contact address, each with its error beside it.
        package let fields: [FormField]
        /// Identity alone (no address) makes a resident here (issue 13).
        let acceptsIdentity: Bool
        package let error: String?
        package let saved: Bool
    }

    /// `fieldErrors`: locale keys of what is wrong, by field name; `error`: a message about no one field.
    private func settingsPage(
        _ request: Request, _ context: AppRequestContext, city: Municipality, settings: MunicipalitySettings, form: FormData?,
        error: String? = nil, fieldErrors: [String: String] = [:], saved: Bool = false, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        func problem(_ name: String) -> String? { fieldErrors[name].map { html.t($0, context) } }
        let page = SettingsPage(
            slug: city.slug.rawValue,
            modules: services.modules.slugs.map { module in
                .init(module: module.rawValue, name: html.t("modules.\(module.rawValue).name", context),
                      enabled: form.map { $0.all("modules").contains(module.rawValue) } ?? settings.enables(module))
            },
            fields: services.modules.settingFields.map { field in
                FormField(
                    name: field.name, label: html.t(field.labelKey, context), value: form?[field.name] ?? String(field.read(settings)),
                    error: problem(field.name), inputmode: "numeric", required: true)
            } + services.modules.textSettingFields.map { field in
                let value = form?[field.name] ?? field.read(settings)
                return FormField(
                    name: field.name, label: html.t(field.labelKey, context), value: value, error: problem(field.name),
                    hint: field.hintKey.map { html.t($0, context) }, type: field.inputType, maxlength: field.maxLength,
                    options: field.choices.map { choices in
                        choices.map { SelectOption(value: $0.value, label: html.t($0.labelKey, context), selected: $0.value == value) }
                    })
            } + [
                FormField(
                    name: "contactEmail", label: html.t("settings.contact_email", context), value: form?["contactEmail"] ?? settings.contactEmail,
                    error: problem("contactEmail"), type: "email", autocomplete: "email"),
                FormField(
                    name: "territory", label: html.t("settings.territory", context), value: form?["territory"] ?? settings.territory?.text ?? "",
                    error: problem("territory"), hint: html.t("settings.territory_hint", context), inputmode: "decimal", maxlength: 128),
                commentPolicyField(form?["commentPolicy"] ?? settings.commentPolicy.rawValue, error: problem("commentPolicy"), context),
            ],
            acceptsIdentity: form.map { $0["acceptsIdentityAsResidency"] == "yes" } ?? settings.acceptsIdentityAsResidency,
            error: error, saved: saved)
        return try await html.render(
            "settings", page: page, titleKey: "settings.title", titleArguments: ["city": city.name.localized(context.language)],
            request: request, context: context, city: city, status: status)
    }

    /// Who may comment in the city (issue 21): a choice of `CommentPolicy`.
    private func commentPolicyField(_ value: String, error: String?, _ context: AppRequestContext) -> FormField {
        FormField(
            name: "commentPolicy", label: html.t("comments.setting.label", context), value: value, error: error,
            options: CommentPolicy.allCases.map {
                SelectOption(value: $0.rawValue, label: html.t("comments.setting.\($0.rawValue)", context), selected: $0.rawValue == value)
            })
    }

    @Sendable func settingsForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, _) = try await authorize(.editSettings, context)
        return try await settingsPage(request, context, city: city, settings: city.settings, form: nil,
                                      saved: request.uri.queryParameters.get("saved") != nil)
    }

    @Sendable func saveSettings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (city, principal) = try await authorize(.editSettings, context)
        let form = context.form ?? FormData()
        func fail(_ key: String, field: String?) async throws -> Response {
            try await settingsPage(
                request, context, city: city, settings: city.settings, form: form, error: field == nil ? html.t(key, context) : nil,
                fieldErrors: field.map { [$0: key] } ?? [:], status: .unprocessableContent)
        }
        // From the settings in force, so what this form does not show (the
        // petition charter, for one) is kept.
        var proposed = city.settings
        // A field the form did not send (a form from before the field existed) keeps its value.
        for field in services.modules.settingFields where form.fields[field.name] != nil {
            guard let value = Int(form[field.name].trimmingCharacters(in: .whitespaces)) else {
                return try await fail("errors.settings_not_number", field: field.name)
            }
            field.write(&proposed, value)
        }
        for field in services.modules.textSettingFields where form.fields[field.name] != nil {
            guard let value = field.accepted(form[field.name]) else { return try await fail(AppError.invalid(code: field.problemCode, field: field.name).messageKey, field: field.name) }
            field.write(&proposed, value)
        }
        proposed.enabledModules = services.modules.enabledModules(checked: form.all("modules"), keeping: city.settings)
        proposed.contactEmail = form["contactEmail"].trimmingCharacters(in: .whitespaces)
        proposed.acceptsIdentityAsResidency = form["acceptsIdentityAsResidency"] == "yes"
        // A form from before the field existed keeps the city's choice.
        if form.fields["commentPolicy"] != nil {
            guard let policy = CommentPolicy(rawValue: form["commentPolicy"]) else { return try await fail("errors.settings_comment_policy", field: "commentPolicy") }
            proposed.commentPolicy = policy
        }
        // A form from before the field existed keeps the territory.
        if form.fields["territory"] != nil {
            guard let territory = try? GeoBox.parse(form["territory"]) else { return try await fail("errors.settings_territory", field: "territory") }
            proposed.territory = territory
        }
        do {
            _ = try await CitySettingsService(services: services).save(proposed, of: city, by: principal)
        } catch let error as AppError where error.belongsOnTheForm {
            return try await fail(error.messageKey, field: error.field)
        }
        return HTML.redirect("/\(city.slug.rawValue)/admin/settings?saved=1")
    }
}
