import Crypto
import Foundation
import HromadaWeb
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import _CryptoExtras
@testable import Auctions
@testable import Budgets
@testable import Petitions
import HromadaModules

/// A minimal OpenID provider on 127.0.0.1 for exercising `OIDCClient` end to end.
///
/// It auto-approves one configured user and implements just enough of OIDC to be strict where a
/// real provider is strict (exact redirect URI, single-use codes, PKCE S256, client secret), so the
/// client's requests are checked, not merely answered. Its JWT and base64url code is written
/// independently of the client's, so the two cannot share a bug and still agree.
struct TestOIDCProvider: Sendable {
    /// `http://127.0.0.1:<port>/<realm>`: the port is whatever the OS assigned, and the random realm
    /// path keeps issuers unique even when a later test is given a port an earlier one used, so the
    /// client's process-wide discovery cache cannot carry one test's keys into another.
    let issuer: String
    let clientID = TestOIDCProvider.registeredClientID
    let clientSecret = TestOIDCProvider.registeredClientSecret
    let redirectURI = TestOIDCProvider.registeredRedirectURI
    fileprivate let state: TestOIDCProviderState

    static let registeredClientID = "hromada-test-client"
    static let registeredClientSecret = "hromada-test-secret"
    /// Never dereferenced: tests read the redirect's Location header instead of following it.
    static let registeredRedirectURI = "https://hromada.test/auth/oidc/callback"

    /// Client settings matching this provider's registration.
    func clientConfiguration() -> OIDCConfiguration {
        OIDCConfiguration(issuer: issuer, clientID: clientID, clientSecret: clientSecret, redirectURI: redirectURI)
    }

    var discoveryRequestCount: Int { get async { await state.discoveryRequestCount } }
    var jwksRequestCount: Int { get async { await state.jwksRequestCount } }
    var tokenRequestCount: Int { get async { await state.tokenRequestCount } }
    var userinfoRequestCount: Int { get async { await state.userinfoRequestCount } }

    /// Replaces the signing key (new `kid`) and publishes only the new one, as a provider does
    /// when it rotates keys; tokens issued afterwards carry a kid the client has not cached.
    func rotateSigningKey() async throws {
        try await state.rotateSigningKey()
    }
}

enum TestOIDCSigning: String, Sendable, CaseIterable {
    case es256 = "ES256"
    case rs256 = "RS256"
}

struct TestOIDCUser: Sendable {
    var subject: String
    var nationalID: String?
    var birthDate: String?
    var name: String?
    /// The registered address's locality, released as an OIDC `address` object (userinfo only).
    var locality: String?

    static let resident = TestOIDCUser(
        subject: "resident-0042",
        nationalID: "0123456789",
        birthDate: "1985-03-14",
        name: "Оксана Коваленко"
    )
}

/// Ways the provider can misbehave when issuing the ID token, one per client-side check.
enum TestOIDCTokenFault: Sendable {
    case wrongNonce
    case expired
    case wrongAudience
    case tamperedSignature
    case wrongIssuer
    case algorithmNone
}

struct TestOIDCBehavior: Sendable {
    var tokenFault: TestOIDCTokenFault?
    /// Leave national ID and birth date out of the ID token so the client must ask userinfo.
    var identityClaimsOnlyInUserinfo = false
    /// Redirect back with `error=access_denied`, as when the resident declines consent.
    var denyAuthorization = false

    init(tokenFault: TestOIDCTokenFault? = nil, identityClaimsOnlyInUserinfo: Bool = false, denyAuthorization: Bool = false) {
        self.tokenFault = tokenFault
        self.identityClaimsOnlyInUserinfo = identityClaimsOnlyInUserinfo
        self.denyAuthorization = denyAuthorization
    }
}

struct TestOIDCProviderStartupError: Error {}

/// Runs a provider for the duration of `body`, then shuts it down gracefully.
func withTestOIDCProvider<T>(
    user: TestOIDCUser = .resident,
    signing: TestOIDCSigning = .es256,
    behavior: TestOIDCBehavior = TestOIDCBehavior(),
    _ body: (TestOIDCProvider) async throws -> T
) async throws -> T {
    let state = TestOIDCProviderState(signer: try TestJWTSigner(signing))
    let realm = "realm-\(TestOIDCBase64URL.randomToken().prefix(12))"
    let router = Router()
    TestOIDCRoutes(user: user, behavior: behavior, state: state).register(on: router.group(RouterPath(realm)))

    return try await withLoopbackServer(router, label: "TestOIDCProvider", logLevel: .warning) { port in
        let issuer = "http://127.0.0.1:\(port)/\(realm)"
        await state.setIssuer(issuer)
        return try await body(TestOIDCProvider(issuer: issuer, state: state))
    }
}

