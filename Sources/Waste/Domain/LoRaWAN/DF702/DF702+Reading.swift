extension DF702 {
    /// Measurements from a heartbeat or alarm frame.
    public struct Reading: Sendable, Equatable {
        /// Distance from the sensor down to the top of the waste. A small
        /// distance means a full bin. The device reports whole millimetres.
        public var distanceMillimetres: Int
        /// Temperature inside the bin, in whole degrees Celsius, as the device reports it.
        public var temperatureCelsius: Int
        /// Tilt of the sensor from its mounting position, in degrees. Negative and
        /// positive are the two directions the device distinguishes.
        public var tiltAngleDegrees: Double
        /// GPS fix, present only in the 25-byte frames of GPS-equipped units.
        public var position: Position?
        /// The distance is at or below the full-bin threshold.
        public var full: Bool
        /// The temperature is at or above the fire threshold (high-temperature alarm).
        public var fire: Bool
        /// The tilt angle is beyond the tilt threshold: the bin has fallen over or been moved.
        public var tilted: Bool
        /// The battery is low. The LoRaWAN frames carry only this flag, not a voltage.
        public var lowBattery: Bool
        /// The device's own 16-bit frame counter; it wraps around after 65535.
        public var frameCounter: Int

        public init(
            distanceMillimetres: Int,
            temperatureCelsius: Int,
            tiltAngleDegrees: Double,
            position: Position? = nil,
            full: Bool = false,
            fire: Bool = false,
            tilted: Bool = false,
            lowBattery: Bool = false,
            frameCounter: Int
        ) {
            self.distanceMillimetres = distanceMillimetres
            self.temperatureCelsius = temperatureCelsius
            self.tiltAngleDegrees = tiltAngleDegrees
            self.position = position
            self.full = full
            self.fire = fire
            self.tilted = tilted
            self.lowBattery = lowBattery
            self.frameCounter = frameCounter
        }
    }

    /// A GPS fix in WGS 84 degrees, as the device's single-precision floats hold it.
    public struct Position: Sendable, Equatable {
        public var latitude: Double
        public var longitude: Double

        public init(latitude: Double, longitude: Double) {
            self.latitude = latitude
            self.longitude = longitude
        }
    }
}

extension DF702.Reading {
    /// The largest tilt a sensor can report: upside down.
    static let tiltMagnitudeRange = 0...180

    init(_ frame: DF702.FrameBytes) throws(DF702.DecodeError) {
        distanceMillimetres = Int(try frame.uint16(at: 5))

        // The 25-byte form inserts longitude and latitude at offsets 8...15 and
        // shifts everything after them by eight bytes.
        let statusStart: Int
        if frame.count == DF702.FrameBytes.sizeWithPosition {
            position = try DF702.Position(frame)
            statusStart = 16
        } else {
            position = nil
            statusStart = 8
        }

        // Two's complement: the device works down to -20 °C, which an unsigned
        // read (as in the vendor codec) would turn into 236 °C. No physical bound
        // is applied on purpose: rejecting the frame that reports a fire would be
        // the worst possible failure.
        temperatureCelsius = Int(Int8(bitPattern: try frame.byte(at: statusStart)))
        tiltAngleDegrees = try Self.tiltAngle(
            sign: try frame.byte(at: statusStart + 1),
            magnitude: try frame.byte(at: statusStart + 2)
        )

        // Each alarm is a nibble; the vendor treats any non-zero nibble as set.
        let alarms = try frame.byte(at: statusStart + 3)
        let deviceAlarms = try frame.byte(at: statusStart + 4)
        full = alarms >> 4 != 0
        fire = alarms & 0x0F != 0
        tilted = deviceAlarms >> 4 != 0
        lowBattery = deviceAlarms & 0x0F != 0

        frameCounter = Int(try frame.uint16(at: statusStart + 5))
    }

    /// Sign-and-magnitude: a whole byte of degrees, and a byte whose low nibble
    /// is non-zero for the negative direction. The vendor codec meant the same
    /// but its operator precedence makes every angle negative.
    static func tiltAngle(sign: UInt8, magnitude: UInt8) throws(DF702.DecodeError) -> Double {
        let degrees = Int(magnitude)
        guard tiltMagnitudeRange.contains(degrees) else {
            throw .valueOutOfRange(field: .tiltAngle, reported: "\(degrees)")
        }
        // Keep zero unsigned, so "-0.0" never reaches a report.
        let negative = sign & 0x0F != 0 && degrees != 0
        return Double(negative ? -degrees : degrees)
    }
}

extension DF702.Position {
    init(_ frame: DF702.FrameBytes) throws(DF702.DecodeError) {
        // Longitude comes first, then latitude, each a little-endian IEEE 754
        // single. Float to Double is exact, so no digit is invented or rounded.
        let longitude = Double(Float(bitPattern: try frame.uint32LittleEndian(at: 8)))
        let latitude = Double(Float(bitPattern: try frame.uint32LittleEndian(at: 12)))
        guard longitude.isFinite, (-180.0...180.0).contains(longitude) else {
            throw .valueOutOfRange(field: .longitude, reported: "\(longitude)")
        }
        guard latitude.isFinite, (-90.0...90.0).contains(latitude) else {
            throw .valueOutOfRange(field: .latitude, reported: "\(latitude)")
        }
        self.init(latitude: latitude, longitude: longitude)
    }
}
