import Foundation

/// A box on the map in WGS 84 degrees: a city's territory, where its maps
/// open and within which a place named in it (a budget project's site, a
/// petition's place) must lie. A hromada is a few tens of kilometres across,
/// so a box is what a resident's tap or a geocoder's answer is checked
/// against; the exact boundary is the cadastre's business.
public struct GeoBox: Hashable, Codable, Sendable {
    public let west: Double
    public let south: Double
    public let east: Double
    public let north: Double

    /// Ukraine within its borders, with a margin: where a city without a territory of its own accepts places.
    public static let ukraine = GeoBox(checkedWest: 22.0, south: 44.0, east: 40.3, north: 52.5)

    public enum Problem: Error, Equatable, Sendable {
        /// Not a number, or a longitude outside −180…180 or a latitude outside −90…90.
        case outOfRange
        /// West not west of east, or south not south of north.
        case empty
    }

    public init(west: Double, south: Double, east: Double, north: Double) throws(Problem) {
        guard [west, south, east, north].allSatisfy(\.isFinite), (-180...180).contains(west), (-180...180).contains(east),
              (-90...90).contains(south), (-90...90).contains(north)
        else { throw .outOfRange }
        guard west < east, south < north else { throw .empty }
        self.init(checkedWest: west, south: south, east: east, north: north)
    }

    private init(checkedWest west: Double, south: Double, east: Double, north: Double) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }

    /// Stored rows are read through the same checks as typed ones.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                west: try container.decode(Double.self, forKey: .west), south: try container.decode(Double.self, forKey: .south),
                east: try container.decode(Double.self, forKey: .east), north: try container.decode(Double.self, forKey: .north))
        } catch let problem as Problem {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a box on the map: \(problem)"))
        }
    }

    /// The box as a form shows it and a map's "search this area" writes it:
    /// `west,south,east,north` in degrees. Blank is no box (nil).
    public static func parse(_ text: String) throws(Problem) -> GeoBox? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard text.count <= 128, parts.count == 4 else { throw .outOfRange }
        var numbers: [Double] = []
        for part in parts {
            guard let number = Double(part) else { throw .outOfRange }
            numbers.append(number)
        }
        return try GeoBox(west: numbers[0], south: numbers[1], east: numbers[2], north: numbers[3])
    }

    /// What `parse` reads: `28.3,49.15,28.62,49.32`.
    public var text: String { [west, south, east, north].map { String($0) }.joined(separator: ",") }

    /// Whether the point lies in the box (its edges included).
    public func contains(longitude: Double, latitude: Double) -> Bool {
        longitude.isFinite && latitude.isFinite && (west...east).contains(longitude) && (south...north).contains(latitude)
    }

    /// The box's middle, where a map opens.
    public var centre: (longitude: Double, latitude: Double) { ((west + east) / 2, (south + north) / 2) }
}

/// A place named by a resident: a longitude and a latitude within the city's territory.
public struct CityPlace: Hashable, Sendable {
    public let longitude: Double
    public let latitude: Double

    public enum Problem: Error, Equatable, Sendable {
        /// Only one of the two was given, or one is not a number.
        case incomplete
        /// A number, but not a place in the city.
        case outsideTerritory
    }

    /// The point typed (or put there by a tap on the map) as text: both
    /// blank is no place at all (nil); anything else must be a point in `territory`.
    public static func parse(longitude: String, latitude: String, within territory: GeoBox) throws(Problem) -> CityPlace? {
        let longitude = longitude.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        let latitude = latitude.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        if longitude.isEmpty, latitude.isEmpty { return nil }
        // Bounded lengths: a number of degrees needs no more, and Double's parser gets no megabytes.
        guard longitude.count <= 32, latitude.count <= 32, let x = Double(longitude), let y = Double(latitude), x.isFinite, y.isFinite else {
            throw .incomplete
        }
        return try CityPlace(longitude: x, latitude: y, within: territory)
    }

    /// A place given as two optional numbers (a form's or an API's): both nil is no place,
    /// one alone is `incomplete`, and two must make a point in `territory`.
    public static func optional(longitude: Double?, latitude: Double?, within territory: GeoBox) throws(Problem) -> CityPlace? {
        switch (longitude, latitude) {
        case (nil, nil): return nil
        case (let longitude?, let latitude?): return try CityPlace(longitude: longitude, latitude: latitude, within: territory)
        default: throw .incomplete
        }
    }

    public init(longitude: Double, latitude: Double, within territory: GeoBox) throws(Problem) {
        guard territory.contains(longitude: longitude, latitude: latitude) else { throw .outsideTerritory }
        self.longitude = longitude
        self.latitude = latitude
    }
}
