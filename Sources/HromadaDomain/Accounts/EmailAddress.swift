/// An email address, normalised for uniqueness: trimmed and lowercased.
public struct EmailAddress: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public var description: String { rawValue }
    public init(rawValue: String) { self.rawValue = rawValue }

    public enum Problem: Error, Equatable, Sendable { case empty, invalid, tooLong }

    /// A pragmatic check: one `@`, a dotted domain, no spaces or control
    /// characters. Delivery is what really proves an address.
    public static func validated(_ text: String) throws(Problem) -> EmailAddress {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !trimmed.isEmpty else { throw .empty }
        guard trimmed.utf8.count <= 254 else { throw .tooLong }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64 else { throw .invalid }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else {
            throw .invalid
        }
        let forbidden: Set<Character> = [" ", "<", ">", "(", ")", ",", ";", ":", "\\", "\"", "[", "]"]
        guard !trimmed.contains(where: { forbidden.contains($0) || $0.isNewline || ($0.asciiValue.map { $0 < 32 } ?? false) })
        else { throw .invalid }
        return EmailAddress(rawValue: trimmed)
    }
}

import Foundation
