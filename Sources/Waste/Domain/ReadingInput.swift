import Foundation

/// A reading as an outside sender gives it, in its own units and number
/// types, before any check: the device API's JSON, a decoded LoRaWAN
/// payload, the simulator. `checked` is the one place a reading's numbers
/// are range-checked, so no door can let a NaN, an overflow or a date in
/// the year 30 000 through.
public struct ReadingInput: Sendable, Equatable {
    public var time: Date?
    public var counter: Double?
    public var fillPercent: Double?
    public var distanceMillimetres: Double?
    public var temperatureCelsius: Double?
    public var tiltDegrees: Double?
    public var lidOpen: Bool?
    public var batteryMillivolts: Double?
    public var batteryPercent: Double?
    public var solarMillivolts: Double?
    public var rssi: Double?
    public var snr: Double?
    public var alarms: ReadingAlarms

    public init(
        time: Date? = nil, counter: Double? = nil, fillPercent: Double? = nil, distanceMillimetres: Double? = nil, temperatureCelsius: Double? = nil,
        tiltDegrees: Double? = nil, lidOpen: Bool? = nil, batteryMillivolts: Double? = nil, batteryPercent: Double? = nil, solarMillivolts: Double? = nil,
        rssi: Double? = nil, snr: Double? = nil, alarms: ReadingAlarms = []
    ) {
        self.time = time
        self.counter = counter
        self.fillPercent = fillPercent
        self.distanceMillimetres = distanceMillimetres
        self.temperatureCelsius = temperatureCelsius
        self.tiltDegrees = tiltDegrees
        self.lidOpen = lidOpen
        self.batteryMillivolts = batteryMillivolts
        self.batteryPercent = batteryPercent
        self.solarMillivolts = solarMillivolts
        self.rssi = rssi
        self.snr = snr
        self.alarms = alarms
    }

    /// Why a reading was refused: the field, as the API names it, and the rule.
    public struct Problem: Error, Equatable, Sendable {
        public enum Reason: String, Sendable { case outOfRange, notWhole, inTheFuture, tooOld, empty }
        public let field: String
        public let reason: Reason
    }

    /// The bounds of each measurement: what real sensors report, with room,
    /// and nothing a sensor cannot mean (fill of 500 %, a battery of 90 V).
    public enum Bounds {
        public static let fillPercent: ClosedRange<Double> = 0...Double(FillGauge.maximumPercent)
        public static let distanceMillimetres: ClosedRange<Double> = 0...Double(RegisterLimits.distanceMillimetres.upperBound)
        /// A fire inside a steel container passes 100 °C; a sensor's own limit is about 150.
        public static let temperatureCelsius: ClosedRange<Double> = -60...200
        public static let tiltDegrees: ClosedRange<Double> = -180...180
        public static let batteryMillivolts: ClosedRange<Double> = 0...60_000
        public static let percent: ClosedRange<Double> = 0...100
        public static let solarMillivolts: ClosedRange<Double> = 0...60_000
        public static let rssi: ClosedRange<Double> = -200...0
        public static let snr: ClosedRange<Double> = -50...50
        public static let counter: ClosedRange<Double> = 0...Double(UInt32.max)
        /// A device's clock may run a little ahead of ours.
        public static let clockSkew: TimeInterval = 5 * 60
        /// Readings older than this are history a sensor cannot still be sending.
        public static let oldest: TimeInterval = 366 * 86_400
    }

    /// The checked reading. `receivedAt` is our clock: the time of a reading
    /// that gives none, and the reference for one from the future or the past.
    public func checked(receivedAt now: Date) throws(Problem) -> Reading {
        let measured: [Double?] = [
            fillPercent, distanceMillimetres, temperatureCelsius, tiltDegrees, batteryMillivolts, batteryPercent, solarMillivolts, rssi, snr,
        ]
        guard lidOpen != nil || !alarms.isEmpty || measured.contains(where: { $0 != nil }) else { throw Problem(field: "reading", reason: .empty) }
        let time = self.time ?? now
        guard time.timeIntervalSince(now) <= Bounds.clockSkew else { throw Problem(field: "time", reason: .inTheFuture) }
        guard now.timeIntervalSince(time) <= Bounds.oldest else { throw Problem(field: "time", reason: .tooOld) }
        let counter = try Self.whole(self.counter, Bounds.counter, "counter").map(UInt32.init)
        return Reading(
            measuredAt: Date(epochMilliseconds: time.epochMilliseconds), counter: counter,
            fillPercent: try Self.rounded(fillPercent, Bounds.fillPercent, scale: 1, "fillPercent"),
            distanceMillimetres: try Self.rounded(distanceMillimetres, Bounds.distanceMillimetres, scale: 1, "distanceMm"),
            temperatureTenths: try Self.rounded(temperatureCelsius, Bounds.temperatureCelsius, scale: 10, "temperatureC"),
            tiltTenths: try Self.rounded(tiltDegrees, Bounds.tiltDegrees, scale: 10, "tiltDegrees"),
            lidOpen: lidOpen,
            batteryMillivolts: try Self.rounded(batteryMillivolts, Bounds.batteryMillivolts, scale: 1, "batteryMv"),
            batteryPercent: try Self.rounded(batteryPercent, Bounds.percent, scale: 1, "batteryPercent"),
            solarMillivolts: try Self.rounded(solarMillivolts, Bounds.solarMillivolts, scale: 1, "solarMv"),
            rssi: try Self.rounded(rssi, Bounds.rssi, scale: 1, "rssi"),
            snrTenths: try Self.rounded(snr, Bounds.snr, scale: 10, "snr"),
            alarms: alarms.intersection(.known))
    }

    /// A value within its bounds, times `scale`, to the nearest whole number.
    /// The bounds are checked before the conversion, so it cannot trap.
    static func rounded(_ value: Double?, _ bounds: ClosedRange<Double>, scale: Double, _ field: String) throws(Problem) -> Int? {
        guard let value else { return nil }
        guard value.isFinite, bounds.contains(value) else { throw Problem(field: field, reason: .outOfRange) }
        return Int((value * scale).rounded())
    }

    static func whole(_ value: Double?, _ bounds: ClosedRange<Double>, _ field: String) throws(Problem) -> Int? {
        guard let value else { return nil }
        guard value.isFinite, bounds.contains(value) else { throw Problem(field: field, reason: .outOfRange) }
        guard value == value.rounded() else { throw Problem(field: field, reason: .notWhole) }
        return Int(value)
    }
}
