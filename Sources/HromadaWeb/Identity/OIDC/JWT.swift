import Crypto
import Foundation
import _CryptoExtras

/// The only JWS algorithms accepted. Anything else, `none` and HMAC in particular, is refused:
/// HMAC would let anyone who knows the client secret mint tokens, and `none` is no signature.
enum JWSAlgorithm: String, Sendable {
    case rs256 = "RS256"
    case es256 = "ES256"
}

struct JOSEHeader: Sendable, Decodable {
    var alg: String
    var kid: String?
    /// Kept only to detect it: we understand no extensions, and RFC 7515 §4.1.11 says a token
    /// naming one we do not understand must be rejected.
    var crit: ProviderJSON?
    // `jku`, `jwk`, `x5u` and `x5c` are deliberately not decoded: keys come only from the
    // provider's discovered JWKS, never from the token that is being checked.
}

/// A JWS in compact serialization (`header.payload.signature`), parsed but not yet trusted.
struct CompactJWS: Sendable {
    package var header: JOSEHeader
    package var algorithm: JWSAlgorithm
    var claims: [String: ProviderJSON]
    /// The ASCII bytes the signature covers: the first two segments exactly as received.
    var signingInput: [UInt8]
    package var signature: [UInt8]

    package init(parsing token: String) throws {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3 else {
            // Five segments would be an encrypted JWT, which no configured provider sends.
            throw OIDCError.invalidIDToken("not a compact JWS")
        }
        guard let headerBytes = OIDCBase64URL.decode(segments[0]),
            let header = try? JSONDecoder().decode(JOSEHeader.self, from: Data(headerBytes))
        else {
            throw OIDCError.invalidIDToken("malformed header")
        }
        guard let algorithm = JWSAlgorithm(rawValue: header.alg) else {
            throw OIDCError.unsupportedAlgorithm(header.alg)
        }
        guard header.crit == nil else {
            throw OIDCError.invalidIDToken("unsupported critical header parameters")
        }
        guard let payloadBytes = OIDCBase64URL.decode(segments[1]),
            let claims = try? JSONDecoder().decode([String: ProviderJSON].self, from: Data(payloadBytes))
        else {
            throw OIDCError.invalidIDToken("malformed payload")
        }
        guard let signature = OIDCBase64URL.decode(segments[2]), !signature.isEmpty else {
            throw OIDCError.invalidIDToken("malformed signature")
        }
        self.header = header
        self.algorithm = algorithm
        self.claims = claims
        self.signingInput = Array(segments[0].utf8) + [UInt8(ascii: ".")] + Array(segments[1].utf8)
        self.signature = signature
    }
}

/// The provider's published signing keys (RFC 7517), reduced to those we can verify with.
struct JSONWebKeySet: Sendable {
    package struct Key: Sendable {
        enum Material: Sendable {
            case rsa(_RSA.Signing.PublicKey)
            case p256(P256.Signing.PublicKey)
        }

        var keyID: String?
        var material: Material

        /// Each key type verifies exactly one algorithm, so a token cannot pick how its key is used.
        package var algorithm: JWSAlgorithm {
            switch material {
            case .rsa: .rs256
            case .p256: .es256
            }
        }

        package func isValidSignature(_ signature: [UInt8], for signingInput: [UInt8]) -> Bool {
            let digest = SHA256.hash(data: signingInput)
            switch material {
            case .rsa(let key):
                // RS256 is RSASSA-PKCS1-v1_5 (RFC 7518 §3.3); the library calls it "insecure"
                // only to steer new designs towards PSS, it is what the standard mandates here.
                return key.isValidSignature(
                    _RSA.Signing.RSASignature(rawRepresentation: signature),
                    for: digest,
                    padding: .insecurePKCS1v1_5
                )
            case .p256(let key):
                // JWS carries ECDSA signatures as raw R || S (RFC 7518 §3.4), not DER.
                guard signature.count == 64,
                    let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature)
                else { return false }
                return key.isValidSignature(ecdsa, for: digest)
            }
        }
    }

    private struct RawKey: Decodable {
        var kty: String?
        var kid: String?
        package var use: String?
        var alg: String?
        var keyOperations: [String]?
        package var n: String?
        package var e: String?
        var crv: String?
        package var x: String?
        package var y: String?

        enum CodingKeys: String, CodingKey {
            case kty, kid, use, alg, n, e, crv, x, y
            case keyOperations = "key_ops"
        }
    }

    private struct RawKeySet: Decodable {
        package var keys: [RawKey]
    }

    package var keys: [Key]

    package init(keys: [Key]) {
        self.keys = keys
    }

    /// Keys we cannot use (encryption keys, other curves, RSA under 2048 bits, …) are skipped
    /// rather than failing the whole set, since providers publish mixed sets during rotation.
    package init(json: [UInt8]) throws {
        let raw: RawKeySet
        do {
            raw = try JSONDecoder().decode(RawKeySet.self, from: Data(json))
        } catch {
            throw OIDCError.discoveryFailed("JWKS is not a valid JSON Web Key Set")
        }
        self.keys = raw.keys.compactMap(Self.usableKey)
    }

    private static func usableKey(_ raw: RawKey) -> Key? {
        if let use = raw.use, use != "sig" { return nil }
        if let operations = raw.keyOperations, !operations.contains("verify") { return nil }
        switch raw.kty {
        case "RSA":
            guard raw.alg == nil || raw.alg == JWSAlgorithm.rs256.rawValue,
                let modulus = raw.n.flatMap(OIDCBase64URL.decode),
                let exponent = raw.e.flatMap(OIDCBase64URL.decode),
                // The initializer refuses moduli below 2048 bits, which is the floor we want.
                let key = try? _RSA.Signing.PublicKey(n: modulus, e: exponent)
            else { return nil }
            return Key(keyID: raw.kid, material: .rsa(key))
        case "EC":
            guard raw.crv == "P-256",
                raw.alg == nil || raw.alg == JWSAlgorithm.es256.rawValue,
                let x = raw.x.flatMap(OIDCBase64URL.decode), x.count == 32,
                let y = raw.y.flatMap(OIDCBase64URL.decode), y.count == 32,
                // Raw X || Y; the initializer also checks the point lies on the curve.
                let key = try? P256.Signing.PublicKey(rawRepresentation: x + y)
            else { return nil }
            return Key(keyID: raw.kid, material: .p256(key))
        default:
            return nil
        }
    }

    /// Keys that may have signed `jws`: same algorithm, and the same `kid` when the token names one.
    package func candidates(for jws: CompactJWS) -> [Key] {
        keys.filter { key in
            guard key.algorithm == jws.algorithm else { return false }
            guard let wanted = jws.header.kid else { return true }
            return key.keyID == wanted
        }
    }
}
