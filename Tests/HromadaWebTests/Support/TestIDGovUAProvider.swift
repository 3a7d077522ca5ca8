import Foundation
import HromadaDomain
import HromadaWeb
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A stand-in for ID.GOV.UA on 127.0.0.1, following its published API rather than OIDC:
///
/// - `GET /?response_type=code&client_id=…&auth_type=…&state=…&redirect_uri=…` approves the
///   one configured person at once and redirects to the redirect URI with `code` and `state`;
/// - `GET /get-access-token?grant_type=authorization_code&client_id=…&client_secret=…&code=…`
///   answers `{access_token, token_type, expires_in, refresh_token, user_id}`, or an error JSON;
/// - `GET /get-user-info?fields=…&user_id=…&access_token=…` answers the fields asked for.
///
/// It is strict where ID.GOV.UA is (registered client and redirect URI, the client secret,
/// single-use codes, an access token bound to its user), so the client's requests are
/// checked, not merely answered. Faults make it misbehave at one step, one way each.
struct TestIDGovUAProvider: Sendable {
    /// `http://127.0.0.1:<port>`: the base URL, as `HROMADA_IDGOVUA_URL` would give it.
    let url: String
    fileprivate let state: TestIDGovUAState

    static let registeredClientID = "hromada-idgovua-test-client"
    static let registeredClientSecret = "idgovua-test-secret-0123456789abcdef"
    /// Never dereferenced: tests read the redirect's Location header instead of following it.
    static let registeredRedirectURI = "https://hromada.test/auth/idgovua/callback"

    /// Settings matching this provider's registration; a short timeout for the stalling faults.
    func settings(requestTimeout: Duration = .seconds(10)) -> IDGovUASettings {
        IDGovUASettings(
            clientID: Self.registeredClientID, clientSecret: Self.registeredClientSecret, url: url, requestTimeout: requestTimeout)
    }

    var tokenRequestCount: Int { get async { await state.tokenRequestCount } }
    var userInfoRequestCount: Int { get async { await state.userInfoRequestCount } }
    /// The query of the last authorization request, to check what the client asked for.
    var lastAuthorizationQuery: [String: String] { get async { await state.lastAuthorizationQuery } }
    /// The `fields` of the last user-info request.
    var lastUserInfoFields: String? { get async { await state.lastUserInfoFields } }
}

/// `drfocode` as the stand-in releases it.
enum TestDRFOCode: Sendable {
    case absent
    case string(String)
    /// As a JSON number, which a careless provider might send.
    case number(Int64)
}

struct TestIDGovUAUser: Sendable {
    var userID: String
    var drfocode: TestDRFOCode

    /// A resident with a valid РНОКПП, born 14.03.1985.
    static let resident = TestIDGovUAUser(
        userID: "1360042", drfocode: .string(NationalIDs.born1985))
}

/// Test taxpayer numbers, built with their check digit so they are valid.
enum NationalIDs {
    static let born1985 = NationalID.make(birthDate: CalendarDate(year: 1985, month: 3, day: 14), serial: 4242).digits
    /// `born1985` with its check digit changed: ten digits, but no РНОКПП.
    static var wrongCheckDigit: String {
        let last = born1985.last?.wholeNumberValue ?? 0
        return String(born1985.dropLast()) + String((last + 1) % 10)
    }
}

/// Ways the stand-in can misbehave, each at one step.
enum TestIDGovUAFault: String, Sendable, CaseIterable {
    /// An error JSON: `{"error": …, "error_description": …}` (HTTP 400 from the token
    /// exchange, HTTP 200 from user-info, as APIs that wrap errors do).
    case errorJSON
    /// An HTML page with HTTP 200.
    case notJSON
    /// A body of 2 MiB, twice what the client reads.
    case hugeBody
    /// HTTP 500 with an empty body.
    case serverError
    /// Never answers at all.
    case stallsBeforeAnswering
    /// Sends the head and the start of a JSON body, then nothing more.
    case stallsInBody
}

enum TestIDGovUAStep: String, Sendable, CaseIterable {
    case token, userInfo
}

