import Testing
import Waste

/// The envelope checks, each with the sentence a technician will read.
@Suite struct DF702FramingTests {
    @Test func emptyPayloadIsTooShort() {
        #expect(throws: DF702.DecodeError.tooShort(expected: 17, got: 0)) { try DF702.decode([]) }
    }

    @Test func payloadNotStartingWithTheMarkerIsRefused() {
        #expect(throws: DF702.DecodeError.badHeader(0x7B)) { try DF702.decode(Array("{\"a\":1}".utf8)) }
    }

    @Test func truncatedHeaderIsTooShort() {
        #expect(throws: DF702.DecodeError.tooShort(expected: 17, got: 3)) { try DF702.decode([0x80, 0, 1]) }
    }

    @Test func otherDingtekDevicesAreRefused() {
        var payload = VendorVectors.heartbeatWithoutGPS
        payload[2] = 0x05
        #expect(throws: DF702.DecodeError.unknownDeviceType(0x05)) { try DF702.decode(payload) }
    }

    @Test func unknownFrameTypeIsRefused() {
        var payload = VendorVectors.heartbeatWithoutGPS
        payload[3] = 0x07
        #expect(throws: DF702.DecodeError.unknownFrameType(0x07)) { try DF702.decode(payload) }
    }

    @Test func lengthByteMustMatchTheBytesReceived() {
        let truncated = Array(VendorVectors.heartbeatWithGPS.prefix(20))
        #expect(throws: DF702.DecodeError.badLength(declared: 25, actual: 20)) { try DF702.decode(truncated) }
    }

    @Test func parameterFrameMustBeTheLongForm() {
        var payload = VendorVectors.heartbeatWithoutGPS
        payload[3] = 0x03
        #expect(throws: DF702.DecodeError.unexpectedSize(frameType: 0x03, size: 17)) { try DF702.decode(payload) }
    }

    @Test func missingEndMarkerIsRefused() {
        var payload = VendorVectors.heartbeatWithoutGPS
        payload[16] = 0x00
        #expect(throws: DF702.DecodeError.badTrailer(0x00)) { try DF702.decode(payload) }
    }

    @Test func descriptionsArePlainSentences() {
        let errors: [DF702.DecodeError] = [
            .tooShort(expected: 17, got: 5), .badHeader(0x7B), .unknownDeviceType(5), .unknownFrameType(7),
            .badLength(declared: 25, actual: 20), .unexpectedSize(frameType: 3, size: 17), .badTrailer(0),
            .valueOutOfRange(field: .tiltAngle, reported: "200"),
        ]
        for error in errors {
            #expect(error.description.hasSuffix("."))
            #expect(!error.description.contains("DecodeError"))
        }
        #expect(DF702.DecodeError.badHeader(0x7B).description.contains("0x7B"))
        #expect(DF702.DecodeError.badTrailer(0x0).description.contains("0x00"))
        #expect(DF702.DecodeError.valueOutOfRange(field: .tiltAngle, reported: "200").description
            == "The sensor reported a tilt angle of 200°, outside the possible range 0° to 180° either way. "
            + "The message is probably damaged.")
    }
}
