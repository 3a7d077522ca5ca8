import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird

/// Works out who is asking: client address (through trusted proxies only),
/// language, CSRF cookie and session or bearer token.
struct ClientMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices

    static let sessionCookie = "hromada_session"
    static let csrfCookie = "hromada_csrf"
    static let languageCookie = "hromada_lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = Self.clientAddress(
            peer: context.peerAddress, forwardedFor: request.headers[.xForwardedFor],
            trusted: services.configuration.trustedProxies)
        context.language = Self.language(request)
        context.logger[metadataKey: "client"] = .string(context.clientAddress)

        if let csrf = request.cookies[Self.csrfCookie]?.value, csrf.count >= 20, csrf.count <= 64 {
            context.csrfCookie = csrf
        } else {
            context.csrfCookie = RandomToken.base64URL(byteCount: 24)
            context.setCSRFCookie = true
        }

        // An unknown or expired token leaves the request anonymous; endpoints
        // that need a person answer 401 themselves. If the database cannot
        // answer, the request also goes on anonymously and fails where it
        // needs data, inside the error middleware.
        let bearer = Self.bearerToken(request)
        let cookie = request.cookies[Self.sessionCookie]?.value
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
                name: Self.csrfCookie, value: context.csrfCookie, path: "/", secure: services.configuration.secureCookies,
                httpOnly: true, sameSite: .lax))
        }
        return response
    }

    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    static func language(_ request: Request) -> Language {
        if let query = request.uri.queryParameters.get("lang"), let language = Language(rawValue: query) { return language }
        if let cookie = request.cookies[languageCookie]?.value, let language = Language(rawValue: cookie) { return language }
        return .uk
    }

    /// The rightmost address in X-Forwarded-For that is not one of our own
    /// proxies; only when the socket peer itself is a trusted proxy.
    static func clientAddress(peer: String?, forwardedFor: String?, trusted: [CIDR]) -> String {
        guard let peer else { return "unknown" }
        guard let forwardedFor, trusted.contains(where: { $0.contains(peer) }) else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in hops.reversed() where !trusted.contains(where: { $0.contains(hop) }) {
            return CIDR.parse(hop) != nil ? hop : peer
        }
        return hops.first ?? peer
    }
}