struct TestIDGovUABehavior: Sendable {
    var fault: TestIDGovUAFault?
    var faultyStep: TestIDGovUAStep = .token
    /// Redirect back with `error=access_denied`, as when the person cancels.
    var denyAuthorization = false

    init(fault: TestIDGovUAFault? = nil, at step: TestIDGovUAStep = .token, denyAuthorization: Bool = false) {
        self.fault = fault
        self.faultyStep = step
        self.denyAuthorization = denyAuthorization
    }
}

/// Runs the stand-in for the duration of `body`, then shuts it down (releasing any stalled answer first).
func withTestIDGovUAProvider<T>(
    users: [TestIDGovUAUser] = [.resident],
    behavior: TestIDGovUABehavior = TestIDGovUABehavior(),
    _ body: (TestIDGovUAProvider) async throws -> T
) async throws -> T {
    let state = TestIDGovUAState(users: users)
    let router = Router()
    TestIDGovUARoutes(behavior: behavior, state: state).register(on: router)

    return try await withLoopbackServer(
        router, label: "TestIDGovUAProvider", logLevel: .critical, beforeShutdown: { await state.releaseStalledAnswers() }
    ) { port in
        try await body(TestIDGovUAProvider(url: "http://127.0.0.1:\(port)", state: state))
    }
}

// MARK: - State

private actor TestIDGovUAState {
    struct Grant: Sendable {
        var userID: String
    }

    private let users: [TestIDGovUAUser]
    /// Which user the next approval is for: the stand-in approves them in turn.
    private var nextUser = 0
    private var grants: [String: Grant] = [:]
    /// Access token → the user it was issued for.
    private var accessTokens: [String: String] = [:]
    private var released = false
    private var stalled: [CheckedContinuation<Void, Never>] = []
    private(set) var tokenRequestCount = 0
    private(set) var userInfoRequestCount = 0
    private(set) var lastAuthorizationQuery: [String: String] = [:]
    private(set) var lastUserInfoFields: String?

    init(users: [TestIDGovUAUser]) {
        self.users = users
    }

    func approve(query: [String: String]) -> String {
        lastAuthorizationQuery = query
        let user = users[nextUser % users.count]
        nextUser += 1
        let code = TestOIDCBase64URL.randomToken()
        grants[code] = Grant(userID: user.userID)
        return code
    }

    /// Every request counts, the faulty ones too, so a test can tell which step it reached.
    func noteTokenRequest() {
        tokenRequestCount += 1
    }

    func noteUserInfoRequest() {
        userInfoRequestCount += 1
    }

    /// Removes the code whatever happens next, so a code can never be tried twice.
    func redeem(code: String) -> Grant? {
        grants.removeValue(forKey: code)
    }

    func issueAccessToken(for userID: String) -> String {
        let token = TestOIDCBase64URL.randomToken()
        accessTokens[token] = userID
        return token
    }

    func user(accessToken: String, userID: String, fields: String?) -> TestIDGovUAUser? {
        lastUserInfoFields = fields
        guard accessTokens[accessToken] == userID else { return nil }
        return users.first { $0.userID == userID }
    }

    /// Waits until the test is over: a provider that never answers.
    func stall() async {
        if released { return }
        await withCheckedContinuation { stalled.append($0) }
    }

    func releaseStalledAnswers() {
        released = true
        for continuation in stalled { continuation.resume() }
        stalled = []
    }
}

// MARK: - Routes

