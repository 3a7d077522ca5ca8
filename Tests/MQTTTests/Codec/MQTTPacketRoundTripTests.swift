import MQTT
import NIOCore
import Testing

@Suite("Packet round trips")
struct MQTTPacketRoundTripTests {
    @Test(arguments: MQTTPacketSamples.all)
    func everyPacketDecodesToWhatWasEncoded(_ packet: MQTTPacket) throws {
        var buffer = ByteBuffer()
        try packet.encode(into: &buffer)
        let decoded = try MQTTPacket.decode(from: &buffer, maximumSize: 1 << 20)
        #expect(decoded == packet)
        #expect(buffer.readableBytes == 0)
    }

    @Test(arguments: MQTTPacketSamples.all)
    func anIncompletePacketWaitsForMoreBytesWithoutConsumingAny(_ packet: MQTTPacket) throws {
        var whole = ByteBuffer()
        try packet.encode(into: &whole)
        for length in 0..<whole.readableBytes {
            var prefix = whole.getSlice(at: whole.readerIndex, length: length) ?? ByteBuffer()
            #expect(try MQTTPacket.decode(from: &prefix, maximumSize: 1 << 20) == nil)
            #expect(prefix.readableBytes == length)
        }
    }

    @Test
    func aStreamOfPacketsDecodesInOrder() throws {
        var stream = ByteBuffer()
        for packet in MQTTPacketSamples.all {
            try packet.encode(into: &stream)
        }
        var decoded: [MQTTPacket] = []
        while let packet = try MQTTPacket.decode(from: &stream, maximumSize: 1 << 20) {
            decoded.append(packet)
        }
        #expect(decoded == MQTTPacketSamples.all)
    }

    @Test
    func aPayloadOfTwoMebibytesNeedsAFourByteRemainingLength() throws {
        let payload = [UInt8](repeating: 0xA5, count: 2_097_152)
        let packet = MQTTPacket.publish(.init(topic: "t", payload: payload, qos: .atMostOnce, packetID: nil))
        var buffer = ByteBuffer()
        try packet.encode(into: &buffer)
        // 2 + 1 (topic) + 2 MiB = 2 097 155 → 83 80 80 01
        #expect(buffer.getBytes(at: 0, length: 5) == [0x30, 0x83, 0x80, 0x80, 0x01])
        #expect(try MQTTPacket.decode(from: &buffer, maximumSize: 4 << 20) == packet)
    }
}
