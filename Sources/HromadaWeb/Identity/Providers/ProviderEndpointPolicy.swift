import Foundation

/// Which URLs we are willing to send codes, secrets and access tokens to, whichever provider
/// they belong to.
enum ProviderEndpointPolicy {
    /// HTTPS is required because these requests carry the client secret, the authorization code
    /// and the access token. Plain HTTP is allowed only to loopback, where nothing crosses a
    /// network (the test providers, or a local development stub).
    enum Verdict: Equatable, Sendable {
        case acceptable
        case notAbsolute
        case notHTTPS
    }

    static func verdict(_ url: String) -> Verdict {
        guard let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty,
            components.fragment == nil
        else {
            return .notAbsolute
        }
        switch scheme {
        case "https": return .acceptable
        case "http" where isLoopback(host): return .acceptable
        default: return .notHTTPS
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        // Only a literal IPv4 address in 127/8 counts; a name like "127.example.com" does not.
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCII) && octet.allSatisfy(\.isNumber)
                && (Int(octet).map { $0 <= 255 } ?? false)
        }
    }
}
