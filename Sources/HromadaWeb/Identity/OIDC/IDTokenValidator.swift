import Foundation
import HromadaDomain

/// Claim checks of OIDC Core §3.1.3.7, run only after the signature has been verified.
struct IDTokenValidator: Sendable {
    package var issuer: String
    package var clientID: String
    /// Tolerated clock difference between us and the provider, in whole seconds.
    var leewaySeconds: Int64 = 60

    /// Returns the token's subject when every check passes. `now` is Unix time in whole seconds:
    /// all time checks are integer comparisons.
    package func validate(_ claims: [String: ProviderJSON], expectedNonce: String, now: Int64) throws -> String {
        guard case .string(let tokenIssuer)? = claims["iss"] else { throw OIDCError.missingClaim("iss") }
        guard tokenIssuer == issuer else { throw OIDCError.invalidIDToken("issuer mismatch") }

        let audiences: [String]
        switch claims["aud"] {
        case .string(let audience)?:
            audiences = [audience]
        case .array(let values)?:
            audiences = try values.map { value in
                guard case .string(let audience) = value else { throw OIDCError.invalidIDToken("malformed aud") }
                return audience
            }
        case nil, .null?:
            throw OIDCError.missingClaim("aud")
        default:
            throw OIDCError.invalidIDToken("malformed aud")
        }
        guard audiences.contains(clientID) else { throw OIDCError.invalidIDToken("audience mismatch") }
        // With several audiences, `azp` says which party the token was really issued to; without it
        // a token minted for another client that merely lists us could be replayed here.
        switch claims["azp"] {
        case .string(let authorizedParty)?:
            guard authorizedParty == clientID else { throw OIDCError.invalidIDToken("authorized party mismatch") }
        case nil, .null?:
            guard audiences.count == 1 else { throw OIDCError.invalidIDToken("multiple audiences without azp") }
        default:
            throw OIDCError.invalidIDToken("malformed azp")
        }

        let expiresAt = try requiredTime("exp", in: claims)
        let issuedAt = try requiredTime("iat", in: claims)
        let notBefore = try optionalTime("nbf", in: claims)
        // Overflow-checked: an exp near Int64.max means "far future" and must not trap.
        let (expiryWithLeeway, expiryOverflowed) = expiresAt.addingReportingOverflow(leewaySeconds)
        guard expiryOverflowed || now < expiryWithLeeway else { throw OIDCError.invalidIDToken("expired") }
        // `now` comes from OIDCUnixTime.seconds and is bounded far below Int64.max, so this cannot overflow.
        let latestAcceptableIssue = now + leewaySeconds
        guard issuedAt <= latestAcceptableIssue else { throw OIDCError.invalidIDToken("issued in the future") }
        if let notBefore, notBefore > latestAcceptableIssue {
            throw OIDCError.invalidIDToken("not yet valid")
        }

        guard case .string(let nonce)? = claims["nonce"] else { throw OIDCError.missingClaim("nonce") }
        guard ConstantTime.equal(nonce, expectedNonce) else { throw OIDCError.invalidIDToken("nonce mismatch") }

        guard case .string(let subject)? = claims["sub"], !subject.isEmpty else { throw OIDCError.missingClaim("sub") }
        return subject
    }

    /// NumericDate claims must be integers here. RFC 7519 would allow fractions, but no provider we
    /// talk to sends them, and refusing them keeps floating point out of expiry decisions.
    private func requiredTime(_ name: String, in claims: [String: ProviderJSON]) throws -> Int64 {
        guard let value = try optionalTime(name, in: claims) else { throw OIDCError.missingClaim(name) }
        return value
    }

    /// NumericDate claims must be integers here. RFC 7519 would allow fractions, but no provider we
    /// talk to sends them, and refusing them keeps floating point out of expiry decisions.
    private func optionalTime(_ name: String, in claims: [String: ProviderJSON]) throws -> Int64? {
        switch claims[name] {
        case .integer(let value)?:
            return value
        case nil, .null?:
            return nil
        default:
            throw OIDCError.invalidIDToken("\(name) is not an integer NumericDate")
        }
    }
}

enum OIDCUnixTime {
    /// Whole seconds since 1970, rounded down. The range guard only keeps the conversion from
    /// trapping on a nonsensical clock; beyond it every decision is made on the integer.
    package static func seconds(_ date: Date) -> Int64? {
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, interval > -1e12, interval < 1e12 else { return nil }
        return Int64(interval.rounded(.down))
    }
}
