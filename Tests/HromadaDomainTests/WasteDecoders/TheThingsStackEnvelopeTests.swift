import Foundation
import Testing
import Waste

@Suite struct TheThingsStackEnvelopeTests {
    private func uplink(_ body: Data) throws -> LoRaWANUplink {
        guard case .uplink(let uplink) = try LoRaWANEnvelope.theThingsStack(body) else {
            throw NotAnUplink()
        }
        return uplink
    }

    private struct NotAnUplink: Error {}

    /// The fixture with one field's JSON replaced, to probe a single rule.
    private func uplinkFixture(replacing original: String, with replacement: String) -> Data {
        let text = String(decoding: TheThingsStackFixtures.uplink, as: UTF8.self)
        if !text.contains(original) { Issue.record("fixture lacks \(original)") }
        return Data(text.replacingOccurrences(of: original, with: replacement).utf8)
    }

    @Test func uplinkYieldsTheDevicePayloadAndBestGateway() throws {
        let uplink = try uplink(TheThingsStackFixtures.uplink)
        #expect(uplink.devEUI == "70B3D57ED005A1B2")
        #expect(uplink.frameCounter == 1_587)
        #expect(uplink.port == 3)
        #expect(uplink.payload == VendorVectors.heartbeatWithoutGPS)
        // The town-hall gateway (-97 dBm) beats Packet Broker's (-112 dBm).
        #expect(uplink.rssi == -97)
        #expect(uplink.snr == 7.25)
        // Network Server reception time, not the later Application Server one.
        #expect(isClose(uplink.receivedAt, utc(2024, 11, 5, 7, 31, 12, nanoseconds: 672_463_405)))
        #expect(try DF702.decode(uplink.payload) == DF702.decode(VendorVectors.heartbeatWithoutGPS))
    }

    @Test func absentFrameCounterIsZeroAndAbsentSNRIsZeroDecibels() throws {
        let uplink = try uplink(TheThingsStackFixtures.firstUplinkAfterJoin)
        #expect(uplink.frameCounter == 0)
        #expect(uplink.devEUI == "70B3D57ED005A1B3")
        #expect(uplink.rssi == -118)
        #expect(uplink.snr == 0)
        #expect(uplink.port == 3)
    }

