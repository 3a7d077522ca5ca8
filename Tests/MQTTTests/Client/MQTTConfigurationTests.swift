@testable import MQTT
import Testing

@Suite("Configuration")
struct MQTTConfigurationTests {
    @Test
    func plainURLGivesHostPortAndCredentials() throws {
        let configuration = try MQTTConfiguration(url: "mqtt://hromada:secret@broker.example:1884", clientID: "waste")
        #expect(configuration.host == "broker.example")
        #expect(configuration.port == 1884)
        #expect(configuration.tls == nil)
        #expect(configuration.username == "hromada")
        #expect(configuration.password == "secret")
        #expect(configuration.clientID == "waste")
    }

    @Test
    func tlsURLDefaultsToPort8883() throws {
        let configuration = try MQTTConfiguration(url: "mqtts://broker.example")
        #expect(configuration.port == 8883)
        #expect(configuration.tls == MQTTTLS())
        #expect(configuration.username == nil)
        #expect(configuration.password == nil)
    }

    @Test
    func plainURLDefaultsToPort1883() throws {
        #expect(try MQTTConfiguration(url: "MQTT://broker.example/").port == 1883)
    }

    @Test
    func userAndPasswordArePercentDecoded() throws {
        let configuration = try MQTTConfiguration(url: "mqtts://%D0%B3%D1%80%D0%BE%D0%BC%D0%B0%D0%B4%D0%B0:p%40ss%3Aw%2Frd@h:1")
        #expect(configuration.username == "громада")
        #expect(configuration.password == "p@ss:w/rd")
    }

    @Test
    func ipv6HostsGoInBrackets() throws {
        let configuration = try MQTTConfiguration(url: "mqtt://[::1]:1885")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 1885)
    }

    @Test(arguments: [
        "http://broker:80",
        "broker:1883",
        "mqtt://",
        "mqtt://user@:1883",
        "mqtt://broker:0",
        "mqtt://broker:65536",
        "mqtt://broker:12a",
        "mqtt://broker:",
        "mqtt://u:%zz@broker",
        "mqtt://u:%C3@broker",
        "mqtt://broker/some/path",
        "mqtt://broker?clientId=x",
        "mqtt://[::1",
    ])
    func malformedURLsAreRefused(url: String) {
        #expect(throws: MQTTError.self) { try MQTTConfiguration(url: url) }
    }

    @Test
    func aPasswordNeverAppearsInAURLError() {
        do {
            _ = try MQTTConfiguration(url: "mqtt://user:hunter2@broker/path")
            Issue.record("the URL should be refused")
        } catch {
            #expect(!"\(error)".contains("hunter2"))
        }
    }

    @Test
    func aPersistentSessionNeedsAClientID() {
        let configuration = MQTTConfiguration(host: "h", port: 1883, cleanSession: false)
        #expect(throws: MQTTError.self) { try configuration.validate() }
    }

    @Test
    func aPasswordNeedsAUserName() {
        let configuration = MQTTConfiguration(host: "h", port: 1883, password: "p")
        #expect(throws: MQTTError.self) { try configuration.validate() }
    }

    @Test
    func keepAliveIsRoundedUpToWholeSecondsOnTheWire() {
        var configuration = MQTTConfiguration(host: "h", port: 1883)
        configuration.keepAlive = .milliseconds(1_500)
        #expect(configuration.connectPacket.keepAliveSeconds == 2)
        configuration.keepAlive = .zero
        #expect(configuration.connectPacket.keepAliveSeconds == 0)
    }
}
