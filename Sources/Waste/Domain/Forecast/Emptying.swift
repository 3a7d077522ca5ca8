import Foundation

/// Emptyings seen in a container's fill: a sudden drop. Trucks do not tell
/// the platform when they empty a bin; the sensor does, by reading low
/// after reading high.
public enum Emptying {
    /// A drop of at least this many points is an emptying (compaction and
    /// sensor noise move the fill a few points, never this many).
    public static let drop = 30
    /// Two fills further apart than this are not compared: a silent sensor's gap says nothing.
    public static let longestGapHours: Int64 = 12

    /// The hours in which an emptying happened, oldest first: where the
    /// hour's last fill is `drop` points under the higher of the previous
    /// hour's last fill and this hour's highest (an hour that saw both the full
    /// bin and the empty one).
    public static func hours(in hours: [HourlyAggregate]) -> [Int64] {
        drops(in: hours).map(\.hour)
    }

    /// The same, with each drop's size in points.
    public static func drops(in hours: [HourlyAggregate]) -> [(hour: Int64, drop: Int)] {
        var found: [(hour: Int64, drop: Int)] = []
        var previous: (hour: Int64, fill: Int)?
        for hour in hours {
            guard let last = hour.fillLast else { continue }
            var before = hour.fillMax ?? last
            if let previous {
                let (gap, overflow) = hour.hour.subtractingReportingOverflow(previous.hour)
                if !overflow, gap <= longestGapHours { before = max(before, previous.fill) }
            }
            // Fills come from checked readings; a hand-edited row's extreme figure must not trap here.
            let (difference, overflow) = before.subtractingReportingOverflow(last)
            if !overflow, difference >= drop { found.append((hour.hour, difference)) }
            previous = (hour.hour, last)
        }
        return found
    }
}
