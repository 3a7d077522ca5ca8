import Foundation
import HromadaDomain

/// A container's day (Kyiv time), made from its hours: the open data's
/// daily fill statistics.
public struct DailyFill: Sendable, Equatable {
    public let day: CalendarDate
    public let readings: Int
    public let fillMin: Int?
    public let fillMax: Int?
    /// The fill at the day's last reading that had one.
    public let fillLast: Int?
    public let temperatureMaxTenths: Int?
    public let alarms: ReadingAlarms

    /// The days of one container's hours, in order.
    public static func days(of hours: [HourlyAggregate]) -> [DailyFill] {
        let byDay = Dictionary(grouping: hours) { CalendarDate.inKyiv(Date(epochSeconds: $0.hour * 3_600)) }
        return byDay.keys.sorted().compactMap { day in
            guard let group = byDay[day]?.sorted(by: { $0.hour < $1.hour }) else { return nil }
            return DailyFill(
                day: day, readings: group.reduce(0) { $0 + $1.readings }, fillMin: group.compactMap(\.fillMin).min(),
                fillMax: group.compactMap(\.fillMax).max(), fillLast: group.last(where: { $0.fillLast != nil })?.fillLast,
                temperatureMaxTenths: group.compactMap(\.temperatureMaxTenths).max(), alarms: group.reduce(into: ReadingAlarms()) { $0.formUnion($1.alarms) })
        }
    }
}
