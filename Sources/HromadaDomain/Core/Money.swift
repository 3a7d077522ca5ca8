/// An amount in hryvnias held as integer kopiyky, so sums are exact.
public struct Money: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let kopiyky: Int64

    public init(kopiyky: Int64) { self.kopiyky = kopiyky }
    public init(hryvnias: Int64) { self.kopiyky = hryvnias * 100 }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.kopiyky < rhs.kopiyky }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(kopiyky: lhs.kopiyky + rhs.kopiyky) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(kopiyky: lhs.kopiyky - rhs.kopiyky) }

    /// Ukrainian notation: `12 345,67 грн`, thin groups by a no-break space.
    public var description: String { formatted(currency: "грн") }

    public func formatted(currency: String) -> String {
        let negative = kopiyky < 0
        let magnitude = kopiyky.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        let grouped = Self.group(whole)
        let cents = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        return "\(negative ? "-" : "")\(grouped),\(cents)\u{00A0}\(currency)"
    }

    static func group(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append("\u{00A0}") }
            out.append(digit)
        }
        return out
    }
}

/// Whole numbers shown the Ukrainian way, e.g. population `369 739`.
public enum NumberFormat {
    public static func grouped(_ value: Int64) -> String {
        (value < 0 ? "-" : "") + Money.group(value.magnitude)
    }
}