private struct TestIDGovUARoutes: Sendable {
    let behavior: TestIDGovUABehavior
    let state: TestIDGovUAState

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in await authorize(request) }
        router.get("get-access-token") { request, _ in try await token(request) }
        router.get("get-user-info") { request, _ in try await userInfo(request) }
    }

    private func query(_ request: Request) -> [String: String] {
        Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
    }

    private func authorize(_ request: Request) async -> Response {
        let query = query(request)
        // An unknown client or unregistered redirect URI is not redirected to (RFC 6749 §4.1.2.1).
        guard query["client_id"] == TestIDGovUAProvider.registeredClientID,
            query["redirect_uri"] == TestIDGovUAProvider.registeredRedirectURI
        else {
            return Response(status: .badRequest)
        }
        let returnedState = query["state"] ?? ""
        guard query["response_type"] == "code", let authTypes = query["auth_type"], !authTypes.isEmpty, !returnedState.isEmpty else {
            return redirect(["error": "invalid_request", "state": returnedState])
        }
        if behavior.denyAuthorization {
            return redirect(["error": "access_denied", "error_description": "The person cancelled the sign-in", "state": returnedState])
        }
        let code = await state.approve(query: query)
        return redirect(["code": code, "state": returnedState])
    }

    private func redirect(_ parameters: [String: String]) -> Response {
        let query = parameters.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(TestOIDCBase64URL.percentEncode($0.value))" }
            .joined(separator: "&")
        return Response(status: .found, headers: [.location: "\(TestIDGovUAProvider.registeredRedirectURI)?\(query)"])
    }

    private func token(_ request: Request) async throws -> Response {
        let query = query(request)
        await state.noteTokenRequest()
        if behavior.faultyStep == .token, let fault = behavior.fault {
            return await misbehave(fault, errorStatus: .badRequest)
        }
        guard query["grant_type"] == "authorization_code" else {
            return try json(["error": "unsupported_grant_type"], status: .badRequest)
        }
        guard query["client_id"] == TestIDGovUAProvider.registeredClientID,
            query["client_secret"] == TestIDGovUAProvider.registeredClientSecret
        else {
            return try json(["error": "invalid_client"], status: .unauthorized)
        }
        guard let code = query["code"], let grant = await state.redeem(code: code) else {
            return try json(["error": "invalid_grant", "error_description": "Code is invalid or used"], status: .badRequest)
        }
        let accessToken = await state.issueAccessToken(for: grant.userID)
        return try json([
            "access_token": accessToken,
            "token_type": "bearer",
            "expires_in": 3600,
            "refresh_token": TestOIDCBase64URL.randomToken(),
            "user_id": grant.userID,
        ])
    }

    private func userInfo(_ request: Request) async throws -> Response {
        let query = query(request)
        await state.noteUserInfoRequest()
        if behavior.faultyStep == .userInfo, let fault = behavior.fault {
            return await misbehave(fault, errorStatus: .ok)
        }
        guard let accessToken = query["access_token"], let userID = query["user_id"],
            let user = await state.user(accessToken: accessToken, userID: userID, fields: query["fields"])
        else {
            return try json(["error": "invalid_token", "error_description": "Access token is invalid"], status: .unauthorized)
        }
        let fields = Set((query["fields"] ?? "").split(separator: ",").map(String.init))
        var answer: [String: Any] = [:]
        if fields.contains("drfocode") {
            switch user.drfocode {
            case .absent: break
            case .string(let text): answer["drfocode"] = text
            case .number(let number): answer["drfocode"] = number
            }
        }
        // Sent whether asked for or not, as a careless provider might: free text (here naming
        // the test town Бар) that the client must never read as proof of living anywhere.
        answer["address"] = "м. Бар, вул. Героїв Майдану, 1"
        answer["givenname"] = "Оксана"
        return try json(answer)
    }

    /// One fault, as the step would show it.
    private func misbehave(_ fault: TestIDGovUAFault, errorStatus: HTTPResponse.Status) async -> Response {
        switch fault {
        case .errorJSON:
            // The description echoes a taxpayer number, as a careless provider might: it must not reach the logs.
            let body = #"{"error":"invalid_grant","error_description":"Authorization failed for \#(NationalIDs.born1985)"}"#
            return Response(status: errorStatus, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        case .notJSON:
            return Response(
                status: .ok, headers: [.contentType: "text/html"],
                body: .init(byteBuffer: ByteBuffer(string: "<html><body>Технічні роботи</body></html>")))
        case .hugeBody:
            let padding = String(repeating: "a", count: 2 << 20)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"access_token":"\#(padding)","drfocode":"\#(padding)"}"#)))
        case .serverError:
            return Response(status: .internalServerError)
        case .stallsBeforeAnswering:
            await state.stall()
            return Response(status: .serviceUnavailable)
        case .stallsInBody:
            let state = self.state
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: #"{"access_token":""#))
                    await state.stall()
                    try await writer.finish(nil)
                })
        }
    }

    private func json(_ object: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
