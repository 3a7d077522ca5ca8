import Foundation
import HromadaDomain
import Hummingbird

// Numbers as requests carry them.
//
// Swift stops the whole process on an integer overflow or on converting a
// Double that does not fit, and one such request takes every city down. So
// a number from outside never reaches the code as a bare `Int`, `Int64` or
// `Double`: it is decoded into one of these types, which refuse it unless it
// lies in the range its field takes. The ranges are chosen so that the
// arithmetic each value takes part in (sums of amounts and points, a price
// times a percentage, seconds to a date) cannot overflow. A refused value is
// a 422 naming the field by its dotted path (`costItems.1.amount`).

/// A value outside what its field takes; thrown while decoding.
struct InputOutOfRange: Error, Equatable {
    package let field: String
    package let code: String
}

extension Array where Element == any CodingKey {
    /// docs/interfaces.md's dotted path of a field in a body: `costItems.1.amount`.
    var dottedPath: String { map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") }
}

/// Integer kopiyky: from 0 to `Money.ceiling` (10 trillion hryvnias).
package struct Kopiyky: Decodable, Sendable, Equatable {
    package let money: Money

    package init(from decoder: any Decoder) throws {
        let raw = try wholeNumber(decoder, code: "amount_out_of_range")
        guard let money = Money(input: raw) else { throw InputOutOfRange(field: decoder.codingPath.dottedPath, code: "amount_out_of_range") }
        self.money = money
    }
}

/// A JSON number that is a whole Int64. Foundation's decoder reports a
/// number that does not fit (`1e300`, `2^63`, `1.5`) as "not valid JSON"
/// with no path, so it is recognised here (as a Double, which reads any JSON
/// number) and refused with the field's path; text, null and the like keep
/// the decoder's own error, which carries the path.
private func wholeNumber(_ decoder: any Decoder, code: String) throws -> Int64 {
    let container = try decoder.singleValueContainer()
    if let exact = try? container.decode(Int64.self) { return exact }
    if (try? container.decode(Double.self)) != nil { throw InputOutOfRange(field: decoder.codingPath.dottedPath, code: code) }
    return try container.decode(Int64.self)
}

/// The range a whole-number field takes.
package protocol WholeNumberRange {
    static var range: ClosedRange<Int> { get }
}

/// The range a decimal field takes; a decimal must also be finite.
package protocol DecimalRange {
    static var range: ClosedRange<Double> { get }
}

/// A whole number within `Bounds.range`.
package struct WholeNumber<Bounds: WholeNumberRange>: Decodable, Sendable, Equatable {
    package let value: Int

    package init(from decoder: any Decoder) throws {
        let raw = try wholeNumber(decoder, code: "number_out_of_range")
        guard raw >= Int64(Bounds.range.lowerBound), raw <= Int64(Bounds.range.upperBound) else {
            throw InputOutOfRange(field: decoder.codingPath.dottedPath, code: "number_out_of_range")
        }
        value = Int(raw)
    }
}

/// A finite decimal within `Bounds.range`.
package struct DecimalNumber<Bounds: DecimalRange>: Decodable, Sendable, Equatable {
    package let value: Double

    package init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(Double.self)
        guard raw.isFinite, Bounds.range.contains(raw) else {
            throw InputOutOfRange(field: decoder.codingPath.dottedPath, code: "number_out_of_range")
        }
        value = raw
    }
}

/// The ranges of the API's number fields. Each is wide enough for any real
/// use and narrow enough that sums of a body's values stay far from overflow.
package enum InputRange {
    /// Picks on a ballot, limits of picks: no edition has ten thousand projects.
    package enum Picks: WholeNumberRange { package static let range = 0...10_000 }
    /// A share in whole percent.
    package enum Percent: WholeNumberRange { package static let range = 0...100 }
    /// Cumulative-ballot points: per project and in total.
    package enum Points: WholeNumberRange { package static let range = 0...1_000_000 }
    /// A voter's minimum age in years.
    package enum Age: WholeNumberRange { package static let range = 0...150 }
    /// Rounds of an auction.
    package enum Rounds: WholeNumberRange { package static let range = 0...100 }
    /// A count of people or days a city sets (a petition's threshold, its period).
    package enum Count: WholeNumberRange { package static let range = 0...1_000_000_000 }
    /// A share of a price in percent, to the hundredth (Prozorro's `minimalStep.percent`).
    package enum PercentOfPrice: DecimalRange { package static let range = 0.0...100.0 }
    /// A duration in seconds, up to a day.
    package enum Seconds: DecimalRange { package static let range = 0.0...86_400.0 }
    /// An area in square metres: up to 100,000 ha, the largest municipal estate many times over.
    package enum SquareMetres: DecimalRange { package static let range = 0.0...1_000_000_000.0 }
    package enum Latitude: DecimalRange { package static let range = -90.0...90.0 }
    package enum Longitude: DecimalRange { package static let range = -180.0...180.0 }
}

/// The dates a request may carry: ISO 8601 text (docs/interfaces.md), with or
/// without fractional seconds, between 1970 and 2200. A number is refused:
/// as seconds it could be 1e300, which no later conversion survives.
enum InputDates {
    static let earliest = Date(timeIntervalSince1970: 0)
    package static let latest = Date(timeIntervalSince1970: 7_258_118_400)  // 2200-01-01

    static let strategy: JSONDecoder.DateDecodingStrategy = .custom { decoder in
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self), let date = parse(text) else {
            throw InputOutOfRange(field: decoder.codingPath.dottedPath, code: "iso_date_invalid")
        }
        return date
    }

    package static func parse(_ text: String) -> Date? {
        let date = (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
        guard let date, date >= earliest, date <= latest else { return nil }
        return date
    }
}

/// `?limit=N&after=OFFSET` of a list: a clear 422 for anything else.
package struct PageQuery: Equatable {
    /// Offsets beyond this are no list's; keeping them small keeps `offset + limit` exact.
    package static let maximumOffset = 1_000_000_000

    package let limit: Int
    package let offset: Int

    package init(_ request: Request, defaultLimit: Int, maximumLimit: Int = 500) throws(AppError) {
        let query = request.uri.queryParameters
        var limit = defaultLimit, offset = 0
        if let text = query["limit"] {
            guard let number = Int(text), (1...maximumLimit).contains(number) else { throw .invalid(code: "limit_out_of_range", field: "limit") }
            limit = number
        }
        if let text = query["after"] {
            guard let number = Int(text), (0...Self.maximumOffset).contains(number) else { throw .invalid(code: "cursor_invalid", field: "after") }
            offset = number
        }
        self.limit = limit
        self.offset = offset
    }

    /// The cursor of the next page, when there is one.
    package func next(hasMore: Bool) -> String? { hasMore ? String(offset + limit) : nil }
}
