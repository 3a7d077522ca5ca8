import Foundation
import HromadaDomain

/// The sections of an investment passport, in the order a passport shows them.
public enum IndicatorSection: String, Sendable, CaseIterable, Codable {
    case populationAndLabour = "population_labour"
    case economyAndWages = "economy_wages"
    case budget
    case infrastructure = "infrastructure_logistics"
    case education
    case industrialParks = "industrial_parks"
    case taxesAndIncentives = "taxes_incentives"
}

/// One figure of a passport for one year: the value with where it comes
/// from and when someone last checked it. Investors compare cities by
/// these, so a figure never stands without its year and source.
public struct IndicatorValue: Sendable, Equatable, Codable {
    public var year: Int
    /// An exact decimal written with a point (`12.5`, `-3`), as open data writes numbers.
    public var value: String
    public var source: String
    public var checkedOn: CalendarDate?

    public static let years = 1991...2100

    public enum Problem: Error, Equatable, Sendable {
        case yearOutOfRange
        case notANumber
        case sourceMissing
        case sourceTooLong
    }

    /// Checks a value as typed: a year of independent Ukraine's statistics
    /// or a plan up to 2100, a number (a decimal comma is read as a point;
    /// spaces between thousands are dropped), and a source.
    public init(year: Int, value: String, source: String, checkedOn: CalendarDate?) throws(Problem) {
        guard Self.years.contains(year) else { throw .yearOutOfRange }
        guard let number = Self.decimal(value) else { throw .notANumber }
        let source = source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !source.isEmpty else { throw .sourceMissing }
        guard source.count <= 500 else { throw .sourceTooLong }
        self.year = year
        self.value = number
        self.source = source
        self.checkedOn = checkedOn
    }

    /// `12 345,60` → `12345.60`: up to 15 digits before the point and 6 after, an optional minus.
    static func decimal(_ text: String) -> String? {
        let cleaned = text.filter { $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }.replacingOccurrences(of: ",", with: ".")
        let unsigned = cleaned.hasPrefix("-") ? cleaned.dropFirst() : Substring(cleaned)
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...15).contains(parts[0].count), parts.count == 1 || (1...6).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        return cleaned
    }
}

/// A passport figure: its code (the key an import updates it by), section,
/// name in both languages, unit, and its values by year.
public struct PassportIndicator: Sendable, Equatable, Codable {
    public var code: String
    public var section: IndicatorSection
    public var name: LocalizedName
    /// As written under the figure (`persons`, `UAH`, `%`, `ha`), the same in both languages.
    public var unit: String
    /// One per year, oldest first.
    public var values: [IndicatorValue]

    /// The newest value: what the passport shows, its history beside it.
    public var latest: IndicatorValue? { values.last }

    /// Lowercase letters, digits, `_`, `.` and `-`, starting with a letter: `population.total`.
    public static func isCode(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLowercase, text.count <= 64 else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") }
    }

    /// This indicator with a year's value put in (replacing that year's), years in order.
    public func setting(_ value: IndicatorValue) -> PassportIndicator {
        var next = self
        next.values = (values.filter { $0.year != value.year } + [value]).sorted { $0.year < $1.year }
        return next
    }
}
