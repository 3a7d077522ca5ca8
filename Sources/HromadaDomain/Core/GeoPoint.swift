import Foundation

/// A point on the map in WGS 84 degrees, checked when made (a waste site, a
/// visitor guide's place, a route's track point): a position
/// from a form, an import or a device is refused rather than drawn in the sea.
public struct GeoPoint: Sendable, Hashable, Codable {
    public let longitude: Double
    public let latitude: Double

    /// Which coordinate is off the globe (or not a number), as a form names it.
    public enum Problem: String, Error, Equatable {
        case longitude, latitude
    }

    public init(longitude: Double, latitude: Double) throws(Problem) {
        guard latitude.isFinite, (-90...90).contains(latitude) else { throw .latitude }
        guard longitude.isFinite, (-180...180).contains(longitude) else { throw .longitude }
        self.longitude = longitude
        self.latitude = latitude
    }

    /// Degrees in ten-millionths (a centimetre on the ground), as the database keeps them.
    /// A checked point is at most 180°, so 1.8 × 10⁹ fits Int64 many times over.
    public var longitudeE7: Int64 { Int64((longitude * 10_000_000).rounded()) }
    public var latitudeE7: Int64 { Int64((latitude * 10_000_000).rounded()) }

    public init(longitudeE7: Int64, latitudeE7: Int64) throws(Problem) {
        try self.init(longitude: Double(longitudeE7) / 10_000_000, latitude: Double(latitudeE7) / 10_000_000)
    }

    /// Great-circle distance in metres (haversine on a sphere of the mean
    /// Earth radius: within 0.5 % of the ellipsoid, far below what streets add).
    public func metres(to other: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let dLat = (other.latitude - latitude) * radians, dLon = (other.longitude - longitude) * radians
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(latitude * radians) * cos(other.latitude * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6_371_008.8 * asin(min(1, a.squareRoot()))
    }
}