/// Runs `router` on a free loopback port (port 0: the OS picks one) for the
/// duration of `body`, which is given the port; `beforeShutdown` runs after
/// `body`, before the server is stopped, whether `body` threw or not.
func withLoopbackServer<T>(
    _ router: Router<BasicRequestContext>, label: String, logLevel: Logger.Level,
    beforeShutdown: () async -> Void = {}, _ body: (Int) async throws -> T
) async throws -> T {
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: label)
    logger.logLevel = logLevel
    let app = Application(
        router: router,
        configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            // The bound channel tells us which port the OS gave.
            if let port = channel.localAddress?.port {
                portContinuation.yield(port)
            }
            portContinuation.finish()
        },
        logger: logger
    )
    let serviceGroup = ServiceGroup(configuration: .init(services: [app], logger: logger))

    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            // If the server fails to start, end the port stream so the caller does not wait forever.
            defer { portContinuation.finish() }
            try await serviceGroup.run()
        }
        var portIterator = ports.makeAsyncIterator()
        guard let port = await portIterator.next() else {
            try await group.waitForAll()
            throw TestOIDCProviderStartupError()
        }
        let result: Result<T, any Error>
        do {
            result = .success(try await body(port))
        } catch {
            result = .failure(error)
        }
        await beforeShutdown()
        await serviceGroup.triggerGracefulShutdown()
        try await group.waitForAll()
        return try result.get()
    }
}

// MARK: - State

private actor TestOIDCProviderState {
    struct Grant: Sendable {
        var clientID: String
        var redirectURI: String
        var codeChallenge: String
        var nonce: String
    }

    private(set) var issuer = ""
    private(set) var signer: TestJWTSigner
    private var grants: [String: Grant] = [:]
    private var accessTokens: Set<String> = []
    private(set) var discoveryRequestCount = 0
    private(set) var jwksRequestCount = 0
    private(set) var tokenRequestCount = 0
    private(set) var userinfoRequestCount = 0

    init(signer: TestJWTSigner) {
        self.signer = signer
    }

    func setIssuer(_ issuer: String) {
        self.issuer = issuer
    }

    func rotateSigningKey() throws {
        signer = try TestJWTSigner(signer.algorithm)
    }

    func discoveryRequested() -> (issuer: String, algorithm: TestOIDCSigning) {
        discoveryRequestCount += 1
        return (issuer, signer.algorithm)
    }

    func jwksRequested() -> TestJSON {
        jwksRequestCount += 1
        return signer.publicJWK
    }

    func issueCode(for grant: Grant) -> String {
        let code = TestOIDCBase64URL.randomToken()
        grants[code] = grant
        return code
    }

    /// Removes the code whatever happens next, so a code can never be tried twice.
    func redeem(code: String) -> Grant? {
        tokenRequestCount += 1
        return grants.removeValue(forKey: code)
    }

    func issueAccessToken() -> String {
        let token = TestOIDCBase64URL.randomToken()
        accessTokens.insert(token)
        return token
    }

    func isValidAccessToken(_ token: String) -> Bool {
        userinfoRequestCount += 1
        return accessTokens.contains(token)
    }
}

// MARK: - Routes

private struct TokenForm: Decodable {
    var grant_type: String?
    var code: String?
    var redirect_uri: String?
    var client_id: String?
    var client_secret: String?
    var code_verifier: String?
}

private struct TestOIDCRoutes: Sendable {
    let user: TestOIDCUser
    let behavior: TestOIDCBehavior
    let state: TestOIDCProviderState

    func register(on router: RouterGroup<BasicRequestContext>) {
        router.get(".well-known/openid-configuration") { _, _ in try await discovery() }
        router.get("jwks") { _, _ in try json(["keys": .array([await state.jwksRequested()])]) }
        router.get("authorize") { request, _ in await authorize(request) }
        router.post("token") { request, context in try await token(request, context: context) }
        router.get("userinfo") { request, _ in try await userinfo(request) }
    }

