import Foundation

/// Base64url without padding (RFC 4648 §5), as JOSE and PKCE require.
enum OIDCBase64URL {
    package static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-")
        text = text.replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Returns `nil` for anything outside the base64url alphabet, including `=` padding, which
    /// JWS compact serialization forbids; being strict keeps one token from having several spellings.
    package static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var standard = ""
        standard.reserveCapacity(text.utf8.count + 3)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9": standard.unicodeScalars.append(scalar)
            case "-": standard.append("+")
            case "_": standard.append("/")
            default: return nil
            }
        }
        switch standard.utf8.count % 4 {
        case 0: break
        case 2: standard.append("==")
        case 3: standard.append("=")
        default: return nil
        }
        guard let data = Data(base64Encoded: standard) else { return nil }
        return Array(data)
    }
}

/// `application/x-www-form-urlencoded` encoding for query strings and token request bodies.
enum OIDCFormEncoding {
    private static let hexDigits: [Unicode.Scalar] = Array("0123456789ABCDEF".unicodeScalars)

    /// Everything but RFC 3986 unreserved characters is percent-encoded, including space as `%20`,
    /// so `+` and `&` inside values can never be misread by the provider.
    package static func encode(_ value: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded.append("%")
                encoded.unicodeScalars.append(hexDigits[Int(byte >> 4)])
                encoded.unicodeScalars.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return encoded
    }

    package static func encode(_ parameters: [(name: String, value: String)]) -> String {
        parameters.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
    }

    /// Appends parameters to an endpoint that may already carry a query of its own
    /// (OIDC Core §3.1.2.1 allows that for the authorization endpoint).
    static func appendQuery(_ parameters: [(name: String, value: String)], to endpoint: String) -> String {
        let query = encode(parameters)
        guard endpoint.contains("?") else { return "\(endpoint)?\(query)" }
        if endpoint.hasSuffix("?") || endpoint.hasSuffix("&") { return endpoint + query }
        return "\(endpoint)&\(query)"
    }
}
