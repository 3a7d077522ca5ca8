import Testing
import Waste

/// Field decoding beyond the vendor's examples, including the cases where the
/// vendor codec is wrong.
@Suite struct DF702FieldTests {
    /// A 17-byte report with the given status bytes (offsets 8...15).
    private func report(
        type: UInt8 = 0x01, distance: (UInt8, UInt8) = (0x07, 0xD0), temperature: UInt8 = 0x19,
        tiltSign: UInt8 = 0, tilt: UInt8 = 0, alarms: UInt8 = 0, deviceAlarms: UInt8 = 0,
        counter: (UInt8, UInt8) = (0, 0)
    ) -> [UInt8] {
        [0x80, 0x00, 0x01, type, 0x11, distance.0, distance.1, 0x00,
         temperature, tiltSign, tilt, alarms, deviceAlarms, counter.0, counter.1, 0x00, 0x81]
    }

    private func reading(_ payload: [UInt8]) throws -> DF702.Reading {
        switch try DF702.decode(payload) {
        case .heartbeat(let reading), .alarm(let reading): return reading
        case .parameters: throw DecodeMismatch()
        }
    }

    private struct DecodeMismatch: Error {}

    @Test func tiltWithClearSignNibbleIsPositive() throws {
        // Vendor: angle "-10 °", we: 10. Byte 9 (sign) is 0x00, meaning the
        // positive direction; the vendor's `bytes[9] & (0x0f === 0x00)` is
        // always 0, so it negates every angle.
        #expect(try reading(report(tiltSign: 0x00, tilt: 10)).tiltAngleDegrees == 10)
    }

    @Test func tiltWithSetSignNibbleIsNegative() throws {
        // Vendor: angle "-10 °", we: -10 (both agree here).
        #expect(try reading(report(tiltSign: 0x01, tilt: 10)).tiltAngleDegrees == -10)
    }

    @Test func zeroTiltIsNeverNegativeZero() throws {
        let angle = try reading(report(tiltSign: 0x01, tilt: 0)).tiltAngleDegrees
        #expect(angle == 0)
        #expect(angle.sign == .plus)
    }

    @Test func tiltBeyondUpsideDownIsRefused() {
        #expect(throws: DF702.DecodeError.valueOutOfRange(field: .tiltAngle, reported: "181")) {
            try DF702.decode(report(tilt: 181))
        }
    }

    @Test func temperatureBelowZeroIsTwosComplement() throws {
        // Vendor: temperature "236 ℃", we: -20. Byte 8 is 0xEC, a signed byte;
        // the device is rated for -20 °C and Ukrainian winters reach it.
        #expect(try reading(report(temperature: 0xEC)).temperatureCelsius == -20)
    }

    @Test func eachAlarmNibbleSetsItsOwnFlag() throws {
        let full = try reading(report(alarms: 0x10))
        #expect(full.full && !full.fire && !full.tilted && !full.lowBattery)
        let fire = try reading(report(alarms: 0x01))
        #expect(!fire.full && fire.fire)
        let tilted = try reading(report(deviceAlarms: 0x10))
        #expect(tilted.tilted && !tilted.lowBattery)
        let battery = try reading(report(deviceAlarms: 0x01))
        #expect(!battery.tilted && battery.lowBattery)
    }

    @Test func alarmFrameCarriesTheSameMeasurements() throws {
        let frame = try DF702.decode(report(
            type: 0x02, distance: (0x00, 0xB4), temperature: 0x3C, tiltSign: 0x01, tilt: 0x23,
            alarms: 0x11, deviceAlarms: 0x10, counter: (0x06, 0x2F)))
        #expect(frame == .alarm(DF702.Reading(
            distanceMillimetres: 180, temperatureCelsius: 60, tiltAngleDegrees: -35,
            full: true, fire: true, tilted: true, lowBattery: false, frameCounter: 1_583)))
    }

    @Test func largestDistanceAndCounterAreUnsigned() throws {
        let value = try reading(report(distance: (0xFF, 0xFF), counter: (0xFF, 0xFF)))
        #expect(value.distanceMillimetres == 65_535)
        #expect(value.frameCounter == 65_535)
    }

    @Test func fiveMetreRangeIsAnyNonZeroCode() throws {
        var payload = VendorVectors.commandConfirmation
        payload[13] = 0x01
        guard case .parameters(let parameters) = try DF702.decode(payload) else {
            Issue.record("expected a parameter frame")
            return
        }
        #expect(parameters.ultrasonicRange == .fiveMetres)
        #expect(parameters.ultrasonicRange.maximumDistanceMillimetres == 5_000)
    }

    @Test func settingsOutsideTheConfigurableRangesAreRefused() {
        var zeroInterval = VendorVectors.commandConfirmation
        zeroInterval[7] = 0
        #expect(throws: DF702.DecodeError.valueOutOfRange(field: .reportingInterval, reported: "0")) {
            try DF702.decode(zeroInterval)
        }
        var steepTilt = VendorVectors.commandConfirmation
        steepTilt[11] = 91
        #expect(throws: DF702.DecodeError.valueOutOfRange(field: .tiltThreshold, reported: "91")) {
            try DF702.decode(steepTilt)
        }
    }

    @Test func impossibleCoordinatesAreRefused() {
        var payload = VendorVectors.heartbeatWithGPS
        // Latitude 0x7FC00000 is a NaN.
        payload.replaceSubrange(12...15, with: [0x00, 0x00, 0xC0, 0x7F])
        #expect(throws: DF702.DecodeError.valueOutOfRange(field: .latitude, reported: "nan")) {
            try DF702.decode(payload)
        }
        var farEast = VendorVectors.heartbeatWithGPS
        // Longitude 200.0 is 0x43480000.
        farEast.replaceSubrange(8...11, with: [0x00, 0x00, 0x48, 0x43])
        #expect(throws: DF702.DecodeError.valueOutOfRange(field: .longitude, reported: "200.0")) {
            try DF702.decode(farEast)
        }
    }
}

/// The simulator's frames: what `DF702.frame` writes, `DF702.decode` reads back.
@Suite struct DF702EncodingTests {
    @Test func aFrameWrittenForTheSimulatorDecodesToTheSameReading() throws {
        let readings = [
            DF702.Reading(distanceMillimetres: 1_234, temperatureCelsius: -12, tiltAngleDegrees: -35, frameCounter: 700),
            DF702.Reading(distanceMillimetres: 300, temperatureCelsius: 95, tiltAngleDegrees: 40, full: true, fire: true, tilted: true, lowBattery: true, frameCounter: 65_535),
            DF702.Reading(distanceMillimetres: 0, temperatureCelsius: 0, tiltAngleDegrees: 0, frameCounter: 0),
        ]
        for reading in readings {
            let frame = DF702.frame(reading)
            #expect(frame.count == 17)
            let decoded = try DF702.decode(frame)
            let expected = reading.full || reading.fire || reading.tilted || reading.lowBattery ? DF702.Frame.alarm(reading) : .heartbeat(reading)
            #expect(decoded == expected)
        }
        // What no frame holds is clamped, never a trap.
        let wild = DF702.Reading(distanceMillimetres: .max, temperatureCelsius: .min, tiltAngleDegrees: .infinity, frameCounter: .min)
        #expect(try DF702.decode(DF702.frame(wild)) == .heartbeat(DF702.Reading(distanceMillimetres: 65_535, temperatureCelsius: -128, tiltAngleDegrees: 0, frameCounter: 0)))
    }
}
