/// A parsed JSON document. Decoded with Foundation's JSONDecoder, whose parser
/// refuses over-deep nesting instead of exhausting the stack.
enum EnvelopeJSON: Sendable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    /// A number JSON allows but a Double cannot hold, such as 1e400. Kept apart
    /// so that it only matters if a field we read holds it.
    case unrepresentableNumber
    case string(String)
    case array([EnvelopeJSON])
    case object([String: EnvelopeJSON])

    init(from decoder: any Decoder) throws {
        // Leaves outnumber containers, and every failed attempt below costs a
        // thrown DecodingError, so scalars are tried first, commonest first.
        let scalar = try decoder.singleValueContainer()
        if scalar.decodeNil() {
            self = .null
        } else if let text = try? scalar.decode(String.self) {
            self = .string(text)
        } else if let number = try? scalar.decode(Double.self) {
            self = .number(number)
        } else if let flag = try? scalar.decode(Bool.self) {
            self = .bool(flag)
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: EnvelopeJSON] = [:]
            for key in object.allKeys {
                members[key.stringValue] = try object.decode(EnvelopeJSON.self, forKey: key)
            }
            self = .object(members)
        } else if var array = try? decoder.unkeyedContainer() {
            var elements: [EnvelopeJSON] = []
            while !array.isAtEnd {
                elements.append(try array.decode(EnvelopeJSON.self))
            }
            self = .array(elements)
        } else {
            // Only numbers are left once every other JSON type has failed:
            // JSON allows 1e400, a Double cannot hold it.
            self = .unrepresentableNumber
        }
    }

    /// The JSON type's name, for error messages.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number, .unrepresentableNumber: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
