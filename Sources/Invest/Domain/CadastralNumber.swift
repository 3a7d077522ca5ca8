import Foundation

/// A land plot's cadastral number (кадастровий номер земельної ділянки),
/// `NNNNNNNNNN:NN:NNN:NNNN`: the КОАТУУ code of the council's territory
/// (10 digits), the cadastral zone (2), the quarter (3) and the plot (4),
/// as the State Land Cadastre writes them (`5322080400:00:001:1205`).
public struct CadastralNumber: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public enum Problem: Error, Equatable, Sendable {
        /// Not four groups of 10, 2, 3 and 4 digits joined by colons.
        case malformed
    }

    /// The digits' group lengths, in order.
    static let groups = [10, 2, 3, 4]

    /// Reads a number as a person types it: spaces around it are ignored, nothing else is.
    public init(_ text: String) throws(Problem) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == Self.groups.count, trimmed.utf8.count == 22,
              zip(parts, Self.groups).allSatisfy({ part, length in part.count == length && part.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } })
        else { throw .malformed }
        rawValue = trimmed
    }

    /// The territory's КОАТУУ code, its first ten digits.
    public var territoryCode: String { String(rawValue.prefix(10)) }

    public var description: String { rawValue }
}

extension CadastralNumber: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a cadastral number"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
