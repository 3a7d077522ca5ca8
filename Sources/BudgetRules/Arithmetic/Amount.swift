import BigInt

/// An exact decimal amount from a file (`1000000`, `2500.50`): an integer
/// count of 10^-scale units. Money and points are never floating point.
public struct Amount: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var units: BigInt
    public var scale: Int

    public init(units: BigInt, scale: Int = 0) {
        self.units = units
        self.scale = scale
    }

    public init(_ value: Int) { self.init(units: BigInt(value)) }

    /// `units` × 10^-`scale`: kopiyky are `Amount(minorUnits: 1250, scale: 2)`, 12.50 hryvnias.
    public init(minorUnits: Int64, scale: Int) { self.init(units: BigInt(minorUnits), scale: scale) }

    /// Parses `123`, `-4`, `12.50`, `1e3` is refused; returns nil if not a plain decimal.
    public init?(parsing text: Substring) {
        var digits = ""
        var scale = 0
        var seenPoint = false
        var negative = false
        for (index, character) in text.enumerated() {
            switch character {
            case "-" where index == 0: negative = true
            case "+" where index == 0: break
            case "." where !seenPoint: seenPoint = true
            case "0"..."9":
                digits.append(character)
                if seenPoint { scale += 1 }
            default: return nil
            }
        }
        guard !digits.isEmpty, let value = BigInt(digits) else { return nil }
        self.init(units: negative ? -value : value, scale: scale)
    }

    /// The same amount in `scale` decimals (scale must not shrink).
    public func units(atScale target: Int) -> BigInt {
        units * BigInt(10).power(max(0, target - scale))
    }

    public static func == (lhs: Amount, rhs: Amount) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.units(atScale: scale) == rhs.units(atScale: scale)
    }

    public func hash(into hasher: inout Hasher) {
        var units = self.units
        var scale = self.scale
        while scale > 0, units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        hasher.combine(units)
        hasher.combine(scale)
    }

    public static func < (lhs: Amount, rhs: Amount) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        return lhs.units(atScale: scale) < rhs.units(atScale: scale)
    }

    public static func + (lhs: Amount, rhs: Amount) -> Amount {
        let scale = max(lhs.scale, rhs.scale)
        return Amount(units: lhs.units(atScale: scale) + rhs.units(atScale: scale), scale: scale)
    }

    public static let zero = Amount(0)

    /// Decimal text without trailing zeros after the point: `1054887`, `2500.5`.
    public var description: String {
        var units = self.units
        var scale = self.scale
        while scale > 0, units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        guard scale > 0 else { return units.description }
        let negative = units < 0
        var digits = String(units.magnitude)
        while digits.count <= scale { digits = "0" + digits }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        return (negative ? "-" : "") + digits
    }

    /// For ranking only, never for a decision.
    public var approximate: Double { Double(units) / pow10(scale) }
}

func pow10(_ n: Int) -> Double {
    var value = 1.0
    for _ in 0..<n { value *= 10 }
    return value
}
