import Foundation

/// The site catalogue's filters as a query string gives them
/// (INTERFACES.md: `type`, `minAreaHa`, `maxAreaHa`, `right`, `minPowerKw`,
/// `gas`, `water`, `rail`, `maxRoadKm`, `bbox=minLon,minLat,maxLon,maxLat`,
/// and `sort`), every number range-checked where it is read: a filter that
/// cannot be met is a clear refusal naming it, never a trap or an empty page
/// that hides a typo.
public struct SiteSearch: Sendable, Equatable {
    public var types: Set<SiteType> = []
    public var minAreaHa: Double?
    public var maxAreaHa: Double?
    public var right: SiteRight?
    public var minPowerKw: Int?
    public var gas = false
    public var water = false
    public var rail = false
    public var maxRoadKm: Double?
    public var box: Box?
    public var sort: Sort = .newest

    /// A map's box: west, south, east and north in degrees, west ≤ east (no box crosses the antimeridian here).
    public struct Box: Sendable, Equatable {
        public let west: Double, south: Double, east: Double, north: Double

        /// Whether a position is in it, edges included.
        public func contains(longitude: Double, latitude: Double) -> Bool {
            (west...east).contains(longitude) && (south...north).contains(latitude)
        }
    }

    public enum Sort: String, Sendable, CaseIterable {
        case newest
        case areaAscending = "area"
        case areaDescending = "-area"
        case priceAscending = "price"
        case priceDescending = "-price"
    }

    /// The parameter at fault and why.
    public struct Problem: Error, Equatable, Sendable {
        public let parameter: String
        public let reason: Reason

        public enum Reason: String, Sendable {
            case unknownValue = "unknown_value"
            case notANumber = "not_a_number"
            case outOfRange = "out_of_range"
            case emptyRange = "empty_range"
        }
    }

    /// No site is larger than this many hectares (a large industrial park is a few hundred).
    public static let maxAreaLimit = 100_000.0
    /// 10 GW: more than any site's connection.
    public static let maxPowerLimit = 10_000_000
    public static let maxDistanceLimit = 1_000.0

    public init() {}

    /// Reads the query's parameters; unknown ones are someone else's (`lang`, paging).
    public init(_ parameters: [String: String]) throws(Problem) {
        func fail(_ name: String, _ reason: Problem.Reason) -> Problem { Problem(parameter: name, reason: reason) }
        func number(_ name: String, in range: ClosedRange<Double>) throws(Problem) -> Double? {
            guard let text = parameters[name], !text.isEmpty else { return nil }
            guard text.count <= 24, let value = Double(text), value.isFinite else { throw fail(name, .notANumber) }
            guard range.contains(value) else { throw fail(name, .outOfRange) }
            return value
        }
        func flag(_ name: String) throws(Problem) -> Bool {
            switch parameters[name] {
            case nil, "", "false", "0": return false
            case "true", "1", "on": return true
            default: throw fail(name, .unknownValue)
            }
        }
        if let text = parameters["type"], !text.isEmpty {
            var types = Set<SiteType>()
            for part in text.split(separator: ",", omittingEmptySubsequences: true).prefix(SiteType.allCases.count + 1) {
                guard let type = SiteType(rawValue: String(part)) else { throw fail("type", .unknownValue) }
                types.insert(type)
            }
            self.types = types
        }
        minAreaHa = try number("minAreaHa", in: 0...Self.maxAreaLimit)
        maxAreaHa = try number("maxAreaHa", in: 0...Self.maxAreaLimit)
        if let low = minAreaHa, let high = maxAreaHa, low > high { throw fail("maxAreaHa", .emptyRange) }
        if let text = parameters["right"], !text.isEmpty {
            guard let right = SiteRight(rawValue: text) else { throw fail("right", .unknownValue) }
            self.right = right
        }
        if let text = parameters["minPowerKw"], !text.isEmpty {
            guard text.count <= 9, let value = Int(text) else { throw fail("minPowerKw", .notANumber) }
            guard (0...Self.maxPowerLimit).contains(value) else { throw fail("minPowerKw", .outOfRange) }
            minPowerKw = value
        }
        gas = try flag("gas")
        water = try flag("water")
        rail = try flag("rail")
        maxRoadKm = try number("maxRoadKm", in: 0...Self.maxDistanceLimit)
        if let text = parameters["bbox"], !text.isEmpty {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 4, parts.allSatisfy({ $0.count <= 24 }) else { throw fail("bbox", .notANumber) }
            let values = parts.compactMap { Double($0) }.filter(\.isFinite)
            guard values.count == 4 else { throw fail("bbox", .notANumber) }
            guard (-180...180).contains(values[0]), (-180...180).contains(values[2]), (-90...90).contains(values[1]), (-90...90).contains(values[3])
            else { throw fail("bbox", .outOfRange) }
            guard values[0] <= values[2], values[1] <= values[3] else { throw fail("bbox", .emptyRange) }
            box = Box(west: values[0], south: values[1], east: values[2], north: values[3])
        }
        if let text = parameters["sort"], !text.isEmpty {
            guard let sort = Sort(rawValue: text) else { throw fail("sort", .unknownValue) }
            self.sort = sort
        }
    }

    /// The need these filters describe, for ranking sites by fit.
    public var need: SiteNeed {
        var need = SiteNeed()
        need.minAreaHa = minAreaHa
        need.maxAreaHa = maxAreaHa
        need.minPowerKw = minPowerKw
        need.gas = gas
        need.water = water
        need.rail = rail
        need.maxRoadKm = maxRoadKm
        return need
    }
}
