import Foundation
import Logging
import MQTT
import Testing

/// The private broker of `scripts/mosquitto-up`, found through the variables it prints.
enum TestBroker {
    private static let environment = ProcessInfo.processInfo.environment

    static let isConfigured =
        environment["HROMADA_TEST_MQTT_URL"] != nil
        && environment["HROMADA_TEST_MQTT_CA"] != nil
        && environment["HROMADA_TEST_MQTT_PLAIN_URL"] != nil

    static var caFile: String {
        get throws { try #require(environment["HROMADA_TEST_MQTT_CA"]) }
    }

    static let logger: Logger = {
        var logger = Logger(label: "hromada.mqtt.test")
        logger.logLevel = .notice
        return logger
    }()

    /// TLS with the test CA, user and password; quick retries so tests stay short.
    static func tls(clientID: String) throws -> MQTTConfiguration {
        var configuration = try MQTTConfiguration(url: try #require(environment["HROMADA_TEST_MQTT_URL"]), clientID: clientID)
        configuration.tls?.caFile = try self.caFile
        return self.quick(configuration)
    }

    static func plain(clientID: String) throws -> MQTTConfiguration {
        let configuration = try MQTTConfiguration(url: try #require(environment["HROMADA_TEST_MQTT_PLAIN_URL"]), clientID: clientID)
        return self.quick(configuration)
    }

    private static func quick(_ configuration: MQTTConfiguration) -> MQTTConfiguration {
        var configuration = configuration
        configuration.backoff = MQTTBackoff(first: .milliseconds(50), maximum: .milliseconds(400))
        configuration.keepAlive = .seconds(5)
        configuration.connectTimeout = .seconds(5)
        return configuration
    }

    /// Keeps parallel tests apart on the one broker.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))"
    }

    /// Publishes a file's bytes with `mosquitto_pub`, as another client would.
    static func mosquittoPub(_ configuration: MQTTConfiguration, topic: String, payloadFile: String, qos: Int) async throws {
        try await self.runMosquittoClient(
            "mosquitto_pub",
            self.clientArguments(configuration) + ["-q", "\(qos)", "-t", topic, "-f", payloadFile]
        )
    }

    /// Subscribes with `mosquitto_sub` and leaves at once, keeping the session (`-c`) for `clientID`.
    static func mosquittoSubscribeAndLeave(_ configuration: MQTTConfiguration, filter: String, qos: Int) async throws {
        try await self.runMosquittoClient(
            "mosquitto_sub",
            self.clientArguments(configuration) + ["-i", configuration.clientID, "-c", "-q", "\(qos)", "-t", filter, "-E"]
        )
    }

    private static func clientArguments(_ configuration: MQTTConfiguration) throws -> [String] {
        var arguments = [
            "-h", configuration.host, "-p", "\(configuration.port)",
            "-u", try #require(configuration.username), "-P", try #require(configuration.password),
        ]
        if let caFile = configuration.tls?.caFile {
            arguments += ["--cafile", caFile]
        }
        return arguments
    }

    private static func runMosquittoClient(_ tool: String, _ arguments: [String]) async throws {
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [tool] + arguments
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
            }
        }
        #expect(status == 0, "\(tool) failed")
    }
}

extension MQTTConnectionEvent {
    var isConnected: Bool {
        if case .connected = self { true } else { false }
    }

    var isDisconnected: Bool {
        if case .disconnected = self { true } else { false }
    }
}
