import AsyncHTTPClient
import Foundation
import NIOCore

/// One call to an identity provider, bounded in time and in size, for every provider alike.
enum ProviderHTTP {
    /// A stalled provider must not pin a person's request (and a connection) for long.
    static let defaultTimeout: Duration = .seconds(10)
    /// Discovery documents, key sets, token and user-info answers are a few KiB; a larger
    /// answer is refused instead of being buffered.
    static let maximumResponseBytes = 1 << 20

    struct Response: Sendable {
        /// The HTTP status code.
        var status: UInt
        var contentType: String?
        var body: [UInt8]
    }

    /// Why a call gave no answer to read. Transport errors are kept by kind only: their
    /// descriptions could carry the request's URL, which for ID.GOV.UA holds the client
    /// secret and the access token.
    enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// No whole answer within the timeout: the head, or the body after it.
        case timedOut
        /// The body is larger than `maximumResponseBytes`.
        case tooLarge
        /// The connection failed or broke (the kind of error, never its text).
        case transport(String)

        var description: String {
            switch self {
            case .timedOut: "no answer in time"
            case .tooLarge: "answer too large"
            case .transport(let kind): "transport failure (\(kind))"
            }
        }
    }

    /// Sends `request` and reads the whole answer, all within `timeout`.
    ///
    /// The HTTP client's own deadline ends when the response head arrives; a provider that
    /// sends a head and then trickles its body would hold the call open for as long as it
    /// likes. So the whole exchange races a timer, and the loser is cancelled.
    static func fetch(
        _ request: HTTPClientRequest, with httpClient: HTTPClient, timeout: Duration = defaultTimeout,
        limit: Int = maximumResponseBytes
    ) async throws(Failure) -> Response {
        do {
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask {
                    let response = try await httpClient.execute(request, timeout: TimeAmount(timeout))
                    let body = try await response.body.collect(upTo: limit)
                    return Response(
                        status: response.status.code, contentType: response.headers.first(name: "Content-Type"),
                        body: Array(body.readableBytesView))
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else { throw Failure.timedOut }
                return response
            }
        } catch let failure as Failure {
            throw failure
        } catch is NIOTooManyBytesError {
            throw .tooLarge
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw .timedOut
        } catch {
            throw .transport(String(describing: type(of: error)))
        }
    }
}
