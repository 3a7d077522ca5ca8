import Foundation
import HromadaDomain

/// Metres and seconds between every pair of points, as a truck goes: what
/// the day's routes are planned on. Row `i`, column `j` is from point `i`
/// to point `j`; roads make it asymmetric (one-way streets), so a planner
/// that needs a symmetric matrix takes `symmetric()`.
public struct TravelTable: Sendable, Equatable {
    public let metres: [[Int]]
    public let seconds: [[Int]]

    /// The most a table entry may be: a thousand kilometres, or a thousand hours.
    public static let maximum = 1_000_000_000

    public init(metres: [[Int]], seconds: [[Int]]) {
        self.metres = metres
        self.seconds = seconds
    }

    public var count: Int { metres.count }

    /// Each pair's two directions averaged (rounded up), for a planner that takes one figure per pair.
    public func symmetric() -> TravelTable {
        func average(_ table: [[Int]]) -> [[Int]] {
            table.indices.map { i in table.indices.map { j in i == j ? 0 : (table[i][j] + table[j][i] + 1) / 2 } }
        }
        return TravelTable(metres: average(metres), seconds: average(seconds))
    }

    /// The table over some of its points, in the order given (each index within it).
    public func rows(_ indexes: [Int]) -> TravelTable {
        TravelTable(metres: indexes.map { i in indexes.map { metres[i][$0] } }, seconds: indexes.map { i in indexes.map { seconds[i][$0] } })
    }
}

/// Where a `TravelTable` comes from.
public protocol DistanceProvider: Sendable {
    func table(_ points: [GeoPoint]) async throws -> TravelTable
}

/// Distances without a road map: the great-circle distance times a
/// circuity factor (streets are not straight: 1.3 is typical of a town's
/// grid), at an average speed for a collection truck in town. The default,
/// since it needs nothing; an OSRM server (`OSRMTable`) does better.
public struct StraightLineDistances: DistanceProvider {
    public let circuity: Double
    public let kilometresPerHour: Double

    public static let circuityRange = 1.0...3.0
    public static let speedRange = 5.0...90.0

    public init(circuity: Double = 1.3, kilometresPerHour: Double = 25) {
        self.circuity = Self.circuityRange.contains(circuity) ? circuity : 1.3
        self.kilometresPerHour = Self.speedRange.contains(kilometresPerHour) ? kilometresPerHour : 25
    }

    public func table(_ points: [GeoPoint]) -> TravelTable {
        let metres = points.map { from in
            points.map { to in
                // Half the globe's circumference at most, times three: far within Int.
                min(TravelTable.maximum, Int((from.metres(to: to) * circuity).rounded()))
            }
        }
        let metresPerSecond = kilometresPerHour / 3.6
        let seconds = metres.map { row in row.map { Int((Double($0) / metresPerSecond).rounded()) } }
        return TravelTable(metres: metres, seconds: seconds)
    }
}
