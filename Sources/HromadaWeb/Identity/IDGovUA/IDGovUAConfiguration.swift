import Foundation

/// How this deployment is registered at ID.GOV.UA, the state's integrated electronic
/// identification system (Інтегрована система електронної ідентифікації, id.gov.ua).
///
/// ID.GOV.UA speaks plain OAuth 2.0, not OpenID Connect: no discovery document, no ID token,
/// no keys. Its three addresses hang off one base URL: the authorization page at `base/`,
/// the token exchange at `base/get-access-token`, the person's data at `base/get-user-info`.
public struct IDGovUAConfiguration: Sendable, Equatable {
    /// `https://id.gov.ua` (the test system is `https://test.id.gov.ua`), without a trailing slash.
    public var baseURL: String
    public var clientID: String
    public var clientSecret: String
    /// Where ID.GOV.UA sends the browser back: exactly the address registered with it.
    public var redirectURI: String
    /// The sign-in ways offered (`auth_type`): `dig_sign` (a qualified electronic signature),
    /// `bank_id` (BankID НБУ), `diia_id` (Дія.Підпис).
    public var authTypes: [String]
    /// Bounds each call to ID.GOV.UA, head and body together.
    public var requestTimeout: Duration

    public init(
        baseURL: String, clientID: String, clientSecret: String, redirectURI: String, authTypes: [String],
        requestTimeout: Duration = .seconds(10)
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.authTypes = authTypes
        self.requestTimeout = requestTimeout
    }
}

/// One login attempt: the URL to send the browser to, and the `state` that binds the callback
/// to it. ID.GOV.UA takes neither a nonce nor PKCE, so the state is the only secret.
public struct IDGovUAAuthorizationRequest: Sendable, Equatable {
    public var url: String
    public var state: String
}

/// What ID.GOV.UA vouches for after a sign-in.
///
/// Its description never shows `drfoCode`, so an identity that ends up in a log line or an
/// error message does not carry the person's taxpayer number.
public struct IDGovUAIdentity: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// ID.GOV.UA's own id for the person (`user_id` of the token answer).
    public var userID: String
    /// `drfocode` as given, trimmed: the РНОКПП for most people; for one who refused a РНОКПП,
    /// a passport's series and number; nil when the sign-in released none (a company's seal,
    /// say). Only ever turned into the keyed identity hash.
    public var drfoCode: String?

    public init(userID: String, drfoCode: String?) {
        self.userID = userID
        self.drfoCode = drfoCode
    }

    public var description: String { "IDGovUAIdentity(drfoCode: \(drfoCode == nil ? "none" : "redacted"))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["drfoCode": drfoCode == nil ? "none" : "redacted"]) }
}

/// Why a sign-in through ID.GOV.UA gave no identity. No case carries a value the person or
/// the provider sent beyond an error code made safe to log (`ProviderText.loggable`), so an
/// error logged whole never holds a taxpayer number, a code or a token.
public enum IDGovUAError: Error, Sendable, Equatable {
    /// The callback's `state` is missing or not the one issued for this login.
    case stateMismatch
    /// ID.GOV.UA said no: the person cancelled, or it refused the code or our client
    /// (its `error`, or an HTTP 4xx).
    case refused(String)
    /// ID.GOV.UA did not answer in time, could not be reached, or failed (HTTP 5xx).
    case unavailable(String)
    /// ID.GOV.UA answered something we cannot read: not JSON, too large, a field missing or
    /// of the wrong type or size.
    case malformedAnswer(String)
}
