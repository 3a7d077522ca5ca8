import Foundation
import HromadaWeb

/// The identity providers people verify residency with, from `HROMADA_OIDC_*` and
/// `HROMADA_IDGOVUA_*` (docs/interfaces.md). Either, both or neither may be configured;
/// the verify page offers a button for each one that is.
enum IdentityProviderOptions {
    /// Sets the configuration's providers from the environment, or says which variable is wrong.
    static func apply(_ env: [String: String], to configuration: inout AppConfiguration) throws {
        configuration.oidc = try oidc(env)
        configuration.idGovUA = try idGovUA(env)
    }

    /// `HROMADA_OIDC_ISSUER` with `HROMADA_OIDC_CLIENT_ID`: an OpenID Connect provider.
    /// Its button shows `HROMADA_OIDC_NAME`, else the issuer's host: a broker's sign-in
    /// is not ID.GOV.UA, and the button must not say it is.
    static func oidc(_ env: [String: String]) throws -> OIDCSettings? {
        guard let issuer = value("HROMADA_OIDC_ISSUER", env) else { return nil }
        guard let client = value("HROMADA_OIDC_CLIENT_ID", env) else {
            throw CommandFailure("HROMADA_OIDC_ISSUER is set but HROMADA_OIDC_CLIENT_ID is not.")
        }
        return OIDCSettings(
            issuer: issuer, clientID: client, clientSecret: value("HROMADA_OIDC_CLIENT_SECRET", env),
            nationalIDClaim: value("HROMADA_OIDC_NATIONAL_ID_CLAIM", env) ?? "national_id",
            displayName: value("HROMADA_OIDC_NAME", env),
            addressClaim: value("HROMADA_OIDC_ADDRESS_CLAIM", env))
    }

    /// `HROMADA_IDGOVUA_CLIENT_ID` with `HROMADA_IDGOVUA_CLIENT_SECRET`: ID.GOV.UA, at
    /// `HROMADA_IDGOVUA_URL` (default https://id.gov.ua) offering the sign-in ways
    /// `HROMADA_IDGOVUA_AUTH_TYPES` (default dig_sign,bank_id,diia_id).
    static func idGovUA(_ env: [String: String]) throws -> IDGovUASettings? {
        let others = ["HROMADA_IDGOVUA_CLIENT_SECRET", "HROMADA_IDGOVUA_URL", "HROMADA_IDGOVUA_AUTH_TYPES"]
        guard let client = value("HROMADA_IDGOVUA_CLIENT_ID", env) else {
            // A misspelt client id must not quietly leave ID.GOV.UA off.
            if let set = others.first(where: { value($0, env) != nil }) {
                throw CommandFailure("\(set) is set but HROMADA_IDGOVUA_CLIENT_ID is not.")
            }
            return nil
        }
        guard let secret = value("HROMADA_IDGOVUA_CLIENT_SECRET", env) else {
            throw CommandFailure("HROMADA_IDGOVUA_CLIENT_ID is set but HROMADA_IDGOVUA_CLIENT_SECRET is not: ID.GOV.UA gives both when it registers the site.")
        }
        let url = value("HROMADA_IDGOVUA_URL", env) ?? IDGovUASettings.defaultURL
        guard IDGovUASettings.isAcceptableURL(url) else {
            throw CommandFailure(
                "HROMADA_IDGOVUA_URL: '\(url)' is not an https address without query, such as https://id.gov.ua or https://test.id.gov.ua (plain http only to 127.0.0.1 or localhost).")
        }
        var authTypes = IDGovUASettings.defaultAuthTypes
        if let text = value("HROMADA_IDGOVUA_AUTH_TYPES", env) {
            var listed: [String] = []
            for item in text.split(separator: ",") {
                let name = item.trimmingCharacters(in: .whitespaces)
                if name.isEmpty { continue }
                guard IDGovUASettings.isAcceptableAuthType(name) else {
                    throw CommandFailure(
                        "HROMADA_IDGOVUA_AUTH_TYPES: '\(name)' is not a sign-in way. List them with commas, such as dig_sign,bank_id,diia_id.")
                }
                if !listed.contains(name) { listed.append(name) }
            }
            guard !listed.isEmpty else {
                throw CommandFailure("HROMADA_IDGOVUA_AUTH_TYPES names no sign-in way. List them with commas, such as dig_sign,bank_id,diia_id.")
            }
            authTypes = listed
        }
        return IDGovUASettings(clientID: client, clientSecret: secret, url: url, authTypes: authTypes)
    }

    /// A variable's value, with an empty one counting as unset.
    private static func value(_ name: String, _ env: [String: String]) -> String? {
        env[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}
