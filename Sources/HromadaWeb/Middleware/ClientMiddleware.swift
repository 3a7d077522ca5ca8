import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// Works out who is asking: language, CSRF cookie and session or bearer
/// token. (The client address, through trusted proxies only, is worked out
/// once by `RequestRecordMiddleware`, which runs first.)
struct ClientMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    package let services: AppServices

    static let sessionCookie = "hromada_session"
    static let csrfCookie = "hromada_csrf"
    static let languageCookie = "hromada_lang"

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let trusted = services.configuration.trustedProxies
        // `context.clientAddress` was worked out by `RequestRecordMiddleware`, the outermost.
        // Behind a TLS-terminating proxy we trust, cookies must be Secure too.
        context.isSecure = Self.isSecure(
            configured: services.configuration.secureCookies, peer: context.peerAddress,
            forwardedProto: request.headers[.xForwardedProto], trusted: trusted)
        context.language = Self.language(request)
        context.logger[metadataKey: "client"] = .string(context.clientAddress)

        let isAPI = request.uri.path.hasPrefix("/api/")
        if let csrf = request.cookies[Self.csrfCookie]?.value, csrf.count >= 20, csrf.count <= 64 {
            context.csrfCookie = csrf
        } else if !isAPI {
            // The API takes no forms (CSRFMiddleware lets it through), so its
            // callers get no cookie: a fresh token per API call was a visible
            // share of a signature's CPU (issue 25).
            context.csrfCookie = RandomToken.base64URL(byteCount: 24)
            context.setCSRFCookie = true
        }

        // An unknown or expired token leaves the request anonymous; endpoints
        // that need a person answer 401 themselves. If the database cannot
        // answer, the request also goes on anonymously and fails where it
        // needs data, inside the error middleware.
        let bearer = Self.bearerToken(request)
        // The API authenticates by bearer token only: a browser attaches its
        // session cookie by itself, and API routes skip the CSRF check.
        let cookie = isAPI ? nil : request.cookies[Self.sessionCookie]?.value
        if let token = bearer ?? cookie {
            let kind: SessionKind = bearer != nil ? .api : .browser
            do {
                if let (account, principal) = try await services.accounts.principal(token: token, kind: kind) {
                    context.account = account
                    context.principal = principal
                    context.sessionKind = kind
                }
            } catch {
                context.logger.error("session lookup failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            }
        }

        var response = try await next(request, context)
        if context.setCSRFCookie {
            response.setCookie(Cookie(
                name: Self.csrfCookie, value: context.csrfCookie, path: "/", secure: context.isSecure,
                httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// HTTPS by configuration, or reported by a proxy we trust.
    static func isSecure(configured: Bool, peer: String?, forwardedProto: String?, trusted: [CIDR]) -> Bool {
        if configured { return true }
        guard let peer, trusted.contains(where: { $0.contains(peer) }) else { return false }
        return forwardedProto?.lowercased() == "https"
    }

    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        let token = header.dropFirst("bearer ".count).trimmingHeaderSpace
        return token.isEmpty ? nil : token
    }

    package static func language(_ request: Request) -> Language {
        if let query = request.uri.queryParameters.get("lang"), let language = Language(rawValue: query) { return language }
        if let cookie = request.cookies[languageCookie]?.value, let language = Language(rawValue: cookie) { return language }
        return .uk
    }

    /// The rightmost address in X-Forwarded-For that is not one of our own
    /// proxies; only when the socket peer itself is a trusted proxy.
    package static func clientAddress(peer rawPeer: String?, forwardedFor: String?, trusted: [CIDR]) -> String {
        guard let rawPeer else { return "unknown" }
        let peer = CIDR.normalized(rawPeer)
        guard let forwardedFor, trusted.contains(where: { $0.contains(peer) }) else { return peer }
        let hops = forwardedFor.split(separator: ",").map(\.trimmingHeaderSpace).filter { !$0.isEmpty }
        for hop in hops.reversed() where !trusted.contains(where: { $0.contains(hop) }) {
            return CIDR.parse(hop) != nil ? CIDR.normalized(hop) : peer
        }
        return hops.first.map(CIDR.normalized) ?? peer
    }
}
