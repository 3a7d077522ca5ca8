import AsyncHTTPClient
import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// The identity providers' flows. Both go the same way: the city's start route
/// records a login in flight (its `state`, the provider, the city and account)
/// and sends the browser to the provider; the provider's callback takes that
/// login back, once, for the same account within ten minutes, and only at the
/// callback of the provider it went to.
extension VerificationController {
    /// How long a person may spend at the provider before the login lapses.
    static let providerLoginLifetime: Int64 = 600

    /// A login through an identity provider, taken back at its callback.
    struct ReturningLogin {
        let pending: OIDCLoginRepository.PendingLogin
        let account: Account
        let city: Municipality
        /// The callback's query items (`state` with `code`, or `error`).
        let query: [String: String]
    }

    /// Records the login in flight and sends the browser to the provider.
    func beginProviderLogin(
        _ provider: IdentityProviderKind, state: String, nonce: String = "", codeVerifier: String = "", url: String,
        city: Municipality, account: Account
    ) async throws -> Response {
        let pending = OIDCLoginRepository.PendingLogin(
            state: state, provider: provider.rawValue, municipalityID: city.id, accountID: account.id, nonce: nonce,
            codeVerifier: codeVerifier, createdAt: services.clock.now())
        try await services.store.write { try await $0.oidcLogins.insert(pending) }
        return HTML.redirect(url)
    }

    /// The login a callback finishes. A state is used up whichever callback brings it; one
    /// that is unknown, lapsed, another account's or begun at another provider is refused.
    func takeProviderLogin(_ provider: IdentityProviderKind, _ request: Request, _ context: AppRequestContext) async throws -> ReturningLogin {
        let query = Dictionary(
            request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
        guard let state = query["state"], let account = context.account,
              let pending = try await services.store.write({ try await $0.oidcLogins.take(state: state) }),
              pending.provider == provider.rawValue,
              pending.accountID == account.id,
              services.clock.now().epochSeconds - pending.createdAt.epochSeconds < Self.providerLoginLifetime,
              let city = try await services.store.read({ try await $0.municipalities.find(id: pending.municipalityID) })
        else { throw AppError.invalid(code: "link_expired") }
        return ReturningLogin(pending: pending, account: account, city: city, query: query)
    }

    /// The verify page with what went wrong; nothing was stored.
    func providerProblem(
        _ error: AppError, _ request: Request, _ context: AppRequestContext, city: Municipality,
        status: HTTPResponse.Status = .unprocessableContent
    ) async throws -> Response {
        try await optionsPage(request, context, city: city, problem: FormProblem(error, html: html, context: context), status: status)
    }

    // MARK: - OpenID Connect

    func oidcClient() throws -> OIDCClient {
        guard let settings = services.configuration.oidc else { throw AppError.notFound }
        let configuration = OIDCConfiguration(
            issuer: settings.issuer, clientID: settings.clientID, clientSecret: settings.clientSecret,
            redirectURI: services.configuration.publicBaseURL + IdentityProviderKind.oidc.callbackPath, scopes: ["openid", "profile"],
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
            return try await providerProblem(.badRequest(code: "oidc_unavailable"), request, context, city: city, status: .ok)
        }
        return try await beginProviderLogin(
            .oidc, state: authorization.state, nonce: authorization.nonce, codeVerifier: authorization.codeVerifier, url: authorization.url,
            city: city, account: account)
    }

    @Sendable func oidcCallback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let login = try await takeProviderLogin(.oidc, request, context)
        let city = login.city
        let client = try oidcClient()
        let identity: OIDCIdentity
        do {
            identity = try await client.complete(
                request: OIDCAuthorizationRequest(url: "", state: login.pending.state, nonce: login.pending.nonce, codeVerifier: login.pending.codeVerifier),
                callbackQuery: login.query)
        } catch {
            context.logger.warning("OIDC verification failed", metadata: ["error": "\(error)"])
            return try await providerProblem(.badRequest(code: "oidc_failed"), request, context, city: city)
        }
        guard let nationalID = identity.nationalID, !nationalID.isEmpty else {
            return try await providerProblem(.badRequest(code: "oidc_no_national_id"), request, context, city: city)
        }
        // The provider vouches for the identifier; the birth date comes from its
        // claim, or else from the РНОКПП itself.
        let birthDate = identity.birthDate.flatMap(CalendarDate.parse) ?? (try? NationalID.validated(nationalID))?.birthDate
        guard let birthDate else {
            return try await providerProblem(.badRequest(code: "oidc_no_national_id"), request, context, city: city)
        }
        do {
            _ = try await services.residency.oidc.verify(
                account: login.account.id, in: city.id, nationalID: nationalID, birthDate: birthDate, addressLocality: identity.addressLocality)
        } catch let error as AppError {
            return try await providerProblem(error, request, context, city: city, status: error.status)
        }
        return HTML.redirect("/\(city.slug.rawValue)/verify")
    }

    // MARK: - ID.GOV.UA

    func idGovUAClient() throws -> IDGovUAClient {
        guard let settings = services.configuration.idGovUA else { throw AppError.notFound }
        let configuration = IDGovUAConfiguration(
            baseURL: settings.url, clientID: settings.clientID, clientSecret: settings.clientSecret,
            redirectURI: services.configuration.publicBaseURL + IdentityProviderKind.idGovUA.callbackPath, authTypes: settings.authTypes,
            requestTimeout: settings.requestTimeout)
        return IDGovUAClient(configuration: configuration, httpClient: services.httpClient)
    }

    @Sendable func startIDGovUA(_ request: Request, context: AppRequestContext) async throws -> Response {
        let city = try await CityLookup(store: services.store).require(context)
        guard let account = context.account else { return HTML.redirect("/login?next=/\(city.slug.rawValue)/verify") }
        let client = try idGovUAClient()
        // ID.GOV.UA proves identity only: where that makes no resident, say so
        // now rather than after the person has signed in with their bank or key.
        do {
            try await services.residency.idGovUA.requireResidence(in: city.id)
        } catch let error as AppError {
            return try await providerProblem(error, request, context, city: city, status: error.status)
        }
        let authorization = client.authorizationRequest()
        return try await beginProviderLogin(.idGovUA, state: authorization.state, url: authorization.url, city: city, account: account)
    }

    @Sendable func idGovUACallback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let login = try await takeProviderLogin(.idGovUA, request, context)
        let city = login.city
        let client = try idGovUAClient()
        let verifier = services.residency.idGovUA
        do {
            // The city may have stopped accepting identity alone while the person was away:
            // then the code is not even exchanged, and nothing about them is fetched.
            try await verifier.requireResidence(in: city.id)
            let identity: IDGovUAIdentity
            do {
                identity = try await client.complete(state: login.pending.state, callbackQuery: login.query)
            } catch {
                // The error names what failed, never the person's data (IDGovUAError).
                context.logger.warning("ID.GOV.UA verification failed", metadata: ["error": "\(error)"])
                throw error.appError
            }
            _ = try await verifier.verify(account: login.account.id, in: city.id, drfoCode: identity.drfoCode)
        } catch let error as AppError {
            return try await providerProblem(error, request, context, city: city, status: error.status)
        }
        return HTML.redirect("/\(city.slug.rawValue)/verify")
    }
}

extension IDGovUAError {
    /// What the person is told, one message per kind of failure.
    var appError: AppError {
        switch self {
        case .stateMismatch: .invalid(code: "link_expired")
        case .refused: .invalid(code: "idgovua_refused")
        case .unavailable: .invalid(code: "idgovua_unavailable")
        case .malformedAnswer: .invalid(code: "idgovua_failed")
        }
    }
}
