import Foundation

/// Where an investment site is: its boundary as a GeoJSON polygon (RFC 7946,
/// WGS 84 longitude and latitude, the outer ring first and holes after it)
/// or, where no boundary is surveyed yet, a point. Checked as it is read
/// from outside: a shape that a GIS would refuse is refused here, with what
/// is wrong, and nothing is stored.
public enum SiteGeometry: Hashable, Sendable {
    case point(Position)
    /// Rings of positions, each closed (its last position is its first).
    case polygon([[Position]])

    /// A longitude and a latitude in degrees.
    public struct Position: Hashable, Sendable {
        public let longitude: Double
        public let latitude: Double

        public init(longitude: Double, latitude: Double) throws(Problem) {
            guard longitude.isFinite, latitude.isFinite, (-180...180).contains(longitude), (-90...90).contains(latitude) else {
                throw .outOfRange
            }
            self.longitude = longitude
            self.latitude = latitude
        }
    }

    /// What is wrong with a shape, one case per rule.
    public enum Problem: Error, Equatable, Sendable {
        /// `type` is neither `Point` nor `Polygon`.
        case unsupportedType
        /// A position is not two (or three) numbers.
        case malformedPosition
        /// A longitude outside −180…180 or a latitude outside −90…90.
        case outOfRange
        /// A ring of fewer than four positions.
        case ringTooShort
        /// A ring whose last position is not its first.
        case ringNotClosed
        /// The outer ring crosses itself or encloses no area.
        case selfIntersecting
        /// More rings or positions than a plot's boundary needs.
        case tooLarge
    }

    /// Enough for a surveyed boundary (cadastral plots have tens of vertices).
    public static let maxRings = 50
    public static let maxPositionsPerRing = 2_000

