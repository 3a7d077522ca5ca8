import NIOCore

/// CONNECT and CONNACK, shared by the subscriber and the publisher (§3.1, §3.2).
enum MQTTHandshake {
    /// Sends CONNECT and waits for CONNACK, which must be the broker's first packet (§3.2).
    ///
    /// - Returns: whether the broker resumed a stored session.
    /// - Throws: `MQTTError.connectionRefused` for a non-zero return code, `.connAckTimeout`,
    ///   or whatever ended the connection (a TLS failure, for one).
    static func connect(
        _ connect: MQTTPacket.Connect,
        channel: any Channel,
        packets: inout NIOAsyncChannelInboundStream<MQTTPacket>.AsyncIterator,
        timeout: Duration
    ) async throws -> Bool {
        // Failing the pipeline ends the inbound stream with this error, which `next()` throws.
        let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            channel.pipeline.fireErrorCaught(MQTTError.connAckTimeout)
            channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        // Not awaited: a failed write or TLS handshake also ends the inbound stream, with its reason.
        channel.writeAndFlush(MQTTPacket.connect(connect), promise: nil)
        guard let first = try await packets.next() else { throw MQTTError.connectionClosed }
        guard case .connAck(let connAck) = first else { throw MQTTError.unexpectedPacket(first.name) }
        guard connAck.returnCode == .accepted else { throw MQTTError.connectionRefused(connAck.returnCode) }
        return connAck.sessionPresent
    }
}
