import Foundation

/// An OpenID Connect identity provider for residency (BankID НБУ or Дія, usually through a
/// broker such as Keycloak), from `HROMADA_OIDC_ISSUER`, `HROMADA_OIDC_CLIENT_ID`,
/// `HROMADA_OIDC_CLIENT_SECRET` and optionally `HROMADA_OIDC_NATIONAL_ID_CLAIM`,
/// `HROMADA_OIDC_NAME`, `HROMADA_OIDC_ADDRESS_CLAIM`.
public struct OIDCSettings: Sendable, Equatable {
    public var issuer: String
    public var clientID: String
    public var clientSecret: String?
    public var nationalIDClaim: String
    public var birthDateClaim: String
    /// What people see on the button: `HROMADA_OIDC_NAME`, else the issuer's host. Never a
    /// name the deployment did not give: a broker is not ID.GOV.UA, whatever it fronts.
    public var displayName: String
    /// `HROMADA_OIDC_ADDRESS_CLAIM`: the claim with the registered address,
    /// which lets the provider prove residence (issue 13). Nil: identity only.
    public var addressClaim: String?

    public init(
        issuer: String, clientID: String, clientSecret: String?, nationalIDClaim: String = "national_id",
        birthDateClaim: String = "birthdate", displayName: String? = nil, addressClaim: String? = nil
    ) {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.nationalIDClaim = nationalIDClaim
        self.birthDateClaim = birthDateClaim
        self.displayName = displayName ?? Self.defaultDisplayName(issuer: issuer)
        self.addressClaim = addressClaim
    }

    /// The issuer's host (`bankid.example.ua` for `https://bankid.example.ua/realms/hromada`):
    /// honest about where the button leads when the operator has not named the provider.
    public static func defaultDisplayName(issuer: String) -> String {
        guard let host = URLComponents(string: issuer)?.host, !host.isEmpty else { return issuer }
        return host
    }
}

/// ID.GOV.UA, from `HROMADA_IDGOVUA_CLIENT_ID`, `HROMADA_IDGOVUA_CLIENT_SECRET` and optionally
/// `HROMADA_IDGOVUA_URL`, `HROMADA_IDGOVUA_AUTH_TYPES`.
public struct IDGovUASettings: Sendable, Equatable {
    public static let defaultURL = "https://id.gov.ua"
    public static let defaultAuthTypes = ["dig_sign", "bank_id", "diia_id"]

    public var clientID: String
    public var clientSecret: String
    /// The system's base address, without a trailing slash: production, the test system
    /// `https://test.id.gov.ua`, or a loopback stand-in in tests.
    public var url: String
    /// The sign-in ways ID.GOV.UA offers the person (`auth_type`).
    public var authTypes: [String]
    /// Bounds each call to ID.GOV.UA; lowered only by tests.
    public var requestTimeout: Duration

    public init(
        clientID: String, clientSecret: String, url: String = IDGovUASettings.defaultURL,
        authTypes: [String] = IDGovUASettings.defaultAuthTypes, requestTimeout: Duration = .seconds(10)
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        self.url = base
        self.authTypes = authTypes
        self.requestTimeout = requestTimeout
    }

    /// Whether `url` may be ID.GOV.UA's base address: absolute, `https` (plain `http` only to
    /// loopback), with neither query nor fragment, since the client secret and the access
    /// token are sent to it.
    public static func isAcceptableURL(_ url: String) -> Bool {
        guard ProviderEndpointPolicy.verdict(url) == .acceptable, let components = URLComponents(string: url) else { return false }
        return components.query == nil && components.user == nil && components.password == nil
    }

    /// Whether `authType` looks like one of ID.GOV.UA's sign-in ways: lowercase letters,
    /// digits and `_`, such as `dig_sign`.
    public static func isAcceptableAuthType(_ authType: String) -> Bool {
        guard let first = authType.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), authType.utf8.count <= 32 else {
            return false
        }
        return authType.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}
