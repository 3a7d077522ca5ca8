import Foundation

/// What an alert is about. Each kind has its rule in `AlertRules`, set on
/// the city's settings page.
public enum AlertKind: String, Sendable, Codable, CaseIterable {
    /// The fill is at or over the full threshold, or the sensor says full.
    case full
    /// The temperature is over the fire threshold or rose fast, or the sensor says fire.
    case fire
    /// The container leans more than it should (knocked over, lifted, moved), or the sensor says so.
    case tilted
    /// The lid has been reported open for too long.
    case lidOpen = "lid-open"
    /// The battery is low, by its own flag, its percentage or its voltage.
    case lowBattery = "low-battery"
    /// The panel charges much less than the city's other panels over the
    /// same days: dirty or shaded, since the season and the weather are the same for all.
    case solarLow = "solar-low"
    /// Two heartbeats have passed without a word from the sensor.
    case silent
    /// The forecast reaches the full line before the next round can come.
    case fullBeforeRound = "full-before-round"
    /// The sensor saw an emptying (a sudden drop) on a day whose plan did not have the container.
    case unplannedEmptying = "unplanned-emptying"
    /// A stop of today's plan not emptied by the end of its truck's shift (skipped, or no word and no drop).
    case missedStop = "missed-stop"

    /// Kinds whose raising cannot wait for staff to look: mailed to the dispatchers at once.
    public var isUrgent: Bool { self == .fire }

    /// Kinds that need the day's plan to be told; the rest need only the readings.
    public static let routeKinds: Set<AlertKind> = [.fullBeforeRound, .unplannedEmptying, .missedStop]
    public static let readingKinds = Set(allCases).subtracting(routeKinds)
}

/// What an alert's rule saw: the figure that crossed the line, in the
/// kind's unit (`AlertKind.unit`), and when.
public struct AlertEvidence: Sendable, Equatable {
    /// Fill %, tenths of °C (of the temperature, or of the rise), tenths of
    /// a degree of tilt, minutes open, battery % (or mV when only that is
    /// known), % of the peers' charge, minutes silent.
    public var value: Int
    public var unit: AlertUnit
    public var observedAt: Date

    public init(value: Int, unit: AlertUnit, observedAt: Date) {
        self.value = value
        self.unit = unit
        self.observedAt = observedAt
    }
}

/// The unit of an alert's figure, so a page can say it.
public enum AlertUnit: String, Sendable, Codable, CaseIterable {
    case percent
    case tenthsCelsius = "dc"
    case tenthsCelsiusRise = "dc-rise"
    case tenthsDegree = "dd"
    case minutes
    case millivolts = "mv"
    /// A flag the sensor raised itself; the value is 1.
    case flag
}
