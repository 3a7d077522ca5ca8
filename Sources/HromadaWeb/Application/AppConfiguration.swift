import Foundation
import HromadaStore

/// Everything `serve` needs, from flags and `HROMADA_*` variables (docs/interfaces.md).
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    public var secret: String
    public var identityKey: String?
    public var metricsToken: String?
    public var trustedProxies: [CIDR]
    public var smtpURL: String?
    /// The address people reach the site at, for links in email and identity
    /// providers' redirects; without a trailing slash, so `publicBaseURL + "/path"` is one link.
    public var publicBaseURL: String
    /// Cookies get `Secure` when the public address is HTTPS (behind TLS).
    public var secureCookies: Bool { publicBaseURL.hasPrefix("https://") }
    /// `HROMADA_OIDC_*`: an OpenID Connect provider (BankID or Дія, usually through a broker).
    public var oidc: OIDCSettings?
    /// `HROMADA_IDGOVUA_*`: ID.GOV.UA's own OAuth 2.0. Either provider, both or neither.
    public var idGovUA: IDGovUASettings?
    /// Seed the demo data (and so enable demo mode) if the database is empty.
    public var seedDemoIfEmpty: Bool
    /// Always seed the demo data (idempotent), as `serve --demo` does.
    public var forceDemo: Bool
    public var runBackgroundServices: Bool
    /// bcrypt cost; lowered only by tests, where hashing speed is not a defence.
    public var passwordCost: UInt8 = Passwords.defaultCost
    /// `serve --allow-public-demo`: demo mode on an address other machines reach (issue 13).
    public var allowPublicDemo = false
    /// `HROMADA_MAIL_RETENTION`: how long delivered mail stays in the outbox;
    /// nil takes `defaultMailRetention`, or `demoMailRetention` in demo mode.
    public var mailRetention: TimeInterval?
    /// `HROMADA_CONCURRENT_UPLOADS`: multipart uploads read at once by this process.
    public var concurrentUploads = 4
    /// `HROMADA_MAP_TILES` and `HROMADA_MAP_ATTRIBUTION`: the base map under every map; nil draws shapes only.
    public var mapTiles: MapTiles?
    /// `HROMADA_GEOCODER_URL`: a Nominatim-compatible search API for finding an
    /// address on a form's map; nil: places are tapped or typed only.
    public var geocoderURL: String?
    /// The deployment's `HROMADA_*` variables (secrets filled in from their
    /// `_FILE` or credential), for the settings a module reads itself, such
    /// as the waste module's MQTT broker. Each module documents its own.
    public var environment: [String: String] = [:]

    /// An hour: long enough to retry a failed delivery, short enough that the
    /// outbox is no archive of links and receipts.
    public static let defaultMailRetention: TimeInterval = 3600
    /// A day in demo mode, so /dev/mail still shows the newcomer's recent letters.
    public static let demoMailRetention: TimeInterval = 24 * 3600

    /// A duration such as `3600`, `90s`, `30m`, `1h` or `7d`, in seconds.
    public static func duration(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        let unit = trimmed.last.flatMap { units[$0] }
        let digits = unit == nil ? trimmed : String(trimmed.dropLast())
        guard !digits.isEmpty, digits.utf8.count <= 9, digits.allSatisfy(\.isASCIIDigit), let number = Int(digits) else { return nil }
        return TimeInterval(number) * (unit ?? 1)
    }

    public init(
        host: String = "127.0.0.1", port: Int = 8080, database: DatabaseLocation = .sqliteMemory,
        secret: String, identityKey: String? = nil, metricsToken: String? = nil, trustedProxies: [CIDR] = [],
        smtpURL: String? = nil, publicBaseURL: String? = nil, oidc: OIDCSettings? = nil, idGovUA: IDGovUASettings? = nil,
        seedDemoIfEmpty: Bool = false, forceDemo: Bool = false, runBackgroundServices: Bool = true
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.secret = secret
        self.identityKey = identityKey
        self.metricsToken = metricsToken
        self.trustedProxies = trustedProxies
        self.smtpURL = smtpURL
        var base = publicBaseURL ?? "http://\(host):\(port)"
        while base.hasSuffix("/") { base.removeLast() }
        self.publicBaseURL = base
        self.oidc = oidc
        self.idGovUA = idGovUA
        self.seedDemoIfEmpty = seedDemoIfEmpty
        self.forceDemo = forceDemo
        self.runBackgroundServices = runBackgroundServices
    }
}

/// An IPv4 or IPv6 network, for `HROMADA_TRUSTED_PROXIES`.
public struct CIDR: Sendable, Equatable, CustomStringConvertible {
    let network: [UInt8]
    package let prefix: Int

    public var description: String { "\(network)/\(prefix)" }

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let address = CIDR.parse(String(first)) else { return nil }
        let maxPrefix = address.count * 8
        let prefix = parts.count == 2 ? Int(parts[1]) : maxPrefix
        guard let prefix, (0...maxPrefix).contains(prefix) else { return nil }
        self.network = address
        self.prefix = prefix
    }

    public func contains(_ addressText: String) -> Bool {
        guard let address = CIDR.parse(CIDR.normalized(addressText)), address.count == network.count else { return false }
        var remaining = prefix
        for index in 0..<address.count where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if address[index] & mask != network[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// `::ffff:10.0.0.1` is the IPv4 address 10.0.0.1 seen by a dual-stack socket.
    package static func normalized(_ address: String) -> String {
        let lower = address.lowercased()
        if lower.hasPrefix("::ffff:"), lower.contains(".") { return String(lower.dropFirst("::ffff:".count)) }
        return address
    }

    /// What a rate limit counts: the IPv4 address, or the /64 an IPv6 client
    /// holds (one subscriber usually gets a whole /64).
    package static func rateLimitSubject(_ address: String) -> String {
        guard let bytes = parse(address), bytes.count == 16 else { return address }
        return bytes.prefix(8).map { String(format: "%02x", $0) }.joined() + "::/64"
    }

    package static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
