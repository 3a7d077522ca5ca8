import Foundation
import HromadaDomain
import HromadaStore
import HromadaTestSupport
import Logging
import MQTT
import Testing
@testable import HromadaWeb
@testable import Waste
import HromadaModules

/// The MQTT door against a real broker (`scripts/mosquitto-up`, with TLS and
/// a password file; skipped where none runs): a ChirpStack uplink published
/// on the city's application's topic is stored like a webhook's, a bad one
/// becomes a dead letter and is acknowledged, and another application's is
/// no city's.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["HROMADA_TEST_MQTT_URL"] != nil)) struct WasteMQTTTests {
    static let application = "17c82e96-be03-4f38-aef3-f83d48582d97"

    static func configuration(clientID: String) throws -> MQTTConfiguration {
        let environment = ProcessInfo.processInfo.environment
        var configuration = try MQTTConfiguration(url: environment["HROMADA_TEST_MQTT_URL"] ?? "", clientID: clientID)
        configuration.tls = MQTTTLS(caFile: environment["HROMADA_TEST_MQTT_CA"])
        return configuration
    }

    /// Waits (up to ten seconds, in real time: the broker's) until `done` holds.
    static func eventually(_ done: @Sendable () async throws -> Bool) async throws -> Bool {
        for _ in 0..<100 {
            if try await done() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func anUplinkOnTheCitysApplicationIsStoredAndABadOneIsKept() async throws {
        try await WebHarness.run { harness, client in
            let admin = try await apiToken(client, WasteWebTests.admin.0, WasteWebTests.admin.1)
            let (set, _) = try await client.json(
                .patch, "/api/v1/zhmerynka/settings", body: #"{"wasteChirpStackApplication": "\#(Self.application.uppercased())"}"#, token: admin)
            #expect(set == .ok)
            _ = try await WasteWebTests.bin(client, token: admin, device: "70B3D5E75E00F0AA")
            let city = try await harness.city("zhmerynka")
            let before = try await WasteWebTests.readings(harness)
            // A client id of this test's own, so parallel runs share no session.
            let door = MQTTDoor(
                services: harness.services, configuration: try Self.configuration(clientID: "hromada-waste-test-\(UInt32.random(in: 0...UInt32.max))"),
                topic: ChirpStackTopic.uplinks)
            let running = Task { try await door.run() }
            defer { running.cancel() }
            let publisher = MQTTPublisher(configuration: try Self.configuration(clientID: "hromada-sim-\(UInt32.random(in: 0...UInt32.max))"), logger: Logger(label: "test"))
            try await publisher.connect()
            // The door subscribes once it holds the lease: publish until a reading lands.
            let time = harness.clock.now().addingTimeInterval(-20).ISO8601Format()
            let up = WasteWebhookTests.chirpStack(device: "70b3d5e75e00f0aa", payload: WasteWebhookTests.frame(distance: 700, full: false), at: time)
            let stored = try await Self.eventually {
                try await publisher.publish(topic: "application/\(Self.application)/device/70b3d5e75e00f0aa/event/up", payload: Array(up.utf8), qos: .atLeastOnce)
                return try await WasteWebTests.readings(harness) > before
            }
            #expect(stored)
            #expect(try await WasteWebTests.readings(harness) == before + 1, "the same uplink again is a duplicate")
            try await publisher.publish(topic: "application/\(Self.application)/device/70b3d5e75e00f0aa/event/up", payload: Array("{not json".utf8), qos: .atLeastOnce)
            try await publisher.publish(topic: "application/00000000-0000-0000-0000-000000000000/device/70b3d5e75e00f0aa/event/up", payload: Array(up.utf8), qos: .atLeastOnce)
            let kept = try await Self.eventually {
                try await harness.services.store.read { try await $0.wasteReadings.deadLetters(in: city.id, limit: 10) }.contains { $0.door == .mqtt }
            }
            #expect(kept)
            await publisher.disconnect()
            let letters = try await harness.services.store.read { try await $0.wasteReadings.deadLetters(in: city.id, limit: 10) }
            #expect(letters.count == 1 && letters.first?.problem == "lorawan_malformed" && letters.first?.deviceID == "70B3D5E75E00F0AA")
        }
    }

    @Test func aTopicNamesItsApplicationAndDevice() {
        let topic = ChirpStackTopic("application/17C82E96-be03-4f38-aef3-f83d48582d97/device/70b3d5e75e00a001/event/up")
        #expect(topic?.application == Self.application && topic?.devEUI == "70B3D5E75E00A001")
        #expect(ChirpStackTopic("application/x/device/70b3d5e75e00a001/event/join") == nil)
        #expect(ChirpStackTopic("application/x/device/70b3/event/up") == nil)
        #expect(ChirpStackTopic("application//device/70b3d5e75e00a001/event/up") == nil)
    }
}
