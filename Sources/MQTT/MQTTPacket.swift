/// One MQTT 3.1.1 control packet, as it travels on the wire.
///
/// The codec is pure: `encode(into:)` in `MQTTPacket+Encoding.swift` and
/// `decode(from:maximumSize:)` in `MQTTPacket+Decoding.swift` touch nothing but the buffer,
/// so they are tested and fuzzed without a socket.
public enum MQTTPacket: Sendable, Hashable {
    case connect(Connect)
    case connAck(ConnAck)
    case publish(Publish)
    case pubAck(packetID: UInt16)
    case pubRec(packetID: UInt16)
    case pubRel(packetID: UInt16)
    case pubComp(packetID: UInt16)
    case subscribe(Subscribe)
    case subAck(SubAck)
    case unsubscribe(Unsubscribe)
    case unsubAck(packetID: UInt16)
    case pingReq
    case pingResp
    case disconnect

    /// CONNECT (§3.1): the first packet a client sends.
    public struct Connect: Sendable, Hashable {
        public var clientID: String
        public var cleanSession: Bool
        /// Seconds; 0 turns keep-alive off (§3.1.2.10).
        public var keepAliveSeconds: UInt16
        public var username: String?
        /// Binary data in 3.1.1, not a string (§3.1.3.5).
        public var password: [UInt8]?
        public var will: Will?

        public init(
            clientID: String,
            cleanSession: Bool,
            keepAliveSeconds: UInt16,
            username: String? = nil,
            password: [UInt8]? = nil,
            will: Will? = nil
        ) {
            self.clientID = clientID
            self.cleanSession = cleanSession
            self.keepAliveSeconds = keepAliveSeconds
            self.username = username
            self.password = password
            self.will = will
        }
    }

    /// The message the broker publishes when the client vanishes (§3.1.2.5).
    public struct Will: Sendable, Hashable {
        public var topic: String
        public var payload: [UInt8]
        public var qos: MQTTQoS
        public var retain: Bool

        public init(topic: String, payload: [UInt8], qos: MQTTQoS, retain: Bool) {
            self.topic = topic
            self.payload = payload
            self.qos = qos
            self.retain = retain
        }
    }

    /// CONNACK (§3.2).
    public struct ConnAck: Sendable, Hashable {
        public var sessionPresent: Bool
        public var returnCode: MQTTConnectReturnCode

        public init(sessionPresent: Bool, returnCode: MQTTConnectReturnCode) {
            self.sessionPresent = sessionPresent
            self.returnCode = returnCode
        }
    }

    /// PUBLISH (§3.3).
    public struct Publish: Sendable, Hashable {
        public var topic: String
        public var payload: [UInt8]
        public var qos: MQTTQoS
        public var retain: Bool
        public var duplicate: Bool
        /// Present exactly when `qos` is above 0 (§2.3.1), and then never 0.
        public var packetID: UInt16?

        public init(
            topic: String,
            payload: [UInt8],
            qos: MQTTQoS,
            retain: Bool = false,
            duplicate: Bool = false,
            packetID: UInt16?
        ) {
            self.topic = topic
            self.payload = payload
            self.qos = qos
            self.retain = retain
            self.duplicate = duplicate
            self.packetID = packetID
        }
    }

    /// One entry of SUBSCRIBE's payload (§3.8.3).
    public struct TopicSubscription: Sendable, Hashable {
        public var filter: String
        public var qos: MQTTQoS

        public init(filter: String, qos: MQTTQoS) {
            self.filter = filter
            self.qos = qos
        }
    }

    /// SUBSCRIBE (§3.8).
    public struct Subscribe: Sendable, Hashable {
        public var packetID: UInt16
        public var subscriptions: [TopicSubscription]

        public init(packetID: UInt16, subscriptions: [TopicSubscription]) {
            self.packetID = packetID
            self.subscriptions = subscriptions
        }
    }

    /// The broker's answer for one filter of a SUBSCRIBE (§3.9.3).
    public enum SubscriptionResult: Sendable, Hashable {
        case granted(MQTTQoS)
        /// Return code 0x80: the broker refused this filter.
        case failure
    }

    /// SUBACK (§3.9).
    public struct SubAck: Sendable, Hashable {
        public var packetID: UInt16
        /// One per filter, in the order of the SUBSCRIBE.
        public var results: [SubscriptionResult]

        public init(packetID: UInt16, results: [SubscriptionResult]) {
            self.packetID = packetID
            self.results = results
        }
    }

    /// UNSUBSCRIBE (§3.10).
    public struct Unsubscribe: Sendable, Hashable {
        public var packetID: UInt16
        public var filters: [String]

        public init(packetID: UInt16, filters: [String]) {
            self.packetID = packetID
            self.filters = filters
        }
    }

    /// The name the specification uses, for logs and errors.
    public var name: String {
        switch self {
        case .connect: "CONNECT"
        case .connAck: "CONNACK"
        case .publish: "PUBLISH"
        case .pubAck: "PUBACK"
        case .pubRec: "PUBREC"
        case .pubRel: "PUBREL"
        case .pubComp: "PUBCOMP"
        case .subscribe: "SUBSCRIBE"
        case .subAck: "SUBACK"
        case .unsubscribe: "UNSUBSCRIBE"
        case .unsubAck: "UNSUBACK"
        case .pingReq: "PINGREQ"
        case .pingResp: "PINGRESP"
        case .disconnect: "DISCONNECT"
        }
    }
}
