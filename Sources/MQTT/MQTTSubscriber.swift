import Logging
import NIOSSL

/// Keeps one subscription alive until cancelled.
///
/// It connects, subscribes to `topics` at QoS 1 and hands each message to the handler: one
/// at a time in arrival order, or up to `deliveries` QoS 1 messages side by side, each
/// acknowledged once it and every message before it are stored. After any failure (broker down, refused credentials, a dead
/// connection, a refused subscription) it waits with exponential backoff and jitter and tries
/// again, because a broker can come back or be reconfigured while the platform runs.
public struct MQTTSubscriber: Sendable {
    /// Takes one message. Returning means "stored": the message is then acknowledged. Throwing
    /// means "not stored": it stays unacknowledged, the connection is dropped and, with
    /// `cleanSession` false, the broker delivers it again after the reconnect.
    public typealias Handler = @Sendable (MQTTMessage) async throws -> Void

    public let configuration: MQTTConfiguration
    public let topics: [String]
    /// How many QoS 1 messages the handler may hold at once. One keeps strict arrival order;
    /// more lets a handler that stores in batches take several together (a broker sends
    /// no more unacknowledged messages than its own in-flight limit, mosquitto's 20 by default).
    public let deliveries: Int
    private let logger: Logger
    private let events: @Sendable (MQTTConnectionEvent) -> Void

    public init(
        configuration: MQTTConfiguration,
        topics: [String],
        logger: Logger,
        deliveries: Int = 1,
        events: @escaping @Sendable (MQTTConnectionEvent) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.topics = topics
        self.deliveries = max(1, deliveries)
        var logger = logger
        logger[metadataKey: "mqtt.client_id"] = "\(configuration.clientID)"
        logger[metadataKey: "mqtt.broker"] = "\(configuration.host):\(configuration.port)"
        self.logger = logger
        self.events = events
    }

    /// Runs until the surrounding task is cancelled, then disconnects and returns.
    ///
    /// Messages reach `handle` one at a time in arrival order, unless `deliveries` lets
    /// several QoS 1 messages run together. A QoS 1 message is
    /// acknowledged only after `handle` returns, so `handle` must have stored it by then: a
    /// message whose handler threw, or had not returned when the connection broke, is
    /// delivered again after the reconnect (with `cleanSession` false), possibly without the
    /// DUP flag. Stores must therefore be idempotent. A handler that ignores cancellation
    /// delays the return of `run` until it finishes.
    ///
    /// - Throws: `MQTTError.invalidConfiguration` or a TLS error for a configuration that can
    ///   never work (bad topic filter, unreadable CA file); never for a network failure.
    public func run(_ handle: @escaping Handler) async throws {
        try self.configuration.validate()
        guard !self.topics.isEmpty else { throw MQTTError.invalidConfiguration("no topics to subscribe to") }
        for topic in self.topics where !MQTTTopic.isValidFilter(topic) {
            throw MQTTError.invalidConfiguration("\"\(topic)\" is not a valid topic filter")
        }
        let tlsContext = try self.configuration.tls.map(MQTTChannel.makeTLSContext)

        var exactlyOnce = MQTTExactlyOnceReceipts()
        var failures = 0
        while !Task.isCancelled {
            self.events(.connecting)
            var connectedAt: ContinuousClock.Instant?
            let connection = MQTTSubscriberConnection(
                configuration: self.configuration,
                topics: self.topics,
                tlsContext: tlsContext,
                logger: self.logger,
                events: self.events,
                deliveries: self.deliveries
            )
            do {
                // Returns only when the task is cancelled.
                try await connection.run(handle, exactlyOnce: &exactlyOnce, connectedAt: &connectedAt)
                break
            } catch {
                if Task.isCancelled {
                    break
                }
                if let connectedAt, ContinuousClock.now - connectedAt >= self.configuration.backoff.resetAfter {
                    failures = 0
                }
                failures += 1
                let delay = self.configuration.backoff.delay(afterFailures: failures, jitter: .random(in: 0...1))
                self.report(error, retryingIn: delay)
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    break
                }
            }
        }
        self.events(.disconnected(reason: "the task was cancelled"))
        self.logger.info("MQTT subscriber stopped")
    }

    private func report(_ error: any Error, retryingIn delay: Duration) {
        let retry: Logger.Metadata = ["mqtt.retry_in_ms": "\(Int((delay / .milliseconds(1)).rounded()))"]
        switch error {
        case MQTTError.connectionRefused(let code):
            self.events(.refused(code))
            let hint =
                code == .badUsernameOrPassword || code == .notAuthorized
                ? " Check the MQTT user name, password and the broker's ACL." : ""
            self.logger.error("MQTT broker refused the connection: \(code).\(hint)", metadata: retry)
        case MQTTError.subscriptionRefused(let filters):
            self.events(.subscriptionRefused(filters: filters))
            self.logger.error(
                "MQTT broker refused the subscription to \(filters.joined(separator: ", ")). Check the broker's ACL.",
                metadata: retry
            )
        case MQTTError.handlerFailed(let reason):
            self.events(.disconnected(reason: "\(error)"))
            self.logger.error(
                "MQTT message handler failed; the message stays unacknowledged and comes again after reconnecting: \(reason)",
                metadata: retry
            )
        default:
            self.events(.disconnected(reason: "\(error)"))
            self.logger.warning("MQTT connection lost: \(error)", metadata: retry)
        }
    }
}
