import Foundation

/// One report from a container's sensor, checked and in whole units.
///
/// Decimals arrive as tenths (°C × 10, degrees × 10, dB × 10) so both
/// databases keep them as integers and compare them alike. Every field but
/// the time may be missing: a heartbeat carries only the battery.
public struct Reading: Sendable, Equatable {
    public var measuredAt: Date
    /// The device's or network's frame counter, where there is one.
    public var counter: UInt32?
    public var fillPercent: Int?
    public var distanceMillimetres: Int?
    public var temperatureTenths: Int?
    public var tiltTenths: Int?
    public var lidOpen: Bool?
    public var batteryMillivolts: Int?
    public var batteryPercent: Int?
    public var solarMillivolts: Int?
    public var rssi: Int?
    public var snrTenths: Int?
    public var alarms: ReadingAlarms

    public init(
        measuredAt: Date, counter: UInt32? = nil, fillPercent: Int? = nil, distanceMillimetres: Int? = nil, temperatureTenths: Int? = nil,
        tiltTenths: Int? = nil, lidOpen: Bool? = nil, batteryMillivolts: Int? = nil, batteryPercent: Int? = nil, solarMillivolts: Int? = nil,
        rssi: Int? = nil, snrTenths: Int? = nil, alarms: ReadingAlarms = []
    ) {
        self.measuredAt = measuredAt
        self.counter = counter
        self.fillPercent = fillPercent
        self.distanceMillimetres = distanceMillimetres
        self.temperatureTenths = temperatureTenths
        self.tiltTenths = tiltTenths
        self.lidOpen = lidOpen
        self.batteryMillivolts = batteryMillivolts
        self.batteryPercent = batteryPercent
        self.solarMillivolts = solarMillivolts
        self.rssi = rssi
        self.snrTenths = snrTenths
        self.alarms = alarms
    }

    /// What makes a reading the same reading when it arrives twice: the
    /// counter where the sender has one, else the time it was measured (a
    /// network server retrying a webhook sends the same time again).
    public var identity: String {
        if let counter { return "c\(counter)" }
        return "t\(measuredAt.epochMilliseconds)"
    }

    /// A reading that gives a distance but no fill gets its fill from the container's gauge.
    public func filled(by gauge: FillGauge?) -> Reading {
        guard fillPercent == nil, let distance = distanceMillimetres, let gauge else { return self }
        var reading = self
        reading.fillPercent = gauge.percent(atDistance: distance)
        return reading
    }
}

/// What a sensor itself flags, beside its measurements.
public struct ReadingAlarms: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let full = ReadingAlarms(rawValue: 1)
    public static let fire = ReadingAlarms(rawValue: 2)
    public static let tilted = ReadingAlarms(rawValue: 4)
    public static let lowBattery = ReadingAlarms(rawValue: 8)

    /// Only the flags defined here survive a round trip through the database.
    public static let known: ReadingAlarms = [.full, .fire, .tilted, .lowBattery]
}

extension Date {
    /// Milliseconds since 1970; clamped as `epochSeconds` is, so no date stops the process.
    public var epochMilliseconds: Int64 {
        let milliseconds = (timeIntervalSince1970 * 1_000).rounded(.down)
        guard milliseconds.isFinite else { return milliseconds.isNaN || milliseconds < 0 ? .min : .max }
        return Int64(exactly: milliseconds) ?? (milliseconds < 0 ? .min : .max)
    }

    public init(epochMilliseconds: Int64) { self.init(timeIntervalSince1970: Double(epochMilliseconds) / 1_000) }
}
