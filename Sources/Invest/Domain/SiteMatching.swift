import Foundation

/// The facts of a site that an investor's need is weighed against.
public struct SiteFacts: Sendable, Equatable {
    public var areaHa: Double
    /// Power available at the site or its connection point, in kW.
    public var powerKw: Int?
    public var gas: Bool
    public var water: Bool
    /// A rail siding on or at the site.
    public var rail: Bool
    /// Distance to the main road, in km.
    public var roadKm: Double?
    /// The asking price (or the first year's rent), in kopiyky.
    public var priceKopiyky: Int64?

    public init(areaHa: Double, powerKw: Int? = nil, gas: Bool = false, water: Bool = false, rail: Bool = false, roadKm: Double? = nil,
                priceKopiyky: Int64? = nil) {
        self.areaHa = areaHa
        self.powerKw = powerKw
        self.gas = gas
        self.water = water
        self.rail = rail
        self.roadKm = roadKm
        self.priceKopiyky = priceKopiyky
    }
}

/// What an investor needs of a site. Every criterion left out is no criterion.
public struct SiteNeed: Sendable, Equatable {
    public var minAreaHa: Double?
    public var maxAreaHa: Double?
    public var minPowerKw: Int?
    public var gas = false
    public var water = false
    public var rail = false
    public var maxRoadKm: Double?
    public var budgetKopiyky: Int64?

    public init() {}

    /// One criterion, named as the search's filters are.
    public enum Criterion: String, Sendable, CaseIterable {
        case area, power, gas, water, rail, road, budget
    }

    /// How a site meets one criterion.
    public enum Verdict: Sendable, Equatable {
        case fits
        /// It falls short; `by` says how far, in the criterion's unit (ha, kW, km, kopiyky), where that means anything.
        case short(by: Double?)
        /// The site's data does not say (no power figure, no road distance).
        case unknown
    }

    /// How every criterion that was asked for is met.
    public func verdicts(for site: SiteFacts) -> [(Criterion, Verdict)] {
        var verdicts: [(Criterion, Verdict)] = []
        if minAreaHa != nil || maxAreaHa != nil {
            if let low = minAreaHa, site.areaHa < low {
                verdicts.append((.area, .short(by: low - site.areaHa)))
            } else if let high = maxAreaHa, site.areaHa > high {
                verdicts.append((.area, .short(by: site.areaHa - high)))
            } else {
                verdicts.append((.area, .fits))
            }
        }
        if let power = minPowerKw {
            verdicts.append((.power, site.powerKw.map { $0 >= power ? .fits : .short(by: Double(power) - Double($0)) } ?? .unknown))
        }
        if gas { verdicts.append((.gas, site.gas ? .fits : .short(by: nil))) }
        if water { verdicts.append((.water, site.water ? .fits : .short(by: nil))) }
        if rail { verdicts.append((.rail, site.rail ? .fits : .short(by: nil))) }
        if let road = maxRoadKm {
            verdicts.append((.road, site.roadKm.map { $0 <= road ? .fits : .short(by: $0 - road) } ?? .unknown))
        }
        if let budget = budgetKopiyky {
            verdicts.append((.budget, site.priceKopiyky.map { $0 <= budget ? .fits : .short(by: Double($0) - Double(budget)) } ?? .unknown))
        }
        return verdicts
    }

    /// How well a site fits, 0…100: each criterion asked for weighs the
    /// same; one met counts whole, one the site's data does not settle
    /// counts half (the manager can find out), one missed counts nothing.
    /// With no criterion every site fits.
    public func score(_ site: SiteFacts) -> Int {
        let verdicts = verdicts(for: site)
        guard !verdicts.isEmpty else { return 100 }
        let points = verdicts.reduce(0) { sum, item in
            switch item.1 {
            case .fits: sum + 2
            case .unknown: sum + 1
            case .short: sum
            }
        }
        return points * 100 / (verdicts.count * 2)
    }

    /// Sites ranked by how well they fit, best first; among equals the one
    /// nearest the area asked for (or the larger, with no area asked), then by key.
    public func rank<Key: Comparable>(_ sites: [(key: Key, facts: SiteFacts)]) -> [(key: Key, score: Int)] {
        let target = minAreaHa.map { low in maxAreaHa.map { (low + $0) / 2 } ?? low } ?? maxAreaHa
        return sites.map { (key: $0.key, facts: $0.facts, score: score($0.facts)) }
            .sorted { a, b in
                if a.score != b.score { return a.score > b.score }
                if let target {
                    let da = abs(a.facts.areaHa - target), db = abs(b.facts.areaHa - target)
                    if da != db { return da < db }
                } else if a.facts.areaHa != b.facts.areaHa {
                    return a.facts.areaHa > b.facts.areaHa
                }
                return a.key < b.key
            }
            .map { (key: $0.key, score: $0.score) }
    }
}

extension SiteNeed {
    /// The most a budget may say: 10 trillion hryvnias, as `Money.ceiling`.
    public static let maxBudgetHryvnias: Int64 = 10_000_000_000_000

    /// A need as a query string gives it: the search's filters (`minAreaHa`,
    /// `maxAreaHa`, `minPowerKw`, `gas`, `water`, `rail`, `maxRoadKm`) and
    /// `budget` in whole hryvnias, each range-checked as the search's are.
    public init(_ parameters: [String: String]) throws(SiteSearch.Problem) {
        var filters = parameters
        for ignored in ["type", "right", "bbox", "sort"] { filters[ignored] = nil }
        self = try SiteSearch(filters).need
        if let text = parameters["budget"], !text.isEmpty {
            let digits = text.filter { $0 != " " && $0 != "\u{00A0}" }
            guard digits.count <= 14, let hryvnias = Int64(digits) else { throw SiteSearch.Problem(parameter: "budget", reason: .notANumber) }
            guard (0...Self.maxBudgetHryvnias).contains(hryvnias) else { throw SiteSearch.Problem(parameter: "budget", reason: .outOfRange) }
            budgetKopiyky = hryvnias * 100
        }
    }

    /// Whether anything was asked for.
    public var isEmpty: Bool { self == SiteNeed() }
}
