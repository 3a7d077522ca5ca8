/// Why a network-server message was refused. Each case names the JSON path of
/// the offending field (for example `uplink_message.rx_metadata[1].rssi`).
public enum EnvelopeError: Error, Sendable, Equatable, CustomStringConvertible {
    case bodyTooLarge(bytes: Int, limit: Int)
    case notJSON
    case wrongType(path: String, expected: String, found: String)
    case missingField(path: String)
    case invalidDevEUI(path: String, value: String)
    case invalidBase64(path: String)
    case payloadTooLarge(path: String, bytes: Int, limit: Int)
    case outOfRange(path: String, value: String, allowed: String)
    case invalidTimestamp(path: String, value: String)
    /// The body is an object, but of no message kind this server sends.
    case unrecognisedMessage(path: String)
    /// The ChirpStack `event` query parameter names no known event.
    case unknownEvent(String)

    /// Where the problem is: a JSON path, `$` for the body as a whole, or
    /// `?event` for the ChirpStack query parameter.
    public var path: String {
        switch self {
        case .bodyTooLarge, .notJSON: "$"
        case .unknownEvent: "?event"
        case .wrongType(let path, _, _), .missingField(let path), .invalidDevEUI(let path, _),
            .invalidBase64(let path), .payloadTooLarge(let path, _, _), .outOfRange(let path, _, _),
            .invalidTimestamp(let path, _), .unrecognisedMessage(let path):
            path
        }
    }

    public var description: String {
        switch self {
        case .bodyTooLarge(let bytes, let limit):
            "The request body is \(bytes) bytes, more than the \(limit) bytes a network-server message may have."
        case .notJSON:
            "The request body is not valid JSON. Check that the integration sends JSON, not Protobuf."
        case .wrongType(let path, let expected, let found):
            "\(Self.field(path)) should be \(expected), but it is \(found)."
        case .missingField(let path):
            "\(Self.field(path)) is missing, but it is required."
        case .invalidDevEUI(let path, let value):
            "\(Self.field(path)) must be a device EUI of 16 hexadecimal digits, but it is \"\(value)\"."
        case .invalidBase64(let path):
            "\(Self.field(path)) should hold the payload in Base64, but it is not valid Base64."
        case .payloadTooLarge(let path, let bytes, let limit):
            "\(Self.field(path)) holds a payload of about \(bytes) bytes; a LoRaWAN payload has at most \(limit)."
        case .outOfRange(let path, let value, let allowed):
            "\(Self.field(path)) is \(value), outside the allowed range \(allowed)."
        case .invalidTimestamp(let path, let value):
            "\(Self.field(path)) should be an RFC 3339 time such as 2024-05-01T12:00:00Z, but it is \"\(value)\"."
        case .unrecognisedMessage(let path):
            "\(Self.field(path)) is not an uplink or any other message kind this network server sends."
        case .unknownEvent(let name):
            "The network server announced an event of unknown type \"\(name)\"."
        }
    }

    private static func field(_ path: String) -> String {
        path.isEmpty || path == "$" ? "The message" : "The field \(path)"
    }

    /// A short, printable excerpt of untrusted text, for error messages and logs.
    static func excerpt(_ text: String) -> String {
        let limit = 40
        var result = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            // Control characters could forge log lines; show them as "?".
            let printable = scalar.value >= 0x20 && scalar.value != 0x7F
            result.unicodeScalars.append(printable ? scalar : "?")
        }
        return text.unicodeScalars.count > limit ? result + "…" : result
    }
}
