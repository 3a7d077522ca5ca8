@testable import MQTT
import NIOCore
import NIOPosix
import Testing

/// A broker inside the test process that answers as a test tells it, for the failures a
/// healthy mosquitto never produces: silence, refusals, oversized or repeated packets.
final class ScriptedBroker: Sendable {
    typealias Script = @Sendable (MQTTPacket) -> [MQTTPacket]

    /// Every packet the client sent, in order.
    let received: Inbox<MQTTPacket>
    let port: Int
    private let server: any Channel
    private let connections: Inbox<any Channel>

    private init(server: any Channel, port: Int, connections: Inbox<any Channel>, received: Inbox<MQTTPacket>) {
        self.received = received
        self.server = server
        self.port = port
        self.connections = connections
    }

    static func start(_ script: @escaping Script = ScriptedBroker.healthy()) async throws -> ScriptedBroker {
        let received = Inbox<MQTTPacket>()
        let connections = Inbox<any Channel>()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                connections.append(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        ByteToMessageHandler(MQTTPacketDecoder(maximumPacketSize: 1 << 20)),
                        MessageToByteHandler(MQTTPacketEncoder()),
                        ScriptedBrokerHandler(script: script, received: received)
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let port = try #require(server.localAddress?.port)
        return ScriptedBroker(server: server, port: port, connections: connections, received: received)
    }

    /// Sends a packet to the client that connected last.
    func send(_ packet: MQTTPacket) async throws {
        let connection = try #require(self.connections.items.last)
        try await connection.writeAndFlush(packet).get()
    }

    func stop() async {
        try? await self.server.close()
        for connection in self.connections.items {
            try? await connection.close()
        }
    }

    /// Accepts the connection, grants every subscription, answers pings.
    static func healthy(answeringPings: Bool = true) -> Script {
        { packet in
            switch packet {
            case .connect:
                [.connAck(.init(sessionPresent: false, returnCode: .accepted))]
            case .subscribe(let subscribe):
                [.subAck(.init(packetID: subscribe.packetID, results: subscribe.subscriptions.map { .granted($0.qos) }))]
            case .pingReq:
                answeringPings ? [.pingResp] : []
            default:
                []
            }
        }
    }

    /// A subscriber configuration for this broker, retrying quickly.
    ///
    /// The connect timeout is generous by default: with the whole suite running on two
    /// cores, a CONNACK can take longer than a few hundred milliseconds to be read.
    func configuration(keepAlive: Duration = .seconds(30), connectTimeout: Duration = .seconds(5)) -> MQTTConfiguration {
        MQTTConfiguration(
            host: "127.0.0.1",
            port: self.port,
            clientID: "scripted",
            keepAlive: keepAlive,
            backoff: MQTTBackoff(first: .milliseconds(20), maximum: .milliseconds(100)),
            connectTimeout: connectTimeout
        )
    }
}

private final class ScriptedBrokerHandler: ChannelInboundHandler {
    typealias InboundIn = MQTTPacket
    typealias OutboundOut = MQTTPacket

    private let script: ScriptedBroker.Script
    private let received: Inbox<MQTTPacket>

    init(script: @escaping ScriptedBroker.Script, received: Inbox<MQTTPacket>) {
        self.script = script
        self.received = received
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let packet = self.unwrapInboundIn(data)
        self.received.append(packet)
        for reply in self.script(packet) {
            context.write(self.wrapOutboundOut(reply), promise: nil)
        }
        context.flush()
    }
}
