import Foundation
import Testing
import Waste

@Suite struct ChirpStackEnvelopeTests {
    private func uplink(_ body: Data, event: String? = "up") throws -> LoRaWANUplink {
        guard case .uplink(let uplink) = try LoRaWANEnvelope.chirpStack(body, event: event) else {
            throw NotAnUplink()
        }
        return uplink
    }

    private struct NotAnUplink: Error {}

    private func upFixture(replacing original: String, with replacement: String) -> Data {
        let text = String(decoding: ChirpStackFixtures.up, as: UTF8.self)
        if !text.contains(original) { Issue.record("fixture lacks \(original)") }
        return Data(text.replacingOccurrences(of: original, with: replacement).utf8)
    }

    @Test func upEventYieldsTheDevicePayloadAndBestGateway() throws {
        let uplink = try uplink(ChirpStackFixtures.up)
        #expect(uplink.devEUI == "70B3D57ED005A1B2")
        #expect(uplink.frameCounter == 1_583)
        #expect(uplink.port == 3)
        // Both gateways heard -97 dBm; the one with the better SNR wins.
        #expect(uplink.rssi == -97)
        #expect(uplink.snr == 9.5)
        #expect(isClose(uplink.receivedAt, utc(2024, 11, 5, 7, 31, 12, nanoseconds: 672_463_405)))
        guard case .alarm(let reading) = try DF702.decode(uplink.payload) else {
            Issue.record("expected the DF702 alarm frame")
            return
        }
        #expect(reading.full && reading.fire && reading.tilted)
        #expect(reading.tiltAngleDegrees == -35)
    }

    @Test func absentFrameCounterIsZeroAndAbsentSNRIsZeroDecibels() throws {
        let uplink = try uplink(ChirpStackFixtures.firstUpAfterJoin)
        #expect(uplink.frameCounter == 0)
        #expect(uplink.rssi == -118)
        #expect(uplink.snr == 0)
        #expect(isClose(uplink.receivedAt, utc(2024, 11, 5, 9, 2, 41, nanoseconds: 301_900_000)))
    }

    @Test(arguments: [
        ("join", ChirpStackFixtures.join),
        ("status", ChirpStackFixtures.status),
        ("log", ChirpStackFixtures.log),
        ("txack", ChirpStackFixtures.txAck),
    ])
    func otherEventsAreRecognisedFromTheQueryParameter(event: String, body: Data) throws {
        #expect(try LoRaWANEnvelope.chirpStack(body, event: event) == .other(kind: event))
    }

    @Test(arguments: [
        ("join", ChirpStackFixtures.join),
        ("status", ChirpStackFixtures.status),
        ("log", ChirpStackFixtures.log),
        ("txack", ChirpStackFixtures.txAck),
    ])
    func otherEventsAreInferredWithoutTheQueryParameter(event: String, body: Data) throws {
        #expect(try LoRaWANEnvelope.chirpStack(body, event: nil) == .other(kind: event))
    }

    @Test func upEventIsInferredWithoutTheQueryParameter() throws {
        #expect(try uplink(ChirpStackFixtures.up, event: nil).frameCounter == 1_583)
    }

    @Test func eventNameIsCaseInsensitive() throws {
        #expect(try uplink(ChirpStackFixtures.up, event: "UP").port == 3)
    }

    @Test func unknownEventIsRefused() {
        #expect(throws: EnvelopeError.unknownEvent("downlink")) {
            try LoRaWANEnvelope.chirpStack(ChirpStackFixtures.join, event: "downlink")
        }
    }

    @Test func ignoredEventsMustStillBeJSONObjects() {
        #expect(throws: EnvelopeError.notJSON) {
            try LoRaWANEnvelope.chirpStack(Data([0x0A, 0x24, 0x33]), event: "join")
        }
    }

    @Test func missingDeviceInfoIsRefused() {
        let body = Data(#"{"fCnt": 3, "fPort": 3, "data": "gAAB"}"#.utf8)
        #expect(throws: EnvelopeError.missingField(path: "deviceInfo")) {
            try LoRaWANEnvelope.chirpStack(body, event: "up")
        }
    }

    @Test func lowerCaseDevEUIIsNormalisedAndMalformedIsRefused() throws {
        #expect(try uplink(ChirpStackFixtures.up).devEUI == "70B3D57ED005A1B2")
        let body = upFixture(replacing: #""devEui": "70b3d57ed005a1b2""#, with: #""devEui": "cLP1ftAFobI=""#)
        #expect(throws: EnvelopeError.invalidDevEUI(path: "deviceInfo.devEui", value: "cLP1ftAFobI=")) {
            try LoRaWANEnvelope.chirpStack(body, event: "up")
        }
    }

    @Test func rssiBelowMinus200IsRefused() {
        let body = upFixture(replacing: #""rssi": -97,"#, with: #""rssi": -201,"#)
        #expect {
            try LoRaWANEnvelope.chirpStack(body, event: "up")
        } throws: { error in
            (error as? EnvelopeError)?.path == "rxInfo[0].rssi"
        }
    }

    @Test func portAsStringIsAcceptedWhenInRange() throws {
        let body = upFixture(replacing: #""fPort": 3"#, with: #""fPort": "3""#)
        #expect(try uplink(body).port == 3)
    }

    @Test func negativePortIsRefused() {
        let body = upFixture(replacing: #""fPort": 3"#, with: #""fPort": -3"#)
        #expect(throws: EnvelopeError.outOfRange(path: "fPort", value: "-3", allowed: "0 to 255 (whole numbers)")) {
            try LoRaWANEnvelope.chirpStack(body, event: "up")
        }
    }

    @Test func uplinkWithoutDataHasAnEmptyPayloadAndNoPort() throws {
        let body = upFixture(replacing: #""fPort": 3,"#, with: "")
        let withoutPort = String(decoding: body, as: UTF8.self)
            .replacingOccurrences(of: #""data": "gAABAhEAtAA8ASMREAYvAIE=","#, with: "")
        let uplink = try uplink(Data(withoutPort.utf8))
        #expect(uplink.payload.isEmpty)
        #expect(uplink.port == nil)
    }

    @Test func timeWithoutOffsetIsRefused() {
        let body = upFixture(
            replacing: "2024-11-05T07:31:12.672463405+00:00", with: "2024-11-05T07:31:12.672463405")
        #expect(throws: EnvelopeError.invalidTimestamp(path: "time", value: "2024-11-05T07:31:12.672463405")) {
            try LoRaWANEnvelope.chirpStack(body, event: "up")
        }
    }
}
