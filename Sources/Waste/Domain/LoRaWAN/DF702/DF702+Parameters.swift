extension DF702 {
    /// The settings a DF702 reports in a parameter frame (type 0x03).
    ///
    /// The ranges checked here are the ones Dingtek's configuration commands
    /// accept; a value outside them means the frame is not what we think it is.
    public struct Parameters: Sendable, Equatable {
        public var firmwareVersion: FirmwareVersion
        /// How often a heartbeat is sent, 1...168 hours.
        public var reportingIntervalHours: Int
        /// How often the distance is measured, 1...60 minutes.
        public var detectionIntervalMinutes: Int
        /// The bin counts as full at or below this distance. The device stores
        /// whole centimetres (15...255); this is the same value in millimetres so
        /// it compares directly with `Reading.distanceMillimetres`.
        public var fullThresholdMillimetres: Int
        /// The fire alarm is raised at or above this temperature, 0...255 °C.
        public var fireThresholdCelsius: Int
        /// The tilt alarm is raised beyond this angle, 15...90 degrees.
        public var tiltThresholdDegrees: Int
        public var tiltDetectionEnabled: Bool
        public var ultrasonicRange: UltrasonicRange

        public init(
            firmwareVersion: FirmwareVersion,
            reportingIntervalHours: Int,
            detectionIntervalMinutes: Int,
            fullThresholdMillimetres: Int,
            fireThresholdCelsius: Int,
            tiltThresholdDegrees: Int,
            tiltDetectionEnabled: Bool,
            ultrasonicRange: UltrasonicRange
        ) {
            self.firmwareVersion = firmwareVersion
            self.reportingIntervalHours = reportingIntervalHours
            self.detectionIntervalMinutes = detectionIntervalMinutes
            self.fullThresholdMillimetres = fullThresholdMillimetres
            self.fireThresholdCelsius = fireThresholdCelsius
            self.tiltThresholdDegrees = tiltThresholdDegrees
            self.tiltDetectionEnabled = tiltDetectionEnabled
            self.ultrasonicRange = ultrasonicRange
        }
    }

    /// Firmware version as the device reports it, two bytes: major and minor.
    public struct FirmwareVersion: Sendable, Equatable, CustomStringConvertible {
        public var major: Int
        public var minor: Int

        public init(major: Int, minor: Int) {
            self.major = major
            self.minor = minor
        }

        public var description: String { "\(major).\(minor)" }
    }

    /// The measuring range the ultrasonic transducer is set to.
    public enum UltrasonicRange: Sendable, Equatable {
        case twoMetres
        case fiveMetres

        public var maximumDistanceMillimetres: Int {
            switch self {
            case .twoMetres: 2_000
            case .fiveMetres: 5_000
            }
        }
    }
}

extension DF702.Parameters {
    static let reportingIntervalRange = 1...168
    static let detectionIntervalRange = 1...60
    static let fullThresholdCentimetreRange = 15...255
    static let tiltThresholdRange = 15...90

    init(_ frame: DF702.FrameBytes) throws(DF702.DecodeError) {
        firmwareVersion = DF702.FirmwareVersion(
            major: Int(try frame.byte(at: 5)),
            minor: Int(try frame.byte(at: 6))
        )
        reportingIntervalHours = try Self.checked(
            try frame.byte(at: 7), in: Self.reportingIntervalRange, field: .reportingInterval
        )
        detectionIntervalMinutes = try Self.checked(
            try frame.byte(at: 8), in: Self.detectionIntervalRange, field: .detectionInterval
        )
        let fullThresholdCentimetres = try Self.checked(
            try frame.byte(at: 9), in: Self.fullThresholdCentimetreRange, field: .fullThreshold
        )
        fullThresholdMillimetres = fullThresholdCentimetres * 10
        // A whole byte of degrees Celsius; every value is a settable threshold.
        fireThresholdCelsius = Int(try frame.byte(at: 10))
        tiltThresholdDegrees = try Self.checked(
            try frame.byte(at: 11), in: Self.tiltThresholdRange, field: .tiltThreshold
        )
        tiltDetectionEnabled = try frame.byte(at: 12) != 0
        // The vendor codec reads 0 as 2 m and anything else as 5 m; the exact
        // code for 5 m is not documented, so we follow it.
        ultrasonicRange = try frame.byte(at: 13) == 0 ? .twoMetres : .fiveMetres
    }

    private static func checked(
        _ byte: UInt8, in range: ClosedRange<Int>, field: DF702.Field
    ) throws(DF702.DecodeError) -> Int {
        let value = Int(byte)
        guard range.contains(value) else {
            throw .valueOutOfRange(field: field, reported: "\(value)")
        }
        return value
    }
}
