import Foundation
import HTTPTypes
import HromadaDomain
import HromadaStore
import Hummingbird
import Logging
import Prometheus

/// The outermost middleware: gives every request its id (returned in
/// `X-Request-ID` and in error bodies), counts and times it for `/metrics`,
/// and writes one access-log line when it is answered.
///
/// Everything recorded names the route's pattern (`/{city}/petitions/{id}`),
/// never the path or the query, so no token, email or РНОКПП carried in a URL
/// reaches the log or a metric label, and scanners probing random paths make
/// one `unmatched` series rather than thousands.
struct RequestRecordMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let services: AppServices
    let metrics: HTTPMetrics

    init(services: AppServices) {
        self.services = services
        self.metrics = HTTPMetrics(registry: services.metrics)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let started = ContinuousClock.now
        let trusted = services.configuration.trustedProxies
        // Hummingbird's own id is in the logger of a served request (not
        // of every context a test makes: `context.id` would trap there).
        let generated = context.logger[metadataKey: "hb.request.id"]?.description
        let requestID = Self.requestID(
            proposed: request.headers[.xRequestID], peer: context.peerAddress, trusted: trusted,
            generated: generated ?? Hex.encode(RandomToken.bytes(16)))
        context.requestID = requestID
        // Setting logger metadata copies the logger's storage: only when the id is not Hummingbird's already.
        if requestID != generated { context.logger[metadataKey: "hb.request.id"] = .string(requestID) }
        let method = HTTPMetrics.method(request.method)
        // Worked out once, here, for the access log and for everything inside (`ClientMiddleware` keeps it).
        let client = ClientMiddleware.clientAddress(peer: context.peerAddress, forwardedFor: request.headers[.xForwardedFor], trusted: trusted)
        context.clientAddress = client
        metrics.inFlight.increment()
        defer { metrics.inFlight.decrement() }
        let status: HTTPResponse.Status
        var response: Response
        do {
            response = try await next(request, context)
            status = response.status
        } catch {
            // The error middleware answers nearly everything; what escapes it
            // (a failure while writing an error page) is answered by Hummingbird.
            status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            record(method: method, status: status, started: started, client: client, context: context)
            throw error
        }
        response.headers[.xRequestID] = requestID
        record(method: method, status: status, started: started, client: client, context: context)
        return response
    }

    private func record(method: String, status: HTTPResponse.Status, started: ContinuousClock.Instant, client: String, context: Context) {
        let elapsed = ContinuousClock.now - started
        // Hummingbird names an unmatched path "NotFound"; ours says what happened.
        let route = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? "unmatched"
        metrics.record(method: method, route: route, status: Int(status.code), duration: elapsed)
        services.logger.info("request", metadata: [
            "hb.request.id": .string(context.requestID),
            "method": .string(method),
            "route": .string(route),
            "status": .stringConvertible(Int(status.code)),
            "ms": .stringConvertible(Self.milliseconds(elapsed)),
            "client": .string(client),
        ])
    }

    /// A request id a trusted proxy gave (nginx's `$request_id`), so one id
    /// follows the request through both logs; otherwise our own. A proposed
    /// id must be short and plain, since it is echoed and logged.
    static func requestID(proposed: String?, peer: String?, trusted: [CIDR], generated: String) -> String {
        guard let proposed, let peer, trusted.contains(where: { $0.contains(CIDR.normalized(peer)) }),
              (1...64).contains(proposed.utf8.count),
              proposed.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
                  || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                  || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })
        else { return generated }
        return proposed
    }

    /// Milliseconds to a tenth.
    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return (Double(seconds) * 10_000 + Double(attoseconds / 100_000_000_000_000)).rounded() / 10
    }
}

/// `hromada_http_*`: requests by method, route pattern and status, and
/// their duration, named as Prometheus asks (base units, `_total` counters).
struct HTTPMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let inFlight: Gauge

    static let requestsName = "hromada_http_requests_total"
    static let durationName = "hromada_http_request_duration_seconds"
    static let inFlightName = "hromada_http_requests_in_flight"

    /// Seconds: most pages answer in milliseconds; an upload or a city-wide
    /// export may take seconds.
    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        self.inFlight = registry.gauge(Self.inFlightName, help: "Requests being answered now.")
    }

    func record(method: String, route: String, status: Int, duration: Duration) {
        let series = known.value(for: "\(method)\u{1F}\(route)\u{1F}\(status)") {
            Series(
                requests: registry.counter(
                    Self.requestsName, help: "Requests answered, by method, route pattern and status.",
                    labels: [("method", method), ("route", route), ("status", String(status))]),
                duration: registry.durationHistogram(
                    Self.durationName, help: "Time from receiving a request to its answer, by method and route pattern.",
                    labels: [("method", method), ("route", route)], buckets: Self.buckets))
        }
        series.requests.increment()
        series.duration.record(duration)
    }

    /// The counter and histogram of one set of labels, looked up in the
    /// registry once. The registry checks names, help text and labels and
    /// hashes them on every call; at thousands of requests a second that
    /// was a percent of the server's CPU (issue 25).
    struct Series: Sendable {
        let requests: Counter
        let duration: DurationHistogram
    }

    /// By method, route pattern and status, all bounded (an unknown path is
    /// recorded as the pattern it fell to); the capacity is only a bound.
    private let known = KeptValues<Series>(capacity: 4096)

    /// Methods a client may send are unbounded; the label is not.
    static func method(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .patch, .delete, .options: method.rawValue
        default: "other"
        }
    }
}
