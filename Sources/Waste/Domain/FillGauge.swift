/// How a distance sensor's reading becomes a fill level for one container.
///
/// An ultrasonic sensor under the lid measures the distance to whatever is
/// below it: the bottom when the container is empty (`emptyMillimetres`),
/// the waste's surface otherwise. The container counts as full at
/// `fullMillimetres` (a lid or an underground column's drum needs room). A
/// reading nearer than full is over 100 % (waste piled up to the sensor);
/// one farther than empty is an empty container seen through a gap, 0 %.
public struct FillGauge: Sendable, Equatable, Codable {
    public let emptyMillimetres: Int
    public let fullMillimetres: Int

    public init(emptyMillimetres: Int, fullMillimetres: Int) throws(RegisterProblem) {
        guard RegisterLimits.distanceMillimetres.contains(emptyMillimetres) else { throw RegisterProblem(field: "emptyDistanceMm", reason: .outOfRange) }
        guard RegisterLimits.distanceMillimetres.contains(fullMillimetres) else { throw RegisterProblem(field: "fullDistanceMm", reason: .outOfRange) }
        // A gauge needs at least 10 cm of travel to mean anything.
        guard emptyMillimetres - fullMillimetres >= 100 else { throw RegisterProblem(field: "fullDistanceMm", reason: .outOfRange) }
        self.emptyMillimetres = emptyMillimetres
        self.fullMillimetres = fullMillimetres
    }

    /// Fill in whole percent, 0…`maximumPercent`, for a measured distance.
    /// Both distances are checked (≤ 10 m), so the arithmetic stays small.
    public func percent(atDistance millimetres: Int) -> Int {
        let travel = emptyMillimetres - fullMillimetres
        let filled = emptyMillimetres - min(max(millimetres, 0), emptyMillimetres)
        let percent = (filled * 100 + travel / 2) / travel
        return min(percent, Self.maximumPercent)
    }

    /// Waste heaped up to the sensor reads as at most this.
    public static let maximumPercent = 120
}
