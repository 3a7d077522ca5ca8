import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

/// A module's WebSocket upgrade request's context (the platform's one socket router): who connects, resolved by
/// `LiveSocketAuthentication` before the route decides to upgrade.
public struct LiveSocketContext: CityRequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket = WebSocketHandlerReference<Self>()
    public let peerAddress: String?
    public var clientAddress: String
    public var language: Language = .uk
    public var account: Account?
    /// The city named by the route, loaded once (`CityMiddleware`).
    public var city: Municipality?
    /// The session the connection came with, checked again at every bid: signing out ends bidding on open sockets too.
    public var session: (token: String, kind: SessionKind)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
        clientAddress = peerAddress ?? "unknown"
    }
}

/// docs/interfaces.md: the live auction authenticates by the session cookie, or by
/// a `token` query parameter for API clients. Nobody needs to be signed in
/// to watch; only a bidder's own connection can bid.
package struct LiveSocketAuthentication: RouterMiddleware {
    package typealias Context = LiveSocketContext
    package let services: AppServices

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = ClientMiddleware.clientAddress(
            peer: context.peerAddress, forwardedFor: request.headers[.xForwardedFor], trusted: services.configuration.trustedProxies)
        context.language = ClientMiddleware.language(request)
        let token: (String, SessionKind)? =
            if let query = request.uri.queryParameters.get("token"), !query.isEmpty { (String(query), .api) }
            else if let bearer = ClientMiddleware.bearerToken(request) { (bearer, .api) }
            // A page on another site could open a socket with our visitor's
            // cookie (cross-site WebSocket hijacking): the cookie counts only
            // from our own pages.
            else if Self.sameOrigin(request, publicURL: services.configuration.publicBaseURL),
                    let cookie = request.cookies[ClientMiddleware.sessionCookie]?.value { (cookie, .browser) }
            else { nil }
        if let (value, kind) = token, let (account, _) = try await services.accounts.principal(token: value, kind: kind) {
            context.account = account
            context.session = (value, kind)
        }
        return try await next(request, context)
    }

    /// Every `Origin` the request carries is our public address's origin:
    /// the same scheme, host and port (issue 13: a page on another port of our
    /// host is another site). A browser sends exactly one; a request with
    /// several is not a browser's and gets no cookie login. Loopback names are
    /// one machine, so a newcomer's http://localhost:8080 is the default
    /// http://127.0.0.1:8080.
    package static func sameOrigin(_ request: Request, publicURL: String) -> Bool {
        let origins = request.headers[values: .origin]
        guard !origins.isEmpty, let ours = WebOrigin(publicURL) else { return false }
        return origins.allSatisfy { WebOrigin($0)?.isSameSite(as: ours) ?? false }
    }
}

/// The scheme, host and port of a URL, with the scheme's default port filled in.
package struct WebOrigin: Equatable {
    package let scheme: String
    package let host: String
    package let port: Int

    package init?(_ text: String) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), var host = url.host?.lowercased(), !host.isEmpty else {
            return nil
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let port = url.port ?? ["http": 80, "https": 443][scheme] else { return nil }
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    package func isSameSite(as other: WebOrigin) -> Bool {
        guard scheme == other.scheme, port == other.port else { return false }
        return host == other.host || (Loopback.isLoopback(host: host) && Loopback.isLoopback(host: other.host))
    }
}

