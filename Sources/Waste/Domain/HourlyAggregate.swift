import Foundation

/// One container's hour, made from its raw readings and kept after they
/// age out: enough for the fill chart, the forecasts' history and the
/// open data's daily statistics.
public struct HourlyAggregate: Sendable, Equatable {
    /// Hours since 1970 (UTC).
    public let hour: Int64
    public let readings: Int
    public let fillMin: Int?
    public let fillMax: Int?
    /// The fill of the hour's last reading that had one.
    public let fillLast: Int?
    public let temperatureMaxTenths: Int?
    public let batteryMinMillivolts: Int?
    public let solarMaxMillivolts: Int?
    /// Every flag any reading of the hour raised.
    public let alarms: ReadingAlarms

    public init(
        hour: Int64, readings: Int, fillMin: Int?, fillMax: Int?, fillLast: Int?, temperatureMaxTenths: Int?, batteryMinMillivolts: Int?,
        solarMaxMillivolts: Int?, alarms: ReadingAlarms
    ) {
        self.hour = hour
        self.readings = readings
        self.fillMin = fillMin
        self.fillMax = fillMax
        self.fillLast = fillLast
        self.temperatureMaxTenths = temperatureMaxTenths
        self.batteryMinMillivolts = batteryMinMillivolts
        self.solarMaxMillivolts = solarMaxMillivolts
        self.alarms = alarms
    }

    public static let millisecondsPerHour: Int64 = 3_600_000

    /// The hour a reading falls in (floor, also before 1970).
    public static func hour(of reading: Reading) -> Int64 {
        let milliseconds = reading.measuredAt.epochMilliseconds
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: millisecondsPerHour)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// The hours of these readings, each made from all of its readings given, in order of hour.
    public static func hours(of readings: [Reading]) -> [HourlyAggregate] {
        let byHour = Dictionary(grouping: readings, by: hour(of:))
        return byHour.keys.sorted().compactMap { hour in
            guard let group = byHour[hour]?.sorted(by: { $0.measuredAt < $1.measuredAt }) else { return nil }
            let fills = group.compactMap(\.fillPercent)
            return HourlyAggregate(
                hour: hour, readings: group.count, fillMin: fills.min(), fillMax: fills.max(), fillLast: group.last(where: { $0.fillPercent != nil })?.fillPercent,
                temperatureMaxTenths: group.compactMap(\.temperatureTenths).max(), batteryMinMillivolts: group.compactMap(\.batteryMillivolts).min(),
                solarMaxMillivolts: group.compactMap(\.solarMillivolts).max(), alarms: group.reduce(into: ReadingAlarms()) { $0.formUnion($1.alarms) })
        }
    }
}
