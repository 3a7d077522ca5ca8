import HTTPTypes
import Hummingbird

/// Headers on every response: a strict CSP (no inline script, no framing),
/// nosniff and a referrer policy (docs/design.md).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let contentSecurityPolicy: String

    /// The map's tile server (`MapTiles`), if any, is the one other origin images may come from.
    init(mapTiles: MapTiles? = nil) {
        contentSecurityPolicy = Self.contentSecurityPolicy(mapTiles: mapTiles)
    }

    static func contentSecurityPolicy(mapTiles: MapTiles?) -> String {
        "default-src 'self'; img-src 'self' data:\(mapTiles.map { " " + $0.origin } ?? ""); style-src 'self'; script-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // A response may only ask for a stricter policy of its own (a brand's logo: `default-src 'none'; sandbox`).
        if response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") != true {
            response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        }
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        // A page whose address holds a key (an investor's private link) asks for none.
        if response.headers[.referrerPolicy] == nil { response.headers[.referrerPolicy] = "strict-origin-when-cross-origin" }
        // Off everywhere, unless a page asks for its own (the door's ticket scanner asks for the camera).
        if response.headers[.permissionsPolicy] == nil { response.headers[.permissionsPolicy] = "camera=(), microphone=(), geolocation=()" }
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

/// Header names that HTTPTypes does not predefine.
extension HTTPField.Name {
    static let xForwardedFor = known("X-Forwarded-For")
    static let xForwardedProto = known("X-Forwarded-Proto")
    static let xFrameOptions = known("X-Frame-Options")
    package static let referrerPolicy = known("Referrer-Policy")
    static let permissionsPolicy = known("Permissions-Policy")
    static let xRequestID = known("X-Request-ID")

    private static func known(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { preconditionFailure("invalid header name \(name)") }
        return field
    }
}
