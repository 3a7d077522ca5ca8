import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// Opens connections to the broker: the one place that knows NIO's bootstrap and pipeline.
///
/// Pipeline, from the socket up: TLS (optional), packet decoder, packet encoder, keep-alive,
/// and the async channel the client reads packets from. Packets are written with
/// `channel.writeAndFlush`, whose future also works in a cancelled task, so a PUBACK or a
/// DISCONNECT still goes out while the subscriber is shutting down.
enum MQTTChannel {
    typealias Connection = NIOAsyncChannel<MQTTPacket, Never>

    /// Loads the trust roots once per client, so an unreadable CA file fails at start-up.
    static func makeTLSContext(_ tls: MQTTTLS) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        if let caFile = tls.caFile {
            configuration.trustRoots = .file(caFile)
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// Connects and builds the pipeline. Cancelling the task closes a connect still in
    /// progress, so shutting down never waits out `connectTimeout` for an unreachable broker.
    static func connect(to configuration: MQTTConfiguration, tlsContext: NIOSSLContext?) async throws -> Connection {
        let serverHostname = self.serverHostname(for: configuration)
        let keepAliveSeconds = configuration.connectPacket.keepAliveSeconds
        let maximumPacketSize = configuration.maximumPacketSize
        let attempt = ConnectAttempt()
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
        return try await withTaskCancellationHandler {
            try await bootstrap.connect(host: configuration.host, port: configuration.port) { channel in
                guard attempt.begin(channel) else {
                    return channel.eventLoop.makeFailedFuture(CancellationError())
                }
                return channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tlsContext {
                        try pipeline.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: serverHostname))
                    }
                    try pipeline.addHandler(ByteToMessageHandler(MQTTPacketDecoder(maximumPacketSize: maximumPacketSize)))
                    try pipeline.addHandler(MessageToByteHandler(MQTTPacketEncoder()))
                    if keepAliveSeconds > 0 {
                        // The interval the broker was told, not the unrounded configuration value.
                        try pipeline.addHandler(MQTTKeepAliveHandler(interval: .seconds(Int64(keepAliveSeconds))))
                    }
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        } onCancel: {
            attempt.cancel()
        }
    }

    /// NIO's many ways of saying "the broker went away", as the one reason a log reader needs.
    static func reason(for error: any Error) -> any Error {
        switch error {
        case ChannelError.ioOnClosedChannel, ChannelError.alreadyClosed, ChannelError.eof,
            ChannelError.inputClosed, ChannelError.outputClosed, NIOSSLError.uncleanShutdown:
            MQTTError.connectionClosed
        default:
            error
        }
    }

    /// SNI and the certificate check use `serverName`, else the host. An IP address cannot go
    /// into SNI (RFC 6066 §3); without a name NIOSSL checks the certificate's IP entries instead.
    private static func serverHostname(for configuration: MQTTConfiguration) -> String? {
        if let serverName = configuration.tls?.serverName {
            return serverName
        }
        let isIPAddress = (try? SocketAddress(ipAddress: configuration.host, port: 0)) != nil
        return isIPAddress ? nil : configuration.host
    }
}

/// The channel of a connect in progress, so that cancellation can close it.
private final class ConnectAttempt: Sendable {
    private enum State {
        case starting
        case connecting(any Channel)
        case cancelled
    }

    private let state = Mutex(State.starting)

    /// False when the task was cancelled before the channel existed.
    func begin(_ channel: any Channel) -> Bool {
        self.state.withLock { state in
            if case .cancelled = state {
                return false
            }
            state = .connecting(channel)
            return true
        }
    }

    func cancel() {
        let channel = self.state.withLock { state -> (any Channel)? in
            defer { state = .cancelled }
            if case .connecting(let channel) = state {
                return channel
            }
            return nil
        }
        channel?.close(promise: nil)
    }
}
