import Foundation
import HromadaDomain

/// A site the city offers investors: what it is, where (its boundary),
/// on what terms, what reaches it (utilities), how far it is from what
/// matters, and where it stands. Made only through `make`, which checks
/// every field and names the first one at fault.
public struct InvestmentSite: Sendable, Equatable, Codable {
    public var type: SiteType
    public var title: LocalizedName
    public var geometry: SiteGeometry
    public var cadastralNumber: CadastralNumber?
    /// Hectares, to 4 decimals (a square metre), as the cadastre states them.
    public var areaHa: Double
    /// КВЦПЗ, the land's purpose code (`11.02`: industrial enterprises).
    public var purposeCode: String?
    public var ownership: SiteOwnership
    public var right: SiteRight
    /// The term of a lease or superficies, in years; nil for a sale.
    public var termYears: Int?
    /// The normative monetary valuation (нормативна грошова оцінка).
    public var normativeValuation: Money?
    /// The asking price of a sale, or the yearly rent.
    public var price: Money?
    public var utilities: Utilities
    public var distances: Distances
    public var status: SiteStatus
    public var details: SiteDetails

    /// What reaches the site, or how far away its connection point is.
    public struct Utilities: Sendable, Equatable, Codable {
        public var powerKw: Int?
        public var gasM3PerHour: Double?
        public var waterM3PerDay: Double?
        public var sewer = false
        public var heat = false
        public var fibre = false
        /// Distance to the nearest connection point, in km, where it is not on the site.
        public var connectionKm: Double?

        public init() {}
    }

    /// Kilometres to what an investor asks about first.
    public struct Distances: Sendable, Equatable, Codable {
        public var roadKm: Double?
        /// A rail siding; 0 where the site has its own.
        public var railKm: Double?
        public var airportKm: Double?
        public var borderKm: Double?

        public init() {}
    }

    /// The field at fault (as the API names it) and why.
    public struct Problem: Error, Equatable, Sendable {
        public let field: String
        public let reason: Reason

        public enum Reason: String, Sendable {
            case missing, malformed
            case outOfRange = "out_of_range"
            case notForThisRight = "not_for_this_right"
            /// The area stated is not the area the boundary encloses (more than twice or less than half of it).
            case disagreesWithBoundary = "disagrees_with_boundary"
        }
    }

    public static let maxAreaHa = SiteSearch.maxAreaLimit
    public static let maxTermYears = 99

