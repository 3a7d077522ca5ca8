import HromadaDomain
import Hummingbird

/// Every way a request can fail that is not a bug. Each case maps to one
/// status code, one snake_case error code (docs/interfaces.md) and one locale key,
/// in one place.
public enum AppError: Error, Sendable, Equatable {
    case notFound
    case notSignedIn
    /// A 401 for a machine's credential (a device key, a webhook secret): missing or wrong.
    case unauthenticated(code: String)
    case forbidden(reason: String = "forbidden")
    case conflict(code: String)
    case invalid(code: String, field: String? = nil)
    case badRequest(code: String)
    case rateLimited(retryAfter: Int)
    /// A 429 with a reason of its own (uploads busy, sign-in from new devices paused).
    case limited(code: String, retryAfter: Int)
    case csrfRejected
    case payloadTooLarge

    public var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .notSignedIn, .unauthenticated: .unauthorized
        case .forbidden, .csrfRejected: .forbidden
        case .conflict: .conflict
        case .invalid: .unprocessableContent
        case .badRequest: .badRequest
        case .rateLimited, .limited: .tooManyRequests
        case .payloadTooLarge: .contentTooLarge
        }
    }

    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .notSignedIn: "not_signed_in"
        case .forbidden(let reason): reason
        case .conflict(let code), .invalid(let code, _), .badRequest(let code), .limited(let code, _), .unauthenticated(let code): code
        case .rateLimited: "rate_limited"
        case .csrfRejected: "csrf_rejected"
        case .payloadTooLarge: "payload_too_large"
        }
    }

    /// The field a 422 is about, by its dotted path in the request (`costItems.1.amount`).
    public var field: String? {
        if case .invalid(_, let field) = self { field } else { nil }
    }

    /// Seconds for `Retry-After`, on a 429.
    public var retryAfter: Int? {
        switch self {
        case .rateLimited(let seconds), .limited(_, let seconds): seconds
        default: nil
        }
    }

    /// The locale key of the human message.
    public var messageKey: String { "errors.\(code)" }

    /// A refusal a form's page shows beside what was typed, so the person can
    /// correct it. A missing page or sign-in is the error page's business instead.
    public var belongsOnTheForm: Bool { self != .notFound && self != .notSignedIn }
}
