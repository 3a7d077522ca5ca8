/// Quality of service of one delivery (MQTT 3.1.1 §4.3).
public enum MQTTQoS: UInt8, Sendable, Hashable, Comparable, CaseIterable {
    /// Fire and forget: the message may be lost.
    case atMostOnce = 0
    /// Acknowledged with PUBACK: the message may arrive twice.
    case atLeastOnce = 1
    /// Four-step PUBREC/PUBREL/PUBCOMP exchange: the message arrives once.
    case exactlyOnce = 2

    public static func < (lhs: MQTTQoS, rhs: MQTTQoS) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// The broker's answer to CONNECT (MQTT 3.1.1 §3.2.2.3, table 3.1).
public enum MQTTConnectReturnCode: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case accepted = 0
    case unacceptableProtocolVersion = 1
    case identifierRejected = 2
    case serverUnavailable = 3
    case badUsernameOrPassword = 4
    case notAuthorized = 5

    public var description: String {
        switch self {
        case .accepted: "accepted (0)"
        case .unacceptableProtocolVersion: "unacceptable protocol version (1)"
        case .identifierRejected: "client identifier rejected (2)"
        case .serverUnavailable: "server unavailable (3)"
        case .badUsernameOrPassword: "bad user name or password (4)"
        case .notAuthorized: "not authorized (5)"
        }
    }
}
