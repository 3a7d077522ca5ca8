/// A place on the map (WGS 84 degrees): an event's venue, an organisation's
/// office. Made only within the globe's ranges, so a page never draws, and
/// open data never publishes, a point that is not one.
public struct Location: Sendable, Equatable, Codable {
    public let latitude: Double
    public let longitude: Double

    public init?(latitude: Double, longitude: Double) {
        guard (-90...90).contains(latitude), (-180...180).contains(longitude) else { return nil }
        self.latitude = latitude
        self.longitude = longitude
    }
}