    private func discovery() async throws -> Response {
        let (issuer, algorithm) = await state.discoveryRequested()
        let document: [String: TestJSON] = [
            "issuer": .string(issuer),
            "authorization_endpoint": .string("\(issuer)/authorize"),
            "token_endpoint": .string("\(issuer)/token"),
            "jwks_uri": .string("\(issuer)/jwks"),
            "userinfo_endpoint": .string("\(issuer)/userinfo"),
            "response_types_supported": .array([.string("code")]),
            "subject_types_supported": .array([.string("public")]),
            "id_token_signing_alg_values_supported": .array([.string(algorithm.rawValue)]),
            "code_challenge_methods_supported": .array([.string("S256")]),
            "token_endpoint_auth_methods_supported": .array([.string("client_secret_post")]),
        ]
        return try json(document)
    }

    private func authorize(_ request: Request) async -> Response {
        let query = request.uri.queryParameters
        // An unknown client or unregistered redirect URI must not be redirected to (RFC 6749 §4.1.2.1).
        guard query.get("client_id") == TestOIDCProvider.registeredClientID,
            query.get("redirect_uri") == TestOIDCProvider.registeredRedirectURI
        else {
            return Response(status: .badRequest)
        }
        let returnedState = query.get("state") ?? ""
        guard query.get("response_type") == "code",
            query.get("code_challenge_method") == "S256",
            let challenge = query.get("code_challenge"), challenge.count == 43,
            let nonce = query.get("nonce"), !nonce.isEmpty,
            let scope = query.get("scope"), scope.split(separator: " ").contains("openid")
        else {
            return redirect(["error": "invalid_request", "state": returnedState])
        }
        if behavior.denyAuthorization {
            return redirect([
                "error": "access_denied",
                "error_description": "The resident declined",
                "state": returnedState,
            ])
        }
        let code = await state.issueCode(
            for: .init(
                clientID: TestOIDCProvider.registeredClientID,
                redirectURI: TestOIDCProvider.registeredRedirectURI,
                codeChallenge: challenge,
                nonce: nonce
            )
        )
        return redirect(["code": code, "state": returnedState])
    }

    private func redirect(_ parameters: [String: String]) -> Response {
        let query = parameters.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(TestOIDCBase64URL.percentEncode($0.value))" }
            .joined(separator: "&")
        return Response(status: .found, headers: [.location: "\(TestOIDCProvider.registeredRedirectURI)?\(query)"])
    }

    private func token(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(TokenForm.self, from: request, context: context)
        guard form.grant_type == "authorization_code" else {
            return try json(["error": .string("unsupported_grant_type")], status: .badRequest)
        }
        guard form.client_id == TestOIDCProvider.registeredClientID,
            form.client_secret == TestOIDCProvider.registeredClientSecret
        else {
            return try json(["error": .string("invalid_client")], status: .unauthorized)
        }
        guard let code = form.code, let grant = await state.redeem(code: code),
            grant.clientID == form.client_id,
            grant.redirectURI == form.redirect_uri,
            let verifier = form.code_verifier,
            (43...128).contains(verifier.count),
            TestOIDCBase64URL.encode(SHA256.hash(data: Data(verifier.utf8))) == grant.codeChallenge
        else {
            return try json(["error": .string("invalid_grant")], status: .badRequest)
        }
        let idToken = try await makeIDToken(nonce: grant.nonce)
        let accessToken = await state.issueAccessToken()
        return try json([
            "access_token": .string(accessToken),
            "token_type": .string("Bearer"),
            "expires_in": .integer(300),
            "id_token": .string(idToken),
        ])
    }

    private func makeIDToken(nonce: String) async throws -> String {
        let issuer = await state.issuer
        let now = Int(Date().timeIntervalSince1970)
        var claims: [String: TestJSON] = [
            "iss": .string(behavior.tokenFault == .wrongIssuer ? "https://impostor.example" : issuer),
            "sub": .string(user.subject),
            "aud": .string(behavior.tokenFault == .wrongAudience ? "some-other-client" : TestOIDCProvider.registeredClientID),
            "iat": .integer(behavior.tokenFault == .expired ? now - 7200 : now),
            "exp": .integer(behavior.tokenFault == .expired ? now - 3600 : now + 300),
            "nonce": .string(behavior.tokenFault == .wrongNonce ? "nonce-of-another-login" : nonce),
        ]
        if let name = user.name { claims["name"] = .string(name) }
        if !behavior.identityClaimsOnlyInUserinfo {
            if let nationalID = user.nationalID { claims["national_id"] = .string(nationalID) }
            if let birthDate = user.birthDate { claims["birthdate"] = .string(birthDate) }
        }
        return try await state.signer.sign(claims: claims, unsigned: behavior.tokenFault == .algorithmNone, tamper: behavior.tokenFault == .tamperedSignature)
    }

