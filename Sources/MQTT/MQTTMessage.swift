/// An application message as the subscriber's handler sees it.
public struct MQTTMessage: Sendable, Hashable {
    public var topic: String
    public var payload: [UInt8]
    public var qos: MQTTQoS
    public var retain: Bool
    /// The broker may have delivered this message before (its DUP flag, §3.3.1.1).
    /// Redeliveries are not always flagged, so a store must be idempotent either way.
    public var duplicate: Bool

    public init(topic: String, payload: [UInt8], qos: MQTTQoS, retain: Bool = false, duplicate: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.duplicate = duplicate
    }

    init(_ publish: MQTTPacket.Publish) {
        self.init(
            topic: publish.topic,
            payload: publish.payload,
            qos: publish.qos,
            retain: publish.retain,
            duplicate: publish.duplicate
        )
    }
}

/// What the subscriber's connection is doing, for health checks and logs.
public enum MQTTConnectionEvent: Sendable, Hashable {
    /// A new attempt starts (TCP, TLS, CONNECT).
    case connecting
    /// CONNACK accepted and SUBACK granted: messages flow. `sessionPresent` tells whether the
    /// broker kept the old session (and so may now deliver what was queued meanwhile).
    case connected(sessionPresent: Bool)
    /// CONNACK refused; the subscriber retries after the backoff.
    case refused(MQTTConnectReturnCode)
    /// SUBACK refused these filters; the subscriber disconnects and retries after the backoff.
    case subscriptionRefused(filters: [String])
    /// The attempt or the connection ended; the subscriber retries unless it was cancelled.
    case disconnected(reason: String)
}
