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
