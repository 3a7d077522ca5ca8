extension DF702 {
    /// A 17-byte heartbeat (or, with any alarm, alarm) frame as a DF702 sends
    /// it, for the simulator and the benchmarks: the inverse of `decode`.
    /// Values beyond what the frame holds are clamped to it (a distance to
    /// 0…65 535 mm, the temperature to −128…127 °C, the tilt to ±180°).
    public static func frame(_ reading: Reading) -> [UInt8] {
        let distance = UInt16(clamping: reading.distanceMillimetres)
        let temperature = Int8(clamping: reading.temperatureCelsius)
        let tilt = reading.tiltAngleDegrees.isFinite ? min(180, abs(reading.tiltAngleDegrees).rounded()) : 0
        let counter = UInt16(truncatingIfNeeded: reading.frameCounter)
        let alarm = reading.full || reading.fire || reading.tilted || reading.lowBattery
        return [
            FrameBytes.header, 0x00, FrameBytes.wasteBinDeviceType, alarm ? FrameBytes.alarmType : FrameBytes.heartbeatType, UInt8(FrameBytes.sizeWithoutPosition),
            UInt8(distance >> 8), UInt8(distance & 0xFF), 0x00,
            UInt8(bitPattern: temperature), reading.tiltAngleDegrees < 0 && tilt > 0 ? 0x01 : 0x00, UInt8(tilt),
            (reading.full ? 0x10 : 0) | (reading.fire ? 0x01 : 0), (reading.tilted ? 0x10 : 0) | (reading.lowBattery ? 0x01 : 0),
            UInt8(counter >> 8), UInt8(counter & 0xFF), 0x00, FrameBytes.trailer,
        ]
    }
}
