import Foundation

/// A code of the Кодифікатор адміністративно-територіальних одиниць та
/// територій територіальних громад (КАТОТТГ): `UA` and seventeen digits
/// (`UA05…` in Вінницька область). Open data names the territory
/// it covers by it (Resolution 835 passports, DCAT-AP `dct:spatial`).
///
/// A code is checked for its shape
/// only: `UA`, seventeen ASCII digits, and a level-1 part (the oblast, the
/// first two digits) that is not `00`.
public struct TerritoryCode: Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Nil unless `text` (surrounding spaces ignored, `ua` in any case) is a code's shape.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let utf8 = Array(trimmed.utf8)
        guard utf8.count == 19,
              utf8[0] | 0x20 == UInt8(ascii: "u"), utf8[1] | 0x20 == UInt8(ascii: "a"),
              utf8[2...].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              !(utf8[2] == UInt8(ascii: "0") && utf8[3] == UInt8(ascii: "0"))
        else { return nil }
        rawValue = "UA" + String(decoding: utf8[2...], as: UTF8.self)
    }

    public var description: String { rawValue }

    /// Decoded only in a code's shape: a stored or sent value is checked like a typed one.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let code = TerritoryCode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a КАТОТТГ code (UA and 17 digits)")
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The oblast's two digits (level 1 of the codifier), `05` for Вінницька.
    public var oblastDigits: String { String(rawValue.dropFirst(2).prefix(2)) }
}
