import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// Registration, sign-in, sign-out, email confirmation, password reset and
/// the person's own account page.
struct AccountController {
    package let services: AppServices
    package var html: HTML { HTML(services: services) }

    package func add(to router: Router<AppRequestContext>) {
        router.get("/register", use: registerForm)
        router.post("/register", use: register)
        router.get("/confirm", use: confirm)
        router.get("/login", use: signInForm)
        router.post("/login", use: signIn)
        router.post("/logout", use: signOut)
        router.get("/password/forgot", use: forgotForm)
        router.post("/password/forgot", use: forgot)
        router.get("/password/reset", use: resetForm)
        router.post("/password/reset", use: reset)
        router.get("/account", use: accountPage)
    }

    /// A form's fields (as the shared partial draws them, with the typed
    /// value and the problem beside each) and its message.
    struct FormPage {
        package var fields: [String: FormField] = [:]
        package var message: String?
        package var next: String = "/"
        package var token: String = ""
        package var done = false
    }

    /// What an account form's input is, apart from what was typed into it.
    private struct Input {
        package let name: String
        package let labelKey: String
        package var hintKey: String?
        package var type = "text"
        package let autocomplete: String
        package var minlength: Int?
        package var maxlength: Int?

        static let fullName = Input(
            name: "fullName", labelKey: "register.full_name", hintKey: "register.full_name_hint", autocomplete: "name",
            maxlength: PersonName.maximumLength)
        static let email = Input(name: "email", labelKey: "register.email", type: "email", autocomplete: "email")
        static let newPassword = Input(
            name: "password", labelKey: "register.password", hintKey: "register.password_hint", type: "password",
            autocomplete: "new-password", minlength: PasswordPolicy.minimumLength)
        static let register = [fullName, email, newPassword]
        static let signIn = [
            Input(name: "email", labelKey: "login.email", type: "email", autocomplete: "username"),
            Input(name: "password", labelKey: "login.password", type: "password", autocomplete: "current-password"),
        ]
        static let forgot = [Input(name: "email", labelKey: "login.email", type: "email", autocomplete: "email")]
        static let reset = [
            Input(
                name: "password", labelKey: "reset.new_password", hintKey: "register.password_hint", type: "password",
                autocomplete: "new-password", minlength: PasswordPolicy.minimumLength)
        ]
    }

    /// The form's fields with what was typed (never a password: it is not
    /// sent back to the browser) and each problem's message beside its field.
    private func formPage(
        _ inputs: [Input], _ form: FormData = FormData(), errors: [String: String] = [:], context: AppRequestContext
    ) -> FormPage {
        var page = FormPage()
        for input in inputs {
            page.fields[input.name] = FormField(
                name: input.name, label: html.t(input.labelKey, context), value: input.type == "password" ? "" : form[input.name],
                error: errors[input.name].map { html.t($0, context) }, hint: input.hintKey.map { html.t($0, context) },
                type: input.type, autocomplete: input.autocomplete, required: true, minlength: input.minlength,
                maxlength: input.maxlength)
        }
        return page
    }

