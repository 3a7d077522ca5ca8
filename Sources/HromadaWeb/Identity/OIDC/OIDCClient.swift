import AsyncHTTPClient
import Foundation
import NIOCore

/// Relying-party side of the OIDC authorization-code flow with PKCE (S256).
///
/// Usage: call ``authorizationRequest()``, keep the returned request server-side and redirect the
/// browser to its `url`; when the provider redirects back, pass the callback's query items to
/// ``complete(request:callbackQuery:)``.
public struct OIDCClient: Sendable {
    public let configuration: OIDCConfiguration
    private let httpClient: HTTPClient
    private let now: @Sendable () -> Date
    private let cache: OIDCProviderCache

    public init(configuration: OIDCConfiguration, httpClient: HTTPClient, now: @escaping @Sendable () -> Date = Date.init) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.now = now
        self.cache = .shared
    }

    /// Starts a login: fresh `state`, `nonce` and PKCE verifier, and the URL to send the browser to.
    public func authorizationRequest() async throws -> OIDCAuthorizationRequest {
        let provider = try await providerSnapshot(forceRefresh: false)
        let state = PKCE.randomToken()
        let nonce = PKCE.randomToken()
        let codeVerifier = PKCE.randomToken()
        var scopes = configuration.scopes
        if !scopes.contains("openid") {
            scopes.insert("openid", at: 0)
        }
        let url = ProviderFormEncoding.appendQuery(
            [
                ("response_type", "code"),
                ("client_id", configuration.clientID),
                ("redirect_uri", configuration.redirectURI),
                ("scope", scopes.joined(separator: " ")),
                ("state", state),
                ("nonce", nonce),
                ("code_challenge", PKCE.s256Challenge(for: codeVerifier)),
                ("code_challenge_method", "S256"),
            ],
            to: provider.metadata.authorizationEndpoint
        )
        return OIDCAuthorizationRequest(url: url, state: state, nonce: nonce, codeVerifier: codeVerifier)
    }

    /// Finishes a login from the provider's redirect.
    ///
    /// `callbackQuery` are the query items the provider redirected back with (`code`, `state`, or
    /// `error`, `error_description`). The state is checked first, in constant time, so that a forged
    /// callback learns nothing and triggers no request. The code is then exchanged with the PKCE
    /// verifier, and the ID token's signature and claims are verified before any claim is read.
    /// National ID and birth date missing from the ID token are taken from the userinfo endpoint.
    ///
    /// Throws ``OIDCError``; transport failures talking to the token or userinfo endpoint are
    /// thrown as ``ProviderHTTP/Failure``.
    public func complete(request: OIDCAuthorizationRequest, callbackQuery: [String: String]) async throws -> OIDCIdentity {
        let code: String
        switch AuthorizationCallback(query: callbackQuery, expectedState: request.state) {
        case .stateMismatch: throw OIDCError.stateMismatch
        case .refused(let reason): throw OIDCError.providerError(reason)
        case .empty: throw OIDCError.providerError("callback carries neither code nor error")
        case .code(let value): code = value
        }
        // RFC 9207: when the provider names itself in the response, it must be the provider we
        // sent the user to; this defends against mix-up between several configured providers.
        if let responseIssuer = callbackQuery["iss"], responseIssuer != configuration.issuer {
            throw OIDCError.providerError("authorization response from unexpected issuer")
        }

        var provider = try await providerSnapshot(forceRefresh: false)
        let tokens = try await exchange(code: code, codeVerifier: request.codeVerifier, at: provider.metadata.tokenEndpoint)

        let idToken = try CompactJWS(parsing: tokens.idToken)
        var candidates = provider.keys.candidates(for: idToken)
        if candidates.isEmpty {
            // A kid we have never seen usually means the provider rotated its keys since we cached them.
            provider = try await providerSnapshot(forceRefresh: true)
            candidates = provider.keys.candidates(for: idToken)
        }
        guard !candidates.isEmpty else {
            throw OIDCError.invalidIDToken("no published key matches the token")
        }
        guard candidates.contains(where: { $0.isValidSignature(idToken.signature, for: idToken.signingInput) }) else {
            throw OIDCError.invalidIDToken("signature verification failed")
        }
        guard let nowSeconds = OIDCUnixTime.seconds(now()) else {
            throw OIDCError.invalidIDToken("local clock unusable")
        }
        let validator = IDTokenValidator(issuer: configuration.issuer, clientID: configuration.clientID)
        let subject = try validator.validate(idToken.claims, expectedNonce: request.nonce, now: nowSeconds)

        var identity = OIDCIdentity(
            subject: subject,
            nationalID: try Self.stringClaim(configuration.nationalIDClaim, in: idToken.claims, from: .idToken),
            birthDate: try Self.stringClaim(configuration.birthDateClaim, in: idToken.claims, from: .idToken),
            name: try Self.stringClaim(configuration.nameClaim, in: idToken.claims, from: .idToken),
            addressLocality: try configuration.addressClaim.flatMap { try Self.localityClaim($0, in: idToken.claims, from: .idToken) }
        )
        let wantsAddress = configuration.addressClaim != nil && identity.addressLocality == nil
        if identity.nationalID == nil || identity.birthDate == nil || wantsAddress,
            let userinfoEndpoint = provider.metadata.userinfoEndpoint,
            let accessToken = tokens.accessToken
        {
            let userinfo = try await fetchUserinfo(at: userinfoEndpoint, accessToken: accessToken)
            // OIDC Core §5.3.2: userinfo about someone else must not be merged into this identity.
            guard case .string(let userinfoSubject)? = userinfo["sub"], userinfoSubject == subject else {
                throw OIDCError.providerError("userinfo subject does not match ID token")
            }
            if identity.nationalID == nil {
                identity.nationalID = try Self.stringClaim(configuration.nationalIDClaim, in: userinfo, from: .userinfo)
            }
            if identity.birthDate == nil {
                identity.birthDate = try Self.stringClaim(configuration.birthDateClaim, in: userinfo, from: .userinfo)
            }
            if identity.name == nil {
                identity.name = try Self.stringClaim(configuration.nameClaim, in: userinfo, from: .userinfo)
            }
            if identity.addressLocality == nil, let addressClaim = configuration.addressClaim {
                identity.addressLocality = try Self.localityClaim(addressClaim, in: userinfo, from: .userinfo)
            }
        }
        return identity
    }

    // MARK: - Provider metadata

    private func providerSnapshot(forceRefresh: Bool) async throws -> OIDCProviderSnapshot {
        let configuration = self.configuration
        let httpClient = self.httpClient
        return try await cache.snapshot(issuer: configuration.issuer, now: OIDCUnixTime.seconds(now()), forceRefresh: forceRefresh) {
            try await Self.loadProvider(configuration: configuration, httpClient: httpClient)
        }
    }

    private static func loadProvider(configuration: OIDCConfiguration, httpClient: HTTPClient) async throws -> OIDCProviderSnapshot {
        let issuer = try OIDCEndpointPolicy.validated(configuration.issuer, name: "issuer")
        var base = issuer
        while base.hasSuffix("/") { base.removeLast() }
        let discoveryURL = base + "/.well-known/openid-configuration"

        let discoveryBody = try await fetchForDiscovery(discoveryURL, what: "discovery document", httpClient: httpClient)
        let metadata = try OIDCProviderMetadata(json: discoveryBody, expectedIssuer: configuration.issuer)
        let keysBody = try await fetchForDiscovery(metadata.jwksURI, what: "JWKS", httpClient: httpClient)
        return OIDCProviderSnapshot(metadata: metadata, keys: try JSONWebKeySet(json: keysBody))
    }

    /// Every failure while learning about the provider is reported as `discoveryFailed`, since to
    /// the caller they all mean the same thing: this provider cannot be used right now.
    private static func fetchForDiscovery(_ url: String, what: String, httpClient: HTTPClient) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        let response: ProviderHTTP.Response
        do {
            response = try await ProviderHTTP.fetch(request, with: httpClient)
        } catch {
            throw OIDCError.discoveryFailed("\(what) unavailable: \(error)")
        }
        guard response.status == 200 else {
            throw OIDCError.discoveryFailed("\(what) answered HTTP \(response.status)")
        }
        return response.body
    }

    // MARK: - Token endpoint

    private struct TokenResponse: Decodable {
        var idToken: String
        var accessToken: String?

        enum CodingKeys: String, CodingKey {
            case idToken = "id_token"
            case accessToken = "access_token"
        }
    }

    private func exchange(code: String, codeVerifier: String, at tokenEndpoint: String) async throws -> TokenResponse {
        var form: [(name: String, value: String)] = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", configuration.redirectURI),
            ("client_id", configuration.clientID),
            ("code_verifier", codeVerifier),
        ]
        if let clientSecret = configuration.clientSecret {
            form.append(("client_secret", clientSecret))
        }
        var request = HTTPClientRequest(url: tokenEndpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: ProviderFormEncoding.encode(form)))

        let response = try await ProviderHTTP.fetch(request, with: httpClient)
        guard (200..<300).contains(response.status) else {
            throw OIDCError.tokenExchangeFailed(status: Int(response.status))
        }
        do {
            return try JSONDecoder().decode(TokenResponse.self, from: Data(response.body))
        } catch {
            throw OIDCError.providerError("token response lacks an id_token")
        }
    }

    // MARK: - Userinfo

    private func fetchUserinfo(at endpoint: String, accessToken: String) async throws -> [String: ProviderJSON] {
        var request = HTTPClientRequest(url: endpoint)
        request.headers.add(name: "Authorization", value: "Bearer \(accessToken)")
        request.headers.add(name: "Accept", value: "application/json")
        let response = try await ProviderHTTP.fetch(request, with: httpClient)
        guard response.status == 200 else {
            throw OIDCError.providerError("userinfo answered HTTP \(response.status)")
        }
        // A signed (application/jwt) userinfo would need its own verification; no provider we
        // configure sends one, so it is refused rather than read unverified.
        if let contentType = response.contentType, contentType.lowercased().hasPrefix("application/jwt") {
            throw OIDCError.providerError("signed userinfo responses are not supported")
        }
        do {
            return try JSONDecoder().decode([String: ProviderJSON].self, from: Data(response.body))
        } catch {
            throw OIDCError.providerError("userinfo response is not a JSON object")
        }
    }

    // MARK: - Claims

    private enum ClaimSource {
        case idToken, userinfo

        /// A malformed claim in the signed token is an invalid token; in userinfo it is the provider's fault.
        func malformed(_ name: String) -> OIDCError {
            switch self {
            case .idToken: .invalidIDToken("claim \(name) is not a string")
            case .userinfo: .providerError("userinfo claim \(name) is not a string")
            }
        }
    }

    /// The locality of an address claim: the string itself, or an OIDC
    /// `address` object's `locality` (OIDC Core §5.1.1); nil when absent.
    private static func localityClaim(_ name: String, in claims: [String: ProviderJSON], from source: ClaimSource) throws -> String? {
        switch claims[name] {
        case nil, .null?:
            return nil
        case .string(let value)?:
            return value.isEmpty ? nil : value
        case .object(let address)?:
            return try stringClaim("locality", in: address, from: source)
        default:
            throw source.malformed(name)
        }
    }

    /// A claim as a non-empty string, or `nil` when absent, null or empty (then userinfo may supply it).
    /// Any other type is an error rather than being coerced: a numeric РНОКПП would already have
    /// lost its leading zeros.
    private static func stringClaim(_ name: String, in claims: [String: ProviderJSON], from source: ClaimSource) throws -> String? {
        switch claims[name] {
        case nil, .null?:
            return nil
        case .string(let value)?:
            return value.isEmpty ? nil : value
        default:
            throw source.malformed(name)
        }
    }
}