    /// GeoJSON's `coordinates` as JSON holds them: numbers in nested lists.
    /// Read as they come, checked by `SiteGeometry(type:coordinates:)`.
    public indirect enum Coordinates: Decodable, Sendable, Equatable {
        case number(Double)
        case list([Coordinates])

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            // A boolean or text is neither, and fails here as malformed JSON for a geometry.
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .list(try container.decode([Coordinates].self))
            }
        }
    }

    /// A GeoJSON geometry object as decoded, before its rules are checked.
    public struct GeoJSON: Decodable, Sendable, Equatable {
        public let type: String
        public let coordinates: Coordinates

        public init(type: String, coordinates: Coordinates) {
            self.type = type
            self.coordinates = coordinates
        }
    }

    /// A shape from a decoded GeoJSON geometry, checked.
    public init(_ geometry: GeoJSON) throws(Problem) {
        switch geometry.type {
        case "Point":
            self = .point(try Self.position(geometry.coordinates))
        case "Polygon":
            guard case .list(let items) = geometry.coordinates else { throw .malformedPosition }
            guard !items.isEmpty else { throw .ringTooShort }
            guard items.count <= Self.maxRings else { throw .tooLarge }
            var rings: [[Position]] = []
            for item in items {
                // A ring is a list of positions, each a list: a number here is a ring written one level too shallow.
                guard case .list(let ring) = item, !ring.contains(where: { if case .number = $0 { true } else { false } }) else {
                    throw .malformedPosition
                }
                guard ring.count <= Self.maxPositionsPerRing else { throw .tooLarge }
                guard ring.count >= 4 else { throw .ringTooShort }
                var positions: [Position] = []
                positions.reserveCapacity(ring.count)
                for position in ring { positions.append(try Self.position(position)) }
                guard positions.first == positions.last else { throw .ringNotClosed }
                rings.append(positions)
            }
            guard Self.isSimple(rings[0]) else { throw .selfIntersecting }
            self = .polygon(rings)
        default:
            throw .unsupportedType
        }
    }

    /// Two or three numbers (an altitude is allowed by GeoJSON and ignored).
    private static func position(_ value: Coordinates) throws(Problem) -> Position {
        guard case .list(let items) = value, (2...3).contains(items.count) else { throw .malformedPosition }
        var numbers: [Double] = []
        for item in items {
            guard case .number(let number) = item else { throw .malformedPosition }
            numbers.append(number)
        }
        return try Position(longitude: numbers[0], latitude: numbers[1])
    }

    /// Whether a closed ring encloses some area without crossing itself:
    /// no two edges that are not neighbours touch.
    static func isSimple(_ ring: [Position]) -> Bool {
        let edges = ring.count - 1
        guard edges >= 3, abs(signedArea(ring)) > 0 else { return false }
        for i in 0..<edges {
            for j in (i + 1)..<edges where j != i + 1 && !(i == 0 && j == edges - 1) {
                if segmentsTouch(ring[i], ring[i + 1], ring[j], ring[j + 1]) { return false }
            }
        }
        return true
    }

    /// Twice the ring's area in square degrees, signed by its direction.
    private static func signedArea(_ ring: [Position]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0) { sum, pair in sum + pair.0.longitude * pair.1.latitude - pair.1.longitude * pair.0.latitude }
    }

    private static func segmentsTouch(_ a: Position, _ b: Position, _ c: Position, _ d: Position) -> Bool {
        func orientation(_ p: Position, _ q: Position, _ r: Position) -> Double {
            (q.longitude - p.longitude) * (r.latitude - p.latitude) - (q.latitude - p.latitude) * (r.longitude - p.longitude)
        }
        func within(_ p: Position, _ q: Position, _ r: Position) -> Bool {
            min(p.longitude, q.longitude) <= r.longitude && r.longitude <= max(p.longitude, q.longitude)
                && min(p.latitude, q.latitude) <= r.latitude && r.latitude <= max(p.latitude, q.latitude)
        }
        let o1 = orientation(a, b, c), o2 = orientation(a, b, d), o3 = orientation(c, d, a), o4 = orientation(c, d, b)
        if (o1 > 0) != (o2 > 0), (o3 > 0) != (o4 > 0), o1 != 0, o2 != 0, o3 != 0, o4 != 0 { return true }
        return (o1 == 0 && within(a, b, c)) || (o2 == 0 && within(a, b, d)) || (o3 == 0 && within(c, d, a)) || (o4 == 0 && within(c, d, b))
    }

    // MARK: What the catalogue needs of a shape

    /// The smallest box holding it: west, south, east, north.
    public var boundingBox: (west: Double, south: Double, east: Double, north: Double) {
        let positions: [Position]
        switch self {
        case .point(let position): positions = [position]
        case .polygon(let rings): positions = rings[0]
        }
        let longitudes = positions.map(\.longitude), latitudes = positions.map(\.latitude)
        return (longitudes.min() ?? 0, latitudes.min() ?? 0, longitudes.max() ?? 0, latitudes.max() ?? 0)
    }

    /// Where a marker goes: the point, or the middle of the boundary's box.
    public var marker: Position {
        switch self {
        case .point(let position): return position
        case .polygon:
            let box = boundingBox
            // The box's middle is within range whenever its corners are.
            return (try? Position(longitude: (box.west + box.east) / 2, latitude: (box.south + box.north) / 2)) ?? .origin
        }
    }

    /// The area inside the boundary (holes taken out) in hectares, on a
    /// plane tangent at the plot: within a fraction of a percent for plots
    /// of a few square kilometres. Nil for a point.
    public var approximateAreaHa: Double? {
        guard case .polygon(let rings) = self else { return nil }
        let latitude = marker.latitude * .pi / 180
        let metresPerDegreeLatitude = 111_320.0, metresPerDegreeLongitude = 111_320.0 * cos(latitude)
        let squareDegrees = abs(Self.signedArea(rings[0])) / 2 - rings.dropFirst().reduce(0) { $0 + abs(Self.signedArea($1)) / 2 }
        return max(0, squareDegrees) * metresPerDegreeLatitude * metresPerDegreeLongitude / 10_000
    }

    /// GeoJSON's `type`.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .polygon: "Polygon"
        }
    }
}

extension SiteGeometry.Position {
    /// 0° 0°: stands in where no position can be worked out, which the checks above make impossible.
    static let origin = SiteGeometry.Position(uncheckedLongitude: 0, latitude: 0)

    private init(uncheckedLongitude longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}

extension SiteGeometry: Codable {
    private enum Keys: String, CodingKey { case type, coordinates }

    /// From GeoJSON, checked as `init(_:)` checks it.
    public init(from decoder: any Decoder) throws {
        do { try self.init(try GeoJSON(from: decoder)) } catch let problem as Problem {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an acceptable shape: \(problem)"))
        }
    }

    /// As GeoJSON: `{"type": "Polygon", "coordinates": [[[lon, lat], …]]}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(typeName, forKey: .type)
        switch self {
        case .point(let position): try container.encode([position.longitude, position.latitude], forKey: .coordinates)
        case .polygon(let rings): try container.encode(rings.map { $0.map { [$0.longitude, $0.latitude] } }, forKey: .coordinates)
        }
    }
}
