import Foundation

/// A module's thing named as links between modules name it: the kind
/// (`budget_project`, `petition`, `auction_lot`, `strategy_node`, …) and its
/// id in the city. The module that owns the thing answers for it; the
/// platform keeps only these two strings. A follow's target and a comment's
/// subject are such references, checked alike when they come from outside.
public struct ThingReference: Hashable, Codable, Sendable {
    public let kind: String
    public let id: String

    /// Longer names are no thing any module has: refused before any query.
    public static let kindLength = 1...40
    public static let idLength = 1...200

    public init(kind: String, id: String) {
        self.kind = kind
        self.id = id
    }

    /// A kind is lowercase letters and underscores.
    public static func isKind(_ kind: String) -> Bool {
        kindLength.contains(kind.utf8.count) && kind.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || $0 == 95 }
    }

    /// The reference as sent from outside, if it can name a thing at all
    /// (`isKind` for the kind; printable ASCII without spaces for the id:
    /// modules' ids are generated ids and codes).
    public static func parse(kind: String, id: String) -> ThingReference? {
        guard isKind(kind), idLength.contains(id.utf8.count), id.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else { return nil }
        return ThingReference(kind: kind, id: id)
    }

    public var isWellFormed: Bool { Self.parse(kind: kind, id: id) != nil }
}
