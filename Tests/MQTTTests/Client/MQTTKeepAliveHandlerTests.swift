@testable import MQTT
import NIOCore
import NIOEmbedded
import Testing

/// The keep-alive rules of §3.1.2.10 on a virtual clock.
@Suite("Keep-alive")
struct MQTTKeepAliveHandlerTests {
    private let loop = EmbeddedEventLoop()
    private let channel: EmbeddedChannel

    init() throws {
        self.channel = EmbeddedChannel(handler: MQTTKeepAliveHandler(interval: .seconds(5)), loop: self.loop)
        try self.channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1883)).wait()
        // What the async channel does while its consumer keeps up.
        self.channel.read()
    }

    private func sent() throws -> [MQTTPacket] {
        var packets: [MQTTPacket] = []
        while let packet = try self.channel.readOutbound(as: MQTTPacket.self) {
            packets.append(packet)
        }
        return packets
    }

    @Test
    func anIdleClientSendsPingReqAfterTheInterval() throws {
        self.loop.advanceTime(by: .milliseconds(4_999))
        #expect(try self.sent() == [])
        self.loop.advanceTime(by: .milliseconds(1))
        #expect(try self.sent() == [.pingReq])
    }

    @Test
    func anyOutgoingPacketPostponesThePing() throws {
        self.loop.advanceTime(by: .seconds(3))
        try self.channel.writeOutbound(MQTTPacket.pubAck(packetID: 1))
        self.loop.advanceTime(by: .seconds(2))
        #expect(try self.sent() == [.pubAck(packetID: 1)])
        self.loop.advanceTime(by: .seconds(3))
        #expect(try self.sent() == [.pingReq])
    }

    @Test
    func aTimelyPingRespKeepsTheConnectionAndIsNotPassedOn() throws {
        for _ in 0..<4 {
            self.loop.advanceTime(by: .seconds(5))
            #expect(try self.sent() == [.pingReq])
            self.loop.advanceTime(by: .seconds(1))
            try self.channel.writeInbound(MQTTPacket.pingResp)
            self.loop.advanceTime(by: .seconds(-1))
        }
        #expect(self.channel.isActive)
        #expect(try self.channel.readInbound(as: MQTTPacket.self) == nil)
    }

    @Test
    func aMissingPingRespClosesTheConnectionAsDead() throws {
        self.loop.advanceTime(by: .seconds(5))
        #expect(try self.sent() == [.pingReq])
        self.loop.advanceTime(by: .milliseconds(4_999))
        #expect(self.channel.isActive)
        self.loop.advanceTime(by: .milliseconds(1))
        #expect(!self.channel.isActive)
        #expect(throws: MQTTError.keepAliveTimeout) { try self.channel.throwIfErrorCaught() }
    }

    @Test
    func otherIncomingPacketsDoNotStandInForPingResp() throws {
        self.loop.advanceTime(by: .seconds(5))
        try self.channel.writeInbound(MQTTPacket.publish(.init(topic: "t", payload: [], qos: .atMostOnce, packetID: nil)))
        // The consumer took the message and asks for more.
        self.channel.read()
        self.loop.advanceTime(by: .seconds(5))
        #expect(!self.channel.isActive)
    }

    /// While a slow handler has paused reading, PINGRESP may sit unread in the socket.
    @Test
    func aLatePingRespCountsOnlyWhileReadingAndPingsGoOn() throws {
        self.loop.advanceTime(by: .seconds(5))
        #expect(try self.sent() == [.pingReq])
        // A batch was read and the consumer did not ask for more.
        self.channel.pipeline.fireChannelReadComplete()
        self.loop.advanceTime(by: .seconds(5))
        #expect(self.channel.isActive)
        // Still silent for an interval, so the broker hears from us again.
        #expect(try self.sent() == [.pingReq])
        // The consumer catches up; the answer still does not come.
        self.channel.read()
        self.loop.advanceTime(by: .seconds(5))
        #expect(!self.channel.isActive)
    }
}