    /// A checked site, available. `areaHa` is rounded to 4 decimals.
    public static func make(
        type: SiteType, title: LocalizedName, geometry: SiteGeometry, cadastralNumber: String?, areaHa: Double, purposeCode: String?,
        ownership: SiteOwnership, right: SiteRight, termYears: Int?, normativeValuation: Money?, price: Money?, utilities: Utilities,
        distances: Distances, details: SiteDetails = SiteDetails()
    ) throws(Problem) -> InvestmentSite {
        func fail(_ field: String, _ reason: Problem.Reason) -> Problem { Problem(field: field, reason: reason) }
        let title = LocalizedName(uk: title.uk.trimmingCharacters(in: .whitespacesAndNewlines), en: title.en.trimmingCharacters(in: .whitespacesAndNewlines))
        if title.uk.isEmpty { throw fail("title.uk", .missing) }
        if title.en.isEmpty { throw fail("title.en", .missing) }
        if title.uk.count > 200 { throw fail("title.uk", .outOfRange) }
        if title.en.count > 200 { throw fail("title.en", .outOfRange) }
        var number: CadastralNumber?
        if let text = cadastralNumber, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do { number = try CadastralNumber(text) } catch { throw fail("cadastralNumber", .malformed) }
        }
        guard areaHa.isFinite, areaHa > 0, areaHa <= maxAreaHa else { throw fail("areaHa", .outOfRange) }
        // A typo of a decimal point (12.5 ha typed as 125) shows against the boundary.
        if let drawn = geometry.approximateAreaHa, drawn > 0, !(drawn / 2...drawn * 2).contains(areaHa) {
            throw fail("areaHa", .disagreesWithBoundary)
        }
        if let code = purposeCode, !code.isEmpty, !isPurposeCode(code) { throw fail("purposeCode", .malformed) }
        switch (right, termYears) {
        case (.sale, .some): throw fail("termYears", .notForThisRight)
        case (.lease, nil), (.superficies, nil): throw fail("termYears", .missing)
        case (_, .some(let years)) where !(1...maxTermYears).contains(years): throw fail("termYears", .outOfRange)
        default: break
        }
        for (field, money) in [("normativeValuation", normativeValuation), ("price", price)] {
            if let money, money.kopiyky < 0 || money > Money.ceiling { throw fail(field, .outOfRange) }
        }
        if let power = utilities.powerKw, !(0...SiteSearch.maxPowerLimit).contains(power) { throw fail("utilities.powerKw", .outOfRange) }
        for (field, value, limit) in [
            ("utilities.gasM3PerHour", utilities.gasM3PerHour, 1_000_000.0), ("utilities.waterM3PerDay", utilities.waterM3PerDay, 1_000_000.0),
            ("utilities.connectionKm", utilities.connectionKm, SiteSearch.maxDistanceLimit), ("distances.roadKm", distances.roadKm, SiteSearch.maxDistanceLimit),
            ("distances.railKm", distances.railKm, SiteSearch.maxDistanceLimit), ("distances.airportKm", distances.airportKm, SiteSearch.maxDistanceLimit),
            ("distances.borderKm", distances.borderKm, SiteSearch.maxDistanceLimit),
        ] {
            if let value, !(value.isFinite && (0...limit).contains(value)) { throw fail(field, .outOfRange) }
        }
        let details = try details.checked()
        return InvestmentSite(
            type: type, title: title, geometry: geometry, cadastralNumber: number, areaHa: (areaHa * 10_000).rounded() / 10_000,
            purposeCode: purposeCode?.isEmpty == true ? nil : purposeCode, ownership: ownership, right: right, termYears: termYears,
            normativeValuation: normativeValuation, price: price, utilities: utilities, distances: distances, status: .available, details: details)
    }

    /// КВЦПЗ: section and group, two digits each (`11.02`, `03.07`).
    static func isPurposeCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 5 && bytes[2] == UInt8(ascii: ".")
            && bytes.enumerated().allSatisfy { index, byte in index == 2 || (byte >= 0x30 && byte <= 0x39) }
    }

    /// What matching weighs of it.
    public var facts: SiteFacts {
        SiteFacts(
            areaHa: areaHa, powerKw: utilities.powerKw, gas: utilities.gasM3PerHour.map { $0 > 0 } ?? false,
            water: utilities.waterM3PerDay.map { $0 > 0 } ?? false, rail: distances.railKm == 0, roadKm: distances.roadKm, priceKopiyky: price?.kopiyky)
    }

    /// Whether it meets every filter of a search (the box holds its marker).
    public func matches(_ search: SiteSearch) -> Bool {
        if !search.types.isEmpty, !search.types.contains(type) { return false }
        if let low = search.minAreaHa, areaHa < low { return false }
        if let high = search.maxAreaHa, areaHa > high { return false }
        if let right = search.right, right != self.right { return false }
        if let power = search.minPowerKw, (utilities.powerKw ?? -1) < power { return false }
        let facts = facts
        if search.gas, !facts.gas { return false }
        if search.water, !facts.water { return false }
        if search.rail, !facts.rail { return false }
        if let road = search.maxRoadKm, (distances.roadKm ?? .infinity) > road { return false }
        if let box = search.box, !box.contains(longitude: geometry.marker.longitude, latitude: geometry.marker.latitude) { return false }
        return true
    }
}
