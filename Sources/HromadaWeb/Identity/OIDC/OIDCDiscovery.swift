import Foundation

/// The parts of the provider's discovery document (OIDC Discovery §3) that the client uses.
struct OIDCProviderMetadata: Sendable, Equatable {
    package var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var jwksURI: String
    var userinfoEndpoint: String?

    private struct Document: Decodable {
        package var issuer: String
        var authorizationEndpoint: String
        var tokenEndpoint: String
        var jwksURI: String
        var userinfoEndpoint: String?

        enum CodingKeys: String, CodingKey {
            case issuer
            case authorizationEndpoint = "authorization_endpoint"
            case tokenEndpoint = "token_endpoint"
            case jwksURI = "jwks_uri"
            case userinfoEndpoint = "userinfo_endpoint"
        }
    }

    /// Parses and vets a discovery document for `expectedIssuer`.
    package init(json: [UInt8], expectedIssuer: String) throws {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(json))
        } catch {
            throw OIDCError.discoveryFailed("discovery document is missing required fields")
        }
        // OIDC Discovery §4.3: a document claiming another issuer must not be used, or one
        // provider could hand out endpoints (and keys) in another's name.
        guard document.issuer == expectedIssuer else {
            throw OIDCError.discoveryFailed("discovery document names issuer \(document.issuer)")
        }
        self.issuer = document.issuer
        self.authorizationEndpoint = try OIDCEndpointPolicy.validated(document.authorizationEndpoint, name: "authorization_endpoint")
        self.tokenEndpoint = try OIDCEndpointPolicy.validated(document.tokenEndpoint, name: "token_endpoint")
        self.jwksURI = try OIDCEndpointPolicy.validated(document.jwksURI, name: "jwks_uri")
        self.userinfoEndpoint = try document.userinfoEndpoint.map {
            try OIDCEndpointPolicy.validated($0, name: "userinfo_endpoint")
        }
    }
}

/// The shared endpoint policy (`ProviderEndpointPolicy`), as the errors of discovery.
enum OIDCEndpointPolicy {
    package static func validated(_ url: String, name: String) throws -> String {
        switch ProviderEndpointPolicy.verdict(url) {
        case .acceptable: return url
        case .notAbsolute: throw OIDCError.discoveryFailed("\(name) is not an absolute URL without fragment")
        case .notHTTPS: throw OIDCError.discoveryFailed("\(name) must use https")
        }
    }
}

/// Discovery document and JWKS, fetched together and cached together.
struct OIDCProviderSnapshot: Sendable {
    package var metadata: OIDCProviderMetadata
    package var keys: JSONWebKeySet
}

/// Caches provider snapshots so that each login does not cost two extra round trips, while still
/// picking up key rotation within `timeToLiveSeconds`.
///
/// One process-wide instance, keyed by issuer, because routes build an `OIDCClient` per request;
/// a per-client cache would never be hit. Discovery depends on nothing but the issuer, so sharing
/// between clients of the same issuer is sound.
actor OIDCProviderCache {
    package static let shared = OIDCProviderCache()

    private struct Entry {
        package var snapshot: OIDCProviderSnapshot
        var fetchedAt: Int64
    }

    private let timeToLiveSeconds: Int64
    private var entries: [String: Entry] = [:]
    /// Loads in progress, shared so that a burst of logins on a cold cache fetches once.
    private var inFlight: [String: Task<OIDCProviderSnapshot, any Error>] = [:]

    package init(timeToLiveSeconds: Int64 = 600) {
        self.timeToLiveSeconds = timeToLiveSeconds
    }

    /// - Parameters:
    ///   - now: Unix seconds, or `nil` if the clock is unusable (then the cache is bypassed).
    ///   - forceRefresh: set when a token names a key we do not have, i.e. the provider rotated keys.
    package func snapshot(
        issuer: String,
        now: Int64?,
        forceRefresh: Bool,
        load: @escaping @Sendable () async throws -> OIDCProviderSnapshot
    ) async throws -> OIDCProviderSnapshot {
        // A fetch time in the future (clock stepped back) counts as stale rather than fresh forever.
        if !forceRefresh, let now, let entry = entries[issuer], now >= entry.fetchedAt,
            now - entry.fetchedAt < timeToLiveSeconds
        {
            return entry.snapshot
        }
        if let running = inFlight[issuer] {
            return try await running.value
        }
        let task = Task { try await load() }
        inFlight[issuer] = task
        defer { inFlight[issuer] = nil }
        let snapshot = try await task.value
        if let now {
            entries[issuer] = Entry(snapshot: snapshot, fetchedAt: now)
        }
        return snapshot
    }
}
