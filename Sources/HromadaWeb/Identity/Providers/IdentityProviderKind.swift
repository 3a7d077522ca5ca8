/// The identity providers a deployment can trust for residency, by the name a login in
/// flight records (`oidc_logins.provider`) and its routes use.
enum IdentityProviderKind: String, Sendable, CaseIterable {
    /// An OpenID Connect provider (`HROMADA_OIDC_*`).
    case oidc
    /// ID.GOV.UA (`HROMADA_IDGOVUA_*`).
    case idGovUA = "idgovua"

    /// Where the provider sends the browser back. The redirect URI to register with the
    /// provider is `HROMADA_PUBLIC_URL` followed by this path.
    var callbackPath: String { "/auth/\(rawValue)/callback" }
}
