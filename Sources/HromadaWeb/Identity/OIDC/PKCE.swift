import Crypto
import Foundation

/// PKCE (RFC 7636) with the S256 method, plus the random values for `state` and `nonce`.
package enum PKCE {
    /// 32 random bytes give 256 bits of entropy and encode to exactly 43 base64url characters,
    /// the minimum length RFC 7636 allows for a code verifier.
    static let randomByteCount = 32

    /// A fresh base64url string from the system CSPRNG, used for the verifier, `state` and `nonce`.
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

enum OIDCConstantTime {
    /// Compares without an early exit on the first differing byte, so the time taken does not
    /// tell an attacker how much of a guessed `state` or `nonce` was right. Only the length can leak,
    /// and ours are fixed-length random strings.
    static func equals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices {
            difference |= left[index] ^ right[index]
        }
        return difference == 0
    }
}
