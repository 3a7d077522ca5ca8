import BigInt

/// An exact fraction, always in lowest terms with a positive denominator.
/// Used where a decision must be exact; floating point only guides.
struct Rational: Comparable, Sendable, CustomStringConvertible {
    private(set) var numerator: BigInt
    private(set) var denominator: BigInt

    init(_ numerator: BigInt, _ denominator: BigInt = 1) {
        precondition(denominator != 0, "zero denominator")
        let divisor = numerator.greatestCommonDivisor(with: denominator)
        let sign: BigInt = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / (divisor == 0 ? 1 : divisor)
        self.denominator = sign * denominator / (divisor == 0 ? 1 : divisor)
    }

    init(_ value: Int64) { self.init(BigInt(value)) }

    static let zero = Rational(BigInt(0))

    static func + (a: Rational, b: Rational) -> Rational {
        a.denominator == b.denominator
            ? Rational(a.numerator + b.numerator, a.denominator)
            : Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    static func - (a: Rational, b: Rational) -> Rational {
        a.denominator == b.denominator
            ? Rational(a.numerator - b.numerator, a.denominator)
            : Rational(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }

    static func * (a: Rational, b: BigInt) -> Rational { Rational(a.numerator * b, a.denominator) }
    static func / (a: Rational, b: BigInt) -> Rational { Rational(a.numerator, a.denominator * b) }
    static func / (a: Rational, b: Rational) -> Rational { Rational(a.numerator * b.denominator, a.denominator * b.numerator) }

    static func < (a: Rational, b: Rational) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    static func == (a: Rational, b: Rational) -> Bool {
        a.numerator == b.numerator && a.denominator == b.denominator
    }

    var description: String { "\(numerator)/\(denominator)" }
}
