@testable import MQTT
import NIOCore
import Testing

/// Byte strings taken from the examples of the MQTT 3.1.1 specification.
@Suite("Specification examples")
struct MQTTPacketSpecExampleTests {
    /// §2.2.3, table 2.4: the edges of each remaining-length size.
    @Test(arguments: [
        (0, [0x00]),
        (127, [0x7F]),
        (128, [0x80, 0x01]),
        (16_383, [0xFF, 0x7F]),
        (16_384, [0x80, 0x80, 0x01]),
        (2_097_151, [0xFF, 0xFF, 0x7F]),
        (2_097_152, [0x80, 0x80, 0x80, 0x01]),
        (268_435_455, [0xFF, 0xFF, 0xFF, 0x7F]),
    ] as [(Int, [UInt8])])
    func remainingLengthUsesTheSpecifiedBytes(value: Int, bytes: [UInt8]) throws {
        var written = ByteBuffer()
        written.writeRemainingLength(value)
        #expect(Array(written.readableBytesView) == bytes)

        var read = ByteBuffer(bytes: bytes)
        #expect(try read.readRemainingLength() == value)
        #expect(read.readableBytes == 0)
    }

    /// §3.1.2.10, figure 3.6: protocol name, level 4, flags 0xCE, keep-alive 10.
    @Test
    func connectVariableHeaderMatchesFigure3_6() throws {
        let connect = MQTTPacket.Connect(
            clientID: "c",
            cleanSession: true,
            keepAliveSeconds: 10,
            username: "u",
            password: [0x70],
            will: .init(topic: "w", payload: [], qos: .atLeastOnce, retain: false)
        )
        var buffer = ByteBuffer()
        try MQTTPacket.connect(connect).encode(into: &buffer)
        #expect(buffer.getBytes(at: 2, length: 10) == [0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0xCE, 0x00, 0x0A])
    }

    /// §3.3.2.3, figure 3.11: topic "a/b", packet identifier 10.
    @Test
    func publishVariableHeaderMatchesFigure3_11() throws {
        let publish = MQTTPacket.publish(.init(topic: "a/b", payload: [], qos: .atLeastOnce, packetID: 10))
        var buffer = ByteBuffer()
        try publish.encode(into: &buffer)
        #expect(Array(buffer.readableBytesView) == [0x32, 0x07, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x00, 0x0A])
    }

    /// §3.8.3, figure 3.22: "a/b" at QoS 1 and "c/d" at QoS 2.
    @Test
    func subscribeMatchesFigure3_22() throws {
        let bytes: [UInt8] = [0x82, 0x0E, 0x00, 0x0A, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x01, 0x00, 0x03, 0x63, 0x2F, 0x64, 0x02]
        let subscribe = MQTTPacket.subscribe(
            .init(packetID: 10, subscriptions: [.init(filter: "a/b", qos: .atLeastOnce), .init(filter: "c/d", qos: .exactlyOnce)])
        )
        var buffer = ByteBuffer()
        try subscribe.encode(into: &buffer)
        #expect(Array(buffer.readableBytesView) == bytes)
        var input = ByteBuffer(bytes: bytes)
        #expect(try MQTTPacket.decode(from: &input, maximumSize: 1024) == subscribe)
    }

    /// §3.9.3, figure 3.26: granted QoS 0, granted QoS 2, failure.
    @Test
    func subAckMatchesFigure3_26() throws {
        var input = ByteBuffer(bytes: [0x90, 0x05, 0x00, 0x0A, 0x00, 0x02, 0x80])
        let subAck = try MQTTPacket.decode(from: &input, maximumSize: 1024)
        #expect(subAck == .subAck(.init(packetID: 10, results: [.granted(.atMostOnce), .granted(.exactlyOnce), .failure])))
    }

    /// Table 2.2: the fixed headers of the packets without a body, and PUBREL's reserved 0b0010.
    @Test(arguments: [
        (MQTTPacket.pingReq, [0xC0, 0x00]),
        (MQTTPacket.pingResp, [0xD0, 0x00]),
        (MQTTPacket.disconnect, [0xE0, 0x00]),
        (MQTTPacket.pubAck(packetID: 1), [0x40, 0x02, 0x00, 0x01]),
        (MQTTPacket.pubRel(packetID: 258), [0x62, 0x02, 0x01, 0x02]),
        (MQTTPacket.connAck(.init(sessionPresent: true, returnCode: .accepted)), [0x20, 0x02, 0x01, 0x00]),
    ] as [(MQTTPacket, [UInt8])])
    func smallPacketsHaveTheirSpecifiedBytes(packet: MQTTPacket, bytes: [UInt8]) throws {
        var buffer = ByteBuffer()
        try packet.encode(into: &buffer)
        #expect(Array(buffer.readableBytesView) == bytes)
    }
}
