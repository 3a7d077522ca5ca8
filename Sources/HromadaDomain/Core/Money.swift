/// An amount in hryvnias held as integer kopiyky, so sums are exact.
///
/// Amounts come from outside (forms, JSON, imports), and Swift stops the
/// whole process on an integer overflow. So no amount from outside may
/// exceed `ceiling`, and arithmetic here never traps: a sum or difference
/// beyond Int64 saturates at its limit, far above the ceiling, where every
/// rule that checks an amount refuses it ("too expensive", "over the fund").
public struct Money: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let kopiyky: Int64

    /// The most any amount from outside may be: 10 trillion hryvnias. Far
    /// above any municipal budget or lot, and so far below Int64's limit
    /// (about 9,000 times) that sums of thousands of such amounts, a price
    /// plus a step, or a price times a percentage all stay exact.
    public static let ceiling = Money(kopiyky: 1_000_000_000_000_000)
    public static let zero = Money(kopiyky: 0)

    public init(kopiyky: Int64) { self.kopiyky = kopiyky }
    public init(hryvnias: Int64) {
        let (product, overflow) = hryvnias.multipliedReportingOverflow(by: 100)
        self.kopiyky = overflow ? (hryvnias < 0 ? .min : .max) : product
    }

    /// An amount from outside, or nil when it is negative or above the ceiling.
    public init?(input kopiyky: Int64) {
        guard (0...Self.ceiling.kopiyky).contains(kopiyky) else { return nil }
        self.kopiyky = kopiyky
    }

    /// Whether an amount from outside is one the platform takes.
    public var isWithinCeiling: Bool { kopiyky >= 0 && kopiyky <= Self.ceiling.kopiyky }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.kopiyky < rhs.kopiyky }
    public static func + (lhs: Money, rhs: Money) -> Money {
        let (sum, overflow) = lhs.kopiyky.addingReportingOverflow(rhs.kopiyky)
        return Money(kopiyky: overflow ? (rhs.kopiyky < 0 ? .min : .max) : sum)
    }
    public static func - (lhs: Money, rhs: Money) -> Money {
        let (difference, overflow) = lhs.kopiyky.subtractingReportingOverflow(rhs.kopiyky)
        return Money(kopiyky: overflow ? (rhs.kopiyky < 0 ? .max : .min) : difference)
    }
    public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }

    /// The sum of amounts, saturating (see the type's note).
    public static func sum(_ amounts: some Sequence<Money>) -> Money { amounts.reduce(.zero, +) }

    /// `numerator`/`denominator` of this amount, rounded down (or up), in a
    /// wider type so the product cannot overflow; saturates if the result
    /// itself does not fit. A zero or negative denominator gives zero.
    public func scaled(by numerator: Int64, over denominator: Int64, roundingUp: Bool = false) -> Money {
        guard denominator > 0 else { return .zero }
        var product = Int128(kopiyky) * Int128(numerator)
        if roundingUp, product > 0 { product += Int128(denominator) - 1 }
        let quotient = product / Int128(denominator)
        return Money(kopiyky: Int64(clamping: quotient))
    }

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

    package static func group(_ value: UInt64) -> String {
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

    /// A measurement with at most `digits` decimals and no trailing zeros
    /// (`12,5`, `0,42`, `7`), with a decimal comma in Ukrainian. A value too
    /// large to show this way, or not a number, reads "—".
    public static func decimal(_ value: Double, digits: Int, decimalComma: Bool) -> String {
        let digits = min(max(digits, 0), 6)
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value * Double(scale)).rounded()
        guard scaled.isFinite, let units = Int64(exactly: scaled), units.magnitude < 1_000_000_000_000_000 else { return "—" }
        var whole = String(units.magnitude / UInt64(scale))
        var fraction = String(units.magnitude % UInt64(scale))
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if units < 0 { whole = "-" + whole }
        return fraction.isEmpty ? whole : whole + (decimalComma ? "," : ".") + fraction
    }
}
