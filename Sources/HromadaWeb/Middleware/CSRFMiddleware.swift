import Foundation
import HromadaDomain
import Hummingbird

/// Every state-changing browser request carries `_csrf`, the HMAC of the
/// browser's CSRF cookie. A forged cross-site form cannot know it. API
/// requests authenticate by bearer token, which a browser never sends by
/// itself, so they need no token.
///
/// The body is read only once the router has matched the route: a path no
/// route takes answers 404 without a byte read. A multipart body is read
/// only on a route that takes uploads, from a signed-in browser with a CSRF
/// cookie, its first field (`_csrf`) checked within a few KB before the
/// rest, and only a few at a time (issue 13).
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    package let keys: KeyRing
    package let uploads: UploadSlots
    /// Every module's upload routes.
    package let routes: [UploadRoute]

    /// Seconds a browser waits before sending an upload again when all slots are taken.
    static let uploadRetryAfter = 5

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head, request.method != .options else {
            return try await next(request, context)
        }
        if request.uri.path.hasPrefix("/api/") { return try await next(request, context) }
        // RFC 8058's one-click unsubscribe comes from a mail app without cookies;
        // the key in its link is its proof, and its body is never read.
        if request.uri.path == "/unsubscribe" { return try await next(request, context) }
        // No route matched (the router sets the endpoint when one does): the 404 needs no body.
        guard let endpoint = context.endpointPath else { return try await next(request, context) }
        var context = context
        let contentType = request.headers[.contentType] ?? ""
        if let boundary = Self.boundary(contentType) {
            // Photos and documents come as multipart, and only to the routes that take them.
            guard let route = UploadRoute.matching(endpoint, in: routes) else { throw AppError.badRequest(code: "unsupported_content_type") }
            guard context.isSignedIn else { throw AppError.notSignedIn }
            guard !context.setCSRFCookie else { throw AppError.csrfRejected }
            var upload = MultipartUpload(body: request.body, boundary: boundary, limit: route.limit)
            guard keys.isValidCSRFToken(try await upload.firstField(named: "_csrf"), for: context.csrfCookie) else {
                throw AppError.csrfRejected
            }
            guard uploads.take() else { throw AppError.limited(code: "uploads_busy", retryAfter: Self.uploadRetryAfter) }
            // The form's bytes stay in memory until the handler is done with them.
            defer { uploads.release() }
            context.form = try await upload.readForm()
            return try await next(request, context)
        }
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw AppError.badRequest(code: "unsupported_content_type")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw AppError.payloadTooLarge
        }
        let form = FormData(urlEncoded: String(buffer: body))
        guard !context.setCSRFCookie, keys.isValidCSRFToken(form["_csrf"], for: context.csrfCookie) else {
            throw AppError.csrfRejected
        }
        context.form = form
        return try await next(request, context)
    }

    /// The boundary of a `multipart/form-data` content type, if it is one.
    package static func boundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map(\.trimmingHeaderSpace)
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("boundary=") {
            let value = parameter.dropFirst("boundary=".count)
            return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : String(value)
        }
        return nil
    }
}

/// A route that takes a multipart upload, declared by the module that
/// serves it (`Module.uploadRoutes`); the module registers its handler at
/// `routerPath`. The CSRF middleware reads a large body only for the route
/// the router matched, never for a path that merely ends like one.
public struct UploadRoute: Sendable, Equatable {
    public let path: String
    /// How large a form it takes: the file's limit and room for the fields.
    public let limit: Int

    public init(path: String, fileLimit: Int) {
        self.path = path
        self.limit = fileLimit + 64 * 1024
    }

    public var routerPath: RouterPath { RouterPath(path) }

    /// The route among `routes` that the router matched, by its endpoint path.
    package static func matching(_ endpoint: String, in routes: [UploadRoute]) -> UploadRoute? {
        routes.first { $0.routerPath.description == endpoint }
    }
}

/// A multipart body read in two steps: its first field within a few KB, then
/// the rest up to the route's limit.
struct MultipartUpload {
    /// A browser puts `_csrf` first (every upload form's first input), so it
    /// arrives within the first few KB.
    static let firstFieldLimit = 8 * 1024

    private var iterator: RequestBody.AsyncIterator
    private let boundary: String
    private let limit: Int
    private var bytes: [UInt8] = []

    package init(body: RequestBody, boundary: String, limit: Int) {
        self.iterator = body.makeAsyncIterator()
        self.boundary = boundary
        self.limit = limit
    }

    /// The value of the first field if it is `name` and a plain field; "" otherwise.
    mutating func firstField(named name: String) async throws -> String {
        while true {
            switch FormData.firstPart(of: bytes, boundary: boundary) {
            case .field(let fieldName, let value): return fieldName == name ? value : ""
            case .other: return ""
            case .incomplete:
                guard bytes.count < Self.firstFieldLimit, try await append() else { return "" }
            }
        }
    }

    /// The whole form, refused when it outgrows the limit.
    mutating func readForm() async throws -> FormData {
        while try await append() {}
        return try FormData(multipart: bytes, boundary: boundary)
    }

    /// Reads the next chunk; false at the end of the body.
    private mutating func append() async throws -> Bool {
        guard let chunk = try await iterator.next() else { return false }
        guard bytes.count + chunk.readableBytes <= limit else { throw AppError.payloadTooLarge }
        bytes.append(contentsOf: chunk.readableBytesView)
        return true
    }
}
