import AsyncHTTPClient
import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// A person proves residency of a city: through an OIDC provider (BankID,
/// Дія, ID.GOV.UA), in person at a service centre, or — in a demo — with a
/// made-up РНОКПП.
struct VerificationController {
    package let services: AppServices
    package var html: HTML { HTML(services: services) }

    package func add(to router: Router<AppRequestContext>) {
        router.get("/{city}/verify", use: options)
        router.post("/{city}/verify/demo", use: demo)
        router.get("/{city}/verify/oidc", use: startOIDC)
        router.get("/auth/oidc/callback", use: oidcCallback)
    }

    struct OptionsPage {
        package let city: String
        package let slug: String
        package let demoMode: Bool
        let oidcName: String?
        /// The provider's sign-in makes a resident here (issue 13): it
        /// proves an address, or the city accepts identity alone.
        let oidcMayProveResidence: Bool
        let oidcProvesAddress: Bool
        /// The demo verifier, like a provider without an address, proves identity only.
        let demoMayProveResidence: Bool
        /// Why the provider (or the demo) cannot make a resident here, and what to do instead.
        let identityOnlyNote: String?
        package let verified: Bool
        package let verifiedAt: String
        /// A problem the РНОКПП field does not show (the person is already verified elsewhere, the provider failed).
        package let error: String?
        /// The demo verifier's РНОКПП, with a sample one as its hint.
        let nationalIdField: FormField
    }

    private func optionsPage(
        _ request: Request, _ context: AppRequestContext, city: Municipality, problem: FormProblem? = nil, nationalID: String = "",
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let account = context.account else {
            return HTML.redirect("/login?next=/\(city.slug.rawValue)/verify")
        }
        let existing = try await services.store.read { try await $0.residency.find(account: account.id, in: city.id) }
        let sample = NationalID.make(birthDate: CalendarDate(year: 1990, month: 5, day: 17), serial: Int.random(in: 0..<10_000)).digits
        let oidcName = services.configuration.oidc?.displayName
        let identityCounts = city.settings.acceptsIdentityAsResidency
        let provesAddress = services.residency.oidc.proves == .identityAndAddress
        let oidcMay = oidcName != nil && (identityCounts || provesAddress)
        let demoMay = services.demoMode && identityCounts
        let cityName = city.name.localized(context.language)
        let identityOnlyOffered = (oidcName != nil && !provesAddress) || services.demoMode
        let note = identityOnlyOffered && !identityCounts ? html.t("verify.identity_only", context, ["city": cityName]) : nil
        let nationalIdField = FormField(
            name: "nationalId", label: html.t("verify.national_id", context), value: nationalID,
            error: problem.message(for: "nationalId"), hint: "\(html.t("verify.demo_sample", context)) \(sample)",
            inputmode: "numeric", autocomplete: "off", required: true, maxlength: 10, pattern: "[0-9]{10}")
        let page = OptionsPage(
            city: cityName, slug: city.slug.rawValue, demoMode: services.demoMode,
            oidcName: oidcName, oidcMayProveResidence: oidcMay, oidcProvesAddress: provesAddress, demoMayProveResidence: demoMay,
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

    func oidcClient() throws -> OIDCClient {
        guard let settings = services.configuration.oidc else { throw AppError.notFound }
        let configuration = OIDCConfiguration(
            issuer: settings.issuer, clientID: settings.clientID, clientSecret: settings.clientSecret,
            redirectURI: services.configuration.publicBaseURL + "/auth/oidc/callback", scopes: ["openid", "profile"],
            nationalIDClaim: settings.nationalIDClaim, birthDateClaim: settings.birthDateClaim, nameClaim: "name",
            addressClaim: settings.addressClaim)
        return OIDCClient(configuration: configuration, httpClient: services.httpClient, now: { [clock = services.clock] in clock.now() })
    }

    @Sendable func startOIDC(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard let account = context.account else { return HTML.redirect("/login?next=/\(city.slug.rawValue)/verify") }
        let client = try oidcClient()
        let authorization: OIDCAuthorizationRequest
        do {
            authorization = try await client.authorizationRequest()
        } catch {
            context.logger.warning("OIDC provider unavailable", metadata: ["error": "\(error)"])
            return try await optionsPage(
                request, context, city: city, problem: FormProblem(.badRequest(code: "oidc_unavailable"), html: html, context: context),
                status: .ok)
        }
        let pending = OIDCLoginRepository.PendingLogin(
            state: authorization.state, municipalityID: city.id, accountID: account.id, nonce: authorization.nonce,
            codeVerifier: authorization.codeVerifier, createdAt: services.clock.now())
        try await services.store.write { try await $0.oidcLogins.insert(pending) }
        return HTML.redirect(authorization.url)
    }

    @Sendable func oidcCallback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Dictionary(
            request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
        guard let state = query["state"], let account = context.account,
              let pending = try await services.store.write({ try await $0.oidcLogins.take(state: state) }),
              pending.accountID == account.id,
              services.clock.now().epochSeconds - pending.createdAt.epochSeconds < 600,
              let city = try await services.store.read({ try await $0.municipalities.find(id: pending.municipalityID) })
        else { throw AppError.invalid(code: "link_expired") }
        let client = try oidcClient()
        let identity: OIDCIdentity
        do {
            identity = try await client.complete(
                request: OIDCAuthorizationRequest(url: "", state: pending.state, nonce: pending.nonce, codeVerifier: pending.codeVerifier),
                callbackQuery: query)
        } catch {
            context.logger.warning("OIDC verification failed", metadata: ["error": "\(error)"])
            return try await optionsPage(request, context, city: city, problem: FormProblem(.badRequest(code: "oidc_failed"), html: html, context: context), status: .unprocessableContent)
        }
        guard let nationalID = identity.nationalID, !nationalID.isEmpty else {
            return try await optionsPage(request, context, city: city, problem: FormProblem(.badRequest(code: "oidc_no_national_id"), html: html, context: context), status: .unprocessableContent)
        }
        // The provider vouches for the identifier; the birth date comes from its
        // claim, or else from the РНОКПП itself.
        let birthDate = identity.birthDate.flatMap(CalendarDate.parse) ?? (try? NationalID.validated(nationalID))?.birthDate
        guard let birthDate else {
            return try await optionsPage(request, context, city: city, problem: FormProblem(.badRequest(code: "oidc_no_national_id"), html: html, context: context), status: .unprocessableContent)
        }
        do {
            _ = try await services.residency.oidc.verify(
                account: account.id, in: city.id, nationalID: nationalID, birthDate: birthDate, addressLocality: identity.addressLocality)
        } catch let error as AppError {
            return try await optionsPage(request, context, city: city, problem: FormProblem(error, html: html, context: context), status: error.status)
        }
        return HTML.redirect("/\(city.slug.rawValue)/verify")
    }
}
