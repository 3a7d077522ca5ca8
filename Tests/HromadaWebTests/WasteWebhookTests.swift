import Foundation
import HromadaDomain
import HromadaStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HromadaTestSupport
import Testing
@testable import HromadaWeb
@testable import Waste
import HromadaModules

/// Uplinks from LoRaWAN network servers, as The Things Stack and ChirpStack
/// send them: only with the city's secret, each DF702 frame decoded by our
/// own decoder, stored once however often the server retries, messages
/// without a reading acknowledged, and a bad one refused and kept.
@Suite struct WasteWebhookTests {
    /// A DF702 frame: an alarm (type 2) or heartbeat (1) without GPS.
    static func frame(type: UInt8 = 2, distance: Int, temperature: Int8 = 21, tilt: Int = 0, full: Bool = false, fire: Bool = false, counter: Int = 1) -> String {
        let bytes: [UInt8] = [
            0x80, 0x00, 0x01, type, 0x11, UInt8(distance >> 8), UInt8(distance & 0xFF), 0x00, UInt8(bitPattern: temperature),
            tilt < 0 ? 0x01 : 0x00, UInt8(abs(tilt)), (full ? 0x10 : 0) | (fire ? 0x01 : 0), 0x00, UInt8(counter >> 8), UInt8(counter & 0xFF), 0x00, 0x81,
        ]
        return Data(bytes).base64EncodedString()
    }

    static func ttn(device: String, payload: String, port: Int = 3, at time: String) -> String {
        """
        {"end_device_ids": {"device_id": "bin-1", "application_ids": {"application_id": "zhmerynka-bins"}, "dev_eui": "\(device)", "join_eui": "0000000000000000"},
         "correlation_ids": ["as:up:01H"], "received_at": "\(time)",
         "uplink_message": {"session_key_id": "AYZ=", "f_port": \(port), "f_cnt": 42, "frm_payload": "\(payload)",
           "rx_metadata": [{"gateway_ids": {"gateway_id": "zhm-gw-1"}, "time": "\(time)", "rssi": -97, "channel_rssi": -97, "snr": 7.25}],
           "settings": {"data_rate": {"lora": {"bandwidth": 125000, "spreading_factor": 9}}, "frequency": "868100000"},
           "received_at": "\(time)", "consumed_airtime": "0.185344s"}}
        """
    }

    static func chirpStack(device: String, payload: String, at time: String) -> String {
        """
        {"deduplicationId": "3ac7e3c4-4401-4b8d-9386-a5c902f9202d", "time": "\(time)",
         "deviceInfo": {"tenantId": "52f14cd4-c6f1-4fbd-8f87-4025e1d49242", "tenantName": "Жмеринка", "applicationId": "17c82e96-be03-4f38-aef3-f83d48582d97",
                        "applicationName": "bins", "deviceProfileId": "14855bf7-d10d-4aee-b618-ebfcb64dc7ad", "deviceProfileName": "DF702",
                        "deviceName": "bin-1", "devEui": "\(device)", "tags": {}},
         "devAddr": "00189440", "adr": true, "dr": 3, "fCnt": 10, "fPort": 3, "confirmed": false, "data": "\(payload)",
         "rxInfo": [{"gatewayId": "0016c001f153a14c", "uplinkId": 4217106255, "rssi": -36, "snr": 10.5, "context": "E3OWOQ=="}],
         "txInfo": {"frequency": 868100000, "modulation": {"lora": {"bandwidth": 125000, "spreadingFactor": 7, "codeRate": "CR_4_5"}}}}
        """
    }

