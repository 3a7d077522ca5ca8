import Foundation
import HromadaDomain

/// The lines each alert kind draws, one city's own (its settings page sets them).
public struct AlertRules: Sendable, Hashable, Codable {
    /// Full at this fill, in %.
    public var fullPercent = 90
    /// Fire at this temperature, in °C...
    public var fireCelsius = 60
    /// ...or at a rise of this many °C within `fireRiseMinutes`.
    public var fireRiseCelsius = 15
    public var fireRiseMinutes = 30
    /// Tilted past this many degrees from upright.
    public var tiltDegrees = 20
    /// The lid reported open this long.
    public var lidOpenMinutes = 30
    /// Low battery at this % or below, or at this many millivolts or below when only the voltage is known.
    public var lowBatteryPercent = 20
    public var lowBatteryMillivolts = 3_300
    /// A panel whose best charge over the last three days is below this
    /// share (%) of the city's other panels' median is dirty or shaded.
    public var solarShareOfPeers = 50
    /// How often a sensor reports when nothing happens; two missed is silence.
    public var heartbeatMinutes = 60
    /// A planned stop is missed when it is not emptied this long after its truck's shift ends.
    public var missedStopGraceMinutes = 30

    public init() {}

    public static let fullRange = 50...100
    public static let fireRange = 30...150
    public static let fireRiseRange = 5...100
    public static let fireRiseMinutesRange = 5...240
    public static let tiltRange = 5...90
    public static let lidOpenRange = 5...1_440
    public static let lowBatteryPercentRange = 1...90
    public static let lowBatteryMillivoltsRange = 2_000...4_500
    public static let solarShareRange = 5...95
    public static let heartbeatRange = 5...10_080
    public static let missedStopGraceRange = 0...720

    /// The city's other panels over these days are the yardstick; fewer
    /// than this many of them is no yardstick.
    public static let solarWindow: TimeInterval = 3 * 86_400
    public static let solarPeersNeeded = 5

    /// How far back the rules look at readings: the longest of the lid's,
    /// the rise's and one heartbeat, so a lid open since before the window still shows as open that long.
    public var window: TimeInterval {
        Double(max(lidOpenMinutes, fireRiseMinutes) + heartbeatMinutes) * 60
    }

    /// Silence: two heartbeats without a reading.
    public var silence: TimeInterval { Double(heartbeatMinutes) * 2 * 60 }

    /// What a stored value may be at all: ten times it, in minutes' seconds, still fits.
    static let sane = -1_000_000...1_000_000

    public init(from decoder: any Decoder) throws {
        // Rules saved by an older release keep what they had; a rule they lack has its default.
        // A value is kept as stored, even outside its range, so the settings check
        // (which reads back what it wrote) sees it and refuses it; only a value no
        // check could have let through, large enough to overflow the rules' arithmetic, is replaced.
        let container = try decoder.container(keyedBy: NamedCodingKey.self)
        func value(_ name: String, _ current: Int, _ range: ClosedRange<Int>) throws -> Int {
            guard let stored = try container.decodeIfPresent(Int.self, forKey: NamedCodingKey(name)), Self.sane.contains(stored) else { return current }
            return stored
        }
        self.init()
        fullPercent = try value("fullPercent", fullPercent, Self.fullRange)
        fireCelsius = try value("fireCelsius", fireCelsius, Self.fireRange)
        fireRiseCelsius = try value("fireRiseCelsius", fireRiseCelsius, Self.fireRiseRange)
        fireRiseMinutes = try value("fireRiseMinutes", fireRiseMinutes, Self.fireRiseMinutesRange)
        tiltDegrees = try value("tiltDegrees", tiltDegrees, Self.tiltRange)
        lidOpenMinutes = try value("lidOpenMinutes", lidOpenMinutes, Self.lidOpenRange)
        lowBatteryPercent = try value("lowBatteryPercent", lowBatteryPercent, Self.lowBatteryPercentRange)
        lowBatteryMillivolts = try value("lowBatteryMillivolts", lowBatteryMillivolts, Self.lowBatteryMillivoltsRange)
        solarShareOfPeers = try value("solarShareOfPeers", solarShareOfPeers, Self.solarShareRange)
        heartbeatMinutes = try value("heartbeatMinutes", heartbeatMinutes, Self.heartbeatRange)
        missedStopGraceMinutes = try value("missedStopGraceMinutes", missedStopGraceMinutes, Self.missedStopGraceRange)
    }
}
