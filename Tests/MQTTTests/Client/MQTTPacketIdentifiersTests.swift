@testable import MQTT
import Testing

@Suite("Packet identifiers (§2.3.1)")
struct MQTTPacketIdentifiersTests {
    @Test
    func identifiersStartAtOneAndSkipThoseInUse() throws {
        var identifiers = MQTTPacketIdentifiers()
        #expect(try identifiers.next(isInUse: { _ in false }) == 1)
        #expect(try identifiers.next(isInUse: { $0 == 2 || $0 == 3 }) == 4)
    }

    @Test
    func identifiersWrapToOneNeverZero() throws {
        var identifiers = MQTTPacketIdentifiers()
        for _ in 1..<65535 {
            _ = try identifiers.next(isInUse: { _ in false })
        }
        #expect(try identifiers.next(isInUse: { _ in false }) == 65535)
        #expect(try identifiers.next(isInUse: { _ in false }) == 1)
    }

    @Test
    func allIdentifiersInUseIsAnError() {
        var identifiers = MQTTPacketIdentifiers()
        #expect(throws: MQTTError.packetIdentifiersExhausted) { try identifiers.next(isInUse: { _ in true }) }
    }
}
