import Foundation
import HromadaDomain

/// An oblast passport's figures that come from its cities' own: summed
/// where a sum means something (people, sites on offer, hectares), and a
/// share of sums where it is a rate (enquiries answered on time: all the
/// cities' on-time answers over all their answers due, never an average
/// of the cities' rates, which would weigh a city of two enquiries like
/// one of two hundred). Each says how it was made and from how many cities.
public struct DerivedFigure: Sendable, Equatable {
    public enum Code: String, Sendable, CaseIterable {
        case population
        case sitesOnOffer = "sites_on_offer"
        case hectaresOnOffer = "hectares_on_offer"
        case enquiriesOnTime = "enquiries_on_time"
    }

    public enum Derivation: Sendable, Equatable {
        /// The sum of these cities' figures, of these years.
        case sum(cities: Int, years: ClosedRange<Int>?)
        /// `part` of `whole`, summed over these cities, as a percentage.
        case share(part: Int, whole: Int, cities: Int)
    }

    public let code: Code
    /// An exact decimal written with a point.
    public let value: String
    public let unit: String
    public let derivation: Derivation
    /// Cities that have no such figure, left out of it (a city with no passport yet).
    public let missing: [MunicipalityID]
}

/// What one city contributes.
public struct CityFigures: Sendable, Equatable {
    public let city: MunicipalityID
    /// Its passport's newest `population.total`, if it has one.
    public let population: IndicatorValue?
    public let sitesOnOffer: Int
    public let squareMetresOnOffer: Int64
    public let enquiriesDue: Int
    public let enquiriesOnTime: Int

    public init(
        city: MunicipalityID, population: IndicatorValue?, sitesOnOffer: Int, squareMetresOnOffer: Int64, enquiriesDue: Int, enquiriesOnTime: Int
    ) {
        self.city = city
        self.population = population
        self.sitesOnOffer = sitesOnOffer
        self.squareMetresOnOffer = squareMetresOnOffer
        self.enquiriesDue = enquiriesDue
        self.enquiriesOnTime = enquiriesOnTime
    }

    /// The code of the passport figure a city's population is read from.
    public static let populationCode = "population.total"

    /// The oblast's figures from its cities'.
    public static func derive(_ cities: [CityFigures]) -> [DerivedFigure] {
        var figures: [DerivedFigure] = []
        let counted = cities.filter { $0.population != nil }
        if !counted.isEmpty {
            // Whole people: a population is written without a fraction; anything else is left out rather than rounded.
            let values = counted.compactMap { $0.population.flatMap { Int64($0.value) } }
            if values.count == counted.count {
                let (sum, overflow) = values.reduce((Int64(0), false)) { partial, value in
                    let (next, over) = partial.0.addingReportingOverflow(value)
                    return (next, partial.1 || over)
                }
                let years = counted.compactMap { $0.population?.year }
                if !overflow, let first = years.min(), let last = years.max() {
                    figures.append(DerivedFigure(
                        code: .population, value: String(sum), unit: "persons", derivation: .sum(cities: counted.count, years: first...last),
                        missing: cities.filter { $0.population == nil }.map(\.city)))
                }
            }
        }
        let sites = cities.reduce(0) { $0 + $1.sitesOnOffer }
        figures.append(DerivedFigure(
            code: .sitesOnOffer, value: String(sites), unit: "units", derivation: .sum(cities: cities.count, years: nil), missing: []))
        let squareMetres = cities.reduce(Int64(0)) { $0 &+ $1.squareMetresOnOffer }
        figures.append(DerivedFigure(
            code: .hectaresOnOffer, value: hectares(squareMetres), unit: "ha", derivation: .sum(cities: cities.count, years: nil), missing: []))
        let due = cities.reduce(0) { $0 + $1.enquiriesDue }, onTime = cities.reduce(0) { $0 + $1.enquiriesOnTime }
        if due > 0 {
            figures.append(DerivedFigure(
                code: .enquiriesOnTime, value: percent(onTime, of: due), unit: "percent",
                derivation: .share(part: onTime, whole: due, cities: cities.filter { $0.enquiriesDue > 0 }.count),
                missing: cities.filter { $0.enquiriesDue == 0 }.map(\.city)))
        }
        return figures
    }

    /// Square metres as hectares to 4 places, exactly (`123456` → `12.3456`).
    static func hectares(_ squareMetres: Int64) -> String {
        let whole = squareMetres / 10_000, rest = squareMetres % 10_000
        guard rest != 0 else { return String(whole) }
        var fraction = String(rest)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

    /// A share as a percentage to one decimal place, rounded half up (`2` of `3` → `66.7`).
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0" }
        let tenths = (part * 1_000 + whole / 2) / whole
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }
}
