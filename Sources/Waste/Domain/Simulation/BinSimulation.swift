import Foundation
import HromadaDomain

/// A month (or any number of days) of a city's bins, made up but shaped
/// like the real thing, for the demo, the tests and the benchmarks: fill by
/// the day of the week and the kind of place, emptied on the fixed
/// schedule cities keep today, and five planted faults (a fire, a tilted
/// bin, a dying battery, a shaded panel, a sensor that goes quiet).
///
/// Deterministic for a seed. Two kinds of sensor, as cities have them:
/// Dingtek DF702s on LoRaWAN (distance, temperature, tilt and flags; no
/// battery figure) and generic solar bins that post their own JSON (fill,
/// battery, solar charge too). The doors that carry them are the caller's.
public struct BinSimulation: Sendable {
    /// What surrounds a bin decides how fast it fills and on which days.
    public enum Place: String, Sendable, CaseIterable {
        case residential, market, station, park
    }

    /// A fault planted in one bin, from an hour of the simulation on (hours since its start).
    public enum Fault: Sendable, Equatable {
        /// Smouldering from this hour: 78 °C, then 95 °C, put out three hours later.
        case fire(hour: Int)
        /// Knocked over to 40° from this hour on.
        case tilted(fromHour: Int)
        /// A battery that no longer holds its charge: from 55 % down 1.6 points a day.
        case dyingBattery
        /// Its panel charges at 30 % of its peers' from this hour on (leaves, dirt, a new kiosk's shade).
        case shadedPanel(fromHour: Int)
        /// Says nothing for these hours.
        case silent(fromHour: Int, hours: Int)

        /// The alert the fault should raise.
        public var alert: AlertKind {
            switch self {
            case .fire: .fire
            case .tilted: .tilted
            case .dyingBattery: .lowBattery
            case .shadedPanel: .solarLow
            case .silent: .silent
            }
        }
    }

    public struct Bin: Sendable, Equatable {
        public let number: Int
        public let place: Place
        public let fraction: Fraction
        public let model: SensorModel
        public let point: GeoPoint
        /// Fill points a day on an ordinary weekday.
        public let dailyPoints: Double
        /// The weekdays (1 Monday … 7 Sunday) the fixed schedule empties it, and the hour it comes.
        public let emptyingDays: Set<Int>
        public let emptyingHour: Int
        public let fault: Fault?

        /// A device id for each bin: DevEUI-shaped, unique per bin and city prefix.
        public func deviceID(prefix: UInt32) -> String { String(format: "70B3D5E7%02X%06X", prefix & 0xFF, number) }
    }

    /// The gauge every simulated container has: 1.9 m to the bottom, full at 30 cm.
    public static let emptyMillimetres = 1_900, fullMillimetres = 300

    /// That gauge, for turning the DF702s' distances into fill as the doors do.
    public static func gauge() throws -> FillGauge {
        try FillGauge(emptyMillimetres: emptyMillimetres, fullMillimetres: fullMillimetres)
    }

    public let start: Date
    public let days: Int
    public let bins: [Bin]
    let seed: UInt64

    /// Bins around `centre` (within about two kilometres), their readings
    /// every hour for `days` days until `end`, the last within twenty minutes of it.
    public init(bins count: Int, days: Int, endingAt end: Date, centre: GeoPoint, seed: UInt64 = 2_026) {
        let hours = max(1, days) * 24
        self.start = end.addingTimeInterval(-Double(hours) * 3_600)
        self.days = max(1, days)
        self.seed = seed
        var generator = SeededGenerator(seed: seed)
        let places = Place.allCases, fractions: [Fraction] = [.mixed, .mixed, .plastic, .paper, .glass, .organic]
        // At their usual hours in a month; earlier in a shorter run, so each still happens.
        func within(_ hour: Int, _ room: Int) -> Int { max(0, min(hours - room, hour)) }
        let faults: [Fault] = [
            .fire(hour: within(20 * 24 + 14, 30)), .tilted(fromHour: within(12 * 24 + 10, 48)), .dyingBattery,
            .shadedPanel(fromHour: within(8 * 24, 96)), .silent(fromHour: within(15 * 24 + 3, 24), hours: 10),
        ]
        bins = (0..<max(0, count)).map { number in
            // Bins sit on a jittered grid about 250 m apart, so they look like a town's sites, not a cloud.
            let side = max(1, Int(Double(count).squareRoot().rounded(.up)))
            let row = number / side, column = number % side
            let north = (Double(row) - Double(side) / 2) * 0.00225 + Double.random(in: -0.0006...0.0006, using: &generator)
            let east = (Double(column) - Double(side) / 2) * 0.0034 + Double.random(in: -0.0009...0.0009, using: &generator)
            let point = (try? GeoPoint(longitude: centre.longitude + east, latitude: centre.latitude + north)) ?? centre
            let fault = number < faults.count ? faults[number] : nil
            // The battery and panel faults need a sensor that reports them; so does one bin in three besides.
            let generic = fault == .dyingBattery || { if case .shadedPanel = fault { true } else { false } }() || (fault == nil && number % 3 == 0)
            let place = places[number % places.count]
            let base: Double = switch place {
            case .residential: 24
            case .market: 40
            case .station: 32
            case .park: 14
            }
            let schedule: Set<Int> = number % 2 == 0 ? [1, 4] : [2, 5]
            return Bin(
                number: number, place: place, fraction: fractions[number % fractions.count], model: generic ? .generic : .dingtekDF702, point: point,
                dailyPoints: base * Double.random(in: 0.75...1.25, using: &generator), emptyingDays: schedule, emptyingHour: 8 + number % 4, fault: fault)
        }
    }

