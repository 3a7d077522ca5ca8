import MQTT
import NIOCore
import Testing

/// Every rule of the decoder, broken once. A broken rule throws; it never traps.
@Suite("Malformed packets")
struct MQTTPacketMalformedInputTests {
    private static func decode(_ bytes: [UInt8], maximumSize: Int = 1 << 20) throws -> MQTTPacket? {
        var buffer = ByteBuffer(bytes: bytes)
        return try MQTTPacket.decode(from: &buffer, maximumSize: maximumSize)
    }

    /// A PUBLISH at QoS 0 whose topic is the given bytes.
    private static func publish(topic: [UInt8]) -> [UInt8] {
        [0x30, UInt8(2 + topic.count), 0x00, UInt8(topic.count)] + topic
    }

    @Test
    func aFifthRemainingLengthByteIsRefused() {
        #expect(throws: MQTTPacketError.remainingLengthTooLong) {
            try Self.decode([0x30, 0x80, 0x80, 0x80, 0x80, 0x01])
        }
        // Refused as soon as the fourth byte says "more follows".
        #expect(throws: MQTTPacketError.remainingLengthTooLong) {
            try Self.decode([0x30, 0xFF, 0xFF, 0xFF, 0xFF])
        }
    }

    @Test
    func aPacketAboveTheMaximumIsRefusedBeforeItsBodyArrives() {
        // 2 MiB announced, only the header present.
        #expect(throws: MQTTPacketError.packetTooLarge(size: 2_097_157, maximum: 1 << 20)) {
            try Self.decode([0x30, 0x80, 0x80, 0x80, 0x01])
        }
        #expect(throws: MQTTPacketError.packetTooLarge(size: 4, maximum: 3)) {
            try Self.decode([0x40, 0x02, 0x00, 0x01], maximumSize: 3)
        }
    }

    @Test
    func incompleteInputAsksForMore() throws {
        #expect(try Self.decode([]) == nil)
        #expect(try Self.decode([0x30]) == nil)
        #expect(try Self.decode([0x30, 0x80]) == nil)
        #expect(try Self.decode([0x40, 0x02, 0x00]) == nil)
    }

    @Test(arguments: [
        [0x40, 0x01, 0x00],  // PUBACK with half an identifier
        [0x30, 0x03, 0x00, 0x05, 0x61],  // topic longer than the packet
        [0x32, 0x03, 0x00, 0x01, 0x61],  // QoS 1 without room for the identifier
        [0x20, 0x01, 0x00],  // CONNACK missing its return code
        [0x10, 0x02, 0x00, 0x04],  // CONNECT cut inside the protocol name
    ] as [[UInt8]])
    func aFieldRunningPastTheRemainingLengthIsTruncated(bytes: [UInt8]) {
        #expect(throws: MQTTPacketError.truncated) { try Self.decode(bytes) }
    }

    @Test(arguments: [
        [0xD0, 0x01, 0x00],  // PINGRESP with a body
        [0x40, 0x03, 0x00, 0x01, 0x02],  // PUBACK with an extra byte
        [0x20, 0x03, 0x00, 0x00, 0x00],  // CONNACK with an extra byte
    ] as [[UInt8]])
    func bytesAfterTheLastFieldAreRefused(bytes: [UInt8]) {
        #expect(throws: MQTTPacketError.trailingBytes) { try Self.decode(bytes) }
    }

    @Test(arguments: [
        [0xC3, 0x28],  // invalid continuation
        [0xED, 0xA0, 0x80],  // UTF-16 surrogate U+D800
        [0x61, 0x00, 0x62],  // U+0000
        [0xF8, 0x88, 0x80, 0x80, 0x80],  // five-byte form
        [0xC0, 0xAF],  // overlong "/"
    ] as [[UInt8]])
    func aTopicThatIsNotMQTTUTF8IsRefused(topic: [UInt8]) {
        #expect(throws: MQTTPacketError.invalidUTF8) { try Self.decode(Self.publish(topic: topic)) }
    }

    @Test(arguments: ["a/+", "#", ""])
    func aPublishTopicWithAWildcardOrNothingIsRefused(topic: String) {
        #expect(throws: MQTTPacketError.invalidTopicName(topic)) {
            try Self.decode(Self.publish(topic: Array(topic.utf8)))
        }
    }

    @Test(arguments: [
        ([0x41, 0x02, 0x00, 0x01], 4, 1),  // PUBACK with a flag
        ([0x60, 0x02, 0x00, 0x01], 6, 0),  // PUBREL without its reserved 0b0010
        ([0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x01], 8, 0),  // SUBSCRIBE without 0b0010
        ([0xA0, 0x05, 0x00, 0x01, 0x00, 0x01, 0x61], 10, 0),  // UNSUBSCRIBE without 0b0010
        ([0x38, 0x03, 0x00, 0x01, 0x61], 3, 8),  // DUP on QoS 0
        ([0xC1, 0x00], 12, 1),  // PINGREQ with a flag
    ] as [([UInt8], UInt8, UInt8)])
    func wrongFixedHeaderFlagsAreRefused(bytes: [UInt8], type: UInt8, flags: UInt8) {
        #expect(throws: MQTTPacketError.invalidFlags(packetType: type, flags: flags)) { try Self.decode(bytes) }
    }

    @Test
    func qos3IsRefused() {
        #expect(throws: MQTTPacketError.invalidQoS(3)) { try Self.decode([0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01]) }
    }

    @Test(arguments: [UInt8(0x00), 0xF0])
    func reservedPacketTypesAreRefused(firstByte: UInt8) {
        #expect(throws: MQTTPacketError.reservedPacketType(firstByte >> 4)) { try Self.decode([firstByte, 0x00]) }
    }

    @Test
    func packetIdentifierZeroIsRefused() {
        #expect(throws: MQTTPacketError.invalidPacketIdentifier) { try Self.decode([0x40, 0x02, 0x00, 0x00]) }
        #expect(throws: MQTTPacketError.invalidPacketIdentifier) { try Self.decode([0x32, 0x05, 0x00, 0x01, 0x61, 0x00, 0x00]) }
    }

    @Test
    func connAckRulesAreEnforced() {
        #expect(throws: MQTTPacketError.invalidConnAckFlags(2)) { try Self.decode([0x20, 0x02, 0x02, 0x00]) }
        #expect(throws: MQTTPacketError.unknownConnectReturnCode(6)) { try Self.decode([0x20, 0x02, 0x00, 0x06]) }
    }

    @Test
    func subAckWithAnUnknownReturnCodeOrNoneIsRefused() {
        #expect(throws: MQTTPacketError.invalidSubAckReturnCode(3)) { try Self.decode([0x90, 0x03, 0x00, 0x01, 0x03]) }
        #expect(throws: MQTTPacketError.emptyPayload) { try Self.decode([0x90, 0x02, 0x00, 0x01]) }
    }

    @Test
    func subscribeRulesAreEnforced() {
        #expect(throws: MQTTPacketError.emptyPayload) { try Self.decode([0x82, 0x02, 0x00, 0x01]) }
        // "a/#/b": "#" must be last.
        #expect(throws: MQTTPacketError.invalidTopicFilter("a/#/b")) {
            try Self.decode([0x82, 0x0A, 0x00, 0x01, 0x00, 0x05, 0x61, 0x2F, 0x23, 0x2F, 0x62, 0x01])
        }
        #expect(throws: MQTTPacketError.invalidRequestedQoS(0x41)) {
            try Self.decode([0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x41])
        }
    }

    @Test
    func connectRulesAreEnforced() {
        // MQTT 3.1 ("MQIsdp", level 3) is not spoken.
        let mqtt31: [UInt8] = [0x10, 0x0E, 0x00, 0x06] + Array("MQIsdp".utf8) + [0x03, 0x02, 0x00, 0x3C, 0x00, 0x00]
        #expect(throws: MQTTPacketError.unsupportedProtocol(name: "MQIsdp", level: 3)) { try Self.decode(mqtt31) }
        // A password without a user name (flags 0x42).
        let passwordOnly: [UInt8] = [0x10, 0x0C, 0x00, 0x04] + Array("MQTT".utf8) + [0x04, 0x42, 0x00, 0x3C, 0x00, 0x00]
        #expect(throws: MQTTPacketError.invalidConnectFlags(0x42)) { try Self.decode(passwordOnly) }
        // The reserved bit (flags 0x03).
        let reserved: [UInt8] = [0x10, 0x0C, 0x00, 0x04] + Array("MQTT".utf8) + [0x04, 0x03, 0x00, 0x3C, 0x00, 0x00]
        #expect(throws: MQTTPacketError.invalidConnectFlags(0x03)) { try Self.decode(reserved) }
    }

    @Test
    func packetsThatCannotBeRepresentedAreNotEncoded() {
        var buffer = ByteBuffer()
        let longClientID = String(repeating: "x", count: 65_536)
        #expect(throws: MQTTPacketError.fieldTooLong(65_536)) {
            try MQTTPacket.connect(.init(clientID: longClientID, cleanSession: true, keepAliveSeconds: 0)).encode(into: &buffer)
        }
        #expect(throws: MQTTPacketError.invalidPacketIdentifier) {
            try MQTTPacket.publish(.init(topic: "t", payload: [], qos: .atLeastOnce, packetID: nil)).encode(into: &buffer)
        }
        #expect(throws: MQTTPacketError.invalidTopicName("a/#")) {
            try MQTTPacket.publish(.init(topic: "a/#", payload: [], qos: .atMostOnce, packetID: nil)).encode(into: &buffer)
        }
        #expect(throws: MQTTPacketError.invalidConnectFlags(0x42)) {
            try MQTTPacket.connect(.init(clientID: "c", cleanSession: true, keepAliveSeconds: 0, password: [1]))
                .encode(into: &buffer)
        }
        #expect(buffer.readableBytes == 0)
    }
}
