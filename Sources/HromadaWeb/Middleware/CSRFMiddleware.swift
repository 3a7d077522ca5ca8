import Foundation
import HromadaDomain
import Hummingbird

/// Every state-changing browser request carries `_csrf`, the HMAC of the
/// browser's CSRF cookie. A forged cross-site form cannot know it. API
/// requests authenticate by bearer token, which a browser never sends by
/// itself, so they need no token.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let keys: KeyRing

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head, request.method != .options else {
            return try await next(request, context)
        }
        if request.uri.path.hasPrefix("/api/") { return try await next(request, context) }
        var context = context
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw AppError.payloadTooLarge
        }
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw AppError.badRequest(code: "unsupported_content_type")
        }
        let form = FormData(urlEncoded: String(buffer: body))
        guard !context.setCSRFCookie, keys.isValidCSRFToken(form["_csrf"], for: context.csrfCookie) else {
            throw AppError.csrfRejected
        }
        context.form = form
        return try await next(request, context)
    }
}