    /// The planted faults: each bin's number and the alert it should raise.
    public var planted: [Int: AlertKind] {
        Dictionary(uniqueKeysWithValues: bins.compactMap { bin in bin.fault.map { (bin.number, $0.alert) } })
    }

    /// How busy a place is on a weekday, against its ordinary day.
    static func weekdayFactor(_ place: Place, _ weekday: Int) -> Double {
        let weekend = weekday >= 6
        return switch place {
        case .residential: weekend ? 1.4 : 1
        case .market: weekday == 6 ? 1.8 : weekday == 7 ? 1.2 : 1
        case .station: weekend ? 0.7 : 1.15
        case .park: weekend ? 2.2 : 0.8
        }
    }

    /// Waste goes in by day: most of a day's fill between 7:00 and 22:00 (Kyiv).
    static func hourFactor(_ hourOfDay: Int) -> Double { (7...21).contains(hourOfDay) ? 1.6 * 24 / 25.8 : 0.2 * 24 / 25.8 }

    /// The sky over the whole town on a day: the same for every panel (0.3 overcast … 1 clear).
    func weather(day: Int) -> Double {
        var generator = SeededGenerator(seed: seed &+ 0xC10D &+ UInt64(max(0, day)))
        return Double.random(in: 0.3...1, using: &generator)
    }

    /// One bin's readings, an hour apart, oldest first.
    public func readings(of bin: Bin) -> [Reading] {
        var generator = SeededGenerator(seed: seed &+ 0x5EED &+ UInt64(bin.number) &* 7_919)
        var fill = Double.random(in: 0...40, using: &generator)
        var readings: [Reading] = []
        readings.reserveCapacity(days * 24)
        let panel = Double.random(in: 0.9...1.1, using: &generator)
        for hour in 0..<(days * 24) {
            // Late in each hour, so the last reading is minutes before the end whatever its minute:
            // a sensor that reported an hour and more ago would look silent to the rules.
            let time = start.addingTimeInterval(Double(hour) * 3_600 + 3_000 - Double(bin.number % 50) * 11)
            let absoluteHour = Int64((time.timeIntervalSince1970 / 3_600).rounded(.down))
            let weekday = FillForecast.Rates.weekday(absoluteHour)
            let hourOfDay = Self.kyivHour(time)
            if bin.emptyingDays.contains(weekday), hourOfDay == bin.emptyingHour {
                fill = Double.random(in: 0...4, using: &generator)
            } else {
                let gain = bin.dailyPoints / 24 * Self.weekdayFactor(bin.place, weekday) * Self.hourFactor(hourOfDay)
                fill = min(115, fill + gain * Double.random(in: 0.7...1.3, using: &generator))
            }
            if case .silent(let from, let quiet) = bin.fault, (from..<(from + quiet)).contains(hour) { continue }
            readings.append(reading(of: bin, hour: hour, at: time, hourOfDay: hourOfDay, fill: fill, panel: panel, generator: &generator))
        }
        return readings
    }

    private func reading(of bin: Bin, hour: Int, at time: Date, hourOfDay: Int, fill: Double, panel: Double, generator: inout SeededGenerator) -> Reading {
        // Late autumn in Podillia: about 2 °C before dawn, 9 °C after noon.
        var temperature = 5.5 + 3.5 * sin(Double(hourOfDay - 9) / 24 * 2 * .pi) + Double.random(in: -0.8...0.8, using: &generator)
        var tilt = Double.random(in: -2...2, using: &generator)
        var alarms: ReadingAlarms = []
        switch bin.fault {
        case .fire(let at) where (at..<(at + 3)).contains(hour):
            temperature = hour == at ? 78 : 95
            alarms.insert(.fire)
        case .tilted(let from) where hour >= from:
            tilt = 40
            alarms.insert(.tilted)
        default:
            break
        }
        let distance = Self.emptyMillimetres - Int((min(fill, 115) / 100 * Double(Self.emptyMillimetres - Self.fullMillimetres)).rounded())
        let percent = Int(fill.rounded())
        if percent >= 100 { alarms.insert(.full) }
        var reading = Reading(
            measuredAt: time, counter: UInt32(hour + 1), fillPercent: bin.model == .generic ? percent : nil, distanceMillimetres: distance,
            temperatureTenths: Int((temperature * 10).rounded()), tiltTenths: Int((tilt * 10).rounded()), alarms: alarms)
        guard bin.model == .generic else { return reading }
        // Generic solar bins: the battery and the panel's charge as well.
        let day = hour / 24
        let battery: Double = bin.fault == .dyingBattery ? max(3, 55 - 1.6 * Double(hour) / 24) : 88 + 6 * sin(Double(hourOfDay - 14) / 24 * 2 * .pi)
        var shade = 1.0
        if case .shadedPanel(let from) = bin.fault, hour >= from { shade = 0.3 }
        let daylight = (9...15).contains(hourOfDay) ? sin(Double(hourOfDay - 8) / 8 * .pi) : 0
        reading.batteryPercent = Int(battery.rounded())
        reading.batteryMillivolts = 3_300 + Int((battery * 9).rounded())
        reading.solarMillivolts = Int((5_600 * daylight * weather(day: day) * panel * shade).rounded())
        if battery <= 15 { reading.alarms.insert(.lowBattery) }
        return reading
    }

    static func kyivHour(_ time: Date) -> Int { FillForecast.Rates.kyivHour(time) }
}
