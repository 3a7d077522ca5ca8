/// The URL name of a municipality, e.g. `vinnytsia` in `/vinnytsia/petitions`.
public struct Slug: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public var description: String { rawValue }

    /// Path segments the platform itself owns (docs/interfaces.md): never a city.
    public static let reserved: Set<String> = [
        "api", "healthz", "livez", "readyz", "metrics", "static", "admin", "login", "oblast", "en", "uk",
        // Our own top-level pages, reserved for the same reason.
        "logout", "register", "account", "password", "confirm", "dev", "audit", "auth", "unsubscribe", "favicon.ico", "robots.txt",
        // Fixed segments under /api/v1/ that sit where a city slug would.
        "me", "municipalities", "session",
    ]

    public enum Problem: Error, Equatable, Sendable {
        case empty, tooLong, invalidCharacters, reserved
    }

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Lowercase Latin letters, digits and inner hyphens, 2–40 characters.
    public static func validated(_ text: String) throws(Problem) -> Slug {
        guard !text.isEmpty else { throw .empty }
        guard text.count <= 40 else { throw .tooLong }
        let allowed = text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
        guard allowed, text.count >= 2, !text.hasPrefix("-"), !text.hasSuffix("-") else { throw .invalidCharacters }
        guard !reserved.contains(text) else { throw .reserved }
        return Slug(rawValue: text)
    }
}
