import Foundation

/// Settings for one OpenID Connect provider (BankID or Дія, usually through a broker) that a
/// deployment trusts to verify residents. ID.GOV.UA is not one: it has a client of its own
/// (`IDGovUAClient`).
public struct OIDCConfiguration: Sendable, Equatable {
    /// The provider's issuer identifier, e.g. `https://auth.hromada.example/realms/residents`.
    /// Discovery is read from `issuer + "/.well-known/openid-configuration"`, and the discovered
    /// issuer as well as every ID token's `iss` must equal this string exactly.
    public var issuer: String
    public var clientID: String
    /// When set, the client authenticates at the token endpoint with `client_secret_post`;
    /// when `nil`, it is treated as a public client that relies on PKCE alone.
    public var clientSecret: String?
    public var redirectURI: String
    /// `openid` is always sent even if it is missing here, because without it the provider
    /// would run plain OAuth and never issue the ID token that identity rests on.
    public var scopes: [String]
    /// Claim holding the РНОКПП. Configurable because providers disagree on the name
    /// (BankID uses e.g. `inn` or `drfo`).
    public var nationalIDClaim: String
    /// Claim holding the birth date as `YYYY-MM-DD`.
    public var birthDateClaim: String
    public var nameClaim: String
    /// Claim holding the registered address: a string naming the locality, or
    /// an OIDC `address` object whose `locality` names it. Nil: the provider
    /// proves identity only.
    public var addressClaim: String?

    public init(
        issuer: String,
        clientID: String,
        clientSecret: String? = nil,
        redirectURI: String,
        scopes: [String] = ["openid", "profile"],
        nationalIDClaim: String = "national_id",
        birthDateClaim: String = "birthdate",
        nameClaim: String = "name",
        addressClaim: String? = nil
    ) {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.nationalIDClaim = nationalIDClaim
        self.birthDateClaim = birthDateClaim
        self.nameClaim = nameClaim
        self.addressClaim = addressClaim
    }
}

/// One login attempt. The caller keeps it server-side (or in an encrypted, signed session)
/// between redirecting the browser to `url` and handling the callback, because `state`,
/// `nonce` and `codeVerifier` are the secrets that bind the callback to this browser.
public struct OIDCAuthorizationRequest: Sendable, Codable, Equatable {
    /// Where to redirect the browser: the provider's authorization endpoint with all parameters.
    public var url: String
    public var state: String
    public var nonce: String
    public var codeVerifier: String

    public init(url: String, state: String, nonce: String, codeVerifier: String) {
        self.url = url
        self.state = state
        self.nonce = nonce
        self.codeVerifier = codeVerifier
    }
}

/// What the provider vouches for after a successful login.
public struct OIDCIdentity: Sendable, Equatable {
    /// The provider's stable identifier for the person (`sub`).
    public var subject: String
    /// РНОКПП, if the provider released it.
    public var nationalID: String?
    /// `YYYY-MM-DD`, if the provider released it.
    public var birthDate: String?
    public var name: String?
    /// The locality of the registered address, when an address claim is configured and released.
    public var addressLocality: String?

    public init(subject: String, nationalID: String? = nil, birthDate: String? = nil, name: String? = nil, addressLocality: String? = nil) {
        self.subject = subject
        self.nationalID = nationalID
        self.birthDate = birthDate
        self.name = name
        self.addressLocality = addressLocality
    }
}

public enum OIDCError: Error, Sendable, Equatable {
    /// Discovery document or JWKS could not be fetched or is unacceptable.
    case discoveryFailed(String)
    /// The callback's `state` is missing or differs from the one we issued (possible CSRF / login injection).
    case stateMismatch
    /// The provider reported an error (e.g. the user declined), or answered in a way we cannot use.
    case providerError(String)
    /// The token endpoint answered with a non-2xx status (e.g. wrong code verifier, reused code).
    case tokenExchangeFailed(status: Int)
    /// The ID token failed parsing, signature or claim validation.
    case invalidIDToken(String)
    /// The ID token is signed with an algorithm we do not accept (only RS256 and ES256 are).
    case unsupportedAlgorithm(String)
    /// A claim we cannot do without is absent.
    case missingClaim(String)
}