    static func post(_ client: any TestClientProtocol, _ path: String, _ body: String, secret: String?) async throws -> (HTTPResponse.Status, [String: Any]) {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let secret, let name = HTTPField.Name("X-Webhook-Secret") { headers[name] = secret }
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        let data = Data(buffer: response.body)
        for problem in APISchema.problems(method: "POST", path: path, status: Int(response.status.code), body: data) {
            Issue.record(Comment(rawValue: "OpenAPI: \(problem)"))
        }
        return (response.status, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }

    /// Жмеринка's webhook secret, made on the desk as a clerk would.
    static func secret(_ client: any TestClientProtocol) async throws -> String {
        var browser = Browser(client)
        try await browser.signIn(WasteWebTests.admin.0, WasteWebTests.admin.1)
        _ = try await browser.get("/zhmerynka/admin/waste")
        let page = try await browser.post("/zhmerynka/admin/waste/webhook-secret", [])
        return try #require(page.body.range(of: #"hws_[A-Za-z0-9_-]{43}"#, options: .regularExpression).map { String(page.body[$0]) })
    }

    @Test(arguments: TestDatabase.available)
    func aTTNUplinkIsDecodedStoredOnceAndShownOnTheMap(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let secret = try await Self.secret(client)
            let admin = try await apiToken(client, WasteWebTests.admin.0, WasteWebTests.admin.1)
            let (_, container) = try await WasteWebTests.bin(client, token: admin, device: "70B3D5E75E00F001")
            let before = try await WasteWebTests.readings(harness)
            let time = harness.clock.now().addingTimeInterval(-90).ISO8601Format(.iso8601WithTimeZone(includingFractionalSeconds: true))
            let body = Self.ttn(device: "70B3D5E75E00F001", payload: Self.frame(distance: 300, temperature: -5, tilt: -12, full: true), at: time)
            let path = "/api/v1/zhmerynka/waste/webhooks/ttn"
            let (status, outcome) = try await Self.post(client, path, body, secret: secret)
            #expect(status == .ok && outcome["accepted"] as? Int == 1, "\(outcome)")
            // The server retries: nothing new.
            let (_, again) = try await Self.post(client, path, body, secret: secret)
            #expect(again["accepted"] as? Int == 0 && again["duplicates"] as? Int == 1)
            #expect(try await WasteWebTests.readings(harness) == before + 1)
            let city = try await harness.city("zhmerynka")
            let latest = try await harness.services.store.read { try await $0.wasteReadings.latest(in: city.id) }[ContainerID(rawValue: container)]
            #expect(latest?.fillPercent == 100 && latest?.distanceMillimetres == 300 && latest?.temperatureTenths == -50 && latest?.tiltTenths == -120)
            #expect(latest?.alarms == [.full] && latest?.rssi == -97 && latest?.snrTenths == 73)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aChirpStackUpEventIsStoredAndOtherEventsAreAcknowledged(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let secret = try await Self.secret(client)
            let admin = try await apiToken(client, WasteWebTests.admin.0, WasteWebTests.admin.1)
            _ = try await WasteWebTests.bin(client, token: admin, device: "70B3D5E75E00F002")
            let before = try await WasteWebTests.readings(harness)
            let time = harness.clock.now().addingTimeInterval(-30).ISO8601Format()
            let up = Self.chirpStack(device: "70b3d5e75e00f002", payload: Self.frame(type: 1, distance: 950), at: time)
            let (status, outcome) = try await Self.post(client, "/api/v1/zhmerynka/waste/webhooks/chirpstack?event=up", up, secret: secret)
            #expect(status == .ok && outcome["accepted"] as? Int == 1, "\(outcome)")
            let join = #"{"deduplicationId": "x", "time": "\#(time)", "deviceInfo": {"devEui": "70b3d5e75e00f002"}, "devAddr": "00189440"}"#
            let (joined, ignored) = try await Self.post(client, "/api/v1/zhmerynka/waste/webhooks/chirpstack?event=join", join, secret: secret)
            #expect(joined == .ok && ignored["ignored"] as? String == "join")
            #expect(try await WasteWebTests.readings(harness) == before + 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func withoutTheCitysSecretAWebhookIsRefusedBeforeItsBodyIsRead(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let path = "/api/v1/zhmerynka/waste/webhooks/ttn"
            let body = Self.ttn(device: "70B3D5E75E00A001", payload: Self.frame(distance: 500), at: harness.clock.now().ISO8601Format())
            // No secret set yet: every presented one is wrong.
            #expect(try await Self.post(client, path, body, secret: "hws_" + String(repeating: "a", count: 43)).0 == .unauthorized)
            let secret = try await Self.secret(client)
            for wrong in [nil, "", "hws_" + String(repeating: "a", count: 43), String(secret.dropLast()), secret + "x"] {
                let (status, answer) = try await Self.post(client, path, body, secret: wrong)
                #expect(status == .unauthorized && errorCode(answer) == "webhook_secret_invalid")
            }
            // Another city's secret does not open this one.
            #expect(try await Self.post(client, "/api/v1/vinnytsia/waste/webhooks/ttn", body, secret: secret).0 == .unauthorized)
            let city = try await harness.city("zhmerynka")
            #expect(try await harness.services.store.read { try await $0.wasteReadings.deadLetters(in: city.id, limit: 10) }.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBadUplinkIsRefusedWithItsReasonAndKeptAsADeadLetter(_ database: TestDatabase) async throws {
        try await WebHarness.run(database) { harness, client in
            let secret = try await Self.secret(client)
            let admin = try await apiToken(client, WasteWebTests.admin.0, WasteWebTests.admin.1)
            _ = try await WasteWebTests.bin(client, token: admin, device: "70B3D5E75E00F003")
            let time = harness.clock.now().ISO8601Format()
            let before = try await WasteWebTests.readings(harness)
            let cases: [(String, HTTPResponse.Status, String)] = [
                (Self.ttn(device: "0000000000000BAD", payload: Self.frame(distance: 500), at: time), .unprocessableContent, "lorawan_device_unknown"),
                (Self.ttn(device: "70B3D5E75E00F003", payload: "gAABAREH", at: time), .unprocessableContent, "df702_malformed"),
                (Self.ttn(device: "70B3D5E75E00F003", payload: Self.frame(distance: 500), port: 9, at: time), .unprocessableContent, "lorawan_unexpected_port"),
                (Self.ttn(device: "70B3D5E75E00F003", payload: "***", at: time), .badRequest, "lorawan_malformed"),
                ("[1, 2", .badRequest, "lorawan_malformed"),
            ]
            for (body, status, code) in cases {
                let (got, answer) = try await Self.post(client, "/api/v1/zhmerynka/waste/webhooks/ttn", body, secret: secret)
                #expect(got == status && errorCode(answer) == code, "\(code): \(got) \(answer)")
            }
            #expect(try await WasteWebTests.readings(harness) == before)
            let city = try await harness.city("zhmerynka")
            let letters = try await harness.services.store.read { try await $0.wasteReadings.deadLetters(in: city.id, limit: 10) }
            #expect(Set(letters.map(\.problem)) == Set(cases.map(\.2)) && letters.count == cases.count)
            #expect(letters.allSatisfy { $0.door == .ttn && !$0.detail.isEmpty })
            // The dispatcher reads them on the desk, in words.
            var browser = Browser(client)
            try await browser.signIn(WasteWebTests.admin.0, WasteWebTests.admin.1)
            let page = try await browser.get("/zhmerynka/admin/waste/letters")
            #expect(page.status == .ok && page.body.contains("0000000000000BAD") && page.body.contains("DevEUI"))
        }
    }
}
