import Foundation

/// A document kept as JSON text in a column (an edition, a petition, a lot):
/// keys sorted, so equal documents are equal text (`KeptValues` keys
/// by it), and dates as epoch seconds.
package enum JSONColumn {
    package static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    package static func value<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(type, from: Data(text.utf8))
    }
}
