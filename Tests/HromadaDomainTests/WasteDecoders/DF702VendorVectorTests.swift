import Testing
import Waste

/// Every uplink example of the vendor's codec YAML. The vendor returns strings
/// with units ("2000 mm", "25 ℃"); we return typed numbers, which is not
/// counted as a difference below. Real differences are commented at each test.
@Suite struct DF702VendorVectorTests {
    @Test func heartbeatWithoutGPSDecodesAsTheVendorSays() throws {
        let frame = try DF702.decode(VendorVectors.heartbeatWithoutGPS)

        // Vendor: level "2000 mm", temperature "25 ℃", angle "0 °", all flags false.
        // Same values. Our frame counter (bytes 13-14) is extra: the vendor's
        // DF702 codec skips it, its DF703 codec for the same layout reads it.
        #expect(frame == .heartbeat(DF702.Reading(
            distanceMillimetres: 2_000,
            temperatureCelsius: 25,
            tiltAngleDegrees: 0,
            position: nil,
            frameCounter: 0
        )))
    }

    @Test func heartbeatWithGPSCarriesExactSinglePrecisionCoordinates() throws {
        let frame = try DF702.decode(VendorVectors.heartbeatWithGPS)

        // Vendor: longitude "116.507430", latitude "40.038999".
        // We:     longitude 116.5074234008789, latitude 40.038997650146484.
        // Bytes 8-11 (CD 03 E9 42) and 12-15 (EF 27 20 42) are little-endian
        // IEEE 754 singles 0x42E903CD and 0x422027EF. The vendor divides the
        // mantissa by 0x7FFFFF instead of 2^23 and then rounds to six decimals;
        // we widen the Float to Double, which is exact.
        let longitude = Double(Float(bitPattern: 0x42E9_03CD))
        let latitude = Double(Float(bitPattern: 0x4220_27EF))
        #expect(longitude == 116.5074234008789)
        #expect(latitude == 40.038997650146484)
        #expect(frame == .heartbeat(DF702.Reading(
            distanceMillimetres: 2_000,
            temperatureCelsius: 25,
            tiltAngleDegrees: 0,
            position: DF702.Position(latitude: latitude, longitude: longitude),
            frameCounter: 0
        )))
    }

    @Test func commandConfirmationReportsTheDeviceSettings() throws {
        let frame = try DF702.decode(VendorVectors.commandConfirmation)

        // Vendor: periodic_interval "24 hours", detection_interval "1 minutes",
        // full_alarm_threshold "30 cm", fire_alarm_threshold "75 ℃",
        // tilt_alarm_threshold "30 °", tilt_enable false, ultrasonic_range "2000 mm".
        // Same settings. The full threshold is given in millimetres (300, from
        // the device's 30 cm) so it compares with the measured distance, and the
        // firmware version in bytes 5-6 (1.4), which the vendor skips, is added.
        #expect(frame == .parameters(DF702.Parameters(
            firmwareVersion: DF702.FirmwareVersion(major: 1, minor: 4),
            reportingIntervalHours: 24,
            detectionIntervalMinutes: 1,
            fullThresholdMillimetres: 300,
            fireThresholdCelsius: 75,
            tiltThresholdDegrees: 30,
            tiltDetectionEnabled: false,
            ultrasonicRange: .twoMetres
        )))
    }
}
