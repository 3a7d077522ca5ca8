import Crypto
import Foundation

/// PKCE (RFC 7636) with the S256 method, plus the random values for `state` and `nonce`.
package enum PKCE {
    /// 32 random bytes give 256 bits of entropy and encode to exactly 43 base64url characters,
    /// the minimum length RFC 7636 allows for a code verifier.
    static let randomByteCount = 32

    /// A fresh base64url string from the system CSPRNG, used for the verifier, `nonce` and the
    /// `state` of every provider's login (ID.GOV.UA's too).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        bytes.reserveCapacity(randomByteCount)
        for _ in 0..<randomByteCount {
            bytes.append(UInt8.random(in: .min ... .max, using: &generator))
        }
        return OIDCBase64URL.encode(bytes)
    }

    /// `BASE64URL(SHA256(ASCII(code_verifier)))`, RFC 7636 §4.2.
    static func s256Challenge(for verifier: String) -> String {
        OIDCBase64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
    }
}
