import Foundation

/// `application/x-www-form-urlencoded` encoding for query strings and token request bodies.
enum ProviderFormEncoding {
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
    /// (OIDC Core §3.1.2.1 allows that for the authorization endpoint). ID.GOV.UA takes
    /// all its parameters, the client secret and access token too, in the query.
    static func appendQuery(_ parameters: [(name: String, value: String)], to endpoint: String) -> String {
        let query = encode(parameters)
        guard endpoint.contains("?") else { return "\(endpoint)?\(query)" }
        if endpoint.hasSuffix("?") || endpoint.hasSuffix("&") { return endpoint + query }
        return "\(endpoint)&\(query)"
    }
}
