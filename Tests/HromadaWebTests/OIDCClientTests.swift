import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization
import Testing

@testable import HromadaWeb
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// End-to-end tests of `OIDCClient` against `TestOIDCProvider` on loopback. The test plays the
/// browser: it opens the authorization URL without following the redirect and hands the
/// redirect's query to `complete`, exactly as the web route will.
@Suite struct OIDCClientTests {
    private static let expectedResident = OIDCIdentity(
        subject: TestOIDCUser.resident.subject,
        nationalID: TestOIDCUser.resident.nationalID,
        birthDate: TestOIDCUser.resident.birthDate,
        name: TestOIDCUser.resident.name
    )

    @Test func pkceCodeVerifierIsCheckedByProvider() async throws {
        try await withOIDCTestbed { provider, client, oidc in
            let request = try await oidc.authorizationRequest()
            let callback = try await openAuthorizationURL(request, with: client)
            var forged = request
            forged.codeVerifier = PKCE.randomToken()
            await #expect(throws: OIDCError.tokenExchangeFailed(status: 400)) {
                try await oidc.complete(request: forged, callbackQuery: callback)
            }
            #expect(await provider.tokenRequestCount == 1)
        }
    }

    @Test func stateMismatchIsRejected() async throws {
        try await withOIDCTestbed { provider, client, oidc in
            let request = try await oidc.authorizationRequest()
            var callback = try await openAuthorizationURL(request, with: client)
            callback["state"] = PKCE.randomToken()
            await #expect(throws: OIDCError.stateMismatch) {
                try await oidc.complete(request: request, callbackQuery: callback)
            }
            callback["state"] = nil
            await #expect(throws: OIDCError.stateMismatch) {
                try await oidc.complete(request: request, callbackQuery: callback)
            }
            // A forged callback must not even reach the token endpoint.
            #expect(await provider.tokenRequestCount == 0)
        }
    }

    @Test func wrongNonceIsRejected() async throws {
        try await expectLogin(failsWith: .invalidIDToken("nonce mismatch"), fault: .wrongNonce)
    }

    @Test func expiredIDTokenIsRejected() async throws {
        try await expectLogin(failsWith: .invalidIDToken("expired"), fault: .expired)
    }

    @Test func wrongAudienceIsRejected() async throws {
        try await expectLogin(failsWith: .invalidIDToken("audience mismatch"), fault: .wrongAudience)
    }

    @Test func wrongIssuerIsRejected() async throws {
        try await expectLogin(failsWith: .invalidIDToken("issuer mismatch"), fault: .wrongIssuer)
    }

    @Test(arguments: TestOIDCSigning.allCases)
    func tamperedSignatureIsRejected(signing: TestOIDCSigning) async throws {
        try await expectLogin(
            failsWith: .invalidIDToken("signature verification failed"),
            fault: .tamperedSignature,
            signing: signing
        )
    }

    @Test func unsignedTokenIsRejected() async throws {
        try await expectLogin(failsWith: .unsupportedAlgorithm("none"), fault: .algorithmNone)
    }

    @Test(arguments: TestOIDCSigning.allCases)
    func rs256AndEs256TokensAreAccepted(signing: TestOIDCSigning) async throws {
        try await withOIDCTestbed(signing: signing) { provider, client, oidc in
            let request = try await oidc.authorizationRequest()
            let callback = try await openAuthorizationURL(request, with: client)
            let identity = try await oidc.complete(request: request, callbackQuery: callback)
            #expect(identity == Self.expectedResident)
            // Everything was in the ID token, so userinfo is not needed.
            #expect(await provider.userinfoRequestCount == 0)
        }
    }

    @Test func claimsFallBackToUserinfo() async throws {
        try await withOIDCTestbed(behavior: .init(identityClaimsOnlyInUserinfo: true)) { provider, client, oidc in
            let request = try await oidc.authorizationRequest()
            let callback = try await openAuthorizationURL(request, with: client)
            let identity = try await oidc.complete(request: request, callbackQuery: callback)
            #expect(identity == Self.expectedResident)
            #expect(await provider.userinfoRequestCount == 1)
        }
    }

    @Test func providerErrorIsReported() async throws {
        try await withOIDCTestbed(behavior: .init(denyAuthorization: true)) { provider, client, oidc in
            let request = try await oidc.authorizationRequest()
            let callback = try await openAuthorizationURL(request, with: client)
            #expect(callback["error"] == "access_denied")
            await #expect(throws: OIDCError.providerError("access_denied: The resident declined")) {
                try await oidc.complete(request: request, callbackQuery: callback)
            }
            #expect(await provider.tokenRequestCount == 0)
        }
    }

    @Test func authorizationURLCarriesPKCEStateAndNonce() async throws {
        try await withOIDCTestbed { provider, _, oidc in
            let request = try await oidc.authorizationRequest()
            let other = try await oidc.authorizationRequest()
            #expect(request.url.hasPrefix("\(provider.issuer)/authorize?"))
            let query = try queryItems(of: request.url)
            #expect(query["response_type"] == "code")
            #expect(query["client_id"] == provider.clientID)
            #expect(query["redirect_uri"] == provider.redirectURI)
            #expect(query["scope"] == "openid profile")
            #expect(query["state"] == request.state)
            #expect(query["nonce"] == request.nonce)
            #expect(query["code_challenge_method"] == "S256")
            #expect(query["code_challenge"] == PKCE.s256Challenge(for: request.codeVerifier))
            for secret in [request.state, request.nonce, request.codeVerifier] {
                #expect(secret.utf8.count >= 43)
            }
            #expect(request.state != other.state)
            #expect(request.nonce != other.nonce)
            #expect(request.codeVerifier != other.codeVerifier)
        }
    }

    @Test func discoveredIssuerMustMatchConfiguration() async throws {
        try await withOIDCTestbed { provider, client, _ in
            // Same server, but reached under another name: its document names a different issuer.
            var configuration = provider.clientConfiguration()
            configuration.issuer = provider.issuer.replacingOccurrences(of: "127.0.0.1", with: "localhost")
            let oidc = OIDCClient(configuration: configuration, httpClient: client)
            await #expect(throws: OIDCError.discoveryFailed("discovery document names issuer \(provider.issuer)")) {
                try await oidc.authorizationRequest()
            }
        }
    }

    @Test func discoveryIsCachedForTenMinutesAcrossClients() async throws {
        try await withOIDCTestbed { provider, client, _ in
            let clock = SteppedTestClock()
            // Routes build a client per request, so the cache must outlive any one client.
            let first = OIDCClient(configuration: provider.clientConfiguration(), httpClient: client, now: clock.now)
            let second = OIDCClient(configuration: provider.clientConfiguration(), httpClient: client, now: clock.now)
            _ = try await first.authorizationRequest()
            clock.advance(seconds: 599)
            _ = try await second.authorizationRequest()
            #expect(await provider.discoveryRequestCount == 1)
            #expect(await provider.jwksRequestCount == 1)
            clock.advance(seconds: 1)
            _ = try await second.authorizationRequest()
            #expect(await provider.discoveryRequestCount == 2)
            #expect(await provider.jwksRequestCount == 2)
        }
    }

    @Test func rotatedSigningKeyIsFetchedForUnknownKeyID() async throws {
        try await withOIDCTestbed { provider, client, oidc in
            let request = try await oidc.authorizationRequest()
            try await provider.rotateSigningKey()
            let callback = try await openAuthorizationURL(request, with: client)
            let identity = try await oidc.complete(request: request, callbackQuery: callback)
            #expect(identity == Self.expectedResident)
            #expect(await provider.jwksRequestCount == 2)
        }
    }

    @Test func pkceChallengeMatchesRFC7636Example() {
        // RFC 7636, Appendix B.
        #expect(
            PKCE.s256Challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
                == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        )
    }

    @Test func plainHTTPIsAllowedOnlyOnLoopback() throws {
        #expect(throws: Never.self) { try OIDCEndpointPolicy.validated("http://127.0.0.1:8080/token", name: "t") }
        #expect(throws: Never.self) { try OIDCEndpointPolicy.validated("https://id.gov.ua/token", name: "t") }
        #expect(throws: OIDCError.discoveryFailed("t must use https")) {
            try OIDCEndpointPolicy.validated("http://id.gov.ua/token", name: "t")
        }
        #expect(throws: OIDCError.discoveryFailed("t must use https")) {
            try OIDCEndpointPolicy.validated("http://127.0.0.1.evil.example/token", name: "t")
        }
    }

    // MARK: - Helpers

    private func expectLogin(
        failsWith expected: OIDCError,
        fault: TestOIDCTokenFault,
        signing: TestOIDCSigning = .es256
    ) async throws {
        try await withOIDCTestbed(signing: signing, behavior: .init(tokenFault: fault)) { _, client, oidc in
            let request = try await oidc.authorizationRequest()
            let callback = try await openAuthorizationURL(request, with: client)
            await #expect(throws: expected) {
                try await oidc.complete(request: request, callbackQuery: callback)
            }
        }
    }
}

