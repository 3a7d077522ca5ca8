import Foundation

/// Parsers for the JSON a LoRaWAN network server posts to a webhook.
///
/// Each parser returns `.uplink` for a data uplink, `.other` for a valid
/// message of another kind, and throws `EnvelopeError` for anything it cannot
/// trust. Bodies come from the internet: sizes are capped before parsing and
/// every value read is range-checked.
public enum LoRaWANEnvelope {
    /// Largest body accepted. A real uplink with a dozen gateways is a few KiB.
    public static let maximumBodyBytes = 64 * 1_024
    /// LoRaWAN's largest FRMPayload (data rates 8 to 15 in US915 and others).
    public static let maximumPayloadBytes = 242

    /// Reads a device EUI: exactly 16 hexadecimal digits, returned in upper case.
    static func devEUI(_ node: JSONNode) throws(EnvelopeError) -> String {
        let text = try node.string()
        let isHex = text.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
        guard text.utf8.count == 16, isHex else {
            throw EnvelopeError.invalidDevEUI(path: node.path, value: EnvelopeError.excerpt(text))
        }
        return text.uppercased()
    }

    /// Reads a base64 payload. proto3 JSON allows the standard and URL-safe
    /// alphabets, with or without padding, so all four are accepted.
    static func payload(_ node: JSONNode) throws(EnvelopeError) -> [UInt8] {
        let text = try node.string()
        // Four characters per three bytes: refuse oversized text before decoding it.
        let longestEncoding = (maximumPayloadBytes + 2) / 3 * 4
        guard text.utf8.count <= longestEncoding else {
            throw EnvelopeError.payloadTooLarge(
                path: node.path, bytes: text.utf8.count / 4 * 3, limit: maximumPayloadBytes)
        }
        var standard = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        switch standard.utf8.count % 4 {
        case 2: standard += "=="
        case 3: standard += "="
        case 1: throw EnvelopeError.invalidBase64(path: node.path)
        default: break
        }
        guard let data = Data(base64Encoded: standard) else {
            throw EnvelopeError.invalidBase64(path: node.path)
        }
        guard data.count <= maximumPayloadBytes else {
            throw EnvelopeError.payloadTooLarge(path: node.path, bytes: data.count, limit: maximumPayloadBytes)
        }
        return [UInt8](data)
    }

    static func timestamp(_ node: JSONNode) throws(EnvelopeError) -> Date {
        let text = try node.string()
        guard let date = RFC3339.date(from: text) else {
            throw EnvelopeError.invalidTimestamp(path: node.path, value: EnvelopeError.excerpt(text))
        }
        return date
    }
}