    @Sendable func registerForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await html.render("register", page: formPage(Input.register, context: context), titleKey: "register.title", request: request, context: context)
    }

    @Sendable package func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData()
        try await services.rateLimiter.check(.registrationPerAddress, address: context.clientAddress)
        let registration = AccountService.Registration(email: form["email"], password: form["password"], fullName: form["fullName"])
        do {
            _ = try await services.accounts.register(registration, language: context.language)
        } catch let errors as AccountService.ValidationErrors {
            let page = formPage(Input.register, form, errors: errors.fields, context: context)
            return try await html.render(
                "register", page: page, titleKey: "register.title", request: request, context: context, status: .unprocessableContent)
        } catch AppError.conflict(code: "email_taken") {
            let page = formPage(Input.register, form, errors: ["email": "errors.email_taken"], context: context)
            return try await html.render(
                "register", page: page, titleKey: "register.title", request: request, context: context, status: .conflict)
        }
        var page = FormPage()
        page.done = true
        page.message = html.t("register.check_mail", context, ["email": form["email"]])
        return try await html.render("register", page: page, titleKey: "register.title", request: request, context: context)
    }

    @Sendable package func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = request.uri.queryParameters.get("token") ?? ""
        var page = FormPage()
        do {
            _ = try await services.accounts.confirmEmail(token: token)
            page.done = true
            page.message = html.t("confirm.done", context)
            return try await html.render("message", page: page, titleKey: "confirm.title", request: request, context: context)
        } catch AppError.invalid {
            page.message = html.t("errors.link_expired", context)
            return try await html.render(
                "message", page: page, titleKey: "confirm.title", request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func signInForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        var page = formPage(Input.signIn, context: context)
        page.next = LocalPath.sanitize(request.uri.queryParameters.get("next"))
        return try await html.render("login", page: page, titleKey: "login.title", request: request, context: context)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData()
        let account: Account
        var device = DeviceCookie(value: request.cookies[DeviceCookie.name]?.value)
        do {
            account = try await services.accounts.authenticate(
                email: form["email"], password: form["password"], clientAddress: context.clientAddress, device: device)
        } catch let error as AppError where error.status == .unprocessableContent || error.status == .tooManyRequests {
            // A refusal shows the form again, with its reason (and the way to a new password).
            var page = formPage(Input.signIn, form, context: context)
            page.message = html.t(error.messageKey, context)
            page.next = LocalPath.sanitize(form["next"])
            var response = try await html.render(
                "login", page: page, titleKey: "login.title", request: request, context: context, status: error.status)
            if let retryAfter = error.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            return response
        }
        let token = try await services.accounts.startSession(for: account.id, kind: .browser)
        if account.language != context.language {
            let language = context.language
            try await services.store.write { try await $0.accounts.setLanguage(of: account.id, to: language) }
        }
        var response = HTML.redirect(LocalPath.sanitize(form["next"]))
        response.setCookie(Cookie(
            name: ClientMiddleware.sessionCookie, value: token, maxAge: Int(AccountService.browserSessionLifetime), path: "/",
            secure: context.isSecure, httpOnly: true, sameSite: .lax))
        device.remember(account.email.rawValue, key: services.keys.devices, nonce: RandomToken.bytes(16))
        response.setCookie(deviceCookie(device, context))
        return response
    }

    /// This browser has signed in to the accounts it lists: a stranger's
    /// failed sign-ins elsewhere do not lock it out (`SignInLimits`).
    private func deviceCookie(_ device: DeviceCookie, _ context: AppRequestContext) -> Cookie {
        Cookie(
            name: DeviceCookie.name, value: device.value, maxAge: Int(DeviceCookie.lifetime), path: "/", secure: context.isSecure,
            httpOnly: true, sameSite: .lax)
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let token = request.cookies[ClientMiddleware.sessionCookie]?.value {
            try await services.accounts.endSession(token: token)
        }
        var response = HTML.redirect("/")
        response.setCookie(Cookie(
            name: ClientMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", secure: context.isSecure,
            httpOnly: true, sameSite: .lax))
        return response
    }

    @Sendable func forgotForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await html.render("forgot", page: formPage(Input.forgot, context: context), titleKey: "forgot.title", request: request, context: context)
    }

    @Sendable func forgot(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData()
        do {
            try await services.accounts.requestPasswordReset(
                email: form["email"], language: context.language, clientAddress: context.clientAddress)
        } catch AppError.invalid(let code, _) {
            let page = formPage(Input.forgot, form, errors: ["email": "errors.\(code)"], context: context)
            return try await html.render(
                "forgot", page: page, titleKey: "forgot.title", request: request, context: context, status: .unprocessableContent)
        }
        var page = FormPage()
        page.done = true
        page.message = html.t("forgot.sent", context)
        return try await html.render("forgot", page: page, titleKey: "forgot.title", request: request, context: context)
    }

    @Sendable func resetForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = request.uri.queryParameters.get("token") ?? ""
        var page = formPage(Input.reset, context: context)
        page.token = token
        guard try await services.accounts.isResetTokenValid(token) else {
            page.message = html.t("errors.link_expired", context)
            return try await html.render(
                "message", page: page, titleKey: "reset.title", request: request, context: context, status: .unprocessableContent)
        }
        return try await html.render("reset", page: page, titleKey: "reset.title", request: request, context: context)
    }

    @Sendable package func reset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form ?? FormData()
        let email: EmailAddress
        do {
            email = try await services.accounts.resetPassword(token: form["token"], newPassword: form["password"])
        } catch AppError.invalid(let code, let field) {
            var page = formPage(Input.reset, form, errors: [field ?? "password": "errors.\(code)"], context: context)
            page.token = form["token"]
            return try await html.render(
                "reset", page: page, titleKey: "reset.title", request: request, context: context, status: .unprocessableContent)
        }
        var page = FormPage()
        page.done = true
        page.message = html.t("reset.done", context)
        var response = try await html.render("message", page: page, titleKey: "reset.title", request: request, context: context)
        // Following the mailed link proved the mailbox: this browser is now a known device,
        // the way back in when new devices are paused for the account.
        var device = DeviceCookie(value: request.cookies[DeviceCookie.name]?.value)
        device.remember(email.rawValue, key: services.keys.devices, nonce: RandomToken.bytes(16))
        response.setCookie(deviceCookie(device, context))
        return response
    }

    struct AccountPage {
        package struct Residency {
            package let city: String
            package let slug: String
            package let method: String
            package let verifiedAt: String
        }
        struct RoleItem {
            package let city: String
            package let slug: String
            package let role: String
        }
        struct OblastRoleItem {
            package let oblast: String
            package let url: String
            /// Its roles' names, or (holding no role) its capabilities' titles.
            package let grants: String
        }
        package let name: String
        package let email: String
        package let confirmed: Bool
        let residencies: [Residency]
        package let roles: [RoleItem]
        /// The oblasts whose staff this person is on, each linking to its desk.
        let oblastRoles: [OblastRoleItem]
        let hasRoles: Bool
        let unverifiedCities: [PublicController.CityItem]
        package let platformAdmin: Bool
        let hasUnverified: Bool
    }

    @Sendable func accountPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let account = context.account, let principal = context.principal else {
            return HTML.redirect("/login?next=/account")
        }
        let (verifications, cities, oblasts) = try await services.store.read { tx in
            (try await tx.residency.verifications(of: account.id), try await tx.municipalities.all(), try await tx.municipalities.oblasts())
        }
        let byID = Dictionary(uniqueKeysWithValues: cities.map { ($0.id, $0) })
        let language = context.language
        let roles: [AccountPage.RoleItem] = principal.roles.flatMap { city, roles in
            roles.sorted().compactMap { role in
                byID[city].map { .init(city: $0.name.localized(language), slug: $0.slug.rawValue, role: html.t("roles.\(role.rawValue)", context)) }
            }
        }.sorted { ($0.city, $0.role) < ($1.city, $1.role) }
        let oblastRoles: [AccountPage.OblastRoleItem] = oblasts.compactMap { oblast in
            let held = principal.oblastRoles[oblast.id] ?? []
            let capabilities = principal.oblastCapabilities[oblast.id] ?? []
            guard !capabilities.isEmpty else { return nil }
            let names = held.isEmpty
                ? capabilities.sorted().map { html.t(CapabilityDeclaration.titleKey(of: $0), context) }
                : held.sorted().map { html.t("roles.\($0.rawValue)", context) }
            return .init(oblast: oblast.name.localized(language), url: "/oblast/\(oblast.slug.rawValue)/admin", grants: names.joined(separator: ", "))
        }
        let page = AccountPage(
            name: account.fullName, email: account.email.rawValue, confirmed: account.isEmailConfirmed,
            residencies: verifications.compactMap { v in
                byID[v.municipalityID].map {
                    .init(city: $0.name.localized(language), slug: $0.slug.rawValue,
                          method: html.t("verify.method.\(v.method.rawValue)", context), verifiedAt: DateText.kyiv(v.verifiedAt))
                }
            },
            roles: roles, oblastRoles: oblastRoles, hasRoles: !roles.isEmpty || !oblastRoles.isEmpty,
            unverifiedCities: cities.filter { c in !verifications.contains { $0.municipalityID == c.id } }
                .map { PublicController(services: services).cityItem($0, language) },
            platformAdmin: account.isPlatformAdmin,
            hasUnverified: cities.contains { c in !verifications.contains { $0.municipalityID == c.id } })
        return try await html.render("account", page: page, titleKey: "account.title", request: request, context: context)
    }
}