    private func userinfo(_ request: Request) async throws -> Response {
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer "),
            await state.isValidAccessToken(String(authorization.dropFirst("Bearer ".count)))
        else {
            return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
        }
        var claims: [String: TestJSON] = ["sub": .string(user.subject)]
        if let name = user.name { claims["name"] = .string(name) }
        if let nationalID = user.nationalID { claims["national_id"] = .string(nationalID) }
        if let birthDate = user.birthDate { claims["birthdate"] = .string(birthDate) }
        if let locality = user.locality {
            claims["address"] = .object(["locality": .string(locality), "region": .string("Вінницька область"), "country": .string("UA")])
        }
        return try json(claims)
    }

    private func json(_ object: [String: TestJSON], status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder().encode(object)
        return Response(
            status: status,
            headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

// MARK: - JSON, base64url and signing

private enum TestJSON: Encodable, Sendable {
    case string(String)
    case integer(Int)
    case array([TestJSON])
    case object([String: TestJSON])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

enum TestOIDCBase64URL {
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        String(
            Data(bytes).base64EncodedString()
                .map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }
                .filter { $0 != "=" }
        )
    }

    static func decode(_ text: String) -> [UInt8]? {
        var standard = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        while standard.count % 4 != 0 { standard.append("=") }
        return Data(base64Encoded: standard).map(Array.init)
    }

    static func randomToken() -> String {
        encode(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    static func percentEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

private struct TestJWTSigner: Sendable {
    enum Key: Sendable {
        case p256(P256.Signing.PrivateKey)
        case rsa(_RSA.Signing.PrivateKey)
    }

    let algorithm: TestOIDCSigning
    let keyID: String
    let key: Key
    let publicJWK: TestJSON

    init(_ algorithm: TestOIDCSigning) throws {
        self.algorithm = algorithm
        self.keyID = "test-\(algorithm.rawValue.lowercased())-\(TestOIDCBase64URL.randomToken().prefix(8))"
        switch algorithm {
        case .es256:
            let privateKey = P256.Signing.PrivateKey()
            let raw = Array(privateKey.publicKey.rawRepresentation)
            self.key = .p256(privateKey)
            self.publicJWK = .object([
                "kty": .string("EC"), "crv": .string("P-256"), "use": .string("sig"), "alg": .string("ES256"),
                "kid": .string(keyID),
                "x": .string(TestOIDCBase64URL.encode(raw[0..<32])),
                "y": .string(TestOIDCBase64URL.encode(raw[32..<64])),
            ])
        case .rs256:
            let privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            let primitives = try privateKey.publicKey.getKeyPrimitives()
            self.key = .rsa(privateKey)
            self.publicJWK = .object([
                "kty": .string("RSA"), "use": .string("sig"), "alg": .string("RS256"),
                "kid": .string(keyID),
                "n": .string(TestOIDCBase64URL.encode(primitives.modulus)),
                "e": .string(TestOIDCBase64URL.encode(primitives.publicExponent)),
            ])
        }
    }

    func sign(claims: [String: TestJSON], unsigned: Bool, tamper: Bool) throws -> String {
        let header: [String: TestJSON] = unsigned
            ? ["alg": .string("none"), "typ": .string("JWT")]
            : ["alg": .string(algorithm.rawValue), "kid": .string(keyID), "typ": .string("JWT")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let signingInput = TestOIDCBase64URL.encode(try encoder.encode(header)) + "." + TestOIDCBase64URL.encode(try encoder.encode(claims))
        if unsigned { return signingInput + "." }

        var signature: [UInt8]
        switch key {
        case .p256(let privateKey):
            signature = Array(try privateKey.signature(for: Data(signingInput.utf8)).rawRepresentation)
        case .rsa(let privateKey):
            signature = Array(
                try privateKey.signature(for: SHA256.hash(data: Data(signingInput.utf8)), padding: .insecurePKCS1v1_5)
                    .rawRepresentation
            )
        }
        if tamper, let last = signature.indices.last {
            signature[last] ^= 0x01
        }
        return signingInput + "." + TestOIDCBase64URL.encode(signature)
    }
}
