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
        let contentType = request.headers[.contentType] ?? ""
        // Photos and documents come as multipart, and only to the paths that
        // take them, so no other form makes the server hold megabytes.
        let uploadLimit = Self.uploadLimit(request.uri.path, context)
        let multipartBoundary = Self.boundary(contentType).flatMap { uploadLimit != nil ? $0 : nil }
        guard multipartBoundary != nil || contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw AppError.badRequest(code: "unsupported_content_type")
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: multipartBoundary == nil ? context.maxUploadSize : uploadLimit ?? context.maxUploadSize)
        } catch {
            throw AppError.payloadTooLarge
        }
        let form = if let multipartBoundary {
            try FormData(multipart: Array(buffer: body), boundary: multipartBoundary)
        } else {
            FormData(urlEncoded: String(buffer: body))
        }
        guard !context.setCSRFCookie, keys.isValidCSRFToken(form["_csrf"], for: context.csrfCookie) else {
            throw AppError.csrfRejected
        }
        context.form = form
        return try await next(request, context)
    }

    static func takesPhotos(_ path: String) -> Bool { path.hasSuffix("/images") || path.hasSuffix("/photos") }
    static func takesDocuments(_ path: String) -> Bool { path.hasSuffix("/documents") }

    /// How large a multipart form the path takes; nil where it takes none.
    static func uploadLimit(_ path: String, _ context: AppRequestContext) -> Int? {
        if takesPhotos(path) { return context.maxPhotoFormSize }
        if takesDocuments(path) { return context.maxDocumentFormSize }
        return nil
    }

    /// The boundary of a `multipart/form-data` content type, if it is one.
    static func boundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("boundary=") {
            let value = parameter.dropFirst("boundary=".count)
            return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : String(value)
        }
        return nil
    }
}
