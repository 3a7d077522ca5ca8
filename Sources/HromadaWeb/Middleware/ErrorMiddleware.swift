import Foundation
import HromadaDomain
import HromadaStore
import Hummingbird
import Logging

/// Turns every failure into a clear answer in the client's language: an HTML
/// page for people, `{"error": {"code", "message"}}` for API clients. An
/// unexpected error is logged and shown as a 500, never with its details.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    package let services: AppServices

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as AppError {
            return try await respond(error, request: request, context: context)
        } catch let error as any HTTPResponseError {
            let appError: AppError = switch error.status {
            case .notFound: .notFound
            case .contentTooLarge: .payloadTooLarge
            case .unauthorized: .notSignedIn
            case .forbidden: .forbidden()
            case .methodNotAllowed: .badRequest(code: "method_not_allowed")
            default: .badRequest(code: "bad_request")
            }
            if error.status.code >= 500 { return try await unexpected(error, request: request, context: context) }
            return try await respond(appError, request: request, context: context)
        } catch {
            return try await unexpected(error, request: request, context: context)
        }
    }

    private func unexpected(_ error: any Error, request: Request, context: Context) async throws -> Response {
        // The route's pattern, not the path: a path may carry a token.
        var metadata: Logger.Metadata = ["error": "\(String(reflecting: type(of: error)))", "route": "\(context.endpointPath ?? "unmatched")"]
        // SQLite's own message names the schema problem or constraint and
        // never a bound value, so it is safe to log and what an operator needs.
        if let failure = error as? SQLiteFailure { metadata["sqlite"] = "\(failure)" }
        context.logger.error("request failed", metadata: metadata)
        let status = HTTPResponse.Status.internalServerError
        if isAPI(request) {
            return JSONResponse.error(
                code: "internal_error", message: services.localizer.string("errors.internal_error", context.language), status: status,
                requestID: context.requestID)
        }
        let html = HTML(services: services)
        let page = ErrorPage(message: html.t("errors.internal_error", context), status: 500, showSignIn: false, requestID: context.requestID)
        // The error page must not depend on the database that may have failed.
        let layout = html.layout(title: html.t("errors.title_500", context), context: context, path: request.uri.path, city: nil, cities: [])
        return HTML.response(services.renderer.render("error", page, layout: layout), status: status)
    }

    package func respond(_ error: AppError, request: Request, context: Context) async throws -> Response {
        let message = services.localizer.string(error.messageKey, context.language)
        var response: Response
        if isAPI(request) {
            response = JSONResponse.error(code: error.code, message: message, field: error.field, status: error.status, requestID: context.requestID)
        } else {
            let html = HTML(services: services)
            let page = ErrorPage(message: message, status: Int(error.status.code), showSignIn: error == .notSignedIn, requestID: context.requestID)
            let titleKey = error == .notFound ? "errors.title_404" : "errors.title"
            let cities = (try? await services.store.read { try await $0.municipalities.all() }) ?? []
            let layout = html.layout(title: html.t(titleKey, context), context: context, path: request.uri.path, city: nil, cities: cities)
            response = HTML.response(services.renderer.render("error", page, layout: layout), status: error.status)
        }
        if let retryAfter = error.retryAfter {
            response.headers[.retryAfter] = String(retryAfter)
        }
        return response
    }

    private func isAPI(_ request: Request) -> Bool { request.uri.path.hasPrefix("/api/") }
}

struct ErrorPage {
    package let message: String
    package let status: Int
    let showSignIn: Bool
    /// Shown so a person can quote it; empty where no request id was given.
    let requestID: String
}

/// JSON answers with our conventions: camelCase keys, ISO 8601 UTC dates.
package enum JSONResponse {
    package static func encode(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try data(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The API's JSON: sorted keys, ISO 8601 times.
    package static func data(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    package struct ErrorBody: Encodable {
        package struct Detail: Encodable {
            package let code: String
            package let message: String
            /// The dotted path of the field a 422 is about (docs/interfaces.md), so a client can show the message beside it.
            package let field: String?
            /// This request's id (`X-Request-ID`), so a person can quote it to the operator.
            package let requestId: String?
            package init(code: String, message: String, field: String?, requestId: String? = nil) {
                self.code = code
                self.message = message
                self.field = field
                self.requestId = requestId
            }
        }
        package let error: Detail
    }

    package static func error(
        code: String, message: String, field: String? = nil, status: HTTPResponse.Status, requestID: String? = nil
    ) -> Response {
        (try? encode(ErrorBody(error: .init(code: code, message: message, field: field, requestId: requestID.flatMap { $0.isEmpty ? nil : $0 })), status: status))
            ?? Response(status: status)
    }
}