/// A provider, an HTTP client that does not follow redirects, and an `OIDCClient` configured for both.
private func withOIDCTestbed(
    signing: TestOIDCSigning = .es256,
    behavior: TestOIDCBehavior = TestOIDCBehavior(),
    _ body: (TestOIDCProvider, HTTPClient, OIDCClient) async throws -> Void
) async throws {
    try await withTestOIDCProvider(signing: signing, behavior: behavior) { provider in
        var configuration = HTTPClient.Configuration()
        // The test is the browser: it must see the provider's 302, not chase it to the callback URL.
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let oidc = OIDCClient(configuration: provider.clientConfiguration(), httpClient: client)
        let outcome: Result<Void, any Error>
        do {
            try await body(provider, client, oidc)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try await client.shutdown()
        try outcome.get()
    }
}

/// Opens the authorization URL like a browser would and returns the query of the redirect back.
private func openAuthorizationURL(_ request: OIDCAuthorizationRequest, with client: HTTPClient) async throws -> [String: String] {
    let response = try await client.execute(HTTPClientRequest(url: request.url), timeout: .seconds(10))
    _ = try await response.body.collect(upTo: 64 * 1024)
    #expect(response.status == .found)
    let location = try #require(response.headers.first(name: "Location"))
    #expect(location.hasPrefix(TestOIDCProvider.registeredRedirectURI + "?"))
    return try queryItems(of: location)
}

private func queryItems(of url: String) throws -> [String: String] {
    let components = try #require(URLComponents(string: url))
    let items = components.queryItems ?? []
    return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
}

/// A clock the test moves by hand, so cache expiry is tested without sleeping.
private final class SteppedTestClock: Sendable {
    private let current = Mutex(Date())

    func now() -> Date {
        current.withLock { $0 }
    }

    func advance(seconds: Int) {
        current.withLock { $0 += TimeInterval(seconds) }
    }
}
