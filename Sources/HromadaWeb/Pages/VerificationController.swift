import AsyncHTTPClient
import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// A person proves residency of a city: through an identity provider (an
/// OpenID Connect one such as BankID or Дія, or ID.GOV.UA), in person at a
/// service centre, or — in a demo — with a made-up РНОКПП. The providers'
/// flows are in `VerificationController+Providers.swift`.
struct VerificationController {
    package let services: AppServices
    package var html: HTML { HTML(services: services) }

    package func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/verify", use: options)
        router.post("/{city}/verify/demo", use: demo)
        router.get("/{city}/verify/\(IdentityProviderKind.oidc.rawValue)", use: startOIDC)
        router.get(RouterPath(IdentityProviderKind.oidc.callbackPath), use: oidcCallback)
        router.get("/{city}/verify/\(IdentityProviderKind.idGovUA.rawValue)", use: startIDGovUA)
        router.get(RouterPath(IdentityProviderKind.idGovUA.callbackPath), use: idGovUACallback)
    }

    struct OptionsPage {
        package let city: String
        package let slug: String
        package let demoMode: Bool
        /// One entry per configured identity provider, none when none is.
        let providers: [ProviderOption]
        /// Stored, not computed: templates see stored properties only.
        let hasProviders: Bool
        /// The demo verifier, like a provider without an address, proves identity only.
        let demoMayProveResidence: Bool
        /// Why a provider (or the demo) cannot make a resident here, and what to do instead.
        let identityOnlyNote: String?
        package let verified: Bool
        package let verifiedAt: String
        /// A problem the РНОКПП field does not show (the person is already verified elsewhere, the provider failed).
        package let error: String?
        /// The demo verifier's РНОКПП, with a sample one as its hint.
        let nationalIdField: FormField
    }

    /// A configured identity provider, as the verify page offers it.
    struct ProviderOption {
        /// The name on its heading and button: what the operator configured, or ID.GOV.UA's own.
        let name: String
        let href: String
        /// What happens when the person follows the button.
        let lead: String
        /// Its sign-in makes a resident here (issue 13): it proves an address,
        /// or the city accepts identity alone.
        let mayProveResidence: Bool
        let provesAddress: Bool
    }

    /// The identity providers this deployment is configured with, as offered in `city`.
    func providerOptions(in city: Municipality, _ context: AppRequestContext) -> [ProviderOption] {
        let identityCounts = city.settings.acceptsIdentityAsResidency
        var options: [ProviderOption] = []
        if let oidc = services.configuration.oidc {
            let provesAddress = services.residency.oidc.proves == .identityAndAddress
            options.append(ProviderOption(
                name: oidc.displayName, href: "/\(city.slug.rawValue)/verify/\(IdentityProviderKind.oidc.rawValue)",
                lead: html.t("verify.oidc_text", context), mayProveResidence: identityCounts || provesAddress, provesAddress: provesAddress))
        }
        if services.configuration.idGovUA != nil {
            options.append(ProviderOption(
                name: html.t("verify.idgovua_name", context), href: "/\(city.slug.rawValue)/verify/\(IdentityProviderKind.idGovUA.rawValue)",
                lead: html.t("verify.idgovua_text", context), mayProveResidence: identityCounts, provesAddress: false))
        }
        return options
    }

    func optionsPage(
        _ request: Request, _ context: AppRequestContext, city: Municipality, problem: FormProblem? = nil, nationalID: String = "",
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let account = context.account else {
            return HTML.redirect("/login?next=/\(city.slug.rawValue)/verify")
        }
        let existing = try await services.store.read { try await $0.residency.find(account: account.id, in: city.id) }
        let sample = NationalID.make(birthDate: CalendarDate(year: 1990, month: 5, day: 17), serial: Int.random(in: 0..<10_000)).digits
        let identityCounts = city.settings.acceptsIdentityAsResidency
        let providers = providerOptions(in: city, context)
        let demoMay = services.demoMode && identityCounts
        let cityName = city.name.localized(context.language)
        let identityOnlyOffered = providers.contains { !$0.provesAddress } || services.demoMode
        let note = identityOnlyOffered && !identityCounts ? html.t("verify.identity_only", context, ["city": cityName]) : nil
        let nationalIdField = FormField(
            name: "nationalId", label: html.t("verify.national_id", context), value: nationalID,
            error: problem.message(for: "nationalId"), hint: "\(html.t("verify.demo_sample", context)) \(sample)",
            inputmode: "numeric", autocomplete: "off", required: true, maxlength: 10, pattern: "[0-9]{10}")
        let page = OptionsPage(
            city: cityName, slug: city.slug.rawValue, demoMode: services.demoMode,
            providers: providers, hasProviders: !providers.isEmpty, demoMayProveResidence: demoMay,
            identityOnlyNote: note, verified: existing != nil,
            verifiedAt: existing.map { DateText.kyiv($0.verifiedAt) } ?? "", error: problem.alert(unlessShownBy: demoMay ? [nationalIdField] : []), nationalIdField: nationalIdField)
        return try await html.render(
            "verify", page: page, titleKey: "verify.title", titleArguments: ["city": city.name.localized(context.language)],
            request: request, context: context, city: city, status: status)
    }

    @Sendable package func options(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        return try await optionsPage(request, context, city: city)
    }

    @Sendable package func demo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard services.demoMode else { throw AppError.notFound }
        guard let account = context.account else { throw AppError.notSignedIn }
        let nationalID = context.form?["nationalId"] ?? ""
        do {
            _ = try await services.residency.demo.verify(account: account.id, in: city.id, nationalID: nationalID)
        } catch let error as AppError where error.status == .unprocessableContent || error.status == .conflict {
            return try await optionsPage(
                request, context, city: city, problem: FormProblem(error, html: html, context: context), nationalID: nationalID,
                status: error.status)
        }
        return HTML.redirect("/\(city.slug.rawValue)/verify")
    }
}
