/// Why the client could not do what it was asked; codec errors are `MQTTPacketError`.
public enum MQTTError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broker URL cannot be read.
    case invalidURL(String)
    /// The configuration breaks a rule the broker would refuse anyway.
    case invalidConfiguration(String)
    /// CONNACK carried a non-zero return code.
    case connectionRefused(MQTTConnectReturnCode)
    /// SUBACK answered 0x80 for these filters (usually an ACL of the broker).
    case subscriptionRefused(filters: [String])
    /// No CONNACK arrived within `connectTimeout`.
    case connAckTimeout
    /// No PINGRESP arrived within the keep-alive interval: the connection is considered dead.
    case keepAliveTimeout
    /// The broker closed the connection.
    case connectionClosed
    /// The broker sent a packet a client never receives, or at the wrong time.
    case unexpectedPacket(String)
    /// The subscriber's handler threw, so the message was not acknowledged.
    case handlerFailed(String)
    /// `publish` was called before `connect` or after the connection ended.
    case notConnected
    /// `connect()` was called while another `connect()` was still running.
    case alreadyConnecting
    /// All 65535 packet identifiers are waiting for acknowledgements.
    case packetIdentifiersExhausted

    public var description: String {
        switch self {
        case .invalidURL(let reason): "invalid MQTT URL: \(reason)"
        case .invalidConfiguration(let reason): "invalid MQTT configuration: \(reason)"
        case .connectionRefused(let code): "broker refused the connection: \(code)"
        case .subscriptionRefused(let filters): "broker refused the subscription to \(filters.joined(separator: ", "))"
        case .connAckTimeout: "no CONNACK within the connect timeout"
        case .keepAliveTimeout: "no PINGRESP within the keep-alive interval"
        case .connectionClosed: "the broker closed the connection"
        case .unexpectedPacket(let name): "unexpected \(name) from the broker"
        case .handlerFailed(let reason): "the message handler failed: \(reason)"
        case .notConnected: "not connected"
        case .alreadyConnecting: "a connect() is already in progress"
        case .packetIdentifiersExhausted: "all packet identifiers are in use"
        }
    }
}