    @Test func applicationServerTimeIsTheFallback() throws {
        let body = uplinkFixture(
            replacing: #""received_at": "2024-11-05T07:31:12.672463405Z","#, with: "")
        #expect(isClose(try uplink(body).receivedAt, utc(2024, 11, 5, 7, 31, 12, nanoseconds: 884_103_121)))
    }

    @Test func uplinkWithoutGatewaysHasNoSignalValues() throws {
        let body = Data(#"""
        {"end_device_ids": {"device_id": "sim", "dev_eui": "70B3D57ED005A1B2"},
         "uplink_message": {"f_port": 3, "frm_payload": "gAABAREH0AAZAAAAAAAAAIE=", "settings": {}},
         "simulated": true}
        """#.utf8)
        let uplink = try uplink(body)
        #expect(uplink.rssi == nil && uplink.snr == nil && uplink.receivedAt == nil)
    }

    @Test(arguments: [
        ("join_accept", TheThingsStackFixtures.joinAccept),
        ("downlink_ack", TheThingsStackFixtures.downlinkAck),
        ("downlink_failed", TheThingsStackFixtures.downlinkFailed),
        ("location_solved", TheThingsStackFixtures.locationSolved),
        ("service_data", TheThingsStackFixtures.serviceData),
    ])
    func otherMessagesAreRecognisedForAPoliteIgnore(kind: String, body: Data) throws {
        #expect(try LoRaWANEnvelope.theThingsStack(body) == .other(kind: kind))
    }

    @Test func normalizedUplinkIsNotCountedTwice() throws {
        let body = Data(#"{"end_device_ids": {"device_id": "d"}, "uplink_normalized": {"f_port": 3}}"#.utf8)
        #expect(try LoRaWANEnvelope.theThingsStack(body) == .other(kind: "uplink_normalized"))
    }

    @Test func objectOfNoKnownKindIsRefused() {
        #expect(throws: EnvelopeError.unrecognisedMessage(path: "$")) {
            try LoRaWANEnvelope.theThingsStack(Data(#"{"end_device_ids": {}}"#.utf8))
        }
    }

    @Test func deviceWithoutEUIIsRefused() {
        let body = uplinkFixture(replacing: #""dev_eui": "70B3D57ED005A1B2","#, with: "")
        #expect(throws: EnvelopeError.missingField(path: "end_device_ids.dev_eui")) {
            try LoRaWANEnvelope.theThingsStack(body)
        }
    }

    @Test(arguments: ["70B3D57ED005A1B", "70B3D57ED005A1B2FF", "70B3D57ED005A1BZ", "70-B3-D5-7E-D0-05"])
    func malformedDevEUIIsRefused(eui: String) {
        let body = uplinkFixture(replacing: "\"70B3D57ED005A1B2\"", with: "\"\(eui)\"")
        #expect(throws: EnvelopeError.invalidDevEUI(path: "end_device_ids.dev_eui", value: eui)) {
            try LoRaWANEnvelope.theThingsStack(body)
        }
    }

    @Test func portAbove255IsRefused() {
        let body = uplinkFixture(replacing: #""f_port": 3"#, with: #""f_port": 300"#)
        #expect(throws: EnvelopeError.outOfRange(
            path: "uplink_message.f_port", value: "300", allowed: "0 to 255 (whole numbers)"
        )) { try LoRaWANEnvelope.theThingsStack(body) }
    }

    @Test(arguments: ["4294967296", "-1", "1.5", "1e400", "\"12x\""])
    func frameCounterOutsideUInt32IsRefused(value: String) {
        let body = uplinkFixture(replacing: #""f_cnt": 1587"#, with: "\"f_cnt\": \(value)")
        #expect {
            try LoRaWANEnvelope.theThingsStack(body)
        } throws: { error in
            (error as? EnvelopeError)?.path == "uplink_message.f_cnt"
        }
    }

    @Test func frameCounterAsStringIsAccepted() throws {
        // proto3 JSON parsers accept integers as strings.
        let body = uplinkFixture(replacing: #""f_cnt": 1587"#, with: #""f_cnt": "4294967295""#)
        #expect(try uplink(body).frameCounter == UInt32.max)
    }

    @Test func rssiAboveZeroIsRefused() {
        let body = uplinkFixture(replacing: #""rssi": -97,"#, with: #""rssi": 12,"#)
        #expect(throws: EnvelopeError.outOfRange(
            path: "uplink_message.rx_metadata[1].rssi", value: "12", allowed: "-200 to 0"
        )) { try LoRaWANEnvelope.theThingsStack(body) }
    }

    @Test(arguments: [#""NaN""#, #""Infinity""#, "51", "-50.5"])
    func snrThatIsNotFiniteOrPlausibleIsRefused(value: String) {
        let body = uplinkFixture(replacing: #""snr": 7.25"#, with: "\"snr\": \(value)")
        #expect {
            try LoRaWANEnvelope.theThingsStack(body)
        } throws: { error in
            (error as? EnvelopeError)?.path == "uplink_message.rx_metadata[1].snr"
        }
    }

    @Test func badBase64IsRefused() {
        let body = uplinkFixture(replacing: "gAABAREH0AAZAAAAAAAAAIE=", with: "gAAB*REH0AAZ")
        #expect(throws: EnvelopeError.invalidBase64(path: "uplink_message.frm_payload")) {
            try LoRaWANEnvelope.theThingsStack(body)
        }
    }

    @Test func payloadOverTheLoRaWANMaximumIsRefused() {
        let tooLong = Data(repeating: 0xAB, count: 243).base64EncodedString()
        let body = uplinkFixture(replacing: "gAABAREH0AAZAAAAAAAAAIE=", with: tooLong)
        #expect {
            try LoRaWANEnvelope.theThingsStack(body)
        } throws: { error in
            guard case .payloadTooLarge(let path, _, let limit)? = error as? EnvelopeError else { return false }
            return path == "uplink_message.frm_payload" && limit == 242
        }
    }

    @Test func largestLoRaWANPayloadIsAccepted() throws {
        let largest = Data(repeating: 0xAB, count: 242)
        let body = uplinkFixture(replacing: "gAABAREH0AAZAAAAAAAAAIE=", with: largest.base64EncodedString())
        #expect(try uplink(body).payload == [UInt8](largest))
    }

    @Test func urlSafeUnpaddedBase64IsAccepted() throws {
        // proto3 JSON allows the URL-safe alphabet without padding.
        let body = uplinkFixture(replacing: "gAABAREH0AAZAAAAAAAAAIE=", with: "-_8")
        #expect(try uplink(body).payload == [0xFB, 0xFF])
    }

    @Test func unparseableTimeIsRefused() {
        let body = uplinkFixture(
            replacing: "2024-11-05T07:31:12.672463405Z", with: "2024-11-05 07:31")
        #expect(throws: EnvelopeError.invalidTimestamp(
            path: "uplink_message.received_at", value: "2024-11-05 07:31"
        )) { try LoRaWANEnvelope.theThingsStack(body) }
    }

    @Test func wrongTypeNamesThePathAndBothTypes() {
        let body = Data(#"""
        {"end_device_ids": {"dev_eui": "70B3D57ED005A1B2"},
         "uplink_message": {"rx_metadata": {"gateway_ids": {"gateway_id": "gw"}}}}
        """#.utf8)
        #expect(throws: EnvelopeError.wrongType(
            path: "uplink_message.rx_metadata", expected: "an array", found: "an object"
        )) { try LoRaWANEnvelope.theThingsStack(body) }
        let typed = uplinkFixture(replacing: #""f_port": 3"#, with: #""f_port": [3]"#)
        #expect(throws: EnvelopeError.wrongType(
            path: "uplink_message.f_port", expected: "an integer", found: "an array"
        )) { try LoRaWANEnvelope.theThingsStack(typed) }
    }

    @Test func bodyOver64KiBIsRefusedBeforeParsing() {
        let body = Data(repeating: UInt8(ascii: " "), count: 64 * 1_024 + 1)
        #expect(throws: EnvelopeError.bodyTooLarge(bytes: 65_537, limit: 65_536)) {
            try LoRaWANEnvelope.theThingsStack(body)
        }
    }

    @Test func nonJSONAndNonObjectsAreRefused() {
        #expect(throws: EnvelopeError.notJSON) { try LoRaWANEnvelope.theThingsStack(Data("<xml/>".utf8)) }
        #expect(throws: EnvelopeError.wrongType(path: "$", expected: "an object", found: "an array")) {
            try LoRaWANEnvelope.theThingsStack(Data("[]".utf8))
        }
    }

    @Test func errorDescriptionsNameTheField() {
        let error = EnvelopeError.outOfRange(
            path: "uplink_message.rx_metadata[0].rssi", value: "-250", allowed: "-200 to 0")
        #expect(error.description
            == "The field uplink_message.rx_metadata[0].rssi is -250, outside the allowed range -200 to 0.")
        #expect(EnvelopeError.notJSON.path == "$")
    }

    @Test func controlCharactersInEchoedValuesAreMasked() {
        // An echoed value must not be able to forge a second log line.
        let body = uplinkFixture(replacing: "\"70B3D57ED005A1B2\"", with: #""70B3D57E\nD005A1B""#)
        #expect(throws: EnvelopeError.invalidDevEUI(path: "end_device_ids.dev_eui", value: "70B3D57E?D005A1B")) {
            try LoRaWANEnvelope.theThingsStack(body)
        }
    }
}
