import AsyncHTTPClient
import Foundation

/// Relying-party side of ID.GOV.UA's OAuth 2.0 authorization-code flow.
///
/// Usage: call ``authorizationRequest()``, keep its `state` server-side and redirect the
/// browser to its `url`; when ID.GOV.UA redirects back, pass the callback's query items to
/// ``complete(state:callbackQuery:)``, which exchanges the code and reads the person's
/// `drfocode`.
public struct IDGovUAClient: Sendable {
    public let configuration: IDGovUAConfiguration
    private let httpClient: HTTPClient

    /// The only user-info field read. Asking for nothing more keeps to what the verification
    /// needs (Закон «Про захист персональних даних», ст. 6: data not excessive for the purpose).
    static let userInfoFields = "drfocode"

    public init(configuration: IDGovUAConfiguration, httpClient: HTTPClient) {
        self.configuration = configuration
        self.httpClient = httpClient
    }

    /// Starts a login: a fresh `state` and the authorization page's URL.
    public func authorizationRequest() -> IDGovUAAuthorizationRequest {
        let state = PKCE.randomToken()
        let url = ProviderFormEncoding.appendQuery(
            [
                ("response_type", "code"),
                ("client_id", configuration.clientID),
                ("auth_type", configuration.authTypes.joined(separator: ",")),
                ("state", state),
                ("redirect_uri", configuration.redirectURI),
            ],
            to: configuration.baseURL + "/"
        )
        return IDGovUAAuthorizationRequest(url: url, state: state)
    }

    /// Finishes a login from ID.GOV.UA's redirect.
    ///
    /// The state is checked first, in constant time, so a forged callback triggers no request.
    /// Then the code is exchanged for an access token, and the access token for the person's
    /// `drfocode`. Every answer is read as JSON and each field used is checked for type and
    /// size; whatever bytes ID.GOV.UA sends end in an identity or an ``IDGovUAError``.
    public func complete(state: String, callbackQuery: [String: String]) async throws(IDGovUAError) -> IDGovUAIdentity {
        let code: String
        switch AuthorizationCallback(query: callbackQuery, expectedState: state) {
        case .stateMismatch: throw .stateMismatch
        case .refused(let reason): throw .refused("authorization: \(reason)")
        case .empty: throw .malformedAnswer("callback carries neither code nor error")
        case .code(let value): code = value
        }
        guard ProviderEndpointPolicy.verdict(configuration.baseURL) == .acceptable else {
            throw .unavailable("the ID.GOV.UA address is not https")
        }
        let tokenAnswer = try await call(
            "get-access-token",
            [
                ("grant_type", "authorization_code"),
                ("client_id", configuration.clientID),
                ("client_secret", configuration.clientSecret),
                ("code", code),
            ])
        let token = try IDGovUAAnswers.token(tokenAnswer)
        let userInfoAnswer = try await call(
            "get-user-info",
            [
                ("fields", Self.userInfoFields),
                ("user_id", token.userID),
                ("access_token", token.accessToken),
            ])
        let drfoCode = try IDGovUAAnswers.drfoCode(userInfoAnswer)
        return IDGovUAIdentity(userID: token.userID, drfoCode: drfoCode)
    }

    /// A GET of `base/endpoint` with `parameters` in the query, as ID.GOV.UA's API takes them,
    /// and its answer as a JSON object. A JSON `error` is a refusal whatever the status.
    private func call(_ endpoint: String, _ parameters: [(name: String, value: String)]) async throws(IDGovUAError) -> [String: ProviderJSON] {
        var request = HTTPClientRequest(url: ProviderFormEncoding.appendQuery(parameters, to: "\(configuration.baseURL)/\(endpoint)"))
        request.headers.add(name: "Accept", value: "application/json")
        let response: ProviderHTTP.Response
        do {
            response = try await ProviderHTTP.fetch(request, with: httpClient, timeout: configuration.requestTimeout)
        } catch ProviderHTTP.Failure.tooLarge {
            throw .malformedAnswer("\(endpoint): answer larger than \(ProviderHTTP.maximumResponseBytes) bytes")
        } catch {
            throw .unavailable("\(endpoint): \(error)")
        }
        if response.status >= 500 {
            throw .unavailable("\(endpoint) answered HTTP \(response.status)")
        }
        let object = IDGovUAAnswers.object(response.body)
        if let object, let refusal = IDGovUAAnswers.refusal(in: object) {
            throw .refused("\(endpoint): \(refusal)")
        }
        guard (200..<300).contains(response.status) else {
            throw .refused("\(endpoint) answered HTTP \(response.status)")
        }
        guard let object else {
            throw .malformedAnswer("\(endpoint): the answer is not a JSON object")
        }
        return object
    }
}
