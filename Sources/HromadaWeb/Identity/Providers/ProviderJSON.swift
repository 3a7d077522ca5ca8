import Foundation

/// A JSON value as an identity provider sends it: JWT claims and OIDC userinfo, whose claim
/// names are only known at run time (they come from `OIDCConfiguration`), and ID.GOV.UA's
/// token and user-info answers. Reading into this first, then checking each field's type,
/// means no shape of answer is ever coerced into another.
enum ProviderJSON: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    /// A number that is not an integer within `Int64`. Its value is deliberately not kept,
    /// so no time or identity check can ever be decided on a floating-point quantity.
    case nonIntegerNumber
    case string(String)
    case array([ProviderJSON])
    case object([String: ProviderJSON])

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ProviderJSON].self) {
            self = .array(value)
        } else if let value = try? container.decode([String: ProviderJSON].self) {
            self = .object(value)
        } else if (try? container.decode(Double.self)) != nil {
            self = .nonIntegerNumber
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Unsupported JSON value")
        }
    }
}
