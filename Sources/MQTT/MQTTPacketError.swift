/// Why bytes are not a valid MQTT 3.1.1 packet, or why a packet cannot be encoded.
///
/// Each case names the rule it enforces; a decoder that meets any of them closes the
/// connection (§4.8: "the receiver MUST close the Network Connection").
public enum MQTTPacketError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The remaining length used a fifth byte (§2.2.3 allows at most four).
    case remainingLengthTooLong
    /// The whole packet is larger than the receiver accepts.
    case packetTooLarge(size: Int, maximum: Int)
    /// Packet types 0 and 15 are reserved (§2.2.1).
    case reservedPacketType(UInt8)
    /// The fixed header's low four bits are not the ones table 2.2 requires.
    case invalidFlags(packetType: UInt8, flags: UInt8)
    /// A field runs past the end of the remaining length.
    case truncated
    /// Bytes are left over after the last field of the packet.
    case trailingBytes
    /// A string is not well-formed UTF-8 or contains U+0000 (§1.5.3).
    case invalidUTF8
    /// QoS 3 is reserved (§3.3.1.2).
    case invalidQoS(UInt8)
    /// A PUBLISH topic is empty or holds a wildcard (§3.3.2.1, §4.7.3).
    case invalidTopicName(String)
    /// A filter breaks the wildcard rules of §4.7.1, or is empty.
    case invalidTopicFilter(String)
    /// A QoS 1/2 packet lacks its identifier, or the identifier is 0 (§2.3.1).
    case invalidPacketIdentifier
    /// Only protocol "MQTT" level 4 (3.1.1) is spoken here (§3.1.2.1–2).
    case unsupportedProtocol(name: String, level: UInt8)
    /// CONNECT flags break §3.1.2.3–§3.1.2.9 (reserved bit, will, password without user).
    case invalidConnectFlags(UInt8)
    /// CONNACK's reserved bits are set (§3.2.2.1).
    case invalidConnAckFlags(UInt8)
    /// CONNACK return codes 6–255 are reserved (§3.2.2.3).
    case unknownConnectReturnCode(UInt8)
    /// SUBACK allows 0x00, 0x01, 0x02 and 0x80 only (§3.9.3).
    case invalidSubAckReturnCode(UInt8)
    /// A SUBSCRIBE requested QoS has its reserved bits set (§3.8.3.1).
    case invalidRequestedQoS(UInt8)
    /// SUBSCRIBE, UNSUBSCRIBE and SUBACK carry at least one entry (§3.8.3, §3.10.3).
    case emptyPayload
    /// A string or binary field is longer than its 16-bit length prefix allows.
    case fieldTooLong(Int)
    /// The packet needs a remaining length above 268 435 455 (§2.2.3).
    case remainingLengthOutOfRange(Int)

    public var description: String {
        switch self {
        case .remainingLengthTooLong: "remaining length longer than 4 bytes"
        case .packetTooLarge(let size, let maximum): "packet of \(size) bytes exceeds the maximum of \(maximum)"
        case .reservedPacketType(let type): "reserved packet type \(type)"
        case .invalidFlags(let type, let flags): "invalid flags \(flags) for packet type \(type)"
        case .truncated: "a field runs past the end of the packet"
        case .trailingBytes: "unexpected bytes after the end of the packet"
        case .invalidUTF8: "string is not valid MQTT UTF-8"
        case .invalidQoS(let value): "invalid QoS \(value)"
        case .invalidTopicName(let topic): "invalid topic name \"\(topic)\""
        case .invalidTopicFilter(let filter): "invalid topic filter \"\(filter)\""
        case .invalidPacketIdentifier: "missing or zero packet identifier"
        case .unsupportedProtocol(let name, let level): "unsupported protocol \(name) level \(level)"
        case .invalidConnectFlags(let flags): "invalid CONNECT flags \(flags)"
        case .invalidConnAckFlags(let flags): "invalid CONNACK flags \(flags)"
        case .unknownConnectReturnCode(let code): "unknown CONNACK return code \(code)"
        case .invalidSubAckReturnCode(let code): "invalid SUBACK return code \(code)"
        case .invalidRequestedQoS(let value): "invalid requested QoS byte \(value)"
        case .emptyPayload: "packet must carry at least one topic"
        case .fieldTooLong(let length): "field of \(length) bytes exceeds 65535"
        case .remainingLengthOutOfRange(let length): "remaining length \(length) exceeds 268435455"
        }
    }
}
